/**
 * Health checks of the pages a crawl reads (the home page, each column's first list page): what
 * the site rules and the verdicts judge a source's reading by.
 */
import type { Column } from '../../core/source';
import type { HealthCheck, PageState } from '../../store/ports';
import type { FetchedBody, Fetcher, FetchFailure, FetchResult, NotModified } from '../fetch';
import type { CrawlScope } from './crawl-context';

/**
 * Whether a failure means the site itself is unreachable (as opposed to one page being refused).
 * A robots.txt that answers 5xx or not at all blocks the whole host for the sweep (RFC 9309), which
 * is the site being down as far as evidence goes.
 */
export function siteDown(result: FetchResult, fetcher: Fetcher): boolean {
  if (result.ok) return false;
  if (result.reason === 'network' || result.reason === 'timeout') return true;
  if (result.reason === 'blocked-robots') {
    const host = new URL(result.url).host;
    return fetcher.stats().robots[host] === 'unreachable';
  }
  return result.reason === 'http-status' && (result.status ?? 0) >= 500;
}

/**
 * What a check records of a page's fetch: a failure, a 304, or a page read (also as an earlier
 * pass of the crawl read it, which kept no body).
 */
export type PageAnswer =
  | FetchFailure
  | NotModified
  | Pick<FetchedBody, 'ok' | 'notModified' | 'status' | 'latencyMs' | 'sha256'>;

/** A failed fetch as a reason line: `<reason>: <message>`; empty for a success. */
export function describeFailure(result: PageAnswer): string {
  return result.ok ? '' : `${result.reason}: ${result.message}`;
}

/**
 * A crawl cut short read the site only in part. Verdicts judge a source by whether it was read,
 * so none of its checks may say it was: a period whose evidence sat on an unread page is
 * `insufficient-data`, never `missing` (and an unread page is never evidence, so never `met`).
 */
export function failAll(checks: HealthCheck[], reason: string): HealthCheck[] {
  return checks.map((c) => (c.ok ? { ...c, ok: false, error: reason } : c));
}

/** What a page's check records besides the fetch: its list's counts, an error, a limit that cut it. */
export interface CheckInput {
  url: string;
  columnId?: string;
  result: PageAnswer;
  stats?: Pick<PageState, 'itemCount' | 'undatedCount' | 'newestItemDate' | 'sha256' | 'archiveKey'>;
  /** The archive's key for the page as read (for a 304, the page state's key is used). */
  archiveKey?: string;
  error?: string;
  notVisited?: boolean;
  limitHit?: string;
}

/** The health check of one page read by this crawl, at the crawl's instant. */
export function pageCheck(scope: CrawlScope, input: CheckInput): HealthCheck {
  const { result } = input;
  // The hash of the page as read (or as last read, for a 304): an auditor finds the archived copy by it.
  const ok = result.ok && !input.error;
  const sha256 = result.ok && !result.notModified ? result.sha256 : input.stats?.sha256;
  // A key goes with its copy only: the page state's key stands for this read when the hashes agree.
  const archiveKey =
    input.archiveKey ?? (input.stats?.sha256 === sha256 ? input.stats?.archiveKey : undefined);
  const check: HealthCheck = {
    sourceId: scope.source.id,
    url: input.url,
    checkedAt: scope.checkedAt,
    ok,
    latencyMs: Math.round(result.latencyMs),
    ...(input.columnId ? { columnId: input.columnId } : {}),
    ...(result.ok ? { status: result.status } : result.status ? { status: result.status } : {}),
    ...(input.error ? { error: input.error } : result.ok ? {} : { error: describeFailure(result) }),
    ...(input.stats?.itemCount !== undefined ? { itemCount: input.stats.itemCount } : {}),
    ...(input.stats?.undatedCount !== undefined ? { undatedCount: input.stats.undatedCount } : {}),
    ...(input.stats?.newestItemDate !== undefined ? { newestItemDate: input.stats.newestItemDate } : {}),
    ...(sha256 && ok ? { sha256, ...(archiveKey ? { archiveKey } : {}) } : {}),
    ...(input.notVisited ? { notVisited: true } : {}),
    ...(input.limitHit ? { limitHit: input.limitHit } : {}),
  };
  return check;
}

/** The health check of a column's first list page. */
export function columnCheck(
  scope: CrawlScope,
  column: Column,
  result: PageAnswer,
  input: Omit<CheckInput, 'url' | 'columnId' | 'result'> = {},
): HealthCheck {
  return pageCheck(scope, { ...input, url: column.url, columnId: column.id, result });
}
