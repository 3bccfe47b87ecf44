import type { CrawlSummary } from '../core/crawl-summary';
import { CrawlLimitsSchema, type Source, SweepLimitsSchema } from '../core/source';
import { SourceCrawler } from '../crawl/crawl-source';
import { createFetcher, type Fetcher, type FetchResult } from '../crawl/fetch';
import { sourceHosts } from '../crawl/source-hosts';
import type { CrawlCursor } from '../store/ports';
import { taskTimeouts } from '../workflow/definition';
import type { CrawlFailureInput, CrawlSourceInput, CrawlSourceOutput } from './contracts';
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
 * When this invocation's crawling must pause (epoch ms, wall clock): its remaining time (Lambda's
 * context, or the local runner's) less the time to write, or `sources.sweep.crawlBudgetMs` from
 * now when that is shorter. Undefined when neither is known: the crawl runs to its deadline.
 */
export function passBudgetAt(deps: TaskDeps, start = Date.now()): number | undefined {
  const { crawlBudgetMs } = SweepLimitsSchema.parse(deps.sources.sweep ?? {});
  const remaining = deps.remainingTimeMs?.();
  const budgets = [
    ...(remaining !== undefined ? [Math.max(remaining - WRITE_MARGIN_MS, remaining / 2)] : []),
    ...(crawlBudgetMs !== undefined ? [crawlBudgetMs] : []),
  ];
  return budgets.length > 0 ? start + Math.min(...budgets) : undefined;
}

/** The sources a crawl input names: its shard's, read from the store, or the one it names. */
async function sourcesOf(input: CrawlSourceInput, deps: TaskDeps): Promise<string[]> {
  if (input.shard === undefined) return [input.sourceId!];
  const ids = await deps.stores.crawl.getShard(input.runId, input.shard);
  if (!ids) throw new Error(`shard ${input.shard} of run ${input.runId} not found (ListSources writes it)`);
  return ids;
}

/**
 * One pass over a shard: every source of it not yet done is crawled, all at once (their politeness
 * waits overlap), until done or until the invocation's budget, when each saves its place. The
 * state machine runs the next pass while `done` is false, at most `maxPasses` in all.
 */
export async function crawlShard(input: CrawlSourceInput, deps: TaskDeps): Promise<CrawlSourceOutput> {
  const ids = await sourcesOf(input, deps);
  const budgetAt = passBudgetAt(deps);
  const settled = await Promise.allSettled(
    ids.map((sourceId) => crawlPass({ ...input, sourceId }, deps, budgetAt)),
  );
  const passes = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const finished = passes.filter((pass) => pass.done);
  // Another pass (or a retry, or RecordCrawlFailure) will meet this shard again only when some
  // source is unfinished: only then do the finished ones need a cursor saying so. A shard read in
  // one pass, the usual case, costs no cursor write at all.
  if (finished.length < ids.length) {
    await Promise.all(
      finished.filter((pass) => pass.cursor).map((pass) => deps.stores.crawl.putCursor(pass.cursor!)),
    );
  }
  const failure = settled.find((s) => s.status === 'rejected');
  if (failure) throw failure.reason;
  return {
    done: finished.length === ids.length,
    nextPass: (input.pass ?? 1) + 1,
    sources: ids.length,
    finished: finished.length,
  };
}

/**
 * Crawls one source to the end in one go (no budget): `gongkai crawl` and the benchmarks. A site
 * that is down is a result (reachable: false), not an error.
 */
export async function crawlSource(
  input: { asOf: string; runId: string; sourceId: string; crawlUntil?: string },
  deps: TaskDeps,
): Promise<CrawlSummary> {
  return (await crawlPass(input, { ...deps, remainingTimeMs: undefined }, undefined)).summary;
}

/**
 * One pass of one source's crawl, resumed from its cursor. A source whose turn comes after the
 * sweep's crawl deadline (`crawlUntil`) is not crawled at all: its checks fail with that reason, so
 * its periods are `insufficient-data` this sweep, never `missing`.
 */
