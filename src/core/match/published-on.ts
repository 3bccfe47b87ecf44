import { addDays, type IsoDate, shanghaiDate } from '../dates';
import type { Document } from '../document';

/** Days a shown date may precede a check that did not see the item (a column is not refreshed instantly). */
export const DEFAULT_BACKDATING_TOLERANCE_DAYS = 3;

/**
 * Successful checks per column: key `columnKey(sourceId, columnId)` → instants (ISO 8601), sorted
 * ascending. Only checks that read the column successfully belong here: a failed check saw nothing.
 */
export type ColumnChecks = ReadonlyMap<string, readonly string[]>;

export function columnKey(sourceId: string, columnId: string): string {
  return `${sourceId}\u0000${columnId}`;
}

/** Builds ColumnChecks from health checks (failed checks and checks of a whole site are left out). */
export function columnChecksFrom(
  checks: readonly { sourceId: string; columnId?: string; checkedAt: string; ok: boolean }[],
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const check of checks) {
    if (!check.ok || !check.columnId) continue;
    const key = columnKey(check.sourceId, check.columnId);
    const list = out.get(key);
    if (list) list.push(check.checkedAt);
    else out.set(key, [check.checkedAt]);
  }
  for (const list of out.values()) list.sort((a, b) => Date.parse(a) - Date.parse(b));
  return out;
}

/** When a document counts as published, and why that date. */
export interface Publication {
  date: IsoDate;
  origin: 'shown' | 'first-seen' | 'backdated';
  /** For `backdated`: the successful check of the column that did not see the item. */
  contradictingCheck?: string;
}

/**
 * The date a document counts as published: its shown date, or the (Asia/Shanghai) date it was first
 * seen when it shows none. Backdating (伪造发稿日期): when a successful check of the document's column
 * happened after `shown date + tolerance` and before the document was first seen, the page claims a
 * date on which it was visibly absent, so it counts from its first-seen date instead.
 */
export function publishedOn(
  doc: Pick<Document, 'sourceId' | 'columnId' | 'date' | 'firstSeen'>,
  columnChecks?: ColumnChecks,
  toleranceDays: number = DEFAULT_BACKDATING_TOLERANCE_DAYS,
): Publication {
  const firstSeenDate = shanghaiDate(doc.firstSeen);
  if (!doc.date) return { date: firstSeenDate, origin: 'first-seen' };
  const checks = columnChecks?.get(columnKey(doc.sourceId, doc.columnId));
  if (checks && checks.length > 0) {
    // First instant of the Shanghai day after shown + tolerance.
    const after = Date.parse(`${addDays(doc.date, toleranceDays + 1)}T00:00:00+08:00`);
    const firstSeen = Date.parse(doc.firstSeen);
    const i = lowerBound(checks, after);
    const check = checks[i];
    if (check !== undefined && Date.parse(check) < firstSeen) {
      return { date: firstSeenDate, origin: 'backdated', contradictingCheck: check };
    }
  }
  return { date: doc.date, origin: 'shown' };
}

/** Index of the first instant at or after `ms` in a sorted list. */
function lowerBound(instants: readonly string[], ms: number): number {
  let lo = 0;
  let hi = instants.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (Date.parse(instants[mid]!) < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Whether a document stood in its column at the end of `date` (Asia/Shanghai): first seen by then and
 * not inside a recorded absence. Returns the absence start when it had vanished.
 */
export function presenceOn(
  doc: Pick<Document, 'firstSeen' | 'absences'>,
  date: IsoDate,
  firstSeenDate: IsoDate = shanghaiDate(doc.firstSeen),
): { present: true } | { present: false; since: IsoDate | null } {
  if (firstSeenDate > date) return { present: false, since: null };
  if (!doc.absences || doc.absences.length === 0) return PRESENT;
  for (const absence of doc.absences) {
    const from = shanghaiDate(absence.from);
    if (from <= date && (absence.to === null || shanghaiDate(absence.to) > date)) {
      return { present: false, since: from };
    }
  }
  return PRESENT;
}

const PRESENT = { present: true } as const;
