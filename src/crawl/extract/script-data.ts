/**
 * Lists rendered by JavaScript often ship their data inline: `var data = [{"title": …, "url": …,
 * "date": …}]`. When the shape is that obvious we read it; anything less obvious is left alone.
 */

export interface ScriptRecord {
  title: string;
  href: string;
  dateText: string | null;
}

const TITLE_KEYS = ['title', 'name', 'doctitle', 'docTitle', 'subject', 'bt'];
const URL_KEYS = ['url', 'href', 'link', 'docurl', 'docUrl', 'pubUrl', 'path'];
const DATE_KEYS = [
  'date',
  'pubDate',
  'pubdate',
  'publishDate',
  'publishTime',
  'docreltime',
  'time',
  'createTime',
  'fbrq',
];
/** How many array openings one script is searched from; bounds the work on pathological scripts. */
const MAX_STARTS = 20;

/** Records with a title and a URL found in JSON arrays of objects inside a script's text. */
export function recordsInScript(script: string): ScriptRecord[] {
  const out: ScriptRecord[] = [];
  const opening = /\[\s*\{/g;
  let starts = 0;
  for (let match = opening.exec(script); match && starts < MAX_STARTS; match = opening.exec(script)) {
    starts++;
    const end = matchingBracket(script, match.index);
    if (end < 0) break;
    opening.lastIndex = end + 1;
    let parsed: unknown;
    try {
      parsed = JSON.parse(script.slice(match.index, end + 1));
    } catch {
      continue;
    }
    if (!Array.isArray(parsed)) continue;
    for (const entry of parsed) {
      const record = toRecord(entry);
      if (record) out.push(record);
    }
  }
  return out;
}

function toRecord(entry: unknown): ScriptRecord | null {
  if (!entry || typeof entry !== 'object') return null;
  const object = entry as Record<string, unknown>;
  const pick = (keys: string[]): string | null => {
    for (const key of keys) {
      const value = object[key];
      if (typeof value === 'string' && value.trim()) return value.trim();
    }
    return null;
  };
  const title = pick(TITLE_KEYS);
  const href = pick(URL_KEYS);
  if (!title || !href) return null;
  return { title, href, dateText: pick(DATE_KEYS) };
}

/** Index of the bracket closing the one at `start`, skipping strings; -1 when unbalanced. */
function matchingBracket(text: string, start: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[' || ch === '{') depth++;
    else if (ch === ']' || ch === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}
