/**
 * List pages → items. Without selectors the list is found by its shape: the block of repeated rows
 * (li, tr, dd, repeated divs, or links in a flat run) with the most links that have a date next to
 * them. Navigation and footers rarely carry dates, so they lose without special rules; they are
 * skipped anyway so a dated "latest news" footer cannot win.
 */
import type { Cheerio, CheerioAPI } from 'cheerio';
import { type AnyNode, Comment, Element } from 'domhandler';
import type { IsoDate } from '../../core/dates';
import type { Column } from '../../core/source';
import {
  type DateContext,
  type DateReading,
  dateFromUrl,
  parseShownDate,
  yearFromText,
  yearFromUrl,
} from './dates';
import { collapse, followingSiblings, hasAncestor, loadHtml, notHtml, textOf } from './dom';
import { unwrapDatastoreRecords } from './embedded-records';
import { hanwebNextPages } from './hanweb-paging';
import { yearContext } from './page-context';
import { findNextPages } from './pagination';
import { recordsInScript } from './script-data';
import { completesCutTitle, isCutTitle, tooltipTitle, withoutMarkers } from './titles';
import type { ExtractedAttachment, ListDateOrigin, ListExtraction, ListItem } from './types';
import { fileNameOf, isAttachmentUrl, resolveHref } from './urls';

export interface ListOptions {
  /** The page's own URL: the base for relative links and a source of year context. */
  url: string;
  selectors?: Column['selectors'];
  /** Today, for dates shown without a year when the page gives none. */
  now?: IsoDate | null;
  /**
   * Items wanted at most (the crawler's `maxLinksPerPage`). A page holding far more links than
   * that is parsed only up to a bounded number of them (see `cutForItems`), so a 100,000-link page
   * costs what a few thousand links cost; its pager is still read from the page's end.
   */
  maxItems?: number;
}

/** Links parsed per item wanted: rows with a second link (an attachment) and navigation fit. */
const LINKS_PER_ITEM = 2;
/** Links parsed beyond that, for the site's navigation above the list. */
const NAVIGATION_LINKS = 500;
/** The end of a cut page read for next-page links: pagers sit below the list. */
const PAGER_TAIL_CHARS = 64 * 1024;

const LINK_TAG = /<a[\s>]/gi;

/**
 * Where to cut a page with too many links for `maxItems`, by a scan of the text (no parse): the
 * offset of the first link past the budget, with the page's link count. Null when the page fits.
 */
function cutForItems(
  html: string,
  maxItems: number,
): { at: number; links: number; parsedLinks: number } | null {
  const budget = maxItems * LINKS_PER_ITEM + NAVIGATION_LINKS;
  let links = 0;
  let at = -1;
  LINK_TAG.lastIndex = 0;
  for (let match = LINK_TAG.exec(html); match; match = LINK_TAG.exec(html)) {
    links += 1;
    if (links === budget + 1) at = match.index;
  }
  return at < 0 ? null : { at, links, parsedLinks: budget };
}

const ROW_TAGS = new Set(['li', 'tr', 'dd', 'dt']);
const CHROME_TAGS = new Set(['nav', 'header', 'footer']);
const CHROME_NAMES =
  /(?:^|[\s_-])(?:nav|navbar|navi|menu|submenu|footer|foot|header|breadcrumbs?|crumbs?|position|location|copyright|sitemap|topbar|bottom|share|friendlink|yqlj|dh|daohang)(?:[\s_-]|$)/i;
/** Levels climbed from a link looking for its row. */
const ROW_SEARCH_LEVELS = 5;
const MAX_WARNINGS = 50;

/** Readings kept per item so warnings can quote what the page showed. */
const shownReadings = new WeakMap<ListItem, DateReading | null>();

interface Row {
  element: AnyNode;
  links: Element[];
}

/**
 * Extracts the items of a list page: title, absolute URL, the date as shown and as ISO, where the
 * date came from, and attachment links. Never throws: problems become `warnings`.
 */
