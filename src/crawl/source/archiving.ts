/** How the crawl archives what it fetched: the bytes, and the fetch's metadata without cookies. */
import type { FetchedBody } from '../fetch';
import type { CrawlScope } from './crawl-context';

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

/** Archives a fetched page or file (error pages too: an auditor can open what the site served). */
export function archivePage(scope: CrawlScope, page: FetchedBody) {
  return scope.ctx.archive.put(page.body, {
    url: page.url,
    finalUrl: page.finalUrl,
    status: page.status,
    fetchedAt: scope.ctx.now().toISOString(),
    ...(page.contentType ? { contentType: page.contentType } : {}),
    headers: pickHeaders(page.headers),
  });
}
