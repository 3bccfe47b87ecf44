/**
 * The time a crawl pass may spend: the crawl's deadline (the source's, or the sweep's when sooner)
 * and this invocation's budget. Every fetch of a pass goes through `fetch` here, which is where the
 * budget pauses the crawl and the deadline cuts it short.
 */

import type { FetchResult } from '../fetch';
import type { CrawlContext } from './crawl-context';

/** One document's reading: whether the pause cut any of its fetches off (then it is not written). */
export interface PageRead {
  paused: boolean;
}

/** What the deadline cut: a page of the column was not read. */
export interface CutMark {
  cut: boolean;
}

export class PassBudget {
  /**
   * Epoch ms at which this pass stops: the earlier of the deadline and the invocation's budget.
   * `pausing`: the budget comes first, so stopping there pauses the crawl instead of cutting it.
   */
  private readonly stopAt: number;
  private readonly pausing: boolean;
  /** A fetch met the budget: every column stops at its next step, and nothing cut off is written. */
  private pausedFlag = false;
  /**
   * Epoch ms (wall clock, the fetcher's) after which nothing new is fetched. Wall time, not
   * `ctx.now`, which may be a simulated day.
   */
  private readonly deadlineAt: number;
  /** The sweep's deadline for all sources comes before this crawl's own. */
  private readonly sweepDeadlineFirst: boolean;

  constructor(
    private readonly ctx: Pick<CrawlContext, 'fetcher' | 'sweepDeadlineAt' | 'budgetAt'>,
    private readonly deadlineMs: number,
  ) {
    const own = Date.now() + deadlineMs;
    this.sweepDeadlineFirst = ctx.sweepDeadlineAt !== undefined && ctx.sweepDeadlineAt < own;
    this.deadlineAt = this.sweepDeadlineFirst ? ctx.sweepDeadlineAt! : own;
    this.pausing = ctx.budgetAt !== undefined && ctx.budgetAt < this.deadlineAt;
    this.stopAt = this.pausing ? ctx.budgetAt! : this.deadlineAt;
  }

  /** Whether a fetch met the invocation's budget: the pass is pausing. */
  get paused(): boolean {
    return this.pausedFlag;
  }

  /**
   * Stops the pass as a pause does (no new fetch, nothing cut off written, no page state or check
   * for a column not finished): a broken store ends the pass, and the other columns must not
   * record a list they could not read as read.
   */
  halt(): void {
    this.pausedFlag = true;
  }

  /**
   * Fetches `url` within the pass's time. Once the pass is paused nothing is requested; a fetch the
   * budget cut off pauses the pass (and marks `read`), one the deadline cut off marks `cut`.
   */
  async fetch(
    url: string,
    cut?: CutMark,
    options: { etag?: string; lastModified?: string } = {},
    read?: PageRead,
  ): Promise<FetchResult> {
    if (this.pausedFlag) {
      if (read) read.paused = true;
      return pausedResult(url);
    }
    const result = await this.ctx.fetcher.fetch(url, { ...options, deadlineAt: this.stopAt });
    if (!result.ok && result.reason === 'deadline') {
      if (this.pausing) {
        this.pausedFlag = true;
        if (read) read.paused = true;
      } else if (cut) cut.cut = true;
    }
    return result;
  }

  /** Why the crawl was cut short, naming the deadline that cut it. */
  cutMessage(): string {
    if (this.sweepDeadlineFirst) {
      return `the sweep's crawl deadline (${new Date(this.deadlineAt).toISOString()}) passed before every page was read: what was read is kept, the rest was not read (cannot tell)`;
    }
    return `crawl deadline of ${Math.round(this.deadlineMs / 1000)} s passed before every page was read: what was read is kept, the rest was not read (cannot tell)`;
  }
}

/** What a fetch the pause refused returns: nothing was requested. */
function pausedResult(url: string): FetchResult {
  return {
    ok: false,
    url,
    reason: 'deadline',
    message: `${url} not fetched: the crawl paused for this invocation's time budget`,
    latencyMs: 0,
    attempts: 0,
  };
}
