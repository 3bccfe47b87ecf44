/**
 * A column's listed items as documents: new items and items to read again are read (a few at a
 * time) and written in batches as each list page comes; known items seen again are written when
 * something they show changed; when the list is read to its end, the re-checks, the items gone
 * from the list and the list's counts for its page state.
 */
import type { IsoDate } from '../../core/dates';
import type { Document } from '../../core/document';
import type { ListItem } from '../../core/list-item';
import { awaitsFix } from '../../core/privacy';
import type { Column } from '../../core/source';
import type { PageState, UpsertResult } from '../../store/ports';
import { type ColumnOutcome, counter } from './column-outcome';
import type { CrawlScope } from './crawl-context';
import { readItem, refresh, reread, retitled } from './detail-reading';
import { type ListProgress, urlDigest } from './list-progress';
import { nextRecheckDue, recheckListed } from './rechecks';

/** What a column's page state records of its list. */
export type ListStats = Pick<
  PageState,
  'itemCount' | 'undatedCount' | 'newestItemDate' | 'recheckDueAt' | 'awaitingFix'
>;

/** One transaction of conditional puts (TransactWriteItems). */
const INSERT_BATCH = 25;

export class ColumnDocuments {
  private readonly count: (result: UpsertResult) => void;

  private constructor(
    private readonly scope: CrawlScope,
    private readonly column: Column,
    private readonly outcome: ColumnOutcome,
    private readonly progress: ListProgress,
    /** The column's documents by address, as this pass has written them. */
    private readonly docs: Map<string, Document>,
  ) {
    this.count = counter(outcome);
  }

  /** The column's documents as stored when this pass starts reading its list. */
  static async load(
    scope: CrawlScope,
    column: Column,
    outcome: ColumnOutcome,
    progress: ListProgress,
  ): Promise<ColumnDocuments> {
    const stored = await scope.ctx.documents.listDocuments({
      sourceId: scope.source.id,
      columnId: column.id,
    });
    return new ColumnDocuments(scope, column, outcome, progress, new Map(stored.map((d) => [d.url, d])));
  }

  /**
   * Writes the documents of items just taken from a list page: sightings of known items first (no
   * request), then new items, items whose page could not be read or was an error page last time (a
   * rate limit passes, a site fixes its links), items whose title changed (a new version), and
   * items carrying personal data not yet fixed (to see the day it is fixed in place). Items this
   * crawl already read are not read again. Returns the items the pause cut off, unwritten.
   */
  async store(items: ListItem[]): Promise<ListItem[]> {
    const { ctx } = this.scope;
    const pending: ListItem[] = [];
    for (const item of items) {
      const existing = this.docs.get(item.url);
      if (!existing || this.needsReading(existing, item)) {
        pending.push(item);
        continue;
      }
      const doc = refresh(this.scope, existing);
      this.docs.set(item.url, doc);
      // A known document whose title and presence did not change needs no request at all.
      if (existing.title !== doc.title || !sameAbsences(existing, doc))
        this.count(await ctx.documents.upsertDocument(doc));
    }
    return this.readAll(pending);
  }

  private needsReading(existing: Document, item: ListItem): boolean {
    if (this.progress.read.has(urlDigest(item.url))) return false;
    return (
      Boolean(existing.problem) ||
      retitled(existing, item) ||
      (this.scope.ctx.scanPersonalData !== false && awaitsFix(existing))
    );
  }

