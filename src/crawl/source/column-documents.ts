/**
 * A column's listed items as documents: new items and items to read again are read (a few at a
 * time) and written in batches as they come; known items seen again, re-checks and the items gone
 * from the list are written after.
 */
import type { IsoDate } from '../../core/dates';
import type { Document } from '../../core/document';
import { awaitsFix } from '../../core/privacy';
import type { Column } from '../../core/source';
import type { PageState } from '../../store/ports';
import type { ListItem } from '../extract';
import { type ColumnOutcome, counter } from './column-outcome';
import type { CrawlScope } from './crawl-context';
import { discover, refresh, reread, retitled } from './detail-reading';
import type { PageRead } from './pass-budget';
import { nextRecheckDue, recheckListed } from './rechecks';

/** What a column's page state records of its list. */
export type ListStats = Pick<
  PageState,
  'itemCount' | 'undatedCount' | 'newestItemDate' | 'recheckDueAt' | 'awaitingFix'
>;

/** Writes new and changed documents, and records which known ones vanished from the column. */
export async function storeItems(
  scope: CrawlScope,
  column: Column,
  items: ListItem[],
  complete: boolean,
  outcome: ColumnOutcome,
): Promise<ListStats> {
  const { ctx, source, limits, budget } = scope;
  const known = new Map(
    (await ctx.documents.listDocuments({ sourceId: source.id, columnId: column.id })).map((d) => [d.url, d]),
  );
  let undated = 0;
  let newest: IsoDate | null = null;
  const count = counter(outcome);
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
      for (const result of await ctx.documents.insertDocuments(batch)) count(result);
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
      (ctx.scanPersonalData !== false && awaitsFix(existing))
    );
  });
  let next = 0;
  const worker = async () => {
    while (!failed && !budget.paused && next < pending.length) {
      const item = pending[next++]!;
      try {
        const read: PageRead = { paused: false };
        const doc = await discover(scope, column, item, outcome, read);
        // The budget cut this page or one of its attachments off: the next pass reads it whole.
        if (read.paused) continue;
        discovered.set(item.url, doc);
        const existing = known.get(item.url);
        if (existing) {
          const updated = reread(scope, existing, doc, item);
          discovered.set(item.url, updated);
          count(await ctx.documents.upsertDocument(updated));
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
  const workers = Array.from({ length: Math.min(limits.perHostConcurrency, pending.length) }, worker);
  const settled = await Promise.allSettled(workers);
  if (fresh.length > 0) flush();
  await writing;
  for (const s of settled) if (s.status === 'rejected') throw s.reason;
  // What was read is written; the rest of the column (sightings, re-checks, absences) is the next pass's.
  if (budget.paused) return { itemCount: items.length, undatedCount: 0, newestItemDate: null };
  for (const item of items) {
    const existing = known.get(item.url);
    if (existing && discovered.has(item.url)) {
      // Read again above and already written.
      const doc = discovered.get(item.url)!;
      if (!doc.date) undated += 1;
      else if (!newest || doc.date > newest) newest = doc.date;
      continue;
    }
    const doc = existing ? refresh(scope, existing) : discovered.get(item.url)!;
    if (!doc.date) undated += 1;
    else if (!newest || doc.date > newest) newest = doc.date;
    // A known document whose title and presence did not change needs no request at all.
    if (existing && (existing.title !== doc.title || !sameAbsences(existing, doc)))
      count(await ctx.documents.upsertDocument(doc));
  }
  const listed = items.flatMap((item) => {
    const doc = known.get(item.url);
    return doc && !discovered.has(item.url) ? [doc] : [];
  });
  const rechecked = await recheckListed(scope, listed, outcome, count);
  if (budget.paused) return { itemCount: items.length, undatedCount: 0, newestItemDate: null };
  const recheckDueAt = nextRecheckDue(scope, [...rechecked, ...discovered.values()]);
  if (complete) {
    const present = new Set(items.map((i) => i.url));
    for (const doc of known.values()) {
      const open = doc.absences.at(-1);
      if (present.has(doc.url) || (open && open.to === null)) continue;
      await ctx.documents.upsertDocument({
        ...doc,
        absences: [...doc.absences, { from: scope.checkedAt, to: null }],
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

function sameAbsences(a: Document, b: Document): boolean {
  return JSON.stringify(a.absences) === JSON.stringify(b.absences);
}
