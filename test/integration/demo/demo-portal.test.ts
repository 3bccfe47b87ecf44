import { readFile } from 'node:fs/promises';
import iconv from 'iconv-lite';
import robotsParser from 'robots-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SourcesFileSchema } from '../../../src/core/source';
import { buildDemoContent, DemoSiteSchema } from '../../../src/demo/content';
import { type DemoPortal, startDemoPortal } from '../../../src/demo/portal';
import { substitutePlaceholders } from '../../../src/demo/sources';

let portal: DemoPortal;

beforeAll(async () => {
  portal = await startDemoPortal({ date: '2016-07-14' });
});

afterAll(async () => {
  await portal?.stop();
});

function tinyContent() {
  const site = (id: string) =>
    DemoSiteSchema.parse({
      id,
      name: `测试站点${id}`,
      units: [`市${id}局`],
      columns: [{ id: 'news', name: '新闻', kind: 'news', path: '/news/' }],
    });
  return buildDemoContent([site('one'), site('two')]);
}

async function get(site: string, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${portal.origins[site]}${path}`, { headers });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { response, bytes, text: bytes.toString('utf8') };
}

/** Hrefs of links whose text contains `label`. */
function hrefsOf(html: string, label: string): string[] {
  return [...html.matchAll(/<a href="([^"]+)"[^>]*>([^<]*)<\/a>/g)]
    .filter((m) => m[2]!.includes(label))
    .map((m) => m[1]!);
}

describe('demo portal', () => {
  it('serves every site on its own loopback port', () => {
    const origins = Object.values(portal.origins);
    expect(origins.length).toBeGreaterThanOrEqual(20);
    expect(new Set(origins).size).toBe(origins.length);
    for (const origin of origins) expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(portal.substitutions['site:tourism']).toBe(portal.origins.tourism);
  });

  it('shows an item only from the day it is published', async () => {
    const title = '2016年第二季度江门市饮用水安全状况信息公开';
    portal.setDate('2016-07-14');
    const before = await get('environment', '/hjzl/sydsz/index.htm');
    expect(before.response.status).toBe(200);
    expect(before.text).not.toContain(title);

    portal.setDate('2016-07-15');
    const after = await get('environment', '/hjzl/sydsz/index.htm');
    expect(after.text).toContain(title);
    const [href] = hrefsOf(after.text, title);
    expect(href).toMatch(/^\/hjzl\/sydsz\/201607\/t20160715_\d+\.htm$/);
    const detail = await get('environment', href!);
    expect(detail.response.status).toBe(200);
    expect(detail.text).toContain('<meta name="PubDate" content="2016-07-15 ');
    expect(detail.text).toMatch(/时间：2016-07-15 \d{2}:\d{2}/);

    portal.setDate('2016-07-14');
    expect((await get('environment', href!)).response.status).toBe(404);
  });

  it('answers 304 to conditional requests while the page is unchanged, 200 once it changes', async () => {
    portal.setDate('2016-07-15');
    const first = await get('tourism', '/zwgk/tzgg/index.htm');
    const etag = first.response.headers.get('etag');
    const lastModified = first.response.headers.get('last-modified');
    expect(etag).toMatch(/^"[0-9a-f]+"$/);
    expect(new Date(lastModified!).toISOString()).toBe('2016-07-13T16:00:00.000Z'); // 2016-07-14 in Shanghai

    const byTag = await get('tourism', '/zwgk/tzgg/index.htm', { 'If-None-Match': etag! });
    expect(byTag.response.status).toBe(304);
    expect(byTag.bytes.length).toBe(0);
    const byDate = await get('tourism', '/zwgk/tzgg/index.htm', { 'If-Modified-Since': lastModified! });
    expect(byDate.response.status).toBe(304);

    portal.setDate('2016-08-01'); // nothing new in this column since 2016-07-14
    expect((await get('tourism', '/zwgk/tzgg/index.htm', { 'If-None-Match': etag! })).response.status).toBe(
      304,
    );

    portal.setDate('2016-08-19'); // 星级饭店复核结果 appears
    const changed = await get('tourism', '/zwgk/tzgg/index.htm', { 'If-None-Match': etag! });
    expect(changed.response.status).toBe(200);
    expect(changed.response.headers.get('etag')).not.toBe(etag);
  });

  it('encodes a GBK site in GBK and declares it in header and meta', async () => {
    portal.setDate('2016-12-31');
    const { response, bytes } = await get('science', '/zlzf/index.htm');
    expect(response.headers.get('content-type')).toBe('text/html; charset=GBK');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const html = iconv.decode(bytes, 'gbk');
    expect(html).toContain('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">');
    expect(html).toContain('江门市知识产权局专利行政执法案件信息公开（2016年第1号）');
  });

  it('sends GBK bytes under a header that wrongly says utf-8, with a gb2312 meta', async () => {
    portal.setDate('2016-12-31');
    const { response, bytes } = await get('agriculture', '/fpgk/index.htm');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const html = iconv.decode(bytes, 'gbk');
    expect(html).toContain('charset=gb2312');
    expect(html).toContain('江门市相对贫困户认定标准及申报程序公示');
  });

  it('publishes robots rules that forbid a column the demo sources list, with a small crawl delay', async () => {
    const { response, text } = await get('safety', '/robots.txt');
    expect(response.status).toBe(200);
    const robotsUrl = `${portal.origins.safety}/robots.txt`;
    const robots = robotsParser(robotsUrl, text);
    const sources = JSON.parse(
      substitutePlaceholders(
        await readFile('seeds/jiangmen-2016/demo/sources.json', 'utf8'),
        portal.substitutions,
      ),
    );
    const safety = sources.sources.find((s: { id: string }) => s.id === 'safety');
    const forbidden = safety.columns.filter(
      (c: { url: string }) => !robots.isAllowed(c.url, 'GongkaiMonitor'),
    );
    expect(forbidden.map((c: { id: string }) => c.id)).toEqual(['sgdc']);
    expect(robots.getCrawlDelay('GongkaiMonitor')).toBe(0.1);
    expect((await get('tourism', '/robots.txt')).response.status).toBe(404);
  });

  it('keeps the down site answering 503 on every path, robots.txt included', async () => {
    for (const path of ['/', '/robots.txt', '/xxgk/index.htm']) {
      expect((await get('sasac', path)).response.status).toBe(503);
    }
  });

  it('refuses connections for a site configured as refused', async () => {
    const content = buildDemoContent([
      DemoSiteSchema.parse({
        id: 'gone',
        name: '测试站点',
        units: ['市测试局'],
        down: 'refused',
        columns: [{ id: 'news', name: '新闻', kind: 'news', path: '/news/' }],
      }),
    ]);
    const refused = await startDemoPortal({ content, date: '2016-01-04' });
    try {
      const error = await fetch(`${refused.origins.gone}/`).then(
        () => undefined,
        (e: Error) => e,
      );
      expect((error?.cause as { code?: string } | undefined)?.code).toBe('ECONNREFUSED');
    } finally {
      await refused.stop();
    }
  });

  it('listens on consecutive fixed ports from basePort, so URLs stay stable across runs', async () => {
    const probe = await startDemoPortal({ content: tinyContent(), date: '2016-01-04' });
    const base = Number(new URL(probe.origins.one!).port);
    await probe.stop();
    const fixed = await startDemoPortal({ content: tinyContent(), date: '2016-01-04', basePort: base });
    try {
      expect(fixed.origins).toEqual({ one: `http://127.0.0.1:${base}`, two: `http://127.0.0.1:${base + 1}` });
      expect((await fetch(`${fixed.origins.two}/news/index.htm`)).status).toBe(200);
    } finally {
      await fixed.stop();
    }
  });

  it('paginates with 下一页 links and with createPageHTML pages', async () => {
    portal.setDate('2016-12-31');
    const food = await get('food-drug', '/xxgk/spcj/index.htm');
    const [next] = hrefsOf(food.text, '下一页');
    expect(next).toBe('/xxgk/spcj/index.htm?page=2');
    const page2 = await get('food-drug', next!);
    expect(page2.response.status).toBe(200);
    const titles = (html: string) => new Set(hrefsOf(html, '抽检信息公告'));
    const first = titles(food.text);
    const second = titles(page2.text);
    expect(first.size).toBe(20);
    expect(second.size).toBeGreaterThan(0);
    expect([...second].some((href) => first.has(href))).toBe(false);

    portal.setDate('2017-01-31');
    const tourism = await get('tourism', '/zwgk/tzgg/index.htm');
    expect(tourism.text).toContain('createPageHTML(2, 0, "index", "htm");');
    const second2 = await get('tourism', '/zwgk/tzgg/index_1.htm');
    expect(second2.response.status).toBe(200);
    expect(second2.text).toContain('createPageHTML(2, 1, "index", "htm");');
    expect((await get('tourism', '/zwgk/tzgg/index_2.htm')).response.status).toBe(404);
  });

  it('renders a JavaScript list with the same links in a <noscript> fallback', async () => {
    portal.setDate('2016-03-01');
    const { text } = await get('environment', '/hjzl/kqzl/index.htm');
    const data = JSON.parse(/var listData = (\[.*?\]);/.exec(text)![1]!) as { url: string }[];
    const noscript = /<noscript>([\s\S]*?)<\/noscript>/.exec(text)![1]!;
    expect(data.length).toBeGreaterThan(5);
    for (const { url } of data) expect(noscript).toContain(`href="${url}"`);
  });

  it('links evidence that exists only as attachments: a PDF from a notice, an .xls straight from a list', async () => {
    portal.setDate('2016-12-31');
    const budget = await get('finance', '/zwgk/yjsgk/index.htm');
    const [notice] = hrefsOf(budget.text, '江门市2016年市级部门预算公开');
    const detail = await get('finance', notice!);
    const [pdf] = hrefsOf(detail.text, '预算表.pdf');
    const file = await get('finance', pdf!);
    expect(file.response.headers.get('content-type')).toBe('application/pdf');
    expect(file.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const data = await get('tourism', '/zwgk/tjxx/index.htm');
    const [xls] = hrefsOf(data.text, '2016年第一季度江门市旅行社统计季报');
    expect(xls).toMatch(/\.xls$/);
    expect((await get('tourism', xls!)).response.headers.get('content-type')).toBe(
      'application/vnd.ms-excel',
    );
  });

  it('shows a backdated item only weeks after the date it claims, under a URL with its real date', async () => {
    const title = '2016年第三季度江门市药品质量抽检结果公告';
    portal.setDate('2016-11-20');
    expect((await get('food-drug', '/xxgk/ypcj/index.htm')).text).not.toContain(title);
    portal.setDate('2016-11-21');
    const { text } = await get('food-drug', '/xxgk/ypcj/index.htm');
    const row = text.split('\n').find((line) => line.includes(title))!;
    expect(row).toContain('2016-10-20');
    expect(row).toMatch(/\/xxgk\/ypcj\/201611\/t20161121_\d+\.htm/);
  });

  it('drops a continuous item from its column for the lapse and restores it afterwards', async () => {
    const seen: Record<string, boolean> = {};
    for (const day of ['2016-05-30', '2016-06-06', '2016-06-20', '2016-06-27']) {
      portal.setDate(day);
      seen[day] = hrefsOf((await get('gov', '/hdjl/index.htm')).text, '市长信箱').length > 0;
    }
    expect(seen).toEqual({
      '2016-05-30': true,
      '2016-06-06': false,
      '2016-06-20': false,
      '2016-06-27': true,
    });
  });

  it('serves every column the demo sources list, once placeholders are filled', async () => {
    portal.setDate('2017-01-31');
    const text = substitutePlaceholders(
      await readFile('seeds/jiangmen-2016/demo/sources.json', 'utf8'),
      portal.substitutions,
    );
    const sources = SourcesFileSchema.parse(JSON.parse(text));
    const statuses = new Map<string, number>();
    for (const source of sources.sources) {
      for (const column of source.columns) {
        statuses.set(`${source.id}/${column.id}`, (await fetch(column.url)).status);
      }
    }
    const failing = [...statuses]
      .filter(([, status]) => status !== 200)
      .map(([id, status]) => `${id} ${status}`);
    expect(failing).toEqual(['sasac/xxgk 503']);
  });

  it('counts the requests it answers', async () => {
    const before = portal.requests();
    await get('gov', '/');
    await get('gov', '/nothing-here.htm');
    expect(portal.requests()).toBe(before + 2);
  });
});
