/**
 * What the per-schedule assigners share: a rule's matched documents, the periods they are assigned
 * to (or are near misses for), and the helpers that place a date among periods.
 */
import { addDays, daysBetween, type IsoDate, isoDate, maxDate } from '../../dates';
import type { Document, FetchProblem } from '../../document';
import type { Period } from '../../period';
import type { IssueNumbering, PeriodFrom } from '../../period-from';
import type { Publication } from '../published-on';
import type { RuleHit } from '../rule-test';
import { type NamedPeriod, overlapDays } from '../title-period';

export interface Matched {
  doc: Document;
  hit: RuleHit;
  pub: Publication;
}

export interface Assignment {
  period: Period;
  kind: 'match' | 'candidate';
  /** How the period was chosen (or why it is only a candidate), for the reason line. */
  how: string;
  named?: NamedPeriod[];
  /** Why the document is not evidence though it would have made the period met. */
  problem?: FetchProblem;
}

export interface AssignContext {
  periods: Period[];
  year: number;
  asOf: IsoDate;
  /** Periods named in a document's title (parsed once per document per run). */
  named(doc: Document): NamedPeriod[];
  /** Whether a date is close enough to the periods for a near miss (else an unrelated year). */
  relevant(date: IsoDate): boolean;
  /** What decides the period (the rule's `periodFrom` or the schedule's default). */
  periodFrom: PeriodFrom;
  issueNumbering: IssueNumbering | undefined;
}

export type Assigner = (
  matched: Matched[],
  ctx: AssignContext,
) => { m: Matched; assignments: Assignment[] }[];

/** Documents far from every period are unrelated years, not near misses. */
const RELEVANCE_DAYS = 31;

/** The dates within which a document is at least a near miss for these periods. */
export function relevanceWindow(periods: Period[]): { from: IsoDate; to: IsoDate } {
  const lastDue = periods.reduce((d, p) => maxDate(d, p.due), periods[0]!.due);
  return { from: addDays(periods[0]!.start, -RELEVANCE_DAYS), to: addDays(lastDue, RELEVANCE_DAYS) };
}

export function nearest(date: IsoDate, periods: Period[]): Period {
  let best = periods[0]!;
  let bestGap = Number.POSITIVE_INFINITY;
  for (const p of periods) {
    const gap = date < p.start ? daysBetween(date, p.start) : date > p.end ? daysBetween(p.end, date) : 0;
    if (gap < bestGap) {
      best = p;
      bestGap = gap;
    }
  }
  return best;
}

export function planYearRange(year: number): { start: IsoDate; end: IsoDate } {
  return { start: isoDate(year, 1, 1), end: isoDate(year, 12, 31) };
}

/** Names in the title that all lie outside `span`: the document is about another time. */
export function namesOutside(
  named: NamedPeriod[],
  span: { start: IsoDate; end: IsoDate },
): NamedPeriod[] | null {
  if (named.length === 0) return null;
  return named.every((n) => overlapDays(n, span) === 0) ? named : null;
}

export const quoted = (named: NamedPeriod[]): string => named.map((n) => `“${n.text}”`).join(', ');

export function candidate(period: Period, how: string, named?: NamedPeriod[]): Assignment {
  return { period, kind: 'candidate', how, ...(named ? { named } : {}) };
}
