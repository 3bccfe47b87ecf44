/**
 * Re-checks of documents read before: a few known pages per column are requested again once they
 * were last read `recheckAfterDays` ago (a page can answer 404 while its column still lists it),
 * and documents carrying personal data not yet fixed are read again to see the day it is fixed.
 */
import { compareText } from '../../core/compare';
import type { Document } from '../../core/document';
import { awaitsFix } from '../../core/privacy';
import type { Column } from '../../core/source';
import type { PageState, UpsertResult } from '../../store/ports';
import type { ColumnOutcome } from './column-outcome';
import type { CrawlScope } from './crawl-context';
import { itemOf, readItem, refresh, reread } from './detail-reading';

/** One day in milliseconds, for re-check ages. */
const DAY_MS = 86_400_000;

/**
 * An unchanged list whose longest-unchecked page fell due: the documents it lists (those not gone
 * from it) are re-checked as if it had changed, and the list's state records when the next is due.
 */
export async function recheckUnchanged(
  scope: CrawlScope,
  column: Column,
  previous: PageState,
  outcome: ColumnOutcome,
): Promise<PageState> {
  const { documents } = scope.ctx;
  const docs = await documents.listDocuments({ sourceId: scope.source.id, columnId: column.id });
  const listed = docs.filter((d) => d.absences.at(-1)?.to !== null);
  const count = (result: UpsertResult) => {
    if (result === 'changed') outcome.changedDocuments += 1;
  };
  const after = await recheckListed(scope, listed, outcome, count);
  if (scope.budget.paused) return previous;
  const { recheckDueAt: _due, ...rest } = previous;
  const next = nextRecheckDue(scope, after);
  const state = { ...rest, ...(next ? { recheckDueAt: next } : {}) };
  await documents.putPageState(state, previous);
  return state;
}

/** Re-checks the listed documents that are due and writes what changed; returns the listed documents as they now are. */
export async function recheckListed(
  scope: CrawlScope,
  listed: Document[],
  outcome: ColumnOutcome,
  count: (result: UpsertResult) => void,
): Promise<Document[]> {
  const now = new Map(listed.map((d) => [d.url, d]));
  for (const doc of dueForRecheck(scope, listed)) {
    const updated = await recheck(scope, doc, outcome);
    if (scope.budget.paused) break;
    if (!updated) continue;
    now.set(doc.url, updated);
    count(await scope.ctx.documents.upsertDocument(updated));
  }
  return [...now.values()];
}

/** When the longest-unchecked of these documents falls due for a re-check; none when none can be. */
export function nextRecheckDue(scope: CrawlScope, docs: Document[]): string | undefined {
  const { limits } = scope;
  const reads = docs.filter(recheckable).map(lastRead).sort(compareText);
  const oldest = reads[0];
  if (!oldest || !limits.fetchDetails || limits.rechecksPerColumn === 0) return undefined;
  return new Date(Date.parse(oldest) + limits.recheckAfterDays * DAY_MS).toISOString();
}

/**
 * An unchanged list whose documents carry personal data not yet fixed: those documents are read
 * again (page and attachments), since a fix in place changes nothing the list shows.
 */
export async function rereadAwaitingFix(
  scope: CrawlScope,
  column: Column,
  previous: PageState,
  outcome: ColumnOutcome,
): Promise<void> {
  const { documents, scanPersonalData } = scope.ctx;
  if (scanPersonalData === false) return;
  const docs = await documents.listDocuments({ sourceId: scope.source.id, columnId: column.id });
  let awaiting = 0;
  for (const doc of docs) {
    if (!awaitsFix(doc) || doc.absences.at(-1)?.to === null) continue;
    const item = itemOf(doc);
    const fresh = await readItem(scope, column, item, outcome);
    if (!fresh) return;
    const updated = reread(scope, doc, fresh, item);
    if ((await documents.upsertDocument(updated)) === 'changed') outcome.changedDocuments += 1;
    if (awaitsFix(updated)) awaiting += 1;
  }
  if (awaiting !== previous.awaitingFix) {
    const { awaitingFix: _was, ...rest } = previous;
    await documents.putPageState({ ...rest, ...(awaiting > 0 ? { awaitingFix: awaiting } : {}) }, previous);
  }
}

/**
 * Known pages still listed, archived and good, that were last read `recheckAfterDays` ago or more:
 * at most `rechecksPerColumn` of them, the longest unchecked first. A page can answer 404 while
 * its column still lists it; only a new request shows that.
 */
function dueForRecheck(scope: CrawlScope, listed: Document[]): Document[] {
  const { limits } = scope;
  if (!limits.fetchDetails || limits.rechecksPerColumn === 0) return [];
  const cutoff = Date.parse(scope.checkedAt) - limits.recheckAfterDays * DAY_MS;
  return listed
    .filter((d) => recheckable(d) && Date.parse(lastRead(d)) <= cutoff)
    .sort((a, b) => compareText(lastRead(a), lastRead(b)))
    .slice(0, limits.rechecksPerColumn);
}

/**
 * Requests a known page again. A 404 or 410 records since when it is gone (its archived copy stays
 * the evidence); an answer clears that; anything else (timeout, 5xx) says nothing and changes nothing.
 */
async function recheck(scope: CrawlScope, doc: Document, outcome: ColumnOutcome): Promise<Document | null> {
  const page = await scope.budget.fetch(doc.url, outcome);
  const gone = !page.ok && page.reason === 'http-status' && (page.status === 404 || page.status === 410);
  if (!page.ok && !gone) return null;
  if (page.ok) outcome.pages += 1;
  return {
    ...refresh(scope, doc),
    recheckedAt: scope.checkedAt,
    goneSince: gone ? (doc.goneSince ?? scope.checkedAt) : null,
  };
}

/** A page worth requesting again: archived, and evidence when it was read (an error page is read again anyway). */
function recheckable(doc: Document): boolean {
  return Boolean(doc.sha256) && !doc.problem;
}

/** When a known page was last read: its last re-check, else when it was archived. */
function lastRead(doc: Document): string {
  return doc.recheckedAt ?? doc.fetchedAt ?? doc.firstSeen;
}
