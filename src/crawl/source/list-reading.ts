/**
 * Reading a column's list: its first list page (conditional GET against the page state), the
 * pages its pager links to up to the column's page limit, and the page state and check the
 * column leaves. The home page's list is read here too, for the site rules' freshness.
 */
import type { IsoDate } from '../../core/dates';
import type { ListItem } from '../../core/list-item';
import type { Column } from '../../core/source';
import type { ColumnProgress, PageState } from '../../store/ports';
import { decodeHtml, extractList } from '../extract';
import type { FetchResult } from '../fetch';
import { archivePage } from './archiving';
import { ColumnDocuments } from './column-documents';
import { type ColumnOutcome, emptyOutcome } from './column-outcome';
import type { CrawlScope } from './crawl-context';
import { ListProgress } from './list-progress';
import { columnCheck, siteDown } from './page-checks';
import { isHtml, isListMarkup } from './page-kinds';
import { recheckUnchanged, rereadAwaitingFix } from './rechecks';

/**
 * Reads one column: an unchanged first list page costs that one request (plus any re-checks that
 * fell due); a changed one is read with its further pages and its items stored. A column the pause
 * stopped before its first list page was read leaves nothing; one stopped further on leaves its
 * `progress`, from which the next pass continues (`resumed`). Either way it leaves no check and no
 * page state until it finishes.
 */
export async function crawlColumn(
  scope: CrawlScope,
  column: Column,
  previous: PageState | null,
  resumed?: ColumnProgress,
): Promise<ColumnOutcome> {
  const { budget, checkedAt, ctx } = scope;
  const outcome = emptyOutcome();
  if (resumed) return readList(scope, column, previous, ListProgress.restore(resumed), outcome);
  const first = await budget.fetch(column.url, outcome, {
    ...(previous?.etag ? { etag: previous.etag } : {}),
    ...(previous?.lastModified ? { lastModified: previous.lastModified } : {}),
  });
  if (budget.paused) return outcome;
  if (!first.ok) {
    outcome.errors += 1;
    // The site's robots.txt forbids the column: no request was made, so it says nothing about
    // whether the site opens (a robots.txt that cannot be read is the site failing, and is not this).
    const notVisited = first.reason === 'blocked-robots' && !siteDown(first, ctx.fetcher);
    outcome.checks.push(columnCheck(scope, column, first, notVisited ? { notVisited } : {}));
    return outcome;
  }
  outcome.pages += 1;
  if (first.notModified || first.sha256 === previous?.sha256) {
    outcome.notModified += 1;
    if (!first.notModified) outcome.bytes += first.body.byteLength;
    // Each follow-up writes the page state it leaves, so the next starts from that one.
    const state =
      previous?.recheckDueAt && previous.recheckDueAt <= checkedAt
        ? await recheckUnchanged(scope, column, previous, outcome)
        : previous;
    if (state?.awaitingFix && !budget.paused) await rereadAwaitingFix(scope, column, state, outcome);
    if (budget.paused) return outcome;
    outcome.checks.push(columnCheck(scope, column, first, previous ? { stats: previous } : {}));
    outcome.ok = true;
    return outcome;
  }
  outcome.bytes += first.body.byteLength;
  if (!isHtml(first)) {
    outcome.errors += 1;
    const error = `unexpected content type ${first.contentType ?? '(none)'} for a list page`;
    outcome.checks.push(columnCheck(scope, column, first, { error }));
    return outcome;
  }
  const archived = await archivePage(scope, first);
  const progress = ListProgress.start(column, first, archived.key);
  progress.pending = progress.take(scope, column, first);
  return readList(scope, column, previous, progress, outcome);
}

/**
 * Reads a changed list from where `progress` stands: the items of the pages read whose documents
 * are not yet written, then the pages still queued, a wave at a time, each wave's items stored
 * before the next is asked for; then the list's end (re-checks, items gone, page state, check).
 */
async function readList(
  scope: CrawlScope,
  column: Column,
  previous: PageState | null,
  progress: ListProgress,
  outcome: ColumnOutcome,
): Promise<ColumnOutcome> {
  const { budget, checkedAt, ctx } = scope;
  const documents = await ColumnDocuments.load(scope, column, outcome, progress);
  progress.pending = await documents.store(progress.pending);
  while (!budget.paused) {
    const wave = progress.nextWave(scope, column);
    if (wave.length === 0) break;
    const pages = await Promise.all(wave.map((url) => budget.fetch(url, outcome)));
    const items: ListItem[] = [];
    const cutOff: string[] = [];
    for (const [i, page] of pages.entries()) {
      if (!page.ok && page.reason === 'deadline' && budget.paused) {
        cutOff.push(wave[i]!);
        continue;
      }
      if (!page.ok || page.notModified) {
        outcome.errors += page.ok ? 0 : 1;
        progress.cutShort();
        continue;
      }
      outcome.pages += 1;
      outcome.bytes += page.body.byteLength;
      await archivePage(scope, page);
      if (isListMarkup(page)) items.push(...progress.take(scope, column, page));
    }
    progress.putBack(cutOff);
    progress.pending = await documents.store(items);
  }
  const stats = budget.paused ? undefined : await documents.finish();
  if (!stats) {
    outcome.progress = progress.toRecord();
    return outcome;
  }
  const { first } = progress;
  const state: PageState = {
    url: column.url,
    fetchedAt: checkedAt,
    sha256: first.sha256,
    ...(first.archiveKey ? { archiveKey: first.archiveKey } : {}),
    ...(first.etag ? { etag: first.etag } : {}),
    ...(first.lastModified ? { lastModified: first.lastModified } : {}),
    ...stats,
  };
  // A column cut short by the deadline is not read: its page state stays as it was, so the next
  // crawl reads it again, and its check fails, so its periods are `insufficient-data`.
  if (!outcome.cut) await ctx.documents.putPageState(state, previous);
  outcome.limitsHit.push(...progress.limitsHit);
  const answer = {
    ok: true,
    notModified: false,
    status: first.status,
    latencyMs: first.latencyMs,
    sha256: first.sha256,
  } as const;
  outcome.checks.push(
    columnCheck(scope, column, answer, {
      stats,
      ...(first.archiveKey ? { archiveKey: first.archiveKey } : {}),
      ...(outcome.cut ? { error: budget.cutMessage() } : {}),
      ...(outcome.limitsHit.length > 0 ? { limitHit: outcome.limitsHit.join('; ') } : {}),
    }),
  );
  outcome.ok = !outcome.cut;
  return outcome;
}

/**
 * What the home page lists: the inspection rules judge a site's freshness by its home page's
 * newest dated item (items without a date count as not updated).
 */
export function homeStats(
  scope: CrawlScope,
  home: FetchResult,
): Pick<PageState, 'itemCount' | 'undatedCount' | 'newestItemDate'> | undefined {
  if (!home.ok || home.notModified || !isHtml(home)) return undefined;
  const { text } = decodeHtml(home.body, {
    contentTypeHeader: home.contentType,
    charsetHint: scope.source.charset,
  });
  const { items } = extractList(text, { url: home.finalUrl, now: scope.ctx.asOf });
  let newest: IsoDate | null = null;
  let undated = 0;
  for (const item of items) {
    if (!item.date) undated += 1;
    else if (!newest || item.date > newest) newest = item.date;
  }
  return { itemCount: items.length, undatedCount: undated, newestItemDate: newest };
}
