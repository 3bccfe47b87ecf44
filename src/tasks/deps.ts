import type { WorkingDayCalendar } from '../core/calendar';
import type { Catalogue } from '../core/obligation';
import type { SourcesFile } from '../core/source';
import type { FetchResult } from '../crawl/fetch';
import type { ReportSink, Stores } from '../store/ports';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** What a task logs: a message, its details, and a level (info unless said). */
export type LogFn = (message: string, detail?: Record<string, unknown>, level?: LogLevel) => void;

/**
 * What every task function receives: the stores, the catalogue and sources, and a clock.
 * Built once per process: at Lambda cold start from environment variables (src/lambda/aws-deps.ts),
 * locally from the data directory (src/local/local-runtime.ts).
 */
export interface TaskDeps {
  stores: Stores;
  catalogue: Catalogue;
  sources: SourcesFile;
  /** Working-day calendar; default: chinese-days data (a user calendar file extends it). */
  calendar?: WorkingDayCalendar;
  /** The current instant. Simulated runs pass a clock set to the simulated date. */
  now(): Date;
  /** Where reports go: a directory locally, an S3 prefix on AWS. */
  reportSink: ReportSink;
  /** Structured log lines; on AWS one JSON object per line with the run's correlation keys. */
  log: LogFn;
  /**
   * Milliseconds left in this invocation: Lambda's `context.getRemainingTimeInMillis`, or the local
   * runner's count against the task's timeout. A crawl pauses before it runs out and resumes later.
   */
  remainingTimeMs?: (() => number) | undefined;
  /** Called after every HTTP fetch a crawl makes (progress displays, request counting). */
  onFetch?: (result: FetchResult) => void;
}