export function extractList(html: string, options: ListOptions): ListExtraction {
  const warnings: string[] = [];
  const warn = (message: string): void => {
    if (warnings.length < MAX_WARNINGS) warnings.push(message);
  };
  const fileType = notHtml(html);
  if (fileType) {
    warn(`the page is a ${fileType}, not HTML`);
    warn('no list items found');
    return { items: [], next: [], warnings };
  }
  try {
    const page = unwrapDatastoreRecords(html);
    const cut = options.maxItems ? cutForItems(page, options.maxItems) : null;
    const $ = loadHtml(cut ? page.slice(0, cut.at) : page);
    const context = yearContext($, options.url, options.now ?? null);
    const items = options.selectors?.item
      ? itemsBySelectors($, options, context, warn)
      : itemsByShape($, options.url, context, warn);
    const known = new Set(items.map((item) => item.url));
    for (const item of itemsFromScripts($, options.url, context, warn)) {
      if (!known.has(item.url)) items.push(item);
    }
    let next: string[] = [];
    try {
      const pager = cut ? loadHtml(page.slice(Math.max(cut.at, page.length - PAGER_TAIL_CHARS))) : $;
      next = findNextPages(pager, options.url, options.selectors?.next);
      if (!options.selectors?.next) next = [...new Set([...next, ...hanwebNextPages(html, options.url)])];
    } catch (error) {
      warn(`next-page selector failed: ${(error as Error).message}`);
    }
    if (items.length === 0) warn('no list items found');
    if (!cut) return { items, next, warnings };
    return {
      items: items.slice(0, options.maxItems),
      next,
      warnings,
      cut: { links: cut.links, parsedLinks: cut.parsedLinks, parsedChars: cut.at },
    };
  } catch (error) {
    warn(`could not extract the list: ${(error as Error).message}`);
    return { items: [], next: [], warnings };
  }
}

function isChrome(element: Element): boolean {
  if (CHROME_TAGS.has(element.name)) return true;
  const names = `${element.attribs.id ?? ''} ${element.attribs.class ?? ''}`;
  return names.trim() !== '' && CHROME_NAMES.test(names);
}

function itemsByShape(
  $: CheerioAPI,
  pageUrl: string,
  context: DateContext,
  warn: (message: string) => void,
): ListItem[] {
  const links = $('a[href]')
    .toArray()
    .filter((link) => resolveHref(link.attribs.href, pageUrl) && !hasAncestor(link, isChrome));
  const targets = targetsInAncestors(links, pageUrl);
  const sameNameCount = new Map<AnyNode, Map<string, number>>();
  const rows = new Map<AnyNode, Row>();
  for (const link of links) {
    const element = rowElementOf(link, targets, sameNameCount);
    let row = rows.get(element);
    if (!row) {
      row = { element, links: [] };
      rows.set(element, row);
    }
    row.links.push(link);
  }

  // Group rows by the block that repeats them; sibling blocks of the same kind form one list.
  const groups = new Map<string, Row[]>();
  const twinCache = new Map<AnyNode, Map<string, number>>();
  const ids = new Map<AnyNode, number>();
  const idOf = (node: AnyNode | null): number => {
    if (!node) return -1;
    let id = ids.get(node);
    if (id === undefined) {
      id = ids.size;
      ids.set(node, id);
    }
    return id;
  };
  for (const row of rows.values()) {
    const container = row.element.parent;
    const key = container instanceof Element ? listKey(container, idOf, twinCache) : `${idOf(container)}`;
    const group = groups.get(key) ?? [];
    group.push(row);
    groups.set(key, group);
  }

  let best: { items: ListItem[]; dated: number; titled: number } | null = null;
  for (const group of groups.values()) {
    const rowItems = group
      .map((row) => ({ container: row.element.parent, item: rowToItem($, row, pageUrl, context) }))
      .filter((entry): entry is { container: AnyNode['parent']; item: ListItem } => entry.item !== null);
    // Blocks of the same kind merge into one list, but an undated block beside dated ones (a link
    // column in the same layout table) is not part of it.
    const datedContainers = new Set(rowItems.filter((e) => e.item.dateText !== null).map((e) => e.container));
    const items = rowItems
      .filter((entry) => datedContainers.size === 0 || datedContainers.has(entry.container))
      .map((entry) => entry.item);
    const dated = items.filter((item) => item.dateText !== null).length;
    const titled = items.filter((item) => item.title.length >= 6).length;
    if (!best || dated > best.dated || (dated === best.dated && titled > best.titled)) {
      best = { items, dated, titled };
    }
  }
  if (!best) return [];
  if (best.dated === 0) warn('no dated links found; took the largest block of links');
  const items = dedupe(best.items);
  settleYears(items, context.now, warn);
  return items;
}

