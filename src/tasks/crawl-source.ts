import type { CrawlSummary } from '../core/crawl-summary';
import { CrawlLimitsSchema, type Source } from '../core/source';
import { SourceCrawler } from '../crawl/crawl-source';
import { createFetcher, type Fetcher, type FetchResult } from '../crawl/fetch';
import { sourceHosts } from '../crawl/source-hosts';
import { taskTimeouts } from '../workflow/definition';
import type { CrawlFailureInput, CrawlSourceInput } from './contracts';
import { CrawlFailureInputSchema, CrawlSourceInputSchema } from './contracts';
import type { TaskDeps } from './deps';
import { task } from './task';

function findSource(deps: TaskDeps, sourceId: string): Source {
  const source = deps.sources.sources.find((s) => s.id === sourceId);
  if (!source) throw new Error(`unknown source "${sourceId}" (not in the sources file)`);
  return source;
}

/** Time a crawl leaves itself, within the task's budget, to write what it read. */
const WRITE_MARGIN_MS = 60_000;

/** The crawl's default deadline: the CrawlSource task's TimeoutSeconds less the time to write. */
export function crawlDeadlineFromBudget(
  timeoutSeconds = taskTimeouts().get('CrawlSource'),
): number | undefined {
  if (!timeoutSeconds) return undefined;
  return Math.max(timeoutSeconds * 1000 - WRITE_MARGIN_MS, (timeoutSeconds * 1000) / 2);
}

/**
 * Crawls one source. A site that is down is a result (reachable: false), not an error. A source
 * whose turn comes after the sweep's crawl deadline (`crawlUntil`) is not crawled at all: its
 * checks fail with that reason, so its periods are `insufficient-data` this sweep, never `missing`.
 */
export async function crawlSource(input: CrawlSourceInput, deps: TaskDeps): Promise<CrawlSummary> {
  const source = findSource(deps, input.sourceId);
  const sweepDeadlineAt = input.crawlUntil ? Date.parse(input.crawlUntil) : undefined;
  if (sweepDeadlineAt !== undefined && Date.now() >= sweepDeadlineAt) {
    const reason = `not crawled: the sweep's crawl deadline (${input.crawlUntil}) passed before this source's turn; read again next sweep (cannot tell)`;
    return recordUnread(input, reason, deps, { error: reason, run: true });
  }
  const limits = CrawlLimitsSchema.parse({ ...deps.sources.defaults, ...source.limits });
  const fetcher = createFetcher({
    hosts: sourceHosts(source),
    ...(deps.sources.userAgent ? { userAgent: deps.sources.userAgent } : {}),
    perHostConcurrency: limits.perHostConcurrency,
    perHostDelayMs: limits.perHostDelayMs,
    headersTimeoutMs: limits.timeoutMs,
    bodyTimeoutMs: limits.timeoutMs,
    maxBodyBytes: limits.maxBodyBytes,
  });
  const deadlineMs = crawlDeadlineFromBudget();
  const observed = deps.onFetch ? observeFetches(fetcher, deps.onFetch) : fetcher;
  try {
    const crawler = new SourceCrawler(source, {
      fetcher: observed,
      documents: deps.stores.documents,
      health: deps.stores.health,
      archive: deps.stores.archive,
      now: deps.now,
      asOf: input.asOf,
      runId: input.runId,
      defaults: deps.sources.defaults,
      ...(deadlineMs !== undefined ? { deadlineMs } : {}),
      ...(sweepDeadlineAt !== undefined ? { sweepDeadlineAt } : {}),
    });
    const summary = await crawler.crawl();
    deps.log('crawled', { ...summary });
    return summary;
  } finally {
    await fetcher.close();
  }
}

/**
 * Records a crawl that failed outright (the Catch of CrawlSource): the source's health gets a failed
 * check, so its obligations read `insufficient-data`, never `missing` and never `met`.
 */
export async function recordCrawlFailure(input: CrawlFailureInput, deps: TaskDeps): Promise<CrawlSummary> {
  const error = `${input.error.Error}${input.error.Cause ? `: ${input.error.Cause.slice(0, 500)}` : ''}`;
  return recordUnread(input, `crawl failed: ${error}`, deps, { error, run: false });
}

/**
 * Records a source that was not read this sweep: a failed check for its home page and every
 * column, carrying `reason`, and with `run`, a crawl run saying why (a source skipped for the
 * sweep's deadline has no crawl of its own to record one).
 */
async function recordUnread(
  input: CrawlSourceInput,
  reason: string,
  deps: TaskDeps,
  { error, run }: { error: string; run: boolean },
): Promise<CrawlSummary> {
  const source = deps.sources.sources.find((s) => s.id === input.sourceId);
  const at = deps.now().toISOString();
  await deps.stores.health.recordCheck({
    sourceId: input.sourceId,
    url: source?.homepage ?? '',
    checkedAt: at,
    ok: false,
    latencyMs: 0,
    error: reason,
  });
  for (const column of source?.columns ?? []) {
    await deps.stores.health.recordCheck({
      sourceId: input.sourceId,
      columnId: column.id,
      url: column.url,
      checkedAt: at,
      ok: false,
      latencyMs: 0,
      error: reason,
    });
  }
  if (run) {
    await deps.stores.health.putRun({
      runId: input.runId,
      sourceId: input.sourceId,
      asOf: input.asOf,
      startedAt: at,
      finishedAt: at,
      pages: 0,
      bytes: 0,
      notModified: 0,
      newDocuments: 0,
      changedDocuments: 0,
      errors: 1,
      reachable: false,
      error,
    });
  }
  deps.log('crawl not done', { sourceId: input.sourceId, error }, 'error');
  return {
    sourceId: input.sourceId,
    reachable: false,
    pages: 0,
    bytes: 0,
    newDocuments: 0,
    changedDocuments: 0,
    errors: 1,
    error,
  };
}

/** The same fetcher, reporting every result to `onFetch`. */
function observeFetches(fetcher: Fetcher, onFetch: (result: FetchResult) => void): Fetcher {
  return {
    ...fetcher,
    fetch: async (url, options) => {
      const result = await fetcher.fetch(url, options);
      onFetch(result);
      return result;
    },
    stats: () => fetcher.stats(),
    close: () => fetcher.close(),
  };
}

export const CrawlSourceTask = task('CrawlSource', CrawlSourceInputSchema, crawlSource);
export const RecordCrawlFailureTask = task('RecordCrawlFailure', CrawlFailureInputSchema, recordCrawlFailure);
