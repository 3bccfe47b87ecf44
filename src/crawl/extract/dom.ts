/** Tree helpers that stay iterative, so no page can exhaust the call stack. */

import type { CheerioAPI } from 'cheerio';
import { load } from 'cheerio/slim';
import { type AnyNode, type Document, Element, Text } from 'domhandler';
import { visibleText } from '../../core/visible-text';
import { parseHtml } from './html-tree';

/** Marks where a block element ends in the pending stack of textOf. */
const SPACE = Symbol('space');
const SKIPPED = new Set(['script', 'style', 'template', 'noscript', 'head']);

/** Inline styles that hide an element from a reader. */
const HIDING_STYLE =
  /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)|font-size\s*:\s*0(?:px|pt|em|rem|%)?\s*(?:!important)?\s*(?:;|$))/i;

/**
 * Whether an element is hidden from a reader by its own markup: the `hidden` attribute,
 * `aria-hidden="true"`, or an inline style. Text inside it is not what the page shows, so it must
 * not make a meeting notice read as a budget disclosure.
 */
export function isHidden(element: Element): boolean {
  const { attribs } = element;
  if (attribs.hidden !== undefined) return true;
  if (attribs['aria-hidden']?.trim().toLowerCase() === 'true') return true;
  if (element.name === 'input' && attribs.type?.toLowerCase() === 'hidden') return true;
  const style = attribs.style;
  return style !== undefined && HIDING_STYLE.test(style.replace(/\/\*[\s\S]*?\*\//g, ''));
}
const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'div',
  'dl',
  'dt',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'td',
  'th',
  'tr',
  'ul',
]);

/** Loads HTML into cheerio through the linear-time tree builder. */
export function loadHtml(html: string): CheerioAPI {
  return load(parseHtml(html));
}

/** A parsed page with its elements of chosen tag names at hand; cheerio is loaded only if asked. */
export interface IndexedPage {
  document: Document;
  /** The elements of `tag` in document order (only for the tags asked for at parse time). */
  tagged(tag: string): readonly Element[];
  $(): CheerioAPI;
}

/**
 * Parses `html`, collecting the elements named in `tags` as the tree is built: a detail page needs
 * its meta, title, h1 and links, and finding each with a selector would walk the tree once per query.
 */
export function parseIndexed(html: string, tags: readonly string[]): IndexedPage {
  const collected = new Map<string, Element[]>(tags.map((tag) => [tag, []]));
  const document = parseHtml(html, collected);
  let cheerio: CheerioAPI | undefined;
  return {
    document,
    tagged: (tag) => collected.get(tag) ?? [],
    $: () => {
      cheerio ??= load(document);
      return cheerio;
    },
  };
}

/**
 * Names the file type when decoded "HTML" is really a document file (servers label PDFs and Office
 * files text/html); null for anything that may be HTML.
 */
export function notHtml(text: string): string | null {
  const start = text.trimStart().slice(0, 8);
  if (start.startsWith('%PDF-')) return 'PDF';
  if (start.startsWith('PK\u0003\u0004')) return 'ZIP or Office (docx/xlsx) file';
  return null;
}

/**
 * Collapses runs of whitespace (including the ideographic space and nbsp) to one space, after
 * removing invisible characters and normalising to NFKC (see visibleText).
 */
export function collapse(text: string): string {
  // Control characters (NUL included) are invisible in a browser and must not reach titles or reports.
  return visibleText(text)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/[\s\u00a0\u3000]+/g, ' ')
    .trim();
}

/**
 * The visible text under a node: script, style, template, noscript, comments and hidden elements
 * skipped, a space wherever a block element or <br>
 * breaks the line, so `标题</td><td>2016-07-15` does not read as one word. Stops after `limit`
 * characters.
 */
export function textOf(node: AnyNode, limit = Number.POSITIVE_INFINITY): string {
  const parts: string[] = [];
  let length = 0;
  const pending: (AnyNode | typeof SPACE)[] = [node];
  while (pending.length > 0 && length < limit) {
    const current = pending.pop();
    if (current === SPACE) {
      parts.push(' ');
      continue;
    }
    if (current instanceof Text) {
      parts.push(current.data);
      length += current.data.length;
    } else if (current instanceof Element || (current && 'children' in current)) {
      if (current instanceof Element && (SKIPPED.has(current.name) || isHidden(current))) continue;
      const block = current instanceof Element && BLOCK.has(current.name);
      if (block) pending.push(SPACE);
      const children = (current as { children: AnyNode[] }).children;
      for (let i = children.length - 1; i >= 0; i--) pending.push(children[i] as AnyNode);
      if (block) parts.push(' ');
    }
  }
  return collapse(parts.join(''));
}

/** True when `node` lies inside an element for which `test` holds (the node itself included). */
export function hasAncestor(node: AnyNode, test: (element: Element) => boolean, maxLevels = 64): boolean {
  let current: AnyNode | null = node;
  for (let level = 0; current && level <= maxLevels; level++) {
    if (current instanceof Element && test(current)) return true;
    current = current.parent;
  }
  return false;
}

/** Nodes in document order after `node` within its parent, up to (not including) the first match of `stop`. */
export function followingSiblings(node: AnyNode, stop: (sibling: AnyNode) => boolean, max = 20): AnyNode[] {
  const out: AnyNode[] = [];
  for (let sibling = node.next; sibling && out.length < max; sibling = sibling.next) {
    if (stop(sibling)) break;
    out.push(sibling);
  }
  return out;
}
