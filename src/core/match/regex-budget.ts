/**
 * Catalogue and rule-pack title patterns run against every crawled title, on the V8 engine, which
 * backtracks. A pattern that can match the same text in exponentially many ways stalls a sweep on
 * one crafted title. Two checks, both at validation time:
 *
 * - by shape: a repeated group whose alternatives can begin with the same character,
 *   `(统|统)*`, `(预算|预)+` — the nested-quantifier shape `(a+)+` is refused by the schema as well;
 * - by trial, with a time budget: the pattern is run on titles built from its own characters,
 *   growing in length, and refused as soon as one run takes longer than the budget. Growth that
 *   doubles per character crosses the budget within a few lengths; a safe pattern takes microseconds.
 */

/** Per trial run; a safe pattern on a 28-character title takes microseconds. */
export const REGEX_TRIAL_BUDGET_MS = 50;
const TRIAL_LENGTHS = [8, 12, 16, 20, 24, 28];
const MAX_TRIAL_CHARS = 8;

/** The top-level alternatives of a group's body (split on `|` outside nested groups and classes). */
function alternatives(body: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(body.slice(start, i));
      start = i + 1;
    }
  }
  out.push(body.slice(start));
  return out;
}

/** The first literal character of an alternative, or null when it starts with a class or group. */
function firstLiteral(alternative: string): string | null {
  const text = alternative.replace(/^\?(?::|<?[=!]|<\w+>)/, '');
  const c = text[0];
  if (!c || '([.\\^$'.includes(c)) return null;
  return c;
}

/** A quantified group (`(…)*`, `(…)+`, `(…){n,}`) whose alternatives can start alike, or null. */
export function overlappingRepeatedAlternation(pattern: string): string | null {
  const stack: number[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      i = end < 0 ? pattern.length : end;
      continue;
    }
    if (c === '(') stack.push(i);
    if (c !== ')') continue;
    const open = stack.pop();
    if (open === undefined) continue;
    const quantifier = /^(?:[+*]|\{\d+,\d*\})/.exec(pattern.slice(i + 1))?.[0];
    if (!quantifier) continue;
    const firsts = alternatives(pattern.slice(open + 1, i)).map(firstLiteral);
    if (firsts.length < 2) continue;
    const seen = new Set<string>();
    for (const f of firsts) {
      if (f === null || seen.has(f)) return pattern.slice(open, i + 1) + quantifier;
      seen.add(f);
    }
  }
  return null;
}

/** Titles built from the pattern's own literal characters, ending in one no pattern expects. */
function trialTitles(pattern: string): string[][] {
  const literals = [...new Set(pattern.replace(/\\./g, '').replace(/[()[\]{}|*+?.^$\d,]/g, ''))];
  const chars = (literals.length > 0 ? literals : ['a']).slice(0, MAX_TRIAL_CHARS);
  return chars.map((c) => TRIAL_LENGTHS.map((n) => `${c.repeat(n)}\u0000`));
}

/**
 * Why `pattern` may backtrack catastrophically, or null when it passed both checks.
 * Assumes the pattern compiles.
 */
export function backtrackingRisk(pattern: string, budgetMs = REGEX_TRIAL_BUDGET_MS): string | null {
  const overlap = overlappingRepeatedAlternation(pattern);
  if (overlap) {
    return `the repeated group ${overlap} has alternatives that can match the same text, so a title can be tried in exponentially many ways: make the alternatives start differently or drop the repetition`;
  }
  const re = new RegExp(pattern, 'i');
  // V8 compiles a pattern on its first run: that cost is not the pattern's, so it is paid here.
  re.test('');
  for (const titles of trialTitles(pattern)) {
    for (const title of titles) {
      const took = fastestRun(re, title, budgetMs);
      if (took > budgetMs) {
        return `took ${Math.round(took)} ms on a ${title.length - 1}-character title of repeated "${title[0]}" (budget ${budgetMs} ms): the pattern backtracks catastrophically, rewrite it`;
      }
    }
  }
  return null;
}

/** Runs over the budget again: a pause of a busy machine or a collection does not recur three times. */
const TRIAL_ATTEMPTS = 3;

/** The fastest of up to three runs of `re` on `title`, stopping at the first within the budget. */
function fastestRun(re: RegExp, title: string, budgetMs: number): number {
  let fastest = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < TRIAL_ATTEMPTS && fastest > budgetMs; attempt++) {
    const started = performance.now();
    re.test(title);
    fastest = Math.min(fastest, performance.now() - started);
  }
  return fastest;
}
