/**
 * Hanweb (大汉) JCMS column paging. A column page embeds only its first group of records; the
 * rest come from `/module/web/jpage/dataproxy.jsp`, which the jpage script asks for. The page names
 * that endpoint, with the column's parameters, in the datastore's `<nextgroup>` link
 * (`dataproxy.jsp?page=1&appid=1&webid=110&path=/&columnid=12377&unitid=38486&…`), and the endpoint
 * answers a GET with those parameters: a bare `<datastore>` with `<totalpage>` (or `<totalrecord>`)
 * and its records. Two request shapes are in use:
 *
 * - `page=N` (the `<nextgroup>` link): pages 1…`totalpage`;
 * - `startrecord=S&endrecord=E&perpage=P`: groups of E−S+1 records up to `totalrecord`.
 *
 * The script POSTs the parameters; JSP reads query and form parameters alike, so a GET with all of
 * them in the query is the same request, and one the crawler can archive and re-read.
 */
import { resolveHref, sameHost } from './urls';

/** Far more pages than any crawl limit; keeps a hostile total from flooding the queue. */
const MAX_GENERATED_PAGES = 1000;
const NEXT_GROUP = /<nextgroup>\s*(?:<!\[CDATA\[)?([\s\S]*?)(?:\]\]>)?\s*<\/nextgroup>/i;
const HREF = /\bhref\s*=\s*["']([^"']+)["']/i;

/** Absolute, same-host dataproxy URLs of the record groups after this page; empty for other pages. */
export function hanwebNextPages(html: string, pageUrl: string): string[] {
  if (!/<datastore\b/i.test(html)) return [];
  const current = parseUrl(pageUrl);
  if (current && isDataProxy(current)) return laterGroups(current, html);
  const link = NEXT_GROUP.exec(html)?.[1];
  const href = link ? HREF.exec(link)?.[1] : undefined;
  const url = resolveHref(href ? decodeEntities(href) : undefined, pageUrl);
  if (!url || !sameHost(url, pageUrl) || !isDataProxy(new URL(url))) return [];
  return [url];
}

/** Pages after a dataproxy answer, as far as its own totals say there are more. */
function laterGroups(current: URL, body: string): string[] {
  const params = current.searchParams;
  const page = intParam(params, 'page');
  if (page !== null) {
    const total = tagNumber(body, 'totalpage');
    if (total === null) return [];
    return range(page + 1, Math.min(total, page + MAX_GENERATED_PAGES)).map((n) =>
      withParams(current, { page: n }),
    );
  }
  const start = intParam(params, 'startrecord');
  const end = intParam(params, 'endrecord');
  const totalRecords = tagNumber(body, 'totalrecord');
  if (start === null || end === null || end < start || totalRecords === null) return [];
  const size = end - start + 1;
  const out: string[] = [];
  for (let first = end + 1; first <= totalRecords && out.length < MAX_GENERATED_PAGES; first += size) {
    out.push(withParams(current, { startrecord: first, endrecord: first + size - 1 }));
  }
  return out;
}

function isDataProxy(url: URL): boolean {
  return /\/dataproxy\.jsp$/i.test(url.pathname);
}

function withParams(base: URL, values: Record<string, number>): string {
  const url = new URL(base.href);
  for (const [name, value] of Object.entries(values)) url.searchParams.set(name, String(value));
  return url.href;
}

function intParam(params: URLSearchParams, name: string): number | null {
  const value = params.get(name);
  return value !== null && /^\d{1,9}$/.test(value) ? Number(value) : null;
}

function tagNumber(body: string, tag: string): number | null {
  const match = new RegExp(`<${tag}>\\s*(\\d{1,9})\\s*</${tag}>`, 'i').exec(body);
  return match ? Number(match[1]) : null;
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let n = from; n <= to; n++) out.push(n);
  return out;
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The link sits in CDATA or in markup; in markup its `&` may be written `&amp;`. */
function decodeEntities(href: string): string {
  return href.replace(/&amp;/gi, '&');
}
