/**
 * How far a column's list has been read: the pages still to read, the pages and items already met,
 * and the items whose documents are not yet written. One pass keeps it in memory; a pass the budget
 * pauses saves it in the cursor (`ColumnProgress`), and the next continues at the next list page.
 */
import { createHash } from 'node:crypto';
import type { ListItem } from '../../core/list-item';
import type { Column } from '../../core/source';
import type { ColumnProgress } from '../../store/ports';
import { decodeHtml, extractList } from '../extract';
import type { FetchedBody } from '../fetch';
import type { CrawlScope } from './crawl-context';

/**
 * A short digest of an address (72 bits, base64url): enough to tell apart the pages and items of one
 * column, a sixth of an address's size in the cursor.
 */
export function urlDigest(url: string): string {
  return createHash('sha256').update(url).digest('base64url').slice(0, 12);
}

export class ListProgress {
  private constructor(
    readonly columnId: string,
    readonly first: ColumnProgress['first'],
    private readonly queue: string[],
    private requested: number,
    private readonly pagesSeen: Set<string>,
    /** Digests of the items taken, in page order. */
    readonly listed: Set<string>,
    /** Digests of the items whose page this crawl read. */
    readonly read: Set<string>,
    /** Items taken whose documents are not yet written. */
    public pending: ListItem[],
    public complete: boolean,
    readonly limitsHit: string[],
  ) {}

  /** The reading of a column whose first list page was just read (and archived under `archiveKey`). */
  static start(column: Column, first: FetchedBody, archiveKey: string): ListProgress {
    return new ListProgress(
      column.id,
      {
        status: first.status,
        latencyMs: first.latencyMs,
        sha256: first.sha256,
        archiveKey,
        ...(first.etag ? { etag: first.etag } : {}),
        ...(first.lastModified ? { lastModified: first.lastModified } : {}),
      },
      [],
      1,
      new Set([urlDigest(column.url), urlDigest(first.finalUrl)]),
      new Set(),
      new Set(),
      [],
      true,
      [],
    );
  }

  /** The reading an earlier pass saved. */
  static restore(saved: ColumnProgress): ListProgress {
    return new ListProgress(
      saved.columnId,
      saved.first,
      [...saved.queue],
      saved.requested,
      new Set(saved.pagesSeen),
      new Set(saved.listed),
      new Set(saved.read),
      [...saved.pending],
      saved.complete,
      [...saved.limitsHit],
    );
  }

  /** What the cursor keeps of it. */
  toRecord(): ColumnProgress {
    return {
      columnId: this.columnId,
      first: this.first,
      queue: [...this.queue],
      requested: this.requested,
      pagesSeen: [...this.pagesSeen],
      listed: [...this.listed],
      read: [...this.read],
      pending: this.pending,
      complete: this.complete,
      limitsHit: [...this.limitsHit],
    };
  }

  /**
   * Reads a list page's items and further pages: the items not met before (at most
   * `maxLinksPerPage` of the page), in page order; its pager's pages not met before join the queue.
   */
  take(scope: CrawlScope, column: Column, page: FetchedBody): ListItem[] {
    const { limits, source, ctx } = scope;
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
      this.cutShort(
        `list page ${page.finalUrl} holds ${listing.cut.links} links; only the first ${limits.maxLinksPerPage} items were read (maxLinksPerPage): the page was parsed up to its ${listing.cut.parsedLinks}th link and no further`,
      );
    } else if (listing.items.length > limits.maxLinksPerPage) {
      this.cutShort(
        `list page ${page.finalUrl} lists ${listing.items.length} items; only the first ${limits.maxLinksPerPage} were read (maxLinksPerPage)`,
      );
    }
    const fresh: ListItem[] = [];
    for (const item of listing.items.slice(0, limits.maxLinksPerPage)) {
      const digest = urlDigest(item.url);
      if (this.listed.has(digest)) continue;
      this.listed.add(digest);
      fresh.push(item);
    }
    for (const next of listing.next) if (!this.pagesSeen.has(urlDigest(next))) this.queue.push(next);
    return fresh;
  }

  /**
   * The next list pages to request, as many as the host allows at once. Pages already known to
   * exist (pagers often link every page) are fetched together and read in page order, so items keep
   * the order the site lists them in. Past `maxPages` requested the rest of the queue is dropped.
   */
  nextWave(scope: CrawlScope, column: Column): string[] {
    const { limits } = scope;
    const maxPages = Math.min(column.maxPages ?? limits.maxPages, limits.maxPages);
    const wave: string[] = [];
    while (this.queue.length > 0 && wave.length < limits.perHostConcurrency) {
      const url = this.queue.shift()!;
      if (this.pagesSeen.has(urlDigest(url))) continue;
      // Counted as requested, not by distinct addresses: a list page that redirected counts once.
      if (this.requested >= maxPages) {
        this.cutShort(
          `column ${column.id} has more than ${maxPages} list pages; the rest were not read (maxPages)`,
        );
        this.queue.length = 0;
        break;
      }
      this.pagesSeen.add(urlDigest(url));
      this.requested += 1;
      wave.push(url);
    }
    return wave;
  }

  /** List pages of a wave the pause cut off: the next pass requests them first. */
  putBack(urls: string[]): void {
    for (const url of [...urls].reverse()) {
      this.pagesSeen.delete(urlDigest(url));
      this.requested -= 1;
      this.queue.unshift(url);
    }
  }

  /** Some of the list was not read: no known item counts as gone from it. */
  cutShort(limitHit?: string): void {
    this.complete = false;
    if (limitHit) this.limitsHit.push(limitHit);
  }
}
