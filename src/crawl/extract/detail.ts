/** Detail pages → title, publication date, main text and attachments. */
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { type DateReading, dateFromUrl, findLabelledDate, parseShownDate } from './dates';
import { collapse, hasAncestor, type IndexedPage, notHtml, parseIndexed, textOf } from './dom';
import { metaDate } from './page-context';
import type { DetailDateOrigin, DetailExtraction, ExtractedAttachment } from './types';
import { fileNameOf, isAttachmentUrl, resolveHref } from './urls';

export interface DetailOptions {
  url: string;
  /**
   * Cap on the main text kept; the text feeds matching, which needs the gist, not the whole. 0 skips
   * reading it (the crawler stores only date, title and attachments).
   */
  maxTextChars?: number;
}

const DEFAULT_MAX_TEXT = 20_000;
/** Body containers of the CMSs common on government sites (TRS, Hanweb, UCAP…), most specific first. */
const BODY_SELECTORS = [
  '.TRS_Editor',
  '.trs_editor_view',
  '#zoom',
  '.zoom',
  '#UCAP-CONTENT',
  '.article-content',
  '.article_content',
  '#article',
  'article',
  '.zw',
  '#zw',
  '.content',
  '#content',
  '.detail',
  '#detail',
];
/** Short elements whose class or id says they hold the publication line. */
const DATE_LINE =
  '[class*="date"], [class*="time"], [class*="info"], [id*="date"], [id*="time"], [class*="fbsj"]';
/** The elements a detail page is read from; any other lookup needs a selector (and cheerio). */
const DETAIL_TAGS = ['meta', 'title', 'h1', 'body', 'a'];
const CHROME =
  /(?:^|[\s_-])(?:nav|navbar|menu|footer|foot|header|breadcrumbs?|crumbs?|copyright|friendlink)(?:[\s_-]|$)/i;

/** Extracts one detail page. Never throws: problems become `warnings`. */
export function extractDetail(html: string, options: DetailOptions): DetailExtraction {
  const warnings: string[] = [];
  const fileType = notHtml(html);
  if (fileType) {
    warnings.push(`the page is a ${fileType}, not HTML`);
    return { title: '', dateText: null, date: null, dateOrigin: 'none', text: '', attachments: [], warnings };
  }
  try {
    const page = parseIndexed(html, DETAIL_TAGS);
    // Finding the article body walks the tree once per CMS selector: done only when the text is
    // wanted or the date has to be looked for in it (the crawl wants neither for most pages).
    let body: AnyNode | undefined;
    const bodyOf = () => {
      body ??= mainBody(page.$());
      return body;
    };
    const maxText = options.maxTextChars ?? DEFAULT_MAX_TEXT;
    const text = maxText > 0 ? textOf(bodyOf(), maxText * 2).slice(0, maxText) : '';
    const dated = pageDate(page, bodyOf, (message) => warnings.push(message));
    const fromUrl = dateFromUrl(options.url);
    let date = dated?.reading.date ?? null;
    let dateOrigin: DetailDateOrigin = dated?.reading.date ? dated.origin : 'none';
    if (dated?.reading.problem) warnings.push(`${dated.reading.problem} (shown "${dated.reading.text}")`);
    if (!date && fromUrl) {
      date = fromUrl;
      dateOrigin = 'url';
    }
    const result: DetailExtraction = {
      title: pageTitle(page),
      dateText: dated?.reading.text ?? null,
      date,
      dateOrigin,
      text,
      attachments: attachmentsOf(page.tagged('a'), options.url),
      warnings,
    };
    if (fromUrl && date && fromUrl !== date) {
      result.urlDate = fromUrl;
      warnings.push(`shown date ${date} disagrees with the date in the URL ${fromUrl}`);
    }
    if (!result.title) warnings.push('no title found');
    return result;
  } catch (error) {
    warnings.push(`could not extract the page: ${(error as Error).message}`);
    return { title: '', dateText: null, date: null, dateOrigin: 'none', text: '', attachments: [], warnings };
  }
}

