/**
 * Hostile HTML: every page here is something a government site has served or could serve. The
 * extractor must never throw, must not take unbounded time, and must say what it could not read.
 * Cases marked `gap` describe the behaviour the monitor should have and does not yet (see
 * known-gap.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import {
  type DetailExtraction,
  DetailExtractionSchema,
  decodeHtml,
  extractDetail,
  extractList,
  type ListExtraction,
  ListExtractionSchema,
} from '../../../src/crawl/extract';
import {
  deeplyNestedHtml,
  gbkBytes,
  hugeListHtml,
  pdfBytes,
  utf8Bytes,
} from '../../fixtures/hostile/generate';
import { caseTest, caseTitle } from './known-gap';

const FIXTURES = 'test/fixtures/hostile/html';
const LIST_URL = 'http://www.jiangmen.gov.cn/czj/tzgg/';
const TODAY = '2016-08-01';

const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

interface ListCase {
  id: string;
  what: string;
  html: () => string;
  /** Wall-clock bound for the extraction, ms. */
  withinMs?: number;
  check: (result: ListExtraction) => void;
  /** Why the case fails today: the behaviour checked is the one the monitor should have. */
  gap?: string;
}

const C0_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

const LIST_CASES: ListCase[] = [
  {
    id: 'H01',
    what: 'unclosed li, a and div tags still yield every dated item',
    html: () => fixture('unclosed-tags.html'),
    check: (r) => {
      expect(r.items.map((i) => [i.title, i.date])).toEqual([
        ['2016年上半年预算执行情况', '2016-07-15'],
        ['关于公开2016年部门预算的通知', '2016-06-20'],
        ['2015年决算公开', '2016-05-10'],
      ]);
    },
  },
  {
    id: 'H02',
    what: 'broken attributes: javascript: and unparseable hrefs are dropped, the rest are absolute http URLs',
    html: () => fixture('broken-attributes.html'),
    check: (r) => {
      expect(r.items.length).toBeGreaterThan(0);
      for (const item of r.items) expect(item.url).toMatch(/^http:\/\/www\.jiangmen\.gov\.cn\//);
      expect(r.items.map((i) => i.title)).toContain('部门预算说明');
      expect(r.items.some((i) => i.title === '坏地址' || i.url.startsWith('javascript:'))).toBe(false);
    },
  },
  {
    id: 'H03',
    what: 'a page that is only a script yields no items and says so',
    html: () => fixture('script-only.html'),
    check: (r) => {
      expect(r.items).toEqual([]);
      expect(r.warnings).toContain('no list items found');
    },
  },
  {
    id: 'H04',
    what: 'impossible dates (2016-02-30, 2016-13-01, 2016-04-31, 2015-02-29) become null with a reason naming each',
    html: () => fixture('impossible-dates.html'),
    check: (r) => {
      expect(r.items).toHaveLength(4);
      for (const item of r.items) expect(item).toMatchObject({ date: null, dateOrigin: 'none' });
      expect(r.items.map((i) => i.dateText)).toEqual([
        '2016-02-30',
        '2016-13-01',
        '2016-04-31',
        '2015年2月29日',
      ]);
      for (const shown of ['2016-02-30', '2016-13-01', '2016-04-31', '2015-02-29']) {
        expect(r.warnings.join('\n')).toContain(`${shown} does not exist`);
      }
    },
  },
  {
    id: 'H05',
    what: 'dates far in the future (2099, 2037) are flagged, not taken as publication dates',
    html: () => fixture('future-dates.html'),
    check: (r) => {
      const future = r.items.filter((i) => i.dateText === '2099-07-15' || i.dateText === '2037-01-19');
      expect(future).toHaveLength(2);
      for (const item of future) expect(item.date).toBeNull();
      expect(r.warnings.join('\n')).toMatch(/2099-07-15.*(future|after)/);
    },
  },
  {
    id: 'H06',
    what: 'a title written as escaped <script> text is kept verbatim as text (escaping is the renderer’s job)',
    html: () => fixture('script-title.html'),
    check: (r) => {
      expect(r.items[0]?.title).toBe('<script>alert("x")</script>2016年预算公开');
      expect(r.items[1]?.title).toBe('=HYPERLINK("http://evil.example/","点击")');
    },
  },
  {
    id: 'H07',
    what: 'a real <script> element inside a link does not leak its code into the title',
    html: () => fixture('script-title.html'),
    check: (r) => {
      expect(r.items[2]?.title).toBe('部门预算说明');
    },
  },
  {
    id: 'H08',
    what: 'NUL bytes in a page do not end up in titles',
    html: () =>
      '<ul><li><a href="/a.htm">2016年\u0000预算\u0000公开</a><span>2016-07-15</span></li><li><a href="/b.htm">部门预算</a><span>2016-07-16</span></li></ul>',
    check: (r) => {
      expect(r.items.map((i) => i.date)).toEqual(['2016-07-15', '2016-07-16']);
      for (const item of r.items) expect(item.title).not.toMatch(C0_CONTROLS);
    },
  },
  {
    id: 'H09',
    what: 'a generated 2 MB list of 9 000 rows is read whole, in bounded time',
    html: () => hugeListHtml(9_000),
    withinMs: 15_000,
    check: (r) => {
      expect(r.items).toHaveLength(9_000);
      expect(r.items[8_999]?.date).toMatch(/^2016-07-\d\d$/);
    },
  },
  {
    id: 'H10',
    what: 'elements nested 100 000 deep, never closed, are parsed in bounded time and the link is found',
    html: () => deeplyNestedHtml(100_000),
    withinMs: 10_000,
    check: (r) => {
      expect(r.items.map((i) => [i.url, i.date])).toEqual([
        ['http://www.jiangmen.gov.cn/czj/deep.htm', '2016-07-15'],
      ]);
    },
  },
  {
    id: 'H11',
    what: '30 000 unclosed tables: parsed in bounded time',
    html: () => `${'<table><tr><td>'.repeat(30_000)}<a href="/x.htm">2016年预算公开</a> 2016-07-15`,
    withinMs: 10_000,
    check: (r) => {
      expect(r.items.map((i) => i.title)).toEqual(['2016年预算公开']);
    },
  },
  {
    id: 'H12',
    what: 'an empty document and a document of only markup noise yield nothing and say so',
    html: () => '<<<>>><!-- <a href="/x.htm"> --><![CDATA[<a href="/y.htm">]]></>',
    check: (r) => {
      expect(r.items).toEqual([]);
      expect(r.warnings).toContain('no list items found');
    },
  },
  {
    id: 'H24',
    what: 'links carrying user:pass@ are kept without the credentials',
    html: () =>
      '<ul><li><a href="http://admin:s3cret@www.jiangmen.gov.cn/czj/a.htm">2016年预算公开</a> 2016-07-15</li>' +
      '<li><a href="//reader@www.jiangmen.gov.cn/czj/b.htm">2016年决算公开</a> 2016-07-16</li></ul>',
    check: (r) => {
      expect(r.items.map((i) => i.url)).toEqual([
        'http://www.jiangmen.gov.cn/czj/a.htm',
        'http://www.jiangmen.gov.cn/czj/b.htm',
      ]);
      expect(JSON.stringify(r)).not.toMatch(/s3cret|admin|reader/);
    },
  },
];

describe('hostile HTML: list pages', () => {
  for (const c of LIST_CASES) {
    caseTest(c.gap)(caseTitle(c.id, c.what, c.gap), () => {
      const html = c.html();
      const started = performance.now();
      const result = extractList(html, { url: LIST_URL, now: TODAY });
      const elapsed = performance.now() - started;
      expect(ListExtractionSchema.safeParse(result).success).toBe(true);
      if (c.withinMs) expect(elapsed).toBeLessThan(c.withinMs);
      c.check(result);
    });
  }
});

describe('hostile HTML: a list page with far more links than the crawler reads (H25)', () => {
  // 100,000 rows with a pager at the end: as the crawler reads it, with maxLinksPerPage 2000.
  const html = hugeListHtml(100_000).replace(
    '</ul></body>',
    '</ul><div class="page"><a href="?page=2">下一页</a></div></body>',
  );

  caseTest(undefined)(
    caseTitle(
      'H25',
      'is parsed only up to a bound set by maxItems, found by a scan of the text; the pager is still read',
    ),
    () => {
      const result = extractList(html, { url: LIST_URL, now: TODAY, maxItems: 2000 });
      expect(ListExtractionSchema.safeParse(result).success).toBe(true);
      expect(result.items).toHaveLength(2000);
      expect(result.items[0]?.title).toMatch(/第0号通知/);
      expect(result.items[1999]?.title).toMatch(/第1999号通知/);
      // What is parsed (and held as a DOM) is set by the cap: 4,500 links of 100,001, not the page.
      expect(result.cut).toEqual({ links: 100_001, parsedLinks: 4500, parsedChars: expect.any(Number) });
      expect(result.cut!.parsedChars).toBeLessThan(html.length / 20);
      expect(result.next).toEqual([`${LIST_URL}?page=2`]);
    },
  );

  caseTest(undefined)(
    caseTitle('H25b', 'a page within the bound is parsed whole, with nothing marked cut'),
    () => {
      const result = extractList(hugeListHtml(3000), { url: LIST_URL, now: TODAY, maxItems: 2000 });
      expect(result.cut).toBeUndefined();
      expect(result.items).toHaveLength(3000);
    },
  );
});

interface DetailCase {
  id: string;
  what: string;
  html: () => string;
  url?: string;
  check: (result: DetailExtraction) => void;
  gap?: string;
}

const DETAIL_CASES: DetailCase[] = [
  {
    id: 'H13',
    what: 'a detail page whose shown date does not exist keeps the text and says why the date is null',
    html: () =>
      '<html><head><title>预算公开</title></head><body><h1>2016年预算公开</h1><div class="info">发布日期：2016-02-30</div></body></html>',
    check: (r) => {
      expect(r).toMatchObject({
        title: '2016年预算公开',
        date: null,
        dateText: '2016-02-30',
        dateOrigin: 'none',
      });
      expect(r.warnings.join('\n')).toContain('2016-02-30 does not exist');
    },
  },
  {
    id: 'H14',
    what: 'a <script> inside the heading does not leak into the detail title',
    html: () =>
      '<html><head><title>通知</title></head><body><h1>关于<script>alert(1)</script>预算</h1><p>发布日期：2016-07-15</p></body></html>',
    check: (r) => {
      expect(r.date).toBe('2016-07-15');
      expect(r.title).toBe('关于预算');
    },
  },
  {
    id: 'H15',
    what: 'a page with no title at all says so',
    html: () => '<html><body><p>发布日期：2016-07-15</p></body></html>',
    check: (r) => {
      expect(r.title).toBe('');
      expect(r.warnings).toContain('no title found');
    },
  },
];

describe('hostile HTML: detail pages', () => {
  for (const c of DETAIL_CASES) {
    caseTest(c.gap)(caseTitle(c.id, c.what, c.gap), () => {
      const result = extractDetail(c.html(), { url: c.url ?? 'http://www.jiangmen.gov.cn/czj/a.htm' });
      expect(DetailExtractionSchema.safeParse(result).success).toBe(true);
      c.check(result);
    });
  }
});

const LIST_PAGE =
  '<html><head><meta charset="utf-8"><title>通知公告</title></head><body><ul><li><a href="/a.htm">2016年预算公开</a><span>2016-07-15</span></li></ul></body></html>';

interface EncodingCase {
  id: string;
  what: string;
  bytes: () => Uint8Array;
  header?: string;
  hint?: string;
  check: (decoded: ReturnType<typeof decodeHtml>) => void;
  gap?: string;
}

const ENCODING_CASES: EncodingCase[] = [
  {
    id: 'H16',
    what: 'GBK bytes labelled UTF-8 (header and meta) are read as GBK and the false label is recorded',
    bytes: () => gbkBytes(LIST_PAGE),
    header: 'text/html; charset=utf-8',
    check: (d) => {
      expect(d.encoding).toBe('gb18030');
      expect(d.text).toContain('2016年预算公开');
      expect(d.conflicts.join('\n')).toContain('not valid utf-8');
    },
  },
  {
    id: 'H17',
    what: 'UTF-8 bytes labelled GBK in the header are read as UTF-8 and the false label is recorded',
    bytes: () => utf8Bytes(LIST_PAGE.replace('utf-8', 'gbk')),
    header: 'text/html; charset=gbk',
    check: (d) => {
      expect(d.text).toContain('2016年预算公开');
      expect(d.encoding).toBe('utf-8');
      expect(d.conflicts.join('\n')).toMatch(/gbk/i);
    },
  },
  {
    id: 'H18',
    what: 'a page mixing UTF-8 and GBK bytes decodes without throwing and records that the bytes fit no label',
    bytes: () => {
      const [before, after] = fixture('mixed-encoding.source.html').split('GBK_HALF') as [string, string];
      return new Uint8Array(
        Buffer.concat([
          Buffer.from(utf8Bytes(before)),
          Buffer.from(gbkBytes('部门预算说明')),
          Buffer.from(utf8Bytes(after)),
        ]),
      );
    },
    header: 'text/html; charset=utf-8',
    check: (d) => {
      expect(d.text).toContain('2016-07-15');
      expect(d.conflicts.join('\n')).toContain('not valid utf-8');
    },
  },
  {
    id: 'H19',
    what: 'an unknown charset label is ignored with a note, and the bytes decide',
    bytes: () => utf8Bytes(LIST_PAGE),
    header: 'text/html; charset=x-klingon',
    check: (d) => {
      expect(d.encoding).toBe('utf-8');
      expect(d.conflicts).toContain('header declares unknown charset "x-klingon"; ignored');
    },
  },
  {
    id: 'H20',
    what: 'a PDF served as text/html decodes without throwing, and extraction finds no list in it',
    bytes: () => pdfBytes(),
    header: 'text/html; charset=utf-8',
    check: (d) => {
      const list = extractList(d.text, { url: LIST_URL });
      expect(list.items).toEqual([]);
      expect(list.warnings).toContain('no list items found');
    },
  },
  {
    id: 'H21',
    what: 'a PDF served as text/html is recognised as not HTML when read as a detail page',
    bytes: () => pdfBytes(),
    header: 'text/html; charset=utf-8',
    check: (d) => {
      const detail = extractDetail(d.text, { url: 'http://www.jiangmen.gov.cn/czj/t20160715_1.htm' });
      expect(detail.warnings.join('\n')).toMatch(/PDF|not HTML/i);
      expect(detail.text).not.toMatch(C0_CONTROLS);
    },
  },
];

describe('hostile HTML: encodings and bytes', () => {
  for (const c of ENCODING_CASES) {
    caseTest(c.gap)(caseTitle(c.id, c.what, c.gap), () => {
      const decoded = decodeHtml(c.bytes(), {
        contentTypeHeader: c.header ?? null,
        charsetHint: c.hint ?? null,
      });
      c.check(decoded);
    });
  }
});
