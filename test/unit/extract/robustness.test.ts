import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeHtml, extractDetail, extractList, MAX_DEPTH, parseHtml } from '../../../src/crawl/extract';

const SITE = 'http://www.jiangmen.gov.cn/tzgg/';
const ROW = '<li><a href="/a.html">关于某某事项的通知</a><span>2016-07-15</span></li>';

describe('extract robustness', () => {
  // Quadratic parsing of this input takes about a minute (parse5) or tens of seconds (htmlparser2's Parser
  // plus selectors on a 100k-deep tree). A linear pass costs about the same as on 100k sibling divs.
  it('handles 100k nested divs as fast as 100k sibling divs, and still finds the list', () => {
    const n = 100_000;
    const list = `<ul>${ROW}${ROW.replace('/a.html', '/b.html')}</ul>`;
    const deep = `<html><body>${'<div>'.repeat(n)}${list}${'</div>'.repeat(n)}</body></html>`;
    const flat = `<html><body>${'<div></div>'.repeat(n)}${list}</body></html>`;
    const time = (html: string) =>
      Math.min(
        ...[0, 1].map(() => {
          const started = performance.now();
          extractList(html, { url: SITE });
          return performance.now() - started;
        }),
      );
    expect(time(deep) / time(flat)).toBeLessThan(4);
    expect(extractList(deep, { url: SITE }).items.map((item) => item.date)).toEqual([
      '2016-07-15',
      '2016-07-15',
    ]);
    expect(extractDetail(deep, { url: SITE }).text).toContain('关于某某事项的通知');
  }, 60_000);

  it('flattens nesting beyond the depth limit instead of building a deep tree', () => {
    const doc = parseHtml(`${'<div>'.repeat(MAX_DEPTH * 3)}<a href="x">x</a>`);
    let depth = 0;
    let node = doc.children[0];
    while (node && 'children' in node && node.children.length > 0) {
      depth++;
      node = node.children[0];
    }
    expect(depth).toBeLessThanOrEqual(MAX_DEPTH + 1);
  });

  it('stays linear on thousands of unmatched end tags and unclosed elements', () => {
    const html = `${'</span></font>'.repeat(100_000)}${'<p><b><i>'.repeat(30_000)}${'</div>'.repeat(100_000)}<ul>${ROW}</ul>`;
    const started = performance.now();
    const list = extractList(html, { url: SITE });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(list.items).toHaveLength(1);
  });

  it('handles a big list page with many rows in linear time', () => {
    const page = (rows: number) =>
      `<ul>${Array.from({ length: rows }, (_, i) => ROW.replace('/a.html', `/n/${i}.html`)).join('')}</ul>`;
    // Best of two runs, so a busy machine does not decide the outcome; 4x the rows may take about
    // 4x the time, while a quadratic step would take 16x.
    const time = (html: string) =>
      Math.min(
        ...[0, 1].map(() => {
          const started = performance.now();
          extractList(html, { url: SITE });
          return performance.now() - started;
        }),
      );
    const [small, large] = [page(2_000), page(8_000)];
    time(small);
    const ratio = time(large) / time(small);
    expect(ratio).toBeLessThan(9);
    expect(extractList(large, { url: SITE }).items).toHaveLength(8_000);
  }, 60_000);

  it('gathers top-level nodes under one root, keeping document order', () => {
    const doc = parseHtml('<!-- 2016 --><p>甲<p>乙</html><p>丙');
    expect(doc.children).toHaveLength(1);
    const root = doc.children[0] as unknown as { name: string; children: { type: string }[] };
    expect(root.name).toBe('html');
    expect(root.children.map((node) => node.type)).toEqual(['comment', 'tag', 'tag', 'tag']);
  });

  // cheerio de-duplicates matches pairwise across root nodes: 50 000 bare top-level elements used to
  // take minutes. Gathered under one root, they cost what the same elements inside <body> cost.
  it('handles 40k top-level elements as fast as the same elements inside body', () => {
    const elements = `${'<p>'.repeat(40_000)}<a href="/x.htm">2016年预算公开</a> 2016-07-15`;
    const time = (html: string) =>
      Math.min(
        ...[0, 1, 2].map(() => {
          const started = performance.now();
          extractList(html, { url: SITE });
          return performance.now() - started;
        }),
      );
    const topLevel = time(elements);
    const inBody = time(`<html><body><div>${elements}</div></body></html>`);
    expect(topLevel / inBody).toBeLessThan(4);
    expect(extractList(elements, { url: SITE }).items.map((item) => item.date)).toEqual(['2016-07-15']);
  }, 60_000);

  it('ignores script and style text', () => {
    const html = `<style>li{}</style><script>var s = "<li><a href='/evil.html'>2016-01-01</a></li>";</script><ul>${ROW}</ul>`;
    const list = extractList(html, { url: SITE });
    expect(list.items.map((item) => item.url)).toEqual(['http://www.jiangmen.gov.cn/a.html']);
    expect(extractDetail(html, { url: SITE }).text).not.toContain('var s');
  });

  it('survives malformed markup and returns what it can', () => {
    const html = `<ul><li><a href="/a.html">第一条通知标题<li><a href=/b.html>第二条通知标题</a> 2016-07-02 <li><a href="/c.html">第三条<b>通知</i>标题</a>2016-07-03</ul`;
    const list = extractList(html, { url: SITE });
    expect(list.items.map((item) => item.url)).toEqual([
      'http://www.jiangmen.gov.cn/a.html',
      'http://www.jiangmen.gov.cn/b.html',
      'http://www.jiangmen.gov.cn/c.html',
    ]);
  });

  it('never throws on arbitrary text, and reports an empty list', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (junk) => {
        const list = extractList(junk, { url: SITE });
        const detail = extractDetail(junk, { url: 'not a url' });
        return Array.isArray(list.items) && typeof detail.text === 'string';
      }),
      { numRuns: 300 },
    );
    expect(extractList('\u0000<<<>>><a href="%%%">', { url: SITE }).warnings).toContain(
      'no list items found',
    );
  });

  it('never throws on HTML-shaped junk', () => {
    const pieces = [
      '<div>',
      '</div>',
      '<a href="x.pdf">',
      '</a>',
      '<li>',
      '[07-15]',
      '2016-02-30',
      '<!--',
      '-->',
      '<script>',
      '</script>',
      '<table><tr><td>',
      '&amp;',
      '&#xD800;',
      '下一页',
      '<meta charset="gbk">',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 200 }), (parts) => {
        const html = parts.join('');
        extractList(html, { url: SITE });
        extractDetail(html, { url: SITE });
        decodeHtml(new TextEncoder().encode(html));
        return true;
      }),
      { numRuns: 300 },
    );
  });
});
