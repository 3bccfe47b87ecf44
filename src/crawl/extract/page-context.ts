/** Facts about the whole page that single items lean on: the year of year-less dates, the page's own date. */
import type { CheerioAPI } from 'cheerio';
import { type AnyNode, Comment, Element } from 'domhandler';
import type { IsoDate } from '../../core/dates';
import { DATE_META_NAMES, type DateContext, parseShownDate, yearFromText, yearFromUrl } from './dates';
import { collapse, textOf } from './dom';

export interface MetaDate {
  date: IsoDate;
  text: string;
  /** The meta name or property it came from, e.g. `PubDate`. */
  name: string;
}

/**
 * The publication date a page declares in `<meta>` (PubDate, ArticlePubDate, DC.date,
 * article:published_time…), given the page's meta elements.
 */
export function metaDate(metas: readonly Element[]): MetaDate | null {
  const found = new Map<string, MetaDate>();
  for (const { attribs } of metas) {
    const name = (attribs.name ?? attribs.property ?? attribs.itemprop ?? '').trim();
    const key = name.toLowerCase();
    if (!DATE_META_NAMES.includes(key) || found.has(key)) continue;
    const reading = parseShownDate(attribs.content ?? '');
    if (reading?.date && reading.from === 'text')
      found.set(key, { date: reading.date, text: reading.text, name });
  }
  for (const name of DATE_META_NAMES) {
    const hit = found.get(name);
    if (hit) return hit;
  }
  return null;
}

const HEADING_SELECTOR =
  'h1, h2, h3, h4, h5, h6, caption, legend, [class*="title"], [class*="tit"], [id*="title"]';

/**
 * The year to give dates shown without one, in order of trust: a heading (`2016年通知公告`), the page
 * URL (`/2016/`, `/201607/`), a short HTML comment (`<!-- 2016 -->`), the page's own date, and last
 * the clock (never producing a future date).
 */
export function yearContext($: CheerioAPI, url: string, now?: IsoDate | null): DateContext {
  let headingYear: number | null = null;
  $(HEADING_SELECTOR).each((_, element) => {
    // Item titles (inside rows and links) often carry years of their own; they are not headings.
    if ($(element).closest('li, tr, a').length > 0) return;
    const text = textOf(element, 200);
    if (text.length > 0 && text.length <= 80) headingYear = yearFromText(text);
    return headingYear === null;
  });
  if (headingYear) return { year: headingYear, yearSource: 'heading', now };
  const urlYear = yearFromUrl(url);
  if (urlYear) return { year: urlYear, yearSource: 'url', now };
  const commentYear = yearInComments($.root()[0] as AnyNode);
  if (commentYear) return { year: commentYear, yearSource: 'comment', now };
  const pageDate = metaDate($('meta').toArray());
  if (pageDate) return { year: Number(pageDate.date.slice(0, 4)), yearSource: 'page-date', now };
  return { now };
}

function yearInComments(root: AnyNode): number | null {
  const pending: AnyNode[] = [root];
  while (pending.length > 0) {
    const node = pending.pop() as AnyNode;
    if (node instanceof Comment) {
      const text = collapse(node.data);
      // Long comments are commented-out markup, whose years say nothing about this list.
      if (text.length <= 60) {
        const year = yearFromText(text);
        if (year) return year;
      }
    } else if (node instanceof Element || 'children' in node) {
      const children = (node as { children: AnyNode[] }).children;
      for (let i = children.length - 1; i >= 0; i--) pending.push(children[i] as AnyNode);
    }
  }
  return null;
}
