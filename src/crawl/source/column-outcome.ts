/** What reading one column did in one pass: its counts, its check, the limits that cut its list. */
import type { ColumnProgress, CrawlTotals, HealthCheck, UpsertResult } from '../../store/ports';

export interface ColumnOutcome extends CrawlTotals {
  notModified: number;
  ok: boolean;
  /** Some page of the column was not read because the crawl's deadline passed. */
  cut: boolean;
  /** Limits that stopped the reading of the column's list (recorded on its check). */
  limitsHit: string[];
  /** The column's checks (one, or none when the pass paused before it was read). */
  checks: HealthCheck[];
  /** Where the reading of a column the pause stopped part-way through its list stands. */
  progress?: ColumnProgress;
}

/** A column's outcome before anything was read. */
export function emptyOutcome(): ColumnOutcome {
  return {
    pages: 0,
    bytes: 0,
    notModified: 0,
    newDocuments: 0,
    changedDocuments: 0,
    errors: 0,
    ok: false,
    cut: false,
    limitsHit: [],
    checks: [],
  };
}

/** Counts a document write in the column's outcome: new or changed. */
export function counter(outcome: ColumnOutcome): (result: UpsertResult) => void {
  return (result) => {
    if (result === 'new') outcome.newDocuments += 1;
    if (result === 'changed') outcome.changedDocuments += 1;
  };
}
