/**
 * Crawls one source: its home page, then each column's list pages, then the detail pages and
 * attachments of items not seen before. Fetching (src/crawl/fetch) and extracting
 * (src/crawl/extract) stay separate; this module and src/crawl/source only decide what to fetch
 * and what to record:
 *
 * - `source/list-reading.ts`: list pages, paging, page states;
 * - `source/column-documents.ts` and `source/detail-reading.ts`: documents, attachments, evidence checks;
 * - `source/rechecks.ts`: re-checks of documents read before;
 * - `source/pass-budget.ts` and `source/pass-cursor.ts`: the pass's time, and where it stopped.
 *
 * Cost discipline: a column whose first list page is unchanged (304, or the same sha256) costs one
 * request and no document writes; known items are not re-fetched, except a few per column once they
 * were last read `recheckAfterDays` ago, to see that a page still listed still answers.
 */
import type { CrawlSummary } from '../core/crawl-summary';
import type { IsoDate } from '../core/dates';
import { shanghaiDate } from '../core/dates';
import { CrawlLimitsSchema, type Source } from '../core/source';
import type { ColumnProgress, CrawlCursor } from '../store/ports';
import { archivePage } from './source/archiving';
import type { CrawlContext, CrawlScope } from './source/crawl-context';
import { crawlColumn, homeStats } from './source/list-reading';
import { columnCheck, describeFailure, failAll, pageCheck, siteDown } from './source/page-checks';
import { PassBudget } from './source/pass-budget';
import { addTotals, boundCursor, CursorSaver, firstCursor, summaryOf } from './source/pass-cursor';

export type { CrawlContext } from './source/crawl-context';
export { CURSOR_SAVE_INTERVAL_MS } from './source/pass-cursor';

/** What one pass of a crawl did: `done` once the whole source is read (or given up on). */
export interface CrawlPass {
  done: boolean;
  summary: CrawlSummary;
  cursor: CrawlCursor;
}

/** A crawl's wall time when neither the source nor the caller sets one. */
export const DEFAULT_CRAWL_DEADLINE_MS = 10 * 60_000;

export class SourceCrawler {
  private readonly scope: CrawlScope;
  private readonly saver: CursorSaver;

  constructor(
    private readonly source: Source,
    private readonly ctx: CrawlContext,
  ) {
    const limits = CrawlLimitsSchema.parse({ ...ctx.defaults, ...source.limits });
    const deadlineMs = limits.crawlDeadlineMs ?? ctx.deadlineMs ?? DEFAULT_CRAWL_DEADLINE_MS;
    this.scope = {
      source,
      ctx,
      limits,
      // Every pass of one crawl records the same instant: a resumed crawl's sightings and checks
      // are those of one crawl.
      checkedAt: ctx.cursor?.startedAt ?? ctx.now().toISOString(),
      budget: new PassBudget(ctx, deadlineMs),
    };
    this.saver = new CursorSaver(ctx.saveCursor);
  }

  /** Crawls the whole source in one go (no budget); never throws for a site's misbehaviour. */
  async crawl(): Promise<CrawlSummary> {
    return (await this.crawlPass()).summary;
  }

