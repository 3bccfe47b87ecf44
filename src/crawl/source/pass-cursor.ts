/**
 * The cursor of a crawl that runs in passes: what a new crawl starts from, what it sums up to, and
 * how a pass saves it (in order, not too often).
 */
import type { CrawlSummary } from '../../core/crawl-summary';
import type { CrawlCursor, CrawlTotals } from '../../store/ports';
import type { CrawlContext } from './crawl-context';

/**
 * How often a long pass saves its cursor between columns. Each save is a write; a crash loses at
 * most this much reading (documents and page states are committed either way, so what it loses is
 * only the re-reading of lists that will answer unchanged).
 */
export const CURSOR_SAVE_INTERVAL_MS = 30_000;

/** The cursor of a crawl's first pass: nothing read yet. */
export function firstCursor(runId: string, sourceId: string, startedAt: string): CrawlCursor {
  return {
    runId,
    sourceId,
    startedAt,
    passes: 1,
    done: false,
    columnsDone: [],
    checks: [],
    totals: { pages: 0, bytes: 0, newDocuments: 0, changedDocuments: 0, errors: 0 },
    limitsHit: [],
  };
}

/**
 * The most a saved cursor may hold, as UTF-8 JSON: DynamoDB refuses an item over 400 KB (names and
 * values), and the item also carries its keys and type.
 */
export const MAX_CURSOR_BYTES = 300_000;

/**
 * Keeps a cursor within `maxBytes`: the largest column progress is dropped until it fits, and those
 * columns restart from their first list page (their documents already written are known then and
 * not written again; only their list pages are read again). A cursor of a few columns of a few
 * hundred list pages each is far below the bound.
 */
export function boundCursor(cursor: CrawlCursor, maxBytes = MAX_CURSOR_BYTES): void {
  const size = (value: unknown) => Buffer.byteLength(JSON.stringify(value));
  while (cursor.columns && cursor.columns.length > 0 && size(cursor) > maxBytes) {
    const largest = cursor.columns.reduce((a, b) => (size(b) > size(a) ? b : a));
    cursor.columns = cursor.columns.filter((c) => c !== largest);
  }
  if (cursor.columns?.length === 0) delete cursor.columns;
}

/** Adds a column's (or the home page's) counts to the crawl's. */
export function addTotals(totals: CrawlTotals, add: Partial<CrawlTotals>): void {
  totals.pages += add.pages ?? 0;
  totals.bytes += add.bytes ?? 0;
  totals.newDocuments += add.newDocuments ?? 0;
  totals.changedDocuments += add.changedDocuments ?? 0;
  totals.errors += add.errors ?? 0;
}

/** The crawl summary a cursor stands for. */
export function summaryOf(cursor: CrawlCursor): CrawlSummary {
  const home = cursor.home;
  return {
    sourceId: cursor.sourceId,
    reachable: home?.reachable ?? true,
    ...cursor.totals,
    ...(home?.error ? { error: home.error } : {}),
    ...(cursor.cutShort ? { cutShort: cursor.cutShort } : {}),
    ...(cursor.limitsHit.length > 0 ? { limitsHit: [...cursor.limitsHit] } : {}),
  };
}

/** Saves a pass's cursor through the context, one write at a time, each a snapshot. */
export class CursorSaver {
  private saving: Promise<void> = Promise.resolve();
  private savedAt = Date.now();

  constructor(private readonly save: CrawlContext['saveCursor']) {}

  /** Whether `CURSOR_SAVE_INTERVAL_MS` passed since the last save. */
  get due(): boolean {
    return Date.now() - this.savedAt >= CURSOR_SAVE_INTERVAL_MS;
  }

  /** Saves a snapshot of `cursor` after the saves already asked for; resolves once it is written. */
  saveNow(cursor: CrawlCursor): Promise<void> {
    const { save } = this;
    if (!save) return Promise.resolve();
    const snapshot = structuredClone(cursor);
    this.savedAt = Date.now();
    this.saving = this.saving.then(() => save(snapshot));
    return this.saving;
  }
}