/** Tag and class: what makes two blocks "of the same shape" whatever their other attributes. */
const shapeOf = (element: Element): string => `${element.name}.${collapse(element.attribs.class ?? '')}`;

/**
 * The list a row's container belongs to. Containers of the same shape under one parent are one list
 * (sibling `ul`s). So are containers whose wrappers are siblings of the same shape: pagination groups
 * a script shows one at a time (`<div ms-visible="$showStatic(2)"><ul>…`, `display:none` pages) are
 * all the column's content, in document order.
 */
function listKey(
  container: Element,
  idOf: (node: AnyNode | null) => number,
  twinCache: Map<AnyNode, Map<string, number>>,
): string {
  const wrapper = container.parent;
  if (wrapper instanceof Element && wrapper.parent) {
    const shape = shapeOf(wrapper);
    if ((shapeCounts(wrapper.parent, twinCache).get(shape) ?? 0) >= 2)
      return `${idOf(wrapper.parent)}|${shape}|${shapeOf(container)}`;
  }
  return `${idOf(wrapper)}|${shapeOf(container)}`;
}

/** How many children of `parent` have each shape; computed once per parent. */
function shapeCounts(parent: AnyNode, cache: Map<AnyNode, Map<string, number>>): Map<string, number> {
  let counts = cache.get(parent);
  if (!counts) {
    counts = new Map();
    for (const child of (parent as { children?: AnyNode[] }).children ?? []) {
      if (child instanceof Element) counts.set(shapeOf(child), (counts.get(shapeOf(child)) ?? 0) + 1);
    }
    cache.set(parent, counts);
  }
  return counts;
}

function noteDateProblems(
  item: ListItem,
  reading: DateReading | null | undefined,
  warn: (m: string) => void,
) {
  if (reading?.problem) warn(`${item.url}: ${reading.problem} (shown "${reading.text}")`);
  if (item.urlDate) {
    warn(`${item.url}: shown date ${item.date} disagrees with the date in the URL ${item.urlDate}`);
  }
}

/**
 * For each element a few levels above the links, the distinct non-attachment URLs below it. A row
 * leads to one page (plus its attachments); an element leading to two is a block of rows.
 */
function targetsInAncestors(links: Element[], pageUrl: string): Map<AnyNode, Set<string>> {
  const targets = new Map<AnyNode, Set<string>>();
  for (const link of links) {
    const url = resolveHref(link.attribs.href, pageUrl);
    if (!url || isAttachmentUrl(url)) continue;
    let node: AnyNode | null = link.parent;
    for (let level = 0; node && level < ROW_SEARCH_LEVELS; level++) {
      let set = targets.get(node);
      if (!set) {
        set = new Set();
        targets.set(node, set);
      }
      // Two distinct targets already disqualify the node; more need not be stored.
      if (set.size < 2) set.add(url);
      node = node.parent;
    }
  }
  return targets;
}

function rowElementOf(
  link: Element,
  targets: Map<AnyNode, Set<string>>,
  sameNameCount: Map<AnyNode, Map<string, number>>,
): AnyNode {
  const isBlock = (node: AnyNode): boolean => (targets.get(node)?.size ?? 0) > 1;
  let node: AnyNode | null = link.parent;
  for (let level = 0; node instanceof Element && level < ROW_SEARCH_LEVELS && !isBlock(node); level++) {
    if (ROW_TAGS.has(node.name)) return node;
    node = node.parent;
  }
  node = link.parent;
  for (let level = 0; node instanceof Element && level < ROW_SEARCH_LEVELS && !isBlock(node); level++) {
    if (node.parent && siblingsNamed(node.parent, node.name, sameNameCount) >= 2) return node;
    node = node.parent;
  }
  return link;
}

function siblingsNamed(parent: AnyNode, name: string, cache: Map<AnyNode, Map<string, number>>): number {
  let counts = cache.get(parent);
  if (!counts) {
    counts = new Map();
    for (const child of (parent as { children?: AnyNode[] }).children ?? []) {
      if (child instanceof Element) counts.set(child.name, (counts.get(child.name) ?? 0) + 1);
    }
    cache.set(parent, counts);
  }
  return counts.get(name) ?? 0;
}

function containsLink(node: AnyNode): boolean {
  if (!(node instanceof Element)) return false;
  return node.name === 'a' || (node.name !== 'br' && hasLinkBelow(node));
}

