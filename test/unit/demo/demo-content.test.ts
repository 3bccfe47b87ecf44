import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { WorkingDayCalendar } from '../../../src/core/calendar';
import { weekOfYear } from '../../../src/core/dates';
import { periodsFor } from '../../../src/core/periods';
import { DEFAULT_POLICY } from '../../../src/core/policy';
import { SourcesFileSchema } from '../../../src/core/source';
import { formatIssues } from '../../../src/core/validation';
import {
  buildDemoContent,
  DemoSiteSchema,
  expandSeries,
  isVisible,
  loadDemoContent,
  routineItems,
} from '../../../src/demo/content';
import { loadDemoLedger } from '../../../src/demo/ledger';
import { DEMO_LAST_SWEEP } from '../../../src/demo/run';
import { DEMO_COLUMN_MAX_PAGES, renderDemoSources, substitutePlaceholders } from '../../../src/demo/sources';

/** Routine items of the whole demo: 25 sites × 1 a week × 61 weeks, plus monthly notices. */
const ROUTINE_ITEMS_AT_MOST = 1_800;

describe('demo content', () => {
  it('validates and stays small enough for a fast demo year', async () => {
    const content = await loadDemoContent();
    const items = [...content.entries.values()].reduce((sum, list) => sum + list.length, 0);
    const routine = content.sites.flatMap((s) => s.columns.flatMap((c) => routineItems(s, c))).length;
    expect(content.sites.length).toBeGreaterThanOrEqual(20);
    expect(content.sites.length).toBeLessThanOrEqual(40);
    // Staged items (evidence, scenarios, the inspection sites' weekly news) stay few; routine news
    // and notices keep the other sites' home pages fresh at a few items a week.
    expect(items - routine).toBeLessThanOrEqual(800);
    expect(routine).toBeLessThanOrEqual(ROUTINE_ITEMS_AT_MOST);
  });

  it('keeps every column list within the list pages the monitor reads, so no item drops out of sight', async () => {
    const content = await loadDemoContent();
    const tooLong = content.sites.flatMap((site) =>
      site.columns.flatMap((column) => {
        const listed = (content.entries.get(site.id) ?? []).filter(
          (e) => e.columnId === column.id && isVisible(e, DEMO_LAST_SWEEP),
        ).length;
        const pages = Math.ceil(listed / column.pageSize);
        return pages > DEMO_COLUMN_MAX_PAGES ? [`${site.id}/${column.id}: ${pages} pages`] : [];
      }),
    );
    expect(tooLong).toEqual([]);
  });

  it('has the site kinds the scenarios need: GBK (one with a lying header), robots, down, JS list', async () => {
    const { sites } = await loadDemoContent();
    const gbk = sites.filter((s) => s.charset === 'gbk');
    expect(gbk.length).toBeGreaterThanOrEqual(2);
    expect(gbk.some((s) => s.headerCharset === 'utf-8' && s.metaCharset === 'gb2312')).toBe(true);
    expect(sites.filter((s) => s.down).map((s) => s.id)).toEqual(['sasac']);
    expect(sites.some((s) => (s.robots?.disallow.length ?? 0) > 0)).toBe(true);
    expect(sites.some((s) => s.columns.some((c) => c.layout === 'script'))).toBe(true);
  });

  it('reports the JSON path of a wrong site definition', () => {
    const result = DemoSiteSchema.safeParse({
      id: 'x',
      name: '测试',
      units: ['市测试局'],
      columns: [
        {
          id: 'news',
          name: '新闻',
          kind: 'news',
          path: '/news/',
          items: [{ title: '只有附件', published: '2016-02-30', linkTo: 'attachment' }],
        },
      ],
    });
    expect(result.success).toBe(false);
    const lines = formatIssues(result.error!);
    expect(lines).toContain('columns[0].items[0].published: this date does not exist');
    expect(lines.some((line) => line.startsWith('columns[0].items[0].attachments:'))).toBe(true);
  });

  it('refuses two items that would share a URL', () => {
    const item = { title: '同一条', published: '2016-03-01' };
    const site = DemoSiteSchema.parse({
      id: 'x',
      name: '测试',
      units: ['市测试局'],
      columns: [{ id: 'news', name: '新闻', kind: 'news', path: '/news/', items: [item, item] }],
    });
    expect(() => buildDemoContent([site])).toThrow(/share the URL/);
  });

  it('expands a weekly series with skipped and late weeks, keyed like the weekly periods', () => {
    const items = expandSeries({
      per: 'week',
      from: '2016-01-04',
      to: '2016-02-01',
      every: 1,
      title: '食品抽检（{year}年第{week}周）',
      publishAfter: 2,
      skip: ['2016-W03'],
      late: { '2016-W04': '2016-02-10' },
      attachments: [],
      linkTo: 'detail',
      evidence: 'jm2016-063-food',
    });
    expect(items.map((i) => [i.title, i.published, i.evidences[0]?.period])).toEqual([
      ['食品抽检（2016年第2周）', '2016-01-12', '2016-W02'],
      ['食品抽检（2016年第4周）', '2016-02-10', '2016-W04'],
      ['食品抽检（2016年第5周）', '2016-02-02', '2016-W05'],
      ['食品抽检（2016年第6周）', '2016-02-09', '2016-W06'],
    ]);
  });

  it('numbers weeks exactly as periodsFor keys weekly periods', () => {
    const periods = periodsFor(
      { id: 'w', schedule: { kind: 'weekly' } },
      { year: 2016, policy: DEFAULT_POLICY, calendar: WorkingDayCalendar.chinese() },
    );
    for (const period of periods) {
      expect(`2016-W${String(weekOfYear(period.end)).padStart(2, '0')}`).toBe(period.key);
    }
  });

  it('treats an item as visible from its publication day and not during a gone span', () => {
    const entry = { published: '2016-03-01', gone: [{ from: '2016-06-06', to: '2016-06-27' }] };
    expect(isVisible(entry, '2016-02-29')).toBe(false);
    expect(isVisible(entry, '2016-03-01')).toBe(true);
    expect(isVisible(entry, '2016-06-06')).toBe(false);
    expect(isVisible(entry, '2016-06-26')).toBe(false);
    expect(isVisible(entry, '2016-06-27')).toBe(true);
  });

  it('keeps sources.json equal to what the content renders, and valid once origins are filled', async () => {
    const content = await loadDemoContent();
    const committed = await readFile('seeds/jiangmen-2016/demo/sources.json', 'utf8');
    expect(committed).toBe(renderDemoSources(content));
    const origins = Object.fromEntries(
      content.sites.map((s, i) => [`site:${s.id}`, `http://127.0.0.1:${40000 + i}`]),
    );
    const sources = SourcesFileSchema.parse(JSON.parse(substitutePlaceholders(committed, origins)));
    expect(sources.sources.every((s) => s.allowPrivateNetwork)).toBe(true);
    expect(sources.sources.map((s) => s.id).sort()).toEqual(content.sites.map((s) => s.id).sort());
  });

  it('keeps the example sources for the real Jiangmen sites valid', async () => {
    const text = await readFile('seeds/jiangmen-2016/sources.example.json', 'utf8');
    const sources = SourcesFileSchema.parse(JSON.parse(text));
    expect(sources.sources.length).toBeGreaterThan(5);
    expect(sources.sources.every((s) => !s.allowPrivateNetwork)).toBe(true);
  });

  it('has a valid ledger with a waiver, an event and manual evidence', async () => {
    const ledger = await loadDemoLedger();
    expect(ledger.waivers.length).toBeGreaterThan(0);
    expect(ledger.events.length).toBeGreaterThan(0);
    expect(ledger.manualEvidence.length).toBeGreaterThan(0);
  });
});
