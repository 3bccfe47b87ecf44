import { it } from 'vitest';

/**
 * The test function for one hostile case. A case with a `gap` describes behaviour the monitor
 * should have and does not yet: it runs with `it.fails`, so the suite stays green while the gap is
 * open and turns red the day it is closed (then the marker must go). `HOSTILE_GAPS=strict` runs
 * every gap as a plain test, to see exactly how each one fails today.
 */
export function caseTest(gap: string | undefined): typeof it | typeof it.fails {
  return gap && process.env.HOSTILE_GAPS !== 'strict' ? it.fails : it;
}

/** The test title of a case: its id, what it checks, and the open gap if any. */
export function caseTitle(id: string, what: string, gap?: string): string {
  return `${id} ${what}${gap ? ` [known gap: ${gap}]` : ''}`;
}