function hasLinkBelow(element: Element): boolean {
  const pending: AnyNode[] = [...element.children];
  let visited = 0;
  while (pending.length > 0 && visited < 200) {
    const node = pending.pop() as AnyNode;
    visited++;
    if (node instanceof Element) {
      if (node.name === 'a') return true;
      pending.push(...node.children);
    }
  }
  return false;
}

function rowToItem($: CheerioAPI, row: Row, pageUrl: string, context: DateContext): ListItem | null {
  const attachments: ExtractedAttachment[] = [];
  let primary: { url: string; title: string } | null = null;
  for (const link of row.links) {
    const url = resolveHref(link.attribs.href, pageUrl);
    if (!url) continue;
    const title = linkTitle($(link));
    if (isAttachmentUrl(url)) {
      if (!attachments.some((a) => a.url === url)) attachments.push({ url, name: title || fileNameOf(url) });
    } else if (!primary && title) {
      primary = { url, title };
    }
  }
  const first = attachments[0];
  if (!primary && first) primary = { url: first.url, title: first.name };
  if (!primary) return null;

  const own = rowYear(row.element, primary.url);
  const reading = ownReading(own, context, (ctx) => rowDate(row, ctx));
  // A date span inside the link reads as part of its text; it is not part of the title.
  const title =
    reading && primary.title.endsWith(reading.text) && primary.title.length > reading.text.length
      ? primary.title.slice(0, -reading.text.length).trim()
      : primary.title;
  const item = datedItem(withoutMarkers(title), primary.url, reading, attachments);
  noteYearFrom(item, own, reading);
  return item;
}

type OwnYear = ReturnType<typeof rowYear>;

/**
 * Reads a row's date, giving it the row's own year when it has one. A date whose year is page-wide
 * is settled later for the whole list at once (settleYears); any other is refused if in the future.
 */
function ownReading(
  own: OwnYear,
  context: DateContext,
  read: (context: DateContext) => DateReading | null,
): DateReading | null {
  const raw = read(own ? { ...context, ...own.context } : context);
  return raw?.from === 'context' && !own ? raw : notInFuture(raw, context.now);
}

/** Records where a month-day date's year came from, and the reading for warnings. */
function noteYearFrom(item: ListItem, own: OwnYear, reading: DateReading | null): void {
  if (item.dateOrigin === 'context' && reading?.from === 'context')
    item.yearFrom = own ? own.from : (reading.yearSource ?? 'heading');
  shownReadings.set(item, reading);
}

/**
 * Years a list hides, settled over the whole list in its order: New Year crossings first, then no
 * date later than the fetch day. Then each item's date problems become warnings.
 */
function settleYears(items: ListItem[], now: IsoDate | null | undefined, warn: (m: string) => void): void {
  crossNewYear(items);
  settleFuture(items, now);
  for (const item of items) noteDateProblems(item, shownReadings.get(item), warn);
}

/**
 * A year that belongs to one row: a short HTML comment inside it (`<span class="date"><!-- 2017 -->
 * 12-19</span>`) or the date in the item's own TRS URL (`/201712/t20171219_…`). Either says more about
 * that row than any page-wide context.
 */
function rowYear(
  row: AnyNode | null,
  itemUrl: string,
): { context: DateContext; from: 'row-comment' | 'item-url' | 'group-heading' } | null {
  const pending: AnyNode[] = row instanceof Element ? [...row.children] : [];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node instanceof Comment) {
      const text = collapse(node.data);
      const year = text.length <= 20 ? yearFromText(text) : null;
      if (year) return { context: { year, yearSource: 'comment' }, from: 'row-comment' };
    } else if (node instanceof Element) pending.push(...node.children);
  }
  const urlDate = dateFromUrl(itemUrl);
  const year = urlDate ? Number(urlDate.slice(0, 4)) : yearFromUrl(itemUrl);
  if (year) return { context: { year, yearSource: 'url' }, from: 'item-url' };
  const headed = row ? groupHeadingYear(row) : null;
  return headed ? { context: { year: headed, yearSource: 'heading' }, from: 'group-heading' } : null;
}

const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'caption', 'dt', 'strong', 'b', 'legend']);
const HEADING_NAMES = /tit|year|head|nian/i;

/**
 * The year in the heading just before the row's group (`<h3>2017年</h3><ul>…</ul>`): the nearest
 * heading-like element before the group's block or its wrapper, before any other list.
 */
