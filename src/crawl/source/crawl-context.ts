/** What a source's crawl works with: the fetcher, the stores, the clock, and where it stands. */
import type { IsoDate } from '../../core/dates';
import type { CrawlLimits, Source } from '../../core/source';
import type { Archive, CrawlCursor, DocumentStore, HealthStore } from '../../store/ports';
import type { Fetcher } from '../fetch';
import type { PassBudget } from './pass-budget';

export interface CrawlContext {
  fetcher: Fetcher;
  documents: DocumentStore;
  health: HealthStore;
  archive: Archive;
  now: () => Date;
  asOf: IsoDate;
  runId: string;
  defaults?: Partial<CrawlLimits>;
  /** Scan new pages and attachments for personal data (default true; benchmarks compare off). */
  scanPersonalData?: boolean;
  /** Wall time for the whole crawl when the source's limits set none (the task derives it from its budget). */
  deadlineMs?: number;
  /**
   * Epoch ms (wall clock) at which the sweep's crawling ends for every source (sources.sweep.
   * crawlDeadlineMs after the sweep started); the crawl stops at whichever deadline comes first.
   */
  sweepDeadlineAt?: number;
  /**
   * Epoch ms (wall clock) at which this invocation's time is up. Unlike a deadline, reaching it
   * pauses the crawl: no new fetch starts, what was read is committed, and the next pass resumes
   * from the cursor. A document whose page the pause cut off is not written (the next pass reads it).
   */
  budgetAt?: number;
  /** Where an earlier pass of this crawl, in the same sweep, stopped. */
  cursor?: CrawlCursor;
  /**
   * Saves the cursor: when the pass pauses, and after a column it completes once
   * `CURSOR_SAVE_INTERVAL_MS` passed since the last save (a crash then re-reads little). Not at the
   * end: the caller marks finished crawls done only when a later pass could meet them again.
   */
  saveCursor?: (cursor: CrawlCursor) => Promise<void>;
}

/** One pass over one source: what every part of the reading shares. */
export interface CrawlScope {
  source: Source;
  ctx: CrawlContext;
  limits: CrawlLimits;
  /** The instant every sighting and check of this crawl records (the first pass's). */
  checkedAt: string;
  budget: PassBudget;
}