  /**
   * One pass of the crawl: from the cursor (or the start) until the source is read, a deadline
   * cuts it short, or the invocation's budget pauses it. Never throws for a site's misbehaviour,
   * only for a broken store; what it committed before a throw stays committed.
   */
  async crawlPass(): Promise<CrawlPass> {
    const { budget } = this.scope;
    const cursor: CrawlCursor = this.ctx.cursor
      ? { ...this.ctx.cursor, passes: this.ctx.cursor.passes + 1 }
      : firstCursor(this.ctx.runId, this.source.id, this.scope.checkedAt);
    if (cursor.done) return { done: true, summary: summaryOf(cursor), cursor };
    if (!cursor.home) {
      await this.readHome(cursor);
      if (budget.paused) return this.pause(cursor);
    }
    const left = this.source.columns.filter((c) => !cursor.columnsDone.includes(c.id));
    if (left.length > 0) {
      // One read for every column's conditional-GET validators instead of one per column.
      const states = await this.ctx.documents.getPageStates(left.map((c) => c.url));
      // Columns an earlier pass left part-way continue there; this pass's saves hold only its own.
      const resumed = new Map((cursor.columns ?? []).map((p) => [p.columnId, p]));
      const progress: ColumnProgress[] = [];
      delete cursor.columns;
      const settled = await Promise.allSettled(
        left.map(async (column) => {
          const state = states.get(column.url) ?? null;
          const outcome = await crawlColumn(this.scope, column, state, resumed.get(column.id)).catch(
            (error) => {
              budget.halt();
              throw error;
            },
          );
          // A paused column's requests, writes and failures happened: they count (what it left is
          // read by the next pass, not read again); its check waits for the pass that finishes it.
          addTotals(cursor.totals, outcome);
          if (outcome.progress) progress.push(outcome.progress);
          // A column finishes with its check; one the pause stopped has none (yet).
          if (outcome.checks.length === 0) return;
          cursor.columnsDone.push(column.id);
          cursor.checks.push(...outcome.checks);
          cursor.limitsHit.push(...outcome.limitsHit);
          if (outcome.cut) cursor.cutShort ??= budget.cutMessage();
          if (this.saver.due) await this.saver.saveNow(cursor);
        }),
      );
      // The other columns stopped at their next step; what they committed stays, the pass fails.
      for (const s of settled) if (s.status === 'rejected') throw s.reason;
      if (budget.paused) {
        if (progress.length > 0) cursor.columns = progress;
        return this.pause(cursor);
      }
    }
    return this.finish(cursor);
  }

  /** Reads the home page: whether the site answers at all, and what its list shows. */
  private async readHome(cursor: CrawlCursor): Promise<void> {
    const { budget } = this.scope;
    const home = await budget.fetch(this.source.homepage);
    if (budget.paused) return;
    const archived = home.ok && !home.notModified ? await archivePage(this.scope, home) : undefined;
    cursor.checks.push(
      pageCheck(this.scope, {
        url: this.source.homepage,
        result: home,
        stats: homeStats(this.scope, home),
        ...(archived ? { archiveKey: archived.key } : {}),
      }),
    );
    const reachable = !siteDown(home, this.ctx.fetcher);
    cursor.home = { reachable, ...(home.ok ? {} : { error: describeFailure(home) }) };
    addTotals(cursor.totals, {
      pages: home.ok ? 1 : 0,
      bytes: home.ok && !home.notModified ? home.body.byteLength : 0,
      errors: home.ok ? 0 : 1,
    });
    if (!home.ok && home.reason === 'deadline') cursor.cutShort = budget.cutMessage();
    if (!reachable) {
      // The whole site is down: every column is recorded as failing this check, without hammering it.
      for (const column of this.source.columns) {
        cursor.checks.push(columnCheck(this.scope, column, home));
      }
      cursor.columnsDone = this.source.columns.map((c) => c.id);
    }
  }

  /** Ends a pass the budget stopped: the cursor says what is left. */
  private async pause(cursor: CrawlCursor): Promise<CrawlPass> {
    boundCursor(cursor);
    await this.saver.saveNow(cursor);
    return { done: false, summary: summaryOf(cursor), cursor };
  }

  /** Ends the crawl: its checks and its crawl run are written, and the cursor says it is done. */
  private async finish(cursor: CrawlCursor): Promise<CrawlPass> {
    const summary = summaryOf(cursor);
    await this.ctx.health.recordChecks(
      summary.cutShort ? failAll(cursor.checks, summary.cutShort) : cursor.checks,
    );
    await this.ctx.health.putRun({
      runId: this.ctx.runId,
      sourceId: this.source.id,
      asOf: this.ctx.asOf,
      startedAt: cursor.startedAt,
      finishedAt: this.ctx.now().toISOString(),
      pages: summary.pages,
      bytes: summary.bytes,
      notModified: 0,
      newDocuments: summary.newDocuments,
      changedDocuments: summary.changedDocuments,
      errors: summary.errors,
      reachable: summary.reachable,
      ...(summary.error || summary.cutShort ? { error: summary.error ?? summary.cutShort } : {}),
    });
    return { done: true, summary, cursor: { ...cursor, done: true } };
  }
}

/** The Asia/Shanghai date of the crawl, for callers that key things by day. */
export function crawlDay(ctx: CrawlContext): IsoDate {
  return shanghaiDate(ctx.now());
}