function metaContent(metas: readonly Element[], name: string): string | null {
  for (const { attribs } of metas) {
    const content = collapse(attribs.content ?? '');
    if ((attribs.name ?? attribs.property ?? '').toLowerCase() === name && content) return content;
  }
  return null;
}

/** Title: meta ArticleTitle, og:title, the page's h1, or <title> without the site name. */
function pageTitle(page: IndexedPage): string {
  const metas = page.tagged('meta');
  const meta = metaContent(metas, 'articletitle') ?? metaContent(metas, 'og:title');
  if (meta) return meta;
  const h1 = page
    .tagged('h1')
    .map((element) => textOf(element))
    .find((text) => text.length >= 2);
  if (h1) return h1;
  const first = page.tagged('title')[0];
  const title = first ? textOf(first) : '';
  // Sites append their own name: 关于…的通知_江门市人民政府 / … - 某某局.
  const parts = title.split(/\s*(?:_|\||｜|—|–|\s-\s|-{2,})\s*/).filter((part) => part.length >= 2);
  return parts[0] ?? title;
}

function pageDate(
  page: IndexedPage,
  body: () => AnyNode,
  warn: (message: string) => void,
): { reading: DateReading; origin: Exclude<DetailDateOrigin, 'url' | 'none'> } | null {
  const meta = metaDate(page.tagged('meta'));
  const root = page.tagged('body')[0] ?? page.document;
  const labelled = findLabelledDate(textOf(root, 200_000));
  if (meta) {
    if (labelled?.date && labelled.date !== meta.date) {
      warn(`<meta name="${meta.name}"> says ${meta.date} but the page shows ${labelled.date}`);
    }
    return { reading: { date: meta.date, text: meta.text, from: 'text' }, origin: 'detail-meta' };
  }
  if (labelled) return { reading: labelled, origin: 'detail-text' };
  for (const element of page.$()(DATE_LINE).toArray()) {
    const text = textOf(element, 200);
    if (text.length > 80) continue;
    const reading = parseShownDate(text);
    if (reading && reading.from === 'text') return { reading, origin: 'detail-text' };
  }
  const inBody = parseShownDate(textOf(body(), 50_000));
  if (inBody && inBody.from === 'text') return { reading: inBody, origin: 'detail-text' };
  return null;
}

/** The element holding the article: a known CMS container, else the parent of the most paragraph text. */
function mainBody($: CheerioAPI): AnyNode {
  for (const selector of BODY_SELECTORS) {
    const found = $(selector)
      .toArray()
      .find((element) => textOf(element, 40).length >= 20);
    if (found) return found;
  }
  const score = new Map<AnyNode, number>();
  for (const paragraph of $('p').toArray()) {
    const parent = paragraph.parent;
    if (parent) score.set(parent, (score.get(parent) ?? 0) + textOf(paragraph, 5_000).length);
  }
  let best: AnyNode | null = null;
  let bestScore = 0;
  for (const [node, value] of score) {
    if (value > bestScore) {
      best = node;
      bestScore = value;
    }
  }
  return best ?? $('body')[0] ?? ($.root()[0] as AnyNode);
}

function attachmentsOf(links: readonly Element[], pageUrl: string): ExtractedAttachment[] {
  const out: ExtractedAttachment[] = [];
  const seen = new Set<string>();
  for (const link of links) {
    if (link.attribs.href === undefined) continue;
    const url = resolveHref(link.attribs.href, pageUrl);
    if (!url || seen.has(url) || !isAttachmentUrl(url)) continue;
    if (
      hasAncestor(link, (element: Element) =>
        CHROME.test(`${element.attribs.id ?? ''} ${element.attribs.class ?? ''}`),
      )
    )
      continue;
    seen.add(url);
    const name = textOf(link) || collapse(link.attribs.title ?? '') || fileNameOf(url);
    out.push({ url, name });
  }
  return out;
}