async function crawlPass(
  input: { asOf: string; runId: string; sourceId: string; crawlUntil?: string | undefined },
  deps: TaskDeps,
  budgetAt: number | undefined,
): Promise<{ done: boolean; summary: CrawlSummary; cursor?: CrawlCursor }> {
  const source = findSource(deps, input.sourceId);
  const cursor = await deps.stores.crawl.getCursor(input.runId, source.id);
  // Already saved as done: nothing to write again.
  if (cursor?.done) return { done: true, summary: summaryOfDone(source.id) };
  const sweepDeadlineAt = input.crawlUntil ? Date.parse(input.crawlUntil) : undefined;
  if (sweepDeadlineAt !== undefined && Date.now() >= sweepDeadlineAt) {
    const reason = `not crawled: the sweep's crawl deadline (${input.crawlUntil}) passed before this source's turn; read again next sweep (cannot tell)`;
    const summary = await recordUnread(input, reason, deps, { error: reason, run: true });
    return { done: true, summary, cursor: doneCursor(input, deps, cursor) };
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
  // With a budget, a pass pauses at it and the next resumes; the crawl as a whole is bounded by the
  // sweep's deadline and the passes the state machine allows, not by one invocation's time.
  const deadlineMs =
    budgetAt === undefined
      ? crawlDeadlineFromBudget()
      : SweepLimitsSchema.parse(deps.sources.sweep ?? {}).crawlDeadlineMs;
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
      ...(budgetAt !== undefined ? { budgetAt } : {}),
      ...(cursor ? { cursor } : {}),
      saveCursor: (c) => deps.stores.crawl.putCursor(c),
    });
    const pass = await crawler.crawlPass();
    deps.log(pass.done ? 'crawled' : 'crawl paused', {
      ...pass.summary,
      pass: pass.cursor.passes,
      columnsDone: pass.cursor.columnsDone.length,
    });
    return pass;
  } finally {
    await fetcher.close();
  }
}

/** What a repeated invocation reports for a source an earlier one finished (its run holds the counts). */
function summaryOfDone(sourceId: string): CrawlSummary {
  return { sourceId, reachable: true, pages: 0, bytes: 0, newDocuments: 0, changedDocuments: 0, errors: 0 };
}

/** The cursor of a source's crawl finished without a crawl of its own (its checks are written). */
function doneCursor(
  input: { runId: string; sourceId: string },
  deps: TaskDeps,
  cursor: CrawlCursor | undefined,
): CrawlCursor {
  const at = deps.now().toISOString();
  return {
    ...(cursor ?? {
      runId: input.runId,
      sourceId: input.sourceId,
      startedAt: at,
      passes: 0,
      columnsDone: [],
      checks: [],
      totals: { pages: 0, bytes: 0, newDocuments: 0, changedDocuments: 0, errors: 0 },
      limitsHit: [],
    }),
    done: true,
  };
}

/**
 * Records a crawl that failed outright (the Catch of CrawlSource, or a shard out of passes): each
 * source of the shard not finished gets a failed check, so its obligations read
 * `insufficient-data`, never `missing` and never `met`. Sources already finished keep their crawl.
 */
export async function recordCrawlFailure(
  input: CrawlFailureInput,
  deps: TaskDeps,
): Promise<{ failed: number }> {
  const error = `${input.error.Error}${input.error.Cause ? `: ${input.error.Cause.slice(0, 500)}` : ''}`;
  let failed = 0;
  for (const sourceId of await sourcesOf(input, deps)) {
    const cursor = await deps.stores.crawl.getCursor(input.runId, sourceId);
    if (cursor?.done) continue;
    await recordUnread({ ...input, sourceId }, `crawl failed: ${error}`, deps, { error, run: false });
    await deps.stores.crawl.putCursor(doneCursor({ runId: input.runId, sourceId }, deps, cursor));
    failed += 1;
  }
  return { failed };
}

/**
 * Records a source that was not read this sweep: a failed check for its home page and every
 * column, carrying `reason`, and with `run`, a crawl run saying why (a source skipped for the
 * sweep's deadline has no crawl of its own to record one).
 */
async function recordUnread(
  input: { asOf: string; runId: string; sourceId: string },
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

export const CrawlSourceTask = task('CrawlSource', CrawlSourceInputSchema, crawlShard);
export const RecordCrawlFailureTask = task('RecordCrawlFailure', CrawlFailureInputSchema, recordCrawlFailure);
