import { splitUnits } from './lines';

/** Units and deadline a plan states in labelled notes: （牵头单位：…；配合单位：…）, 完成时限：… */
export interface Annotations {
  lead: string[];
  responsible: string[];
  supporting: string[];
  deadline: string[];
  /** The text with the labelled notes taken out, otherwise verbatim. */
  rest: string;
}

const LABEL =
  /(牵头单位|牵头部门|责任单位|责任部门|负责单位|配合单位|配合部门|协办单位|参与单位|完成时限|完成时间|时间要求|时限要求)\s*[:：]/;

/**
 * Takes labelled notes out of an item's text. A note is either wrapped in parentheses
 * (（责任单位：区环境保护局）) or a line of its own (责任单位：…). Several labels can share one note,
 * separated by ；. Parentheses inside a note (各县（市、区）) are kept with it.
 */
export function takeAnnotations(text: string): Annotations {
  const found: Annotations = { lead: [], responsible: [], supporting: [], deadline: [], rest: '' };
  let rest = '';
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    const open = char === '（' || char === '(';
    const lineStart = i === 0 || text[i - 1] === '\n';
    if (open && LABEL.exec(text.slice(i + 1))?.index === 0) {
      const close = matchingClose(text, i);
      addNote(found, text.slice(i + 1, close));
      i = close + 1;
      continue;
    }
    if (lineStart && LABEL.exec(text.slice(i))?.index === 0) {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      addNote(found, text.slice(i, stop));
      i = stop;
      continue;
    }
    rest += char;
    i++;
  }
  found.rest = rest
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
  return found;
}

function matchingClose(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const char = text[i];
    if (char === '（' || char === '(') depth++;
    if (char === '）' || char === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return text.length;
}

function addNote(found: Annotations, note: string): void {
  for (const part of note.split(/[；;]/)) {
    const match = LABEL.exec(part);
    if (!match) continue;
    const value = part
      .slice(match.index + match[0].length)
      .trim()
      .replace(/[。.]$/, '');
    if (!value) continue;
    const label = match[1]!;
    if (/时限|时间/.test(label)) found.deadline.push(value);
    else if (label.startsWith('牵头')) found.lead.push(...splitUnits(value));
    else if (/配合|协办|参与/.test(label)) found.supporting.push(...splitUnits(value));
    else found.responsible.push(...splitUnits(value));
  }
}

/**
 * Lead units become the obligation's units and 配合/协办 units its supporting units. When a plan
 * names both 牵头单位 and 责任单位, the 责任单位 share the work and count as supporting.
 */
export function assignUnits(notes: Pick<Annotations, 'lead' | 'responsible' | 'supporting'>): {
  units: string[];
  supportingUnits: string[];
} {
  if (notes.lead.length > 0) {
    return { units: notes.lead, supportingUnits: [...notes.responsible, ...notes.supporting] };
  }
  return { units: notes.responsible, supportingUnits: notes.supporting };
}

/** Units named in the prose: 区财政局牵头，各部门配合. */
export function proseUnits(text: string): { units: string[]; supportingUnits: string[] } | null {
  const match =
    /(?:由)?([^，,。；;\n]{2,40}?)牵头(?:[，,]\s*(?:会同)?([^，,。；;\n]{2,60}?)(?:配合|参与|协助))?/.exec(
      text,
    );
  if (!match) return null;
  const units = splitUnits(match[1]!);
  return units.length > 0 ? { units, supportingUnits: match[2] ? splitUnits(match[2]) : [] } : null;
}
