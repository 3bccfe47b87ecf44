/**
 * A linear-time HTML tree builder. htmlparser2's own Parser keeps its open-element stack with
 * `unshift`/`indexOf`, which is quadratic on deeply nested or badly unbalanced markup (100k nested
 * divs take seconds), and parse5 is slower still. Pages from the wild contain both, so we drive
 * htmlparser2's Tokenizer ourselves: the stack grows at its end, unmatched end tags are rejected in
 * O(1) through a per-name count, and nesting beyond MAX_DEPTH is flattened so every later tree walk
 * (selectors, text) stays shallow.
 */
import { Comment, Document, Element, type ParentNode, Text } from 'domhandler';
import { type QuoteType, Tokenizer } from 'htmlparser2';

/** Elements deeper than this are attached as siblings at this depth; real pages stay far below. */
export const MAX_DEPTH = 256;

const VOID = new Set([
  'area',
  'base',
  'basefont',
  'br',
  'col',
  'command',
  'embed',
  'frame',
  'hr',
  'img',
  'input',
  'isindex',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);

const P_ONLY = new Set(['p']);
const FORM = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);
const DD_DT = new Set(['dd', 'dt']);
const BLOCKS_CLOSING_P = [
  'address',
  'article',
  'aside',
  'blockquote',
  'details',
  'div',
  'dl',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'header',
  'hr',
  'main',
  'nav',
  'ol',
  'pre',
  'section',
  'table',
  'ul',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'p',
];

/** Opening the key tag implicitly closes an open element named in the set (HTML's optional end tags). */
const IMPLIED_CLOSE = new Map<string, Set<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th', 'td'])],
  ['td', new Set(['th', 'td'])],
  ['li', new Set(['li'])],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', DD_DT],
  ['dt', DD_DT],
  ['tbody', new Set(['thead', 'tbody'])],
  ['tfoot', new Set(['thead', 'tbody'])],
  ['select', FORM],
  ['input', FORM],
  ['button', FORM],
  ['textarea', FORM],
  ...BLOCKS_CLOSING_P.map((name) => [name, P_ONLY] as [string, Set<string>]),
]);

/** Row-like elements close an unclosed row even through inline elements left open inside it. */
const CLOSES_THROUGH_INLINE = new Set(['li', 'dd', 'dt', 'tr', 'td', 'th', 'option']);
const INLINE = new Set([
  'a',
  'abbr',
  'b',
  'big',
  'cite',
  'code',
  'em',
  'font',
  'i',
  'label',
  's',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'u',
]);

const FOREIGN = new Set(['svg', 'math']);

/**
 * Parses HTML into a domhandler Document (what cheerio.load accepts). Never throws on junk input.
 *
 * @param collect tag names mapped to arrays the parser fills with those elements in document
 *   order, so an extractor needs no selector walk to find them
 */
