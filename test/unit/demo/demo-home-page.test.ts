import { describe, expect, it } from 'vitest';
import { extractList } from '../../../src/crawl/extract';
import { buildDemoContent, DemoSiteSchema, outageOn } from '../../../src/demo/content';
import { renderPath } from '../../../src/demo/render';

const site = DemoSiteSchema.parse({
  id: 'x',
  name: '江门市某局',
  units: ['市某局'],
  home: { pinned: ['专题：简政放权', '局长信箱'], frozenFrom: '2016-07-01' },
  outages: [{ from: '2016-09-05', to: '2016-09-12', status: 500 }],
  columns: [
    {
      id: 'news',
      name: '工作动态',
      kind: 'news',
      path: '/news/',
      series: [
        {
          per: 'day',
          from: '2016-01-04',
          to: '2016-12-26',
          every: 7,
          publishAfter: 0,
          title: '动态（{cnDate}）',
        },
      ],
    },
  ],
});
const content = buildDemoContent([site]);

function homeItems(date: string) {
  const page = renderPath(content, site, '/', new URLSearchParams(), date);
  return extractList(Buffer.from(page.body).toString('utf8'), { url: 'http://127.0.0.1:1/', now: date })
    .items;
}

describe('demo home pages', () => {
  it('list the newest items with their dates, after undated pinned links', () => {
    const items = homeItems('2016-03-09');
    expect(items.map((i) => i.date)).toEqual([
      null,
      null,
      '2016-03-07',
      '2016-02-29',
      '2016-02-22',
      '2016-02-15',
      '2016-02-08',
      '2016-02-01',
      '2016-01-25',
      '2016-01-18',
    ]);
    // Titles are read as NFKC (docs/matching.md, "Visible titles"): the full-width colon reads as ':'.
    expect(items[0]?.title).toBe('专题:简政放权');
  });

  it('stop changing once frozen, while the columns keep updating', () => {
    expect(homeItems('2016-08-01')).toEqual(homeItems('2016-06-30'));
    expect(homeItems('2016-08-01').find((i) => i.date)?.date).toBe('2016-06-27');
    const list = renderPath(content, site, '/news/', new URLSearchParams(), '2016-08-01');
    expect(Buffer.from(list.body).toString('utf8')).toContain('2016-08-01');
  });

  it('know the outage a site is in, up to the day it answers again', () => {
    expect(outageOn(site, '2016-09-04')).toBeUndefined();
    expect(outageOn(site, '2016-09-05')?.status).toBe(500);
    expect(outageOn(site, '2016-09-11')?.status).toBe(500);
    expect(outageOn(site, '2016-09-12')).toBeUndefined();
  });

  it('refuse an outage that ends before it starts, naming the path', () => {
    const result = DemoSiteSchema.safeParse({ ...site, outages: [{ from: '2016-09-05', to: '2016-09-05' }] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['outages', 0, 'to']);
  });
});
