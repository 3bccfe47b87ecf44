/**
 * What the crawler read of a department's sites by a period's due date: the evidence behind a
 * `missing` or `insufficient-data` verdict. "Not published" rests on list pages read without the
 * document on them; "cannot tell" rests on the errors the sites answered with. Both are the health
 * checks the crawler recorded for each column (and home page) it read.
 */
import { type IsoDate, minDate, shanghaiDate } from '../core/dates';
import type { HealthCheck } from '../core/health-check';
import { sourcesOf, type UnitSources } from '../core/match/match-evidence';
import type { Obligation } from '../core/obligation';
import type { VerdictKind } from '../core/verdict';

/** Verdicts that rest on the absence of evidence: they cite the pages read instead. */
const ABSENCE: ReadonlySet<VerdictKind> = new Set(['missing', 'insufficient-data']);

/** Pages cited per source at most: a site with hundreds of columns would drown the period row. */
export const MAX_PAGES_PER_SOURCE = 12;

/** One check cited, with its source. */
export interface CheckAroundDue {
  sourceId: string;
  check: HealthCheck;
}

/**
 * Per page of each source, the last check on or before `to`; when that one failed, also the last
 * check of the page that succeeded before it (what the page looked like when it could be read).
 * Pages in the order the crawler first read them; at most MAX_PAGES_PER_SOURCE pages per source,
 * the most recently read first kept.
 */
export function checksUpTo(sourceId: string, checks: readonly HealthCheck[], to: IsoDate): CheckAroundDue[] {
  const lastByPage = new Map<string, { last: HealthCheck; lastOk?: HealthCheck }>();
  const read = checks
    .filter((c) => !c.notVisited && shanghaiDate(c.checkedAt) <= to)
    .sort((a, b) => a.checkedAt.localeCompare(b.checkedAt));
  for (const c of read) {
    const page = lastByPage.get(c.url) ?? { last: c };
    page.last = c;
    if (c.ok) page.lastOk = c;
    lastByPage.set(c.url, page);
  }
  const pages = [...lastByPage.values()]
    .sort((a, b) => b.last.checkedAt.localeCompare(a.last.checkedAt))
    .slice(0, MAX_PAGES_PER_SOURCE);
  const order = new Map([...lastByPage.keys()].map((url, i) => [url, i]));
  pages.sort((a, b) => order.get(a.last.url)! - order.get(b.last.url)!);
  return pages.flatMap(({ last, lastOk }) => {
    const cited = last.ok || !lastOk ? [last] : [lastOk, last];
    return cited.map((check) => ({ sourceId, check }));
  });
}

/**
 * The checks a period of a (non-site) obligation cites when it is `missing` or
 * `insufficient-data`: every page of every source carrying its units, as last read on or before
 * the due date (or the report date, when that comes first). Site rules cite their own pages as read
 * and get none here; nor do other verdicts.
 */
export function checksAroundDue(
  obligation: Pick<Obligation, 'units' | 'site'> & { evidence: { units?: string[] } },
  verdict: { kind: VerdictKind; due: IsoDate },
  asOf: IsoDate,
  unitSources: UnitSources,
  checks: ReadonlyMap<string, readonly HealthCheck[]>,
): CheckAroundDue[] {
  if (!ABSENCE.has(verdict.kind) || obligation.site !== undefined) return [];
  const to = minDate(verdict.due, asOf);
  return sourcesOf(unitSources, obligation.evidence.units ?? obligation.units).flatMap((id) =>
    checksUpTo(id, checks.get(id) ?? [], to),
  );
}
