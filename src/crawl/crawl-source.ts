/**
 * Crawls one source: its home page, then each column's list pages, then the detail pages and
 * attachments of items not seen before. Fetching (src/crawl/fetch) and extracting
 * (src/crawl/extract) stay separate; this module only decides what to fetch and what to record.
 *
 * Cost discipline: a column whose first list page is unchanged (304, or the same sha256) costs one
 * request and no document writes; known items are not re-fetched, except a few per column once they
 * were last read `recheckAfterDays` ago, to see that a page still listed still answers.
 */
import { compareText } from '../core/compare';
import type { CrawlSummary } from '../core/crawl-summary';
import type { IsoDate } from '../core/dates';
import { shanghaiDate } from '../core/dates';
import type { Attachment, Document } from '../core/document';
import { afterReread, awaitsFix } from '../core/privacy';
import { type Column, type CrawlLimits, CrawlLimitsSchema, type Source } from '../core/source';
import { visibleText } from '../core/visible-text';
import type {
  Archive,
  CrawlCursor,
  CrawlTotals,
  DocumentStore,
  HealthCheck,
  HealthStore,
  PageState,
  UpsertResult,
} from '../store/ports';
import { contentProblem, fetchProblem } from './evidence-check';
import {
  completesCutTitle,
  decodeHtml,
  extractDetail,
  extractList,
  isCutTitle,
  type ListItem,
} from './extract';
import { classifyContentType, type FetchedBody, type Fetcher, type FetchResult, isXmlType } from './fetch';
import { PersonalDataCollector } from './personal-data';

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

/** What one pass of a crawl did: `done` once the whole source is read (or given up on). */
export interface CrawlPass {
  done: boolean;
  summary: CrawlSummary;
  cursor: CrawlCursor;
}

/**
 * How often a long pass saves its cursor between columns. Each save is a write; a crash loses at
 * most this much reading (documents and page states are committed either way, so what it loses is
 * only the re-reading of lists that will answer unchanged).
 */
export const CURSOR_SAVE_INTERVAL_MS = 30_000;

/** A crawl's wall time when neither the source nor the caller sets one. */
export const DEFAULT_CRAWL_DEADLINE_MS = 10 * 60_000;

interface ColumnOutcome {
  pages: number;
  bytes: number;
  notModified: number;
  newDocuments: number;
  changedDocuments: number;
  errors: number;
  ok: boolean;
  /** Some page of the column was not read because the crawl's deadline passed. */
  cut: boolean;
  /** Limits that stopped the reading of the column's list (recorded on its check). */
  limitsHit: string[];
  /** The column's checks (one, or none when the pass paused before it was read). */
  checks: HealthCheck[];
}

const ATTACHMENTS_PER_ITEM = 5;
/** One day in milliseconds, for re-check ages. */
const DAY_MS = 86_400_000;

/**
 * Whether a failure means the site itself is unreachable (as opposed to one page being refused).
 * A robots.txt that answers 5xx or not at all blocks the whole host for the sweep (RFC 9309), which
 * is the site being down as far as evidence goes.
 */
function siteDown(result: FetchResult, fetcher: Fetcher): boolean {
  if (result.ok) return false;
  if (result.reason === 'network' || result.reason === 'timeout') return true;
  if (result.reason === 'blocked-robots') {
    const host = new URL(result.url).host;
    return fetcher.stats().robots[host] === 'unreachable';
  }
  return result.reason === 'http-status' && (result.status ?? 0) >= 500;
}

function describeFailure(result: FetchResult): string {
  return result.ok ? '' : `${result.reason}: ${result.message}`;
}

function isHtml(result: FetchedBody): boolean {
  const kind = classifyContentType(result.contentType);
  return kind === 'html' || (kind === 'other' && !result.contentType);
}

/** A list page is HTML, or the XML a list's paging endpoint answers (Hanweb's dataproxy.jsp). */
function isListMarkup(result: FetchedBody): boolean {
  return isHtml(result) || isXmlType(result.contentType);
}