function groupHeadingYear(row: AnyNode): number | null {
  for (let block = row.parent, level = 0; block && level < 2; block = block.parent, level++) {
    let sibling = block.prev;
    for (let step = 0; sibling && step < 3; sibling = sibling.prev) {
      if (!(sibling instanceof Element)) continue;
      step++;
      if (sibling.name === 'a' || hasLinkBelow(sibling)) break;
      const named = `${sibling.attribs.class ?? ''} ${sibling.attribs.id ?? ''}`;
      if (!HEADING_TAGS.has(sibling.name) && !HEADING_NAMES.test(named)) continue;
      const text = textOf(sibling, 60);
      const year = text.length <= 30 ? yearFromText(text) : null;
      if (year) return year;
    }
  }
  return null;
}

/**
 * Newest-first lists that show only month and day cross New Year silently: 12-19 listed after
 * 01-09 is December of the year before. When every dated item's year came from the same page-wide
 * context, each step back from January–March to October–December moves the rest a year earlier.
 */
function crossNewYear(items: ListItem[]): void {
  // `now` years are already chosen per date (the year before when the date would be in the future).
  // A group heading's year holds for its group: the count restarts where the heading's year changes.
  const pageWide = new Set(['heading', 'url', 'comment', 'page-date', 'group-heading']);
  const dated = items.filter((i) => i.date && i.dateOrigin === 'context' && pageWide.has(i.yearFrom ?? ''));
  if (dated.length < 2) return;
  let shift = 0;
  let previous: string | null = null;
  let base: string | null = null;
  for (const item of dated) {
    const monthDay = item.date!.slice(5);
    if (item.date!.slice(0, 4) !== base) {
      base = item.date!.slice(0, 4);
      shift = 0;
      previous = null;
    }
    if (previous && previous.slice(0, 2) <= '03' && monthDay.slice(0, 2) >= '10') shift++;
    previous = monthDay;
    if (shift > 0) {
      item.date = `${Number(item.date!.slice(0, 4)) - shift}${item.date!.slice(4)}`;
      item.yearFrom = 'new-year';
    }
  }
}

/**
 * A month-day given a page-wide year that lands after the fetch day is from the year before (a
 * list cannot show tomorrow's document); if that is still in the future, no date is read.
 */
function settleFuture(items: ListItem[], now: IsoDate | null | undefined): void {
  if (!now) return;
  for (const item of items) {
    if (!item.date || item.dateOrigin !== 'context' || item.date <= now) continue;
    const earlier = `${Number(item.date.slice(0, 4)) - 1}${item.date.slice(4)}`;
    if (earlier <= now) {
      item.date = earlier;
      item.yearFrom = 'now';
    } else {
      item.date = null;
      item.dateOrigin = 'none';
      delete item.yearFrom;
    }
  }
}

/**
 * The link's title attribute wins when the visible text is cut short (`关于…的通知...`): the text
 * ends with an ellipsis and the attribute completes it, or the attribute is simply longer.
 */
function linkTitle(link: Cheerio<Element>): string {
  const text = link[0] ? textOf(link[0]) : '';
  const attr = tooltipTitle(collapse(link.attr('title') ?? ''));
  if (!text) return attr;
  if (!attr || !isCutTitle(text)) return text;
  return completesCutTitle(attr, withoutMarkers(text)) || attr.length > text.length ? attr : text;
}

function rowDate(row: Row, context: DateContext): DateReading | null {
  const linkTexts = row.links.map((link) => textOf(link)).filter(Boolean);
  const withoutLinks = (text: string): string => {
    let out = text;
    for (const linkText of linkTexts) out = out.replace(linkText, ' ');
    return out;
  };
  const own = parseShownDate(withoutLinks(textOf(row.element)), context);
  if (own) return own;
  // A flat list puts the date in the nodes after the link, up to the next link.
  const following = followingSiblings(row.element, containsLink, 4);
  const after = parseShownDate(following.map((node) => textOf(node)).join(' '), context);
  if (after) return after;
  // Some templates put a date span inside the link itself.
  for (const link of row.links) {
    for (const child of link.children) {
      if (!(child instanceof Element)) continue;
      const text = textOf(child);
      if (text.length <= 25) {
        const inside = parseShownDate(text, context);
        if (inside) return inside;
      }
    }
  }
  return null;
}

