/** Detail pages → title, publication date, main text and attachments. */
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { type DateReading, dateFromUrl, findLabelledDate, parseShownDate } from './dates';
import { collapse, hasAncestor, loadHtml, notHtml, textOf } from './dom';
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
    const $ = loadHtml(html);
    // Finding the article body walks the tree once per CMS selector: done only when the text is
    // wanted or the date has to be looked for in it (the crawl wants neither for most pages).
    let body: AnyNode | undefined;
    const bodyOf = () => {
      body ??= mainBody($);
      return body;
    };
    const maxText = options.maxTextChars ?? DEFAULT_MAX_TEXT;
    const text = maxText > 0 ? textOf(bodyOf(), maxText * 2).slice(0, maxText) : '';
    const dated = pageDate($, bodyOf, (message) => warnings.push(message));
    const fromUrl = dateFromUrl(options.url);
    let date = dated?.reading.date ?? null;
    let dateOrigin: DetailDateOrigin = dated?.reading.date ? dated.origin : 'none';
    if (dated?.reading.problem) warnings.push(`${dated.reading.problem} (shown "${dated.reading.text}")`);
    if (!date && fromUrl) {
      date = fromUrl;
      dateOrigin = 'url';
    }
    const result: DetailExtraction = {
      title: pageTitle($),
      dateText: dated?.reading.text ?? null,
      date,
      dateOrigin,
      text,
      attachments: attachmentsOf($, options.url),
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

function metaContent($: CheerioAPI, names: string[]): string | null {
  let found: string | null = null;
  $('meta').each((_, element) => {
    const name = (element.attribs.name ?? element.attribs.property ?? '').toLowerCase();
    if (names.includes(name) && collapse(element.attribs.content ?? '')) {
      found = collapse(element.attribs.content ?? '');
      return false;
    }
    return true;
  });
  return found;
}

/** Title: meta ArticleTitle, og:title, the page's h1, or <title> without the site name. */
export function pageTitle($: CheerioAPI): string {
  const meta = metaContent($, ['articletitle']) ?? metaContent($, ['og:title']);
  if (meta) return meta;
  const h1 = $('h1')
    .toArray()
    .map((element) => textOf(element))
    .find((text) => text.length >= 2);
  if (h1) return h1;
  const title = collapse($('title').first().text());
  // Sites append their own name: 关于…的通知_江门市人民政府 / … - 某某局.
  const parts = title.split(/\s*(?:_|\||｜|—|–|\s-\s|-{2,})\s*/).filter((part) => part.length >= 2);
  return parts[0] ?? title;
}

function pageDate(
  $: CheerioAPI,
  body: () => AnyNode,
  warn: (message: string) => void,
): { reading: DateReading; origin: Exclude<DetailDateOrigin, 'url' | 'none'> } | null {
  const meta = metaDate($);
  const root = $('body')[0] ?? ($.root()[0] as AnyNode);
  const labelled = findLabelledDate(textOf(root, 200_000));
  if (meta) {
    if (labelled?.date && labelled.date !== meta.date) {
      warn(`<meta name="${meta.name}"> says ${meta.date} but the page shows ${labelled.date}`);
    }
    return { reading: { date: meta.date, text: meta.text, from: 'text' }, origin: 'detail-meta' };
  }
  if (labelled) return { reading: labelled, origin: 'detail-text' };
  for (const element of $(DATE_LINE).toArray()) {
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

function attachmentsOf($: CheerioAPI, pageUrl: string): ExtractedAttachment[] {
  const out: ExtractedAttachment[] = [];
  const seen = new Set<string>();
  for (const link of $('a[href]').toArray()) {
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
