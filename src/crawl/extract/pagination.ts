/** Finding the further pages of a paginated list. */
import type { CheerioAPI } from 'cheerio';
import { collapse, textOf } from './dom';
import { resolveHref, sameHost } from './urls';

/** Link texts that mean "next page" on Chinese government sites. */
const NEXT_TEXT = /^(?:下一页|下页|后页|下一頁|>|›|＞|next|next\s*page)$/i;
/** Query parameters that CMSs use for the page number. */
const PAGE_PARAMS = [
  'page',
  'pageno',
  'pagenum',
  'pageindex',
  'pn',
  'p',
  'currentpage',
  'curpage',
  'cur_page',
  'page_no',
];
/** A TRS list announces its page count through a script call instead of links. */
const CREATE_PAGE_HTML =
  /createPageHTML\s*\(\s*([\w$.]+)\s*,\s*([\w$.]+)\s*,\s*["']([^"']+)["']\s*,\s*["']([^"']+)["']\s*\)/g;
/** Far more list pages than any crawl limit; keeps a hostile page count from flooding the queue. */
const MAX_GENERATED_PAGES = 1000;

/**
 * Absolute, same-host URLs of further pages: rel=next, links reading 下一页 / 下页 / 后页 / `>`,
 * TRS `createPageHTML(total, current, 'index', 'htm')` calls (every remaining index_N.htm), and
 * links whose page-number parameter is the current page plus one. De-duplicated, the page itself
 * excluded.
 */
export function findNextPages($: CheerioAPI, pageUrl: string, selector?: string): string[] {
  const found = new Set<string>();
  const add = (href: string | undefined | null): void => {
    const url = resolveHref(href, pageUrl);
    if (url && url !== pageUrl && sameHost(url, pageUrl)) found.add(url);
  };

  if (selector) {
    $(selector).each((_, element) => add($(element).attr('href')));
    return [...found];
  }

  $('a[rel~="next"], link[rel~="next"]').each((_, element) => add($(element).attr('href')));
  $('a[href]').each((_, element) => {
    const link = $(element);
    const text = textOf(element) || collapse(link.attr('title') ?? '');
    if (NEXT_TEXT.test(text)) add(link.attr('href'));
  });
  $('script').each((_, element) => {
    for (const url of trsPages($(element).text(), pageUrl)) add(url);
  });
  for (const url of nextByPageParameter($, pageUrl)) add(url);
  return [...found];
}

function trsPages(script: string, pageUrl: string): string[] {
  const out: string[] = [];
  for (const call of script.matchAll(CREATE_PAGE_HTML)) {
    const total = numberIn(call[1] as string, script);
    const current = numberIn(call[2] as string, script);
    if (total === null || current === null) continue;
    const [prefix, ext] = [call[3] as string, call[4] as string];
    // TRS numbers pages from 0: page 0 is index.htm, page n is index_n.htm.
    for (let page = current + 1; page < total && page <= current + MAX_GENERATED_PAGES; page++) {
      const url = resolveHref(`${prefix}_${page}.${ext}`, pageUrl);
      if (url) out.push(url);
    }
  }
  return out;
}

/** A literal number, or the value a `var name = 12;` in the same script gives it. */
function numberIn(token: string, script: string): number | null {
  if (/^\d+$/.test(token)) return Number(token);
  const escaped = token.replace(/[$.]/g, '\\$&');
  const assignment = new RegExp(String.raw`(?:^|[^\w$.])${escaped}\s*=\s*(\d+)`).exec(script);
  return assignment ? Number(assignment[1]) : null;
}

function nextByPageParameter($: CheerioAPI, pageUrl: string): string[] {
  let current: URL;
  try {
    current = new URL(pageUrl);
  } catch {
    return [];
  }
  const out: string[] = [];
  $('a[href]').each((_, element) => {
    const url = resolveHref($(element).attr('href'), pageUrl);
    if (!url) return;
    const candidate = new URL(url);
    if (candidate.pathname !== current.pathname) return;
    for (const [key, value] of candidate.searchParams) {
      if (!PAGE_PARAMS.includes(key.toLowerCase()) || !/^\d+$/.test(value)) continue;
      const shown = Number(current.searchParams.get(key) ?? '1');
      if (Number(value) === shown + 1) out.push(url);
    }
  });
  return out;
}