function looksLikeFile(url: string): boolean {
  return /\.(pdf|docx?|xlsx?|wps|et|pptx?|zip|rar|7z|ofd|txt|csv)(\?|#|$)/i.test(url);
}

export class SourceCrawler {
  private readonly limits: CrawlLimits;
  private readonly checkedAt: string;
  /**
   * Epoch ms at which this pass stops: the earlier of the deadline and the invocation's budget.
   * `pausing`: the budget comes first, so stopping there pauses the crawl instead of cutting it.
   */
  private readonly stopAt: number;
  private readonly pausing: boolean;
  /** A fetch met the budget: every column stops at its next step, and nothing cut off is written. */
  private paused = false;
  /** Cursor writes in order, one at a time. */
  private saving: Promise<void> = Promise.resolve();
  private savedAt = Date.now();
  /**
   * Epoch ms (wall clock, the fetcher's) after which nothing new is fetched. Wall time, not
   * `ctx.now`, which may be a simulated day.
   */
  private readonly deadlineAt: number;
  private readonly deadlineMs: number;
  /** The sweep's deadline for all sources comes before this crawl's own. */
  private readonly sweepDeadlineFirst: boolean;

  constructor(
    private readonly source: Source,
    private readonly ctx: CrawlContext,
  ) {
    this.limits = CrawlLimitsSchema.parse({ ...ctx.defaults, ...source.limits });
    // Every pass of one crawl records the same instant: a resumed crawl's sightings and checks
    // are those of one crawl.
    this.checkedAt = ctx.cursor?.startedAt ?? ctx.now().toISOString();
    this.deadlineMs = this.limits.crawlDeadlineMs ?? ctx.deadlineMs ?? DEFAULT_CRAWL_DEADLINE_MS;
    const own = Date.now() + this.deadlineMs;
    this.sweepDeadlineFirst = ctx.sweepDeadlineAt !== undefined && ctx.sweepDeadlineAt < own;
    this.deadlineAt = this.sweepDeadlineFirst ? ctx.sweepDeadlineAt! : own;
    this.pausing = ctx.budgetAt !== undefined && ctx.budgetAt < this.deadlineAt;
    this.stopAt = this.pausing ? ctx.budgetAt! : this.deadlineAt;
  }

  /** Every fetch of the crawl shares its deadline; a page it cut off marks the column as cut. */
  private async fetch(
    url: string,
    outcome?: ColumnOutcome,
    options: { etag?: string; lastModified?: string } = {},
    read?: PageRead,
  ) {
    if (this.paused) {
      if (read) read.paused = true;
      return pausedResult(url);
    }
    const result = await this.ctx.fetcher.fetch(url, { ...options, deadlineAt: this.stopAt });
    if (!result.ok && result.reason === 'deadline') {
      if (this.pausing) {
        this.paused = true;
        if (read) read.paused = true;
      } else if (outcome) outcome.cut = true;
    }
    return result;
  }

  /**
   * A crawl cut short read the site only in part. Verdicts judge a source by whether it was read,
   * so none of its checks may say it was: a period whose evidence sat on an unread page is
   * `insufficient-data`, never `missing` (and an unread page is never evidence, so never `met`).
   */
  private failAll(checks: HealthCheck[], reason: string): HealthCheck[] {
    return checks.map((c) => (c.ok ? { ...c, ok: false, error: reason } : c));
  }

  private cutMessage(): string {
    if (this.sweepDeadlineFirst) {
      return `the sweep's crawl deadline (${new Date(this.deadlineAt).toISOString()}) passed before every page was read: what was read is kept, the rest was not read (cannot tell)`;
    }
    return `crawl deadline of ${Math.round(this.deadlineMs / 1000)} s passed before every page was read: what was read is kept, the rest was not read (cannot tell)`;
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
    const cursor: CrawlCursor = this.ctx.cursor
      ? { ...this.ctx.cursor, passes: this.ctx.cursor.passes + 1 }
      : {
          runId: this.ctx.runId,
          sourceId: this.source.id,
          startedAt: this.checkedAt,
          passes: 1,
          done: false,
          columnsDone: [],
          checks: [],
          totals: { pages: 0, bytes: 0, newDocuments: 0, changedDocuments: 0, errors: 0 },
          limitsHit: [],
        };
    if (cursor.done) return { done: true, summary: summaryOf(cursor), cursor };
    if (!cursor.home) {
      const home = await this.fetch(this.source.homepage);
      if (this.paused) return this.pause(cursor);
      if (home.ok && !home.notModified) await this.archive(home);
      cursor.checks.push(
        this.check({ url: this.source.homepage, result: home, stats: this.homeStats(home) }),
      );
      const reachable = !siteDown(home, this.ctx.fetcher);
      cursor.home = { reachable, ...(home.ok ? {} : { error: describeFailure(home) }) };
      addTotals(cursor.totals, {
        pages: home.ok ? 1 : 0,
        bytes: home.ok && !home.notModified ? home.body.byteLength : 0,
        errors: home.ok ? 0 : 1,
      });
      if (!home.ok && home.reason === 'deadline') cursor.cutShort = this.cutMessage();
      if (!reachable) {
        // The whole site is down: every column is recorded as failing this check, without hammering it.
        for (const column of this.source.columns) {
          cursor.checks.push(this.check({ url: column.url, columnId: column.id, result: home }));
        }
        cursor.columnsDone = this.source.columns.map((c) => c.id);
      }
    }
    const left = this.source.columns.filter((c) => !cursor.columnsDone.includes(c.id));
    if (left.length > 0) {
      // One read for every column's conditional-GET validators instead of one per column.
      const states = await this.ctx.documents.getPageStates(left.map((c) => c.url));
      await Promise.all(
        left.map(async (column) => {
          const outcome = await this.crawlColumn(column, states.get(column.url) ?? null);
          // A paused column's requests and writes happened: they count, its check waits for the next pass.
          addTotals(cursor.totals, { ...outcome, errors: this.paused ? 0 : outcome.errors });
          if (this.paused) return;
          cursor.columnsDone.push(column.id);
          cursor.checks.push(...outcome.checks);
          cursor.limitsHit.push(...outcome.limitsHit);
          if (outcome.cut) cursor.cutShort ??= this.cutMessage();
          if (Date.now() - this.savedAt >= CURSOR_SAVE_INTERVAL_MS) await this.save(cursor);
        }),
      );
      if (this.paused) return this.pause(cursor);
    }
    return this.finish(cursor);
  }

  /** Ends a pass the budget stopped: the cursor says what is left. */
  private async pause(cursor: CrawlCursor): Promise<CrawlPass> {
    await this.save(cursor);
    return { done: false, summary: summaryOf(cursor), cursor };
  }

  /** Ends the crawl: its checks and its crawl run are written, and the cursor says it is done. */
  private async finish(cursor: CrawlCursor): Promise<CrawlPass> {
    const summary = summaryOf(cursor);
    await this.ctx.health.recordChecks(
      summary.cutShort ? this.failAll(cursor.checks, summary.cutShort) : cursor.checks,
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

  private save(cursor: CrawlCursor): Promise<void> {
    const { saveCursor } = this.ctx;
    if (!saveCursor) return Promise.resolve();
    const snapshot = structuredClone(cursor);
    this.savedAt = Date.now();
    this.saving = this.saving.then(() => saveCursor(snapshot));
    return this.saving;
  }

  private async crawlColumn(column: Column, previous: PageState | null): Promise<ColumnOutcome> {
    const outcome: ColumnOutcome = {
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
    const first = await this.fetch(column.url, outcome, {
      ...(previous?.etag ? { etag: previous.etag } : {}),
      ...(previous?.lastModified ? { lastModified: previous.lastModified } : {}),
    });
    // A paused column leaves no check and no page state: the next pass reads it from its first page.
    if (this.paused) return outcome;
    if (!first.ok) {
      outcome.errors += 1;
      outcome.checks.push(
        this.check({
          url: column.url,
          columnId: column.id,
          result: first,
          // The site's robots.txt forbids the column: no request was made, so it says nothing about
          // whether the site opens (a robots.txt that cannot be read is the site failing, and is not this).
          ...(first.reason === 'blocked-robots' && !siteDown(first, this.ctx.fetcher)
            ? { notVisited: true }
            : {}),
        }),
      );
      return outcome;
    }
    outcome.pages += 1;
    if (first.notModified || first.sha256 === previous?.sha256) {
      outcome.notModified += 1;
      if (!first.notModified) outcome.bytes += first.body.byteLength;
      // Each follow-up writes the page state it leaves, so the next starts from that one.
      const state =
        previous?.recheckDueAt && previous.recheckDueAt <= this.checkedAt
          ? await this.recheckUnchanged(column, previous, outcome)
          : previous;
      if (state?.awaitingFix && !this.paused) await this.rereadAwaitingFix(column, state, outcome);
      if (this.paused) return outcome;
      outcome.checks.push(
        this.check({ url: column.url, columnId: column.id, result: first, stats: previous ?? undefined }),
      );
      outcome.ok = true;
      return outcome;
    }
    outcome.bytes += first.body.byteLength;
    if (!isHtml(first)) {
      outcome.errors += 1;
      outcome.checks.push(
        this.check({
          url: column.url,
          columnId: column.id,
          result: first,
          error: `unexpected content type ${first.contentType ?? '(none)'} for a list page`,
        }),
      );
      return outcome;
    }
    const listing = await this.readListing(column, first, outcome);
    if (this.paused) return outcome;
    const stats = await this.storeItems(column, listing.items, listing.complete, outcome);
    if (this.paused) return outcome;
    const state: PageState = {
      url: column.url,
      fetchedAt: this.checkedAt,
      sha256: first.sha256,
      ...(first.etag ? { etag: first.etag } : {}),
      ...(first.lastModified ? { lastModified: first.lastModified } : {}),
      ...stats,
    };
    // A column cut short by the deadline is not read: its page state stays as it was, so the next
    // crawl reads it again, and its check fails, so its periods are `insufficient-data`.
    if (!outcome.cut) await this.ctx.documents.putPageState(state, previous);
    outcome.checks.push(
      this.check({
        url: column.url,
        columnId: column.id,
        result: first,
        stats,
        ...(outcome.cut ? { error: this.cutMessage() } : {}),
        ...(outcome.limitsHit.length > 0 ? { limitHit: outcome.limitsHit.join('; ') } : {}),
      }),
    );
    outcome.ok = !outcome.cut;
    return outcome;
  }

  /** Reads the first list page and follows pagination up to the column's page limit. */
  private async readListing(column: Column, first: FetchedBody, outcome: ColumnOutcome) {
    await this.archive(first);
    const maxPages = Math.min(column.maxPages ?? this.limits.maxPages, this.limits.maxPages);
    const items = new Map<string, ListItem>();
    const seenPages = new Set([column.url, first.finalUrl]);
    const queue: string[] = [];
    let requested = 1;
    let complete = true;
    const take = (page: FetchedBody) => {
      const { text } = decodeHtml(page.body, {
        contentTypeHeader: page.contentType,
        charsetHint: this.source.charset,
      });
      const listing = extractList(text, {
        url: page.finalUrl,
        selectors: column.selectors,
        now: this.ctx.asOf,
        maxItems: this.limits.maxLinksPerPage,
      });
      if (listing.cut) {
        complete = false;
        outcome.limitsHit.push(
          `list page ${page.finalUrl} holds ${listing.cut.links} links; only the first ${this.limits.maxLinksPerPage} items were read (maxLinksPerPage): the page was parsed up to its ${listing.cut.parsedLinks}th link and no further`,
        );
      } else if (listing.items.length > this.limits.maxLinksPerPage) {
        complete = false;
        outcome.limitsHit.push(
          `list page ${page.finalUrl} lists ${listing.items.length} items; only the first ${this.limits.maxLinksPerPage} were read (maxLinksPerPage)`,
        );
      }
      for (const item of listing.items.slice(0, this.limits.maxLinksPerPage))
        if (!items.has(item.url)) items.set(item.url, item);
      for (const next of listing.next) if (!seenPages.has(next)) queue.push(next);
    };
    take(first);
    while (queue.length > 0) {
      // Pages already known to exist (pagers often link every page) are fetched as many at a time
      // as the host allows, and read in page order, so items keep the order the site lists them in.
      const wave: string[] = [];
      while (queue.length > 0 && wave.length < this.limits.perHostConcurrency) {
        const url = queue.shift()!;
        if (seenPages.has(url)) continue;
        // Counted as requested, not by distinct addresses: a list page that redirected counts once.
        if (requested >= maxPages) {
          complete = false;
          outcome.limitsHit.push(
            `column ${column.id} has more than ${maxPages} list pages; the rest were not read (maxPages)`,
          );
          queue.length = 0;
          break;
        }
        seenPages.add(url);
        requested += 1;
        wave.push(url);
      }
      const pages = await Promise.all(wave.map((url) => this.fetch(url, outcome)));
      for (const page of pages) {
        if (!page.ok || page.notModified) {
          outcome.errors += page.ok ? 0 : 1;
          complete = false;
          continue;
        }
        outcome.pages += 1;
        outcome.bytes += page.body.byteLength;
        await this.archive(page);
        if (isListMarkup(page)) take(page);
      }
    }
    return { items: [...items.values()], complete };
  }

  /** Writes new and changed documents, and records which known ones vanished from the column. */
  private async storeItems(column: Column, items: ListItem[], complete: boolean, outcome: ColumnOutcome) {
    const known = new Map(
      (await this.ctx.documents.listDocuments({ sourceId: this.source.id, columnId: column.id })).map((d) => [
        d.url,
        d,
      ]),
    );
    let undated = 0;
    let newest: IsoDate | null = null;
    const count = (result: UpsertResult) => {
      if (result === 'new') outcome.newDocuments += 1;
      if (result === 'changed') outcome.changedDocuments += 1;
    };
    // New documents are written a transaction's worth at a time while the column's other pages are
    // still being fetched, one write in flight per column. A crawl killed half-way keeps what it
    // wrote; the page state is written last, so the next crawl reads the column again and finds the
    // rest new.
    const insertBatch = 25; // one TransactWriteItems of conditional puts
    let fresh: Document[] = [];
    let writing: Promise<void> = Promise.resolve();
    let failed = false;
    const flush = () => {
      const batch = fresh;
      fresh = [];
      writing = writing.then(async () => {
        for (const result of await this.ctx.documents.insertDocuments(batch)) count(result);
      });
      // Awaited below; until then a failure only stops new fetches.
      writing.catch(() => {
        failed = true;
      });
    };
    // New items' pages are fetched a few at a time, so one busy column can use every connection the
    // fetcher allows its host (the fetcher's per-host limit still caps what is in flight).
    const discovered = new Map<string, Document>();
    // New items, items whose page could not be read or was an error page last time (read again:
    // a rate limit passes, a site fixes its links), items whose title changed (a new version), and
    // items carrying personal data not yet fixed (read again to see the day it is fixed in place).
    const pending = items.filter((item) => {
      const existing = known.get(item.url);
      return (
        !existing ||
        Boolean(existing.problem) ||
        retitled(existing, item) ||
        (this.ctx.scanPersonalData !== false && awaitsFix(existing))
      );
    });
    let next = 0;
    const worker = async () => {
      while (!failed && !this.paused && next < pending.length) {
        const item = pending[next++]!;
        try {
          const read: PageRead = { paused: false };
          const doc = await this.discover(column, item, outcome, read);
          // The budget cut this page or one of its attachments off: the next pass reads it whole.
          if (read.paused) continue;
          discovered.set(item.url, doc);
          const existing = known.get(item.url);
          if (existing) {
            const updated = this.reread(existing, doc, item);
            discovered.set(item.url, updated);
            count(await this.ctx.documents.upsertDocument(updated));
          } else {
            fresh.push(doc);
            if (fresh.length >= insertBatch) flush();
          }
        } catch (error) {
          // A broken store stops the column: no new fetch starts, the ones in flight finish.
          failed = true;
          throw error;
        }
      }
    };
    const workers = Array.from({ length: Math.min(this.limits.perHostConcurrency, pending.length) }, worker);
    const settled = await Promise.allSettled(workers);
    if (fresh.length > 0) flush();
    await writing;
    for (const s of settled) if (s.status === 'rejected') throw s.reason;
    // What was read is written; the rest of the column (sightings, re-checks, absences) is the next pass's.
    if (this.paused) return { itemCount: items.length, undatedCount: 0, newestItemDate: null };
    for (const item of items) {
      const existing = known.get(item.url);
      if (existing && discovered.has(item.url)) {
        // Read again above and already written.
        const doc = discovered.get(item.url)!;
        if (!doc.date) undated += 1;
        else if (!newest || doc.date > newest) newest = doc.date;
        continue;
      }
      const doc = existing ? this.refresh(existing) : discovered.get(item.url)!;
      if (!doc.date) undated += 1;
      else if (!newest || doc.date > newest) newest = doc.date;
      // A known document whose title and presence did not change needs no request at all.
      if (existing && (existing.title !== doc.title || !sameAbsences(existing, doc)))
        count(await this.ctx.documents.upsertDocument(doc));
    }
    const listed = items.flatMap((item) => {
      const doc = known.get(item.url);
      return doc && !discovered.has(item.url) ? [doc] : [];
    });
    const rechecked = await this.recheckListed(listed, outcome, count);
    if (this.paused) return { itemCount: items.length, undatedCount: 0, newestItemDate: null };
    const recheckDueAt = this.nextRecheckDue([...rechecked, ...discovered.values()]);
    if (complete) {
      const present = new Set(items.map((i) => i.url));
      for (const doc of known.values()) {
        const open = doc.absences.at(-1);
        if (present.has(doc.url) || (open && open.to === null)) continue;
        await this.ctx.documents.upsertDocument({
          ...doc,
          absences: [...doc.absences, { from: this.checkedAt, to: null }],
        });
        outcome.changedDocuments += 1;
      }
    }
    const awaitingFix = items.filter((item) => {
      const doc = discovered.get(item.url) ?? known.get(item.url);
      return doc !== undefined && awaitsFix(doc);
    }).length;
    return {
      itemCount: items.length,
      undatedCount: undated,
      newestItemDate: newest,
      ...(recheckDueAt ? { recheckDueAt } : {}),
      ...(awaitingFix > 0 ? { awaitingFix } : {}),
    };
  }

  /**
   * An unchanged list whose longest-unchecked page fell due: the documents it lists (those not gone
   * from it) are re-checked as if it had changed, and the list's state records when the next is due.
   */
  private async recheckUnchanged(
    column: Column,
    previous: PageState,
    outcome: ColumnOutcome,
  ): Promise<PageState> {
    const docs = await this.ctx.documents.listDocuments({ sourceId: this.source.id, columnId: column.id });
    const listed = docs.filter((d) => d.absences.at(-1)?.to !== null);
    const count = (result: UpsertResult) => {
      if (result === 'changed') outcome.changedDocuments += 1;
    };
    const after = await this.recheckListed(listed, outcome, count);
    if (this.paused) return previous;
    const { recheckDueAt: _due, ...rest } = previous;
    const next = this.nextRecheckDue(after);
    const state = { ...rest, ...(next ? { recheckDueAt: next } : {}) };
    await this.ctx.documents.putPageState(state, previous);
    return state;
  }

  /** Re-checks the listed documents that are due and writes what changed; returns the listed documents as they now are. */
  private async recheckListed(
    listed: Document[],
    outcome: ColumnOutcome,
    count: (result: UpsertResult) => void,
  ): Promise<Document[]> {
    const now = new Map(listed.map((d) => [d.url, d]));
    for (const doc of this.dueForRecheck(listed)) {
      const updated = await this.recheck(doc, outcome);
      if (this.paused) break;
      if (!updated) continue;
      now.set(doc.url, updated);
      count(await this.ctx.documents.upsertDocument(updated));
    }
    return [...now.values()];
  }

  /** When the longest-unchecked of these documents falls due for a re-check; none when none can be. */
  private nextRecheckDue(docs: Document[]): string | undefined {
    const reads = docs.filter(recheckable).map(lastRead).sort(compareText);
    const oldest = reads[0];
    if (!oldest || !this.limits.fetchDetails || this.limits.rechecksPerColumn === 0) return undefined;
    return new Date(Date.parse(oldest) + this.limits.recheckAfterDays * DAY_MS).toISOString();
  }

  /**
   * An unchanged list whose documents carry personal data not yet fixed: those documents are read
   * again (page and attachments), since a fix in place changes nothing the list shows.
   */
  private async rereadAwaitingFix(
    column: Column,
    previous: PageState,
    outcome: ColumnOutcome,
  ): Promise<void> {
    if (this.ctx.scanPersonalData === false) return;
    const docs = await this.ctx.documents.listDocuments({ sourceId: this.source.id, columnId: column.id });
    let awaiting = 0;
    for (const doc of docs) {
      if (!awaitsFix(doc) || doc.absences.at(-1)?.to === null) continue;
      const item: ListItem = {
        url: doc.url,
        title: doc.title,
        dateText: doc.dateText,
        date: doc.date,
        dateOrigin: listOrigin(doc.dateOrigin),
        urlDate: doc.urlDate ?? null,
        attachments: doc.attachments.map((a) => ({ url: a.url, name: a.name })),
      };
      const read: PageRead = { paused: false };
      const fresh = await this.discover(column, item, outcome, read);
      if (read.paused) return;
      const updated = this.reread(doc, fresh, item);
      if ((await this.ctx.documents.upsertDocument(updated)) === 'changed') outcome.changedDocuments += 1;
      if (awaitsFix(updated)) awaiting += 1;
    }
    if (awaiting !== previous.awaitingFix) {
      const { awaitingFix: _was, ...rest } = previous;
      await this.ctx.documents.putPageState(
        { ...rest, ...(awaiting > 0 ? { awaitingFix: awaiting } : {}) },
        previous,
      );
    }
  }

  /**
   * A known item whose page was read again: a new title makes a new version (first-seen restarts,
   * the old title, hash and times are kept in `versions`); otherwise the page's fetch outcome is
   * updated and the item keeps its first-seen.
   */
  private reread(existing: Document, read: Document, item: ListItem): Document {
    const present = this.refresh(existing);
    if (retitled(existing, item)) {
      const version = {
        title: existing.title,
        firstSeen: existing.firstSeen,
        lastSeen: existing.lastSeen,
        sha256: existing.sha256,
        ...(existing.fetchedAt !== undefined ? { fetchedAt: existing.fetchedAt } : {}),
      };
      return { ...read, versions: [...(existing.versions ?? []), version] };
    }
    // A good page read again only for personal data keeps its reading when this read fails.
    if (!existing.problem && read.problem) return present;
    const readInFull = !read.problem && read.attachments.every((a) => a.sha256 && !a.problem);
    const personalData = afterReread(existing.personalData, read.personalData, this.checkedAt, readInFull);
    return {
      ...present,
      ...(personalData ? { personalData } : {}),
      // The hash and the archive key of one copy go together: both from this read, or both kept.
      ...(read.sha256 ? { sha256: read.sha256, archiveKey: read.archiveKey } : {}),
      fetchedAt: read.fetchedAt ?? existing.fetchedAt ?? null,
      problem: read.problem ?? null,
      attachments: read.attachments,
      ...(existing.date ? {} : { date: read.date, dateText: read.dateText, dateOrigin: read.dateOrigin }),
    };
  }

  /**
   * Known pages still listed, archived and good, that were last read `recheckAfterDays` ago or more:
   * at most `rechecksPerColumn` of them, the longest unchecked first. A page can answer 404 while
   * its column still lists it; only a new request shows that.
   */
  private dueForRecheck(listed: Document[]): Document[] {
    if (!this.limits.fetchDetails || this.limits.rechecksPerColumn === 0) return [];
    const cutoff = Date.parse(this.checkedAt) - this.limits.recheckAfterDays * DAY_MS;
    return listed
      .filter((d) => recheckable(d) && Date.parse(lastRead(d)) <= cutoff)
      .sort((a, b) => compareText(lastRead(a), lastRead(b)))
      .slice(0, this.limits.rechecksPerColumn);
  }

  /**
   * Requests a known page again. A 404 or 410 records since when it is gone (its archived copy stays
   * the evidence); an answer clears that; anything else (timeout, 5xx) says nothing and changes nothing.
   */
  private async recheck(doc: Document, outcome: ColumnOutcome): Promise<Document | null> {
    const page = await this.fetch(doc.url, outcome);
    const gone = !page.ok && page.reason === 'http-status' && (page.status === 404 || page.status === 410);
    if (!page.ok && !gone) return null;
    if (page.ok) outcome.pages += 1;
    return {
      ...this.refresh(doc),
      recheckedAt: this.checkedAt,
      goneSince: gone ? (doc.goneSince ?? this.checkedAt) : null,
    };
  }

  /** A known item seen again: only a return from absence changes it (a new title is reread above). */
  private refresh(doc: Document): Document {
    const open = doc.absences.at(-1);
    const absences =
      open && open.to === null
        ? [...doc.absences.slice(0, -1), { ...open, to: this.checkedAt }]
        : doc.absences;
    return { ...doc, absences, lastSeen: this.checkedAt };
  }

  /** A new item: fetch its page (or the file it links to), archive it, read its date and attachments. */
  private async discover(
    column: Column,
    item: ListItem,
    outcome: ColumnOutcome,
    read?: PageRead,
  ): Promise<Document> {
    const doc: Document = {
      url: item.url,
      sourceId: this.source.id,
      columnId: column.id,
      columnKind: column.kind,
      units: this.source.units,
      title: item.title,
      dateText: item.dateText,
      date: item.date,
      dateOrigin: item.dateOrigin,
      urlDate: item.urlDate ?? null,
      firstSeen: this.checkedAt,
      lastSeen: this.checkedAt,
      sha256: null,
      fetchedAt: null,
      problem: null,
      attachments: item.attachments.map((a) => ({ url: a.url, name: a.name })),
      absences: [],
    };
    if (!this.limits.fetchDetails) {
      doc.problem = { reason: 'detail page not fetched: this source has fetchDetails off', unread: true };
      return doc;
    }
    const file = looksLikeFile(item.url);
    const what = file ? 'file' : 'detail page';
    const page = await this.fetch(item.url, outcome, {}, read);
    if (!page.ok || page.notModified) {
      outcome.errors += page.ok ? 0 : 1;
      doc.problem = page.ok
        ? { reason: `${what} answered HTTP 304 to a request that was not conditional`, unread: true }
        : fetchProblem(page, what);
      return doc;
    }
    outcome.pages += 1;
    outcome.bytes += page.body.byteLength;
    doc.fetchedAt = this.ctx.now().toISOString();
    // The page is read while the archive writes it; the document waits for both. Error pages are
    // archived too: an auditor can open what the site served instead of the document.
    const archiving = this.archive(page);
    const privacy = this.personalData();
    if (file || !isHtml(page)) {
      const archived = await archiving;
      doc.sha256 = archived.sha256;
      doc.archiveKey = archived.key;
      doc.problem = contentProblem(page, what);
      doc.attachments = mergeAttachments(doc.attachments, [
        {
          url: item.url,
          name: item.title,
          sha256: archived.sha256,
          ...(doc.problem ? { problem: doc.problem } : {}),
        },
      ]);
      await privacy?.scan(page, archived.sha256);
      return this.withPersonalData(doc, privacy);
    }
    const { text } = decodeHtml(page.body, {
      contentTypeHeader: page.contentType,
      charsetHint: this.source.charset,
    });
    doc.problem = contentProblem(page, what, text);
    const archived = await archiving;
    doc.sha256 = archived.sha256;
    doc.archiveKey = archived.key;
    // An error page's date and links say nothing about the document.
    if (doc.problem) return doc;
    // The crawler keeps the date, title and attachments; the article text is not stored, so not read.
    const detail = extractDetail(text, { url: page.finalUrl, maxTextChars: 0 });
    await privacy?.scan(page, doc.sha256);
    if (!doc.date && detail.date) {
      doc.date = detail.date;
      doc.dateText = detail.dateText;
      doc.dateOrigin = detail.dateOrigin;
    }
    // A list that cut the title short (`关于…的通...`) leaves the whole title to the detail page.
    if (detail.title && (!doc.title || completesCutTitle(detail.title, doc.title))) doc.title = detail.title;
    const attachments = mergeAttachments(doc.attachments, detail.attachments);
    doc.attachments = await this.fetchAttachments(attachments, outcome, privacy, read);
    return this.withPersonalData(doc, privacy);
  }

  private personalData(): PersonalDataCollector | undefined {
    return this.ctx.scanPersonalData === false ? undefined : new PersonalDataCollector(this.source.charset);
  }

  private withPersonalData(doc: Document, privacy: PersonalDataCollector | undefined): Document {
    const scan = privacy?.result(this.checkedAt);
    return scan ? { ...doc, personalData: scan } : doc;
  }

  private async fetchAttachments(
    attachments: Attachment[],
    outcome: ColumnOutcome,
    privacy?: PersonalDataCollector,
    read?: PageRead,
  ): Promise<Attachment[]> {
    const out: Attachment[] = [];
    for (const [i, attachment] of attachments.entries()) {
      if (i >= ATTACHMENTS_PER_ITEM || attachment.sha256) {
        out.push(attachment);
        continue;
      }
      const what = `attachment “${attachment.name}”`;
      const file = await this.fetch(attachment.url, outcome, {}, read);
      if (!file.ok || file.notModified) {
        outcome.errors += file.ok ? 0 : 1;
        if (!file.ok && file.reason === 'too-large')
          privacy?.notFetched(attachment.url, describeFailure(file));
        const problem = file.ok
          ? { reason: `${what} answered HTTP 304 to a request that was not conditional`, unread: true }
          : fetchProblem(file, what);
        out.push({ ...attachment, problem });
        continue;
      }
      outcome.pages += 1;
      outcome.bytes += file.body.byteLength;
      const archived = await this.archive(file);
      await privacy?.scan(file, archived.sha256);
      const problem = contentProblem(file, what);
      out.push({ ...attachment, sha256: archived.sha256, ...(problem ? { problem } : {}) });
    }
    return out;
  }

  private archive(page: FetchedBody) {
    return this.ctx.archive.put(page.body, {
      url: page.url,
      finalUrl: page.finalUrl,
      status: page.status,
      fetchedAt: this.ctx.now().toISOString(),
      ...(page.contentType ? { contentType: page.contentType } : {}),
      headers: pickHeaders(page.headers),
    });
  }

  /**
   * What the home page lists: the inspection rules judge a site's freshness by its home page's
   * newest dated item (items without a date count as not updated).
   */
  private homeStats(
    home: FetchResult,
  ): Pick<PageState, 'itemCount' | 'undatedCount' | 'newestItemDate'> | undefined {
    if (!home.ok || home.notModified || !isHtml(home)) return undefined;
    const { text } = decodeHtml(home.body, {
      contentTypeHeader: home.contentType,
      charsetHint: this.source.charset,
    });
    const { items } = extractList(text, { url: home.finalUrl, now: this.ctx.asOf });
    let newest: IsoDate | null = null;
    let undated = 0;
    for (const item of items) {
      if (!item.date) undated += 1;
      else if (!newest || item.date > newest) newest = item.date;
    }
    return { itemCount: items.length, undatedCount: undated, newestItemDate: newest };
  }

  private check(input: {
    url: string;
    columnId?: string;
    result: FetchResult;
    stats?: Pick<PageState, 'itemCount' | 'undatedCount' | 'newestItemDate' | 'sha256'>;
    error?: string;
    notVisited?: boolean;
    limitHit?: string;
  }) {
    const { result } = input;
    // The hash of the page as read (or as last read, for a 304): an auditor finds the archived copy by it.
    const ok = result.ok && !input.error;
    const sha256 = result.ok && !result.notModified ? result.sha256 : input.stats?.sha256;
    const check: HealthCheck = {
      sourceId: this.source.id,
      url: input.url,
      checkedAt: this.checkedAt,
      ok,
      latencyMs: Math.round(result.latencyMs),
      ...(input.columnId ? { columnId: input.columnId } : {}),
      ...(result.ok ? { status: result.status } : result.status ? { status: result.status } : {}),
      ...(input.error ? { error: input.error } : result.ok ? {} : { error: describeFailure(result) }),
      ...(input.stats?.itemCount !== undefined ? { itemCount: input.stats.itemCount } : {}),
      ...(input.stats?.undatedCount !== undefined ? { undatedCount: input.stats.undatedCount } : {}),
      ...(input.stats?.newestItemDate !== undefined ? { newestItemDate: input.stats.newestItemDate } : {}),
      ...(sha256 && ok ? { sha256 } : {}),
      ...(input.notVisited ? { notVisited: true } : {}),
      ...(input.limitHit ? { limitHit: input.limitHit } : {}),
    };
    return check;
  }
}

/** One document's reading: whether the pause cut any of its fetches off (then it is not written). */
interface PageRead {
  paused: boolean;
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

function addTotals(totals: CrawlTotals, add: Partial<CrawlTotals>): void {
  totals.pages += add.pages ?? 0;
  totals.bytes += add.bytes ?? 0;
  totals.newDocuments += add.newDocuments ?? 0;
  totals.changedDocuments += add.changedDocuments ?? 0;
  totals.errors += add.errors ?? 0;
}

/** The crawl summary a cursor stands for. */
function summaryOf(cursor: CrawlCursor): CrawlSummary {
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

/**
 * Whether a known item's list title changed materially (beyond spacing and invisible characters):
 * a retitled page is a new document for backdating, never the old one's first-seen date.
 */
function retitled(existing: Document, item: ListItem): boolean {
  if (!item.title) return false;
  const norm = (t: string) => visibleText(t).replace(/\s+/g, '');
  // A stored title taken whole from the detail page is the same title the list shows cut short.
  if (isCutTitle(item.title) && completesCutTitle(norm(existing.title), norm(item.title))) return false;
  return norm(existing.title) !== norm(item.title);
}

/** A document's date origin as a list item's: dates read from the detail page count as none. */
function listOrigin(origin: Document['dateOrigin']): ListItem['dateOrigin'] {
  return origin === 'detail-meta' || origin === 'detail-text' ? 'none' : origin;
}

function sameAbsences(a: Document, b: Document): boolean {
  return JSON.stringify(a.absences) === JSON.stringify(b.absences);
}

function mergeAttachments(
  a: Attachment[],
  b: { url: string; name: string; sha256?: string }[],
): Attachment[] {
  const byUrl = new Map<string, Attachment>();
  for (const x of [...a, ...b]) if (!byUrl.has(x.url)) byUrl.set(x.url, x);
  return [...byUrl.values()];
}

const KEPT_HEADERS = [
  'content-type',
  'content-length',
  'etag',
  'last-modified',
  'date',
  'server',
  'content-encoding',
];

function pickHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(KEPT_HEADERS.filter((h) => headers[h]).map((h) => [h, headers[h]!]));
}

/** The Asia/Shanghai date of the crawl, for callers that key things by day. */
export function crawlDay(ctx: CrawlContext): IsoDate {
  return shanghaiDate(ctx.now());
}

/** A page worth requesting again: archived, and evidence when it was read (an error page is read again anyway). */
function recheckable(doc: Document): boolean {
  return Boolean(doc.sha256) && !doc.problem;
}

/** When a known page was last read: its last re-check, else when it was archived. */
function lastRead(doc: Document): string {
  return doc.recheckedAt ?? doc.fetchedAt ?? doc.firstSeen;
}