/** A list cannot show a document published after today: such a date is a typo or a faked one. */
function notInFuture(reading: DateReading | null, now: IsoDate | null | undefined): DateReading | null {
  if (!reading?.date || !now || reading.date <= now) return reading;
  return { ...reading, date: null, problem: `${reading.date} is after today (${now})` };
}

function datedItem(
  title: string,
  url: string,
  reading: DateReading | null,
  attachments: ExtractedAttachment[],
): ListItem {
  const fromUrl = dateFromUrl(url);
  let date: IsoDate | null = null;
  let dateOrigin: ListDateOrigin = 'none';
  if (reading?.date) {
    date = reading.date;
    dateOrigin = reading.from === 'text' ? 'list' : 'context';
  } else if (fromUrl) {
    date = fromUrl;
    dateOrigin = 'url';
  }
  const item: ListItem = { title, url, dateText: reading?.text ?? null, date, dateOrigin, attachments };
  if (fromUrl && date && fromUrl !== date) item.urlDate = fromUrl;
  return item;
}

function itemsBySelectors(
  $: CheerioAPI,
  options: ListOptions,
  context: DateContext,
  warn: (message: string) => void,
): ListItem[] {
  const selectors = options.selectors as NonNullable<Column['selectors']>;
  let rows: Element[];
  try {
    rows = $(selectors.item)
      .toArray()
      .filter((node): node is Element => node instanceof Element);
  } catch (error) {
    warn(`selectors.item "${selectors.item}" is not a valid selector: ${(error as Error).message}`);
    return [];
  }
  if (rows.length === 0) warn(`selectors.item "${selectors.item}" matched nothing`);
  const items: ListItem[] = [];
  for (const element of rows) {
    try {
      const row = $(element);
      const anchor = (selectors.link ? row.find(selectors.link) : row.find('a[href]')).first();
      const url = resolveHref(anchor.attr('href'), options.url);
      if (!url) continue;
      const dateText = selectors.date
        ? textOf(row.find(selectors.date).first()[0] ?? element)
        : textOf(element).replace(anchor[0] ? textOf(anchor[0]) : '', ' ');
      const own = rowYear(element, url);
      const reading = ownReading(own, context, (ctx) => parseShownDate(dateText, ctx));
      const attachments: ExtractedAttachment[] = [];
      row.find('a[href]').each((_, link) => {
        const href = resolveHref(link.attribs.href, options.url);
        if (href && isAttachmentUrl(href) && !attachments.some((a) => a.url === href)) {
          attachments.push({ url: href, name: linkTitle($(link)) || fileNameOf(href) });
        }
      });
      if (isAttachmentUrl(url) && !attachments.some((a) => a.url === url)) {
        attachments.unshift({ url, name: linkTitle(anchor as Cheerio<Element>) || fileNameOf(url) });
      }
      const title = withoutMarkers(linkTitle(anchor as Cheerio<Element>) || fileNameOf(url));
      const item = datedItem(title, url, reading, attachments);
      noteYearFrom(item, own, reading);
      items.push(item);
    } catch (error) {
      warn(`selectors: ${(error as Error).message}`);
      break;
    }
  }
  const unique = dedupe(items);
  settleYears(unique, context.now, warn);
  return unique;
}

function itemsFromScripts(
  $: CheerioAPI,
  pageUrl: string,
  context: DateContext,
  warn: (message: string) => void,
): ListItem[] {
  const items: ListItem[] = [];
  $('script').each((_, script) => {
    for (const record of recordsInScript(textOf(script.children[0] ?? script))) {
      const url = resolveHref(record.href, pageUrl);
      if (!url) continue;
      const own = rowYear(null, url);
      const dateText = record.dateText;
      const reading = dateText ? ownReading(own, context, (ctx) => parseShownDate(dateText, ctx)) : null;
      const title = withoutMarkers(collapse(record.title));
      const attachments = isAttachmentUrl(url) ? [{ url, name: title }] : [];
      const item = datedItem(title, url, reading, attachments);
      noteYearFrom(item, own, reading);
      items.push(item);
    }
  });
  const unique = dedupe(items);
  settleYears(unique, context.now, warn);
  return unique;
}

function dedupe(items: ListItem[]): ListItem[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    if (seen.has(item.url)) return false;
    seen.add(item.url);
    return true;
  });
}