  /**
   * Reads the items' pages a few at a time, so one busy column can use every connection the
   * fetcher allows its host (the fetcher's per-host limit still caps what is in flight). New
   * documents are written a transaction's worth at a time while others are still being read, one
   * write in flight per column; all are written before this returns. A crawl killed half-way keeps
   * what it wrote; the page state is written last, so the next crawl reads the column again and
   * finds the rest new.
   */
  private async readAll(pending: ListItem[]): Promise<ListItem[]> {
    const { ctx, limits, budget } = this.scope;
    let fresh: Document[] = [];
    let writing: Promise<void> = Promise.resolve();
    let failed = false;
    const flush = () => {
      const batch = fresh;
      fresh = [];
      writing = writing.then(async () => {
        for (const result of await ctx.documents.insertDocuments(batch)) this.count(result);
      });
      // Awaited below; until then a failure only stops new fetches.
      writing.catch(() => {
        failed = true;
      });
    };
    const done = new Set<string>();
    let next = 0;
    const worker = async () => {
      while (!failed && !budget.paused && next < pending.length) {
        const item = pending[next++]!;
        try {
          const doc = await readItem(this.scope, this.column, item, this.outcome);
          // The budget cut this page or one of its attachments off: the next pass reads it whole.
          if (!doc) continue;
          const existing = this.docs.get(item.url);
          const written = existing ? reread(this.scope, existing, doc, item) : doc;
          this.docs.set(item.url, written);
          this.progress.read.add(urlDigest(item.url));
          done.add(item.url);
          if (existing) this.count(await ctx.documents.upsertDocument(written));
          else {
            fresh.push(written);
            if (fresh.length >= INSERT_BATCH) flush();
          }
        } catch (error) {
          // A broken store stops the column: no new fetch starts, the ones in flight finish.
          failed = true;
          throw error;
        }
      }
    };
    const workers = Array.from({ length: Math.min(limits.perHostConcurrency, pending.length) }, worker);
    const settled = await Promise.allSettled(workers);
    if (fresh.length > 0) flush();
    await writing;
    for (const s of settled) if (s.status === 'rejected') throw s.reason;
    return pending.filter((item) => !done.has(item.url));
  }

  /**
   * Once the whole list is read: re-checks the known pages still listed that fell due, records the
   * known ones gone from a list read completely, and returns the list's counts. Undefined when the
   * pause cut the re-checks off (the next pass does them).
   */
  async finish(): Promise<ListStats | undefined> {
    const { ctx, budget, checkedAt } = this.scope;
    const { listed, read } = this.progress;
    const docs = [...this.docs.values()];
    const byDigest = new Map(docs.map((d) => [urlDigest(d.url), d]));
    const isListed = (doc: Document) => listed.has(urlDigest(doc.url));
    const isRead = (doc: Document) => read.has(urlDigest(doc.url));
    // In the order the list shows them: the longest unchecked are re-checked first, ties in list order.
    const shown = [...listed].flatMap((digest) => {
      const doc = byDigest.get(digest);
      return doc ? [doc] : [];
    });
    const rechecked = await recheckListed(
      this.scope,
      shown.filter((d) => !isRead(d)),
      this.outcome,
      this.count,
    );
    if (budget.paused) return undefined;
    const recheckDueAt = nextRecheckDue(this.scope, [...rechecked, ...shown.filter(isRead)]);
    if (this.progress.complete) {
      for (const doc of docs) {
        const open = doc.absences.at(-1);
        if (isListed(doc) || (open && open.to === null)) continue;
        await ctx.documents.upsertDocument({
          ...doc,
          absences: [...doc.absences, { from: checkedAt, to: null }],
        });
        this.outcome.changedDocuments += 1;
      }
    }
    let undated = 0;
    let newest: IsoDate | null = null;
    for (const doc of shown) {
      if (!doc.date) undated += 1;
      else if (!newest || doc.date > newest) newest = doc.date;
    }
    const awaitingFix = shown.filter(awaitsFix).length;
    return {
      itemCount: listed.size,
      undatedCount: undated,
      newestItemDate: newest,
      ...(recheckDueAt ? { recheckDueAt } : {}),
      ...(awaitingFix > 0 ? { awaitingFix } : {}),
    };
  }
}

function sameAbsences(a: Document, b: Document): boolean {
  return JSON.stringify(a.absences) === JSON.stringify(b.absences);
}