export function parseHtml(html: string, collect?: ReadonlyMap<string, Element[]>): Document {
  const doc = new Document([]);
  const stack: Element[] = [];
  const openCount = new Map<string, number>();
  let foreignDepth = 0;
  let tagName = '';
  let attribs: Record<string, string> = {};
  let attribName = '';
  let attribValue = '';

  const top = (): ParentNode => stack[stack.length - 1] ?? doc;
  const elementParent = (): ParentNode =>
    stack.length === 0 ? doc : (stack[Math.min(stack.length, MAX_DEPTH) - 1] as Element);

  const append = (parent: ParentNode, node: Element | Text | Comment): void => {
    const siblings = parent.children;
    const prev = siblings[siblings.length - 1];
    if (prev) {
      prev.next = node;
      node.prev = prev;
    }
    node.parent = parent;
    siblings.push(node);
  };

  const addText = (data: string): void => {
    const parent = top();
    const last = parent.children[parent.children.length - 1];
    if (last instanceof Text) last.data += data;
    else append(parent, new Text(data));
  };

  const pop = (): Element | undefined => {
    const element = stack.pop();
    if (element) {
      openCount.set(element.name, (openCount.get(element.name) ?? 1) - 1);
      if (FOREIGN.has(element.name)) foreignDepth--;
    }
    return element;
  };

  const openElement = (selfClosing: boolean): void => {
    const element = new Element(tagName, attribs);
    append(elementParent(), element);
    collect?.get(tagName)?.push(element);
    if (VOID.has(tagName) || (selfClosing && foreignDepth > 0)) return;
    stack.push(element);
    openCount.set(tagName, (openCount.get(tagName) ?? 0) + 1);
    if (FOREIGN.has(tagName)) foreignDepth++;
  };

  const slice = (start: number, end: number): string => html.slice(start, end);

  const tokenizer = new Tokenizer(
    { xmlMode: false, decodeEntities: true },
    {
      ontext: (start, end) => addText(slice(start, end)),
      ontextentity: (codepoint) => addText(String.fromCodePoint(codepoint)),
      onopentagname: (start, end) => {
        tagName = slice(start, end).toLowerCase();
        attribs = {};
        const closes = IMPLIED_CLOSE.get(tagName);
        if (closes) {
          const throughInline =
            CLOSES_THROUGH_INLINE.has(tagName) && [...closes].some((n) => openCount.get(n));
          while (stack.length > 0) {
            const name = (stack[stack.length - 1] as Element).name;
            if (closes.has(name) || (throughInline && INLINE.has(name))) pop();
            else break;
          }
        }
      },
      onattribname: (start, end) => {
        attribName = slice(start, end).toLowerCase();
        attribValue = '';
      },
      onattribdata: (start, end) => {
        attribValue += slice(start, end);
      },
      onattribentity: (codepoint) => {
        attribValue += String.fromCodePoint(codepoint);
      },
      onattribend: (_quote: QuoteType) => {
        if (!Object.hasOwn(attribs, attribName)) attribs[attribName] = attribValue;
        attribValue = '';
      },
      onopentagend: () => openElement(false),
      onselfclosingtag: () => openElement(true),
      onclosetag: (start, end) => {
        const name = slice(start, end).toLowerCase();
        if (VOID.has(name)) return;
        if ((openCount.get(name) ?? 0) > 0) {
          // Each element is pushed once and popped once, so this loop is linear over the whole parse.
          while (stack.length > 0 && pop()?.name !== name) {}
        }
      },
      oncomment: (start, end, offset) => append(top(), new Comment(slice(start, end - offset))),
      oncdata: (start, end, offset) => append(top(), new Comment(`[CDATA[${slice(start, end - offset)}]]`)),
      ondeclaration: () => {},
      onprocessinginstruction: () => {},
      onend: () => {},
    },
  );
  tokenizer.write(html);
  tokenizer.end();
  return withSingleRoot(doc);
}

/**
 * Gathers every top-level node under one <html> element, as browsers do. cheerio selects from each
 * root node and removes duplicates pairwise, so a page of 50 000 bare top-level elements (a fragment,
 * or content after </html>) would otherwise make every selector quadratic.
 */
function withSingleRoot(doc: Document): Document {
  const roots = doc.children;
  if (roots.length <= 1) return doc;
  const htmlIndex = roots.findIndex((node) => node instanceof Element && node.name === 'html');
  const html = htmlIndex >= 0 ? (roots[htmlIndex] as Element) : new Element('html', {});
  // Nodes before <html> go first inside it, nodes after </html> last, keeping document order.
  const before = htmlIndex >= 0 ? roots.slice(0, htmlIndex) : roots;
  const after = htmlIndex >= 0 ? roots.slice(htmlIndex + 1) : [];
  const children = [...before, ...html.children, ...after];
  children.forEach((node, index) => {
    node.parent = html;
    node.prev = children[index - 1] ?? null;
    node.next = children[index + 1] ?? null;
  });
  html.children = children;
  html.parent = doc;
  html.prev = null;
  html.next = null;
  doc.children = [html];
  return doc;
}
