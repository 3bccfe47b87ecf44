/**
 * Reading a column's list: its first list page (conditional GET against the page state), the
 * pages its pager links to up to the column's page limit, and the page state and check the
 * column leaves. The home page's list is read here too, for the site rules' freshness.
 */
import type { IsoDate } from '../../core/dates';
import type { Column } from '../../core/source';
import type { PageState } from '../../store/ports';
import { decodeHtml, extractList, type ListItem } from '../extract';
import type { FetchedBody, FetchResult } from '../fetch';
import { archivePage } from './archiving';
import { storeItems } from './column-documents';
import { type ColumnOutcome, emptyOutcome } from './column-outcome';
import type { CrawlScope } from './crawl-context';
import { columnCheck, siteDown } from './page-checks';
import { isHtml, isListMarkup } from './page-kinds';
import { recheckUnchanged, rereadAwaitingFix } from './rechecks';

/**
 * Reads one column: an unchanged first list page costs that one request (plus any re-checks that
 * fell due); a changed one is read with its further pages and its items stored. A column the pause
 * stopped leaves no check and no page state.
 */
export async function crawlColumn(
  scope: CrawlScope,
  column: Column,
  previous: PageState | null,
): Promise<ColumnOutcome> {
  const { budget, checkedAt, ctx } = scope;
  const outcome = emptyOutcome();
  const first = await budget.fetch(column.url, outcome, {
    ...(previous?.etag ? { etag: previous.etag } : {}),
    ...(previous?.lastModified ? { lastModified: previous.lastModified } : {}),
  });
  // A paused column leaves no check and no page state: the next pass reads it from its first page.
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
  const listing = await readListing(scope, column, first, outcome);
  if (budget.paused) return outcome;
  const stats = await storeItems(scope, column, listing.items, listing.complete, outcome);
  if (budget.paused) return outcome;
  const state: PageState = {
    url: column.url,
    fetchedAt: checkedAt,
    sha256: first.sha256,
    archiveKey: listing.archiveKey,
    ...(first.etag ? { etag: first.etag } : {}),
    ...(first.lastModified ? { lastModified: first.lastModified } : {}),
    ...stats,
  };
  // A column cut short by the deadline is not read: its page state stays as it was, so the next
  // crawl reads it again, and its check fails, so its periods are `insufficient-data`.
  if (!outcome.cut) await ctx.documents.putPageState(state, previous);
  outcome.checks.push(
    columnCheck(scope, column, first, {
      stats,
      archiveKey: listing.archiveKey,
      ...(outcome.cut ? { error: budget.cutMessage() } : {}),
      ...(outcome.limitsHit.length > 0 ? { limitHit: outcome.limitsHit.join('; ') } : {}),
    }),
  );
  outcome.ok = !outcome.cut;
  return outcome;
}

/** Reads the first list page and follows pagination up to the column's page limit. */
async function readListing(scope: CrawlScope, column: Column, first: FetchedBody, outcome: ColumnOutcome) {
  const { limits, source, ctx, budget } = scope;
  const archived = await archivePage(scope, first);
  const maxPages = Math.min(column.maxPages ?? limits.maxPages, limits.maxPages);
  const items = new Map<string, ListItem>();
  const seenPages = new Set([column.url, first.finalUrl]);
  const queue: string[] = [];
  let requested = 1;
  let complete = true;
  const take = (page: FetchedBody) => {
    const { text } = decodeHtml(page.body, {
      contentTypeHeader: page.contentType,
      charsetHint: source.charset,
    });
    const listing = extractList(text, {
      url: page.finalUrl,
      selectors: column.selectors,
      now: ctx.asOf,
      maxItems: limits.maxLinksPerPage,
    });
    if (listing.cut) {
      complete = false;
      outcome.limitsHit.push(
        `list page ${page.finalUrl} holds ${listing.cut.links} links; only the first ${limits.maxLinksPerPage} items were read (maxLinksPerPage): the page was parsed up to its ${listing.cut.parsedLinks}th link and no further`,
      );
    } else if (listing.items.length > limits.maxLinksPerPage) {
      complete = false;
      outcome.limitsHit.push(
        `list page ${page.finalUrl} lists ${listing.items.length} items; only the first ${limits.maxLinksPerPage} were read (maxLinksPerPage)`,
      );
    }
    for (const item of listing.items.slice(0, limits.maxLinksPerPage))
      if (!items.has(item.url)) items.set(item.url, item);
    for (const next of listing.next) if (!seenPages.has(next)) queue.push(next);
  };
  take(first);
  while (queue.length > 0) {
    // Pages already known to exist (pagers often link every page) are fetched as many at a time
    // as the host allows, and read in page order, so items keep the order the site lists them in.
    const wave: string[] = [];
    while (queue.length > 0 && wave.length < limits.perHostConcurrency) {
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
    const pages = await Promise.all(wave.map((url) => budget.fetch(url, outcome)));
    for (const page of pages) {
      if (!page.ok || page.notModified) {
        outcome.errors += page.ok ? 0 : 1;
        complete = false;
        continue;
      }
      outcome.pages += 1;
      outcome.bytes += page.body.byteLength;
      await archivePage(scope, page);
      if (isListMarkup(page)) take(page);
    }
  }
  return { items: [...items.values()], complete, archiveKey: archived.key };
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
