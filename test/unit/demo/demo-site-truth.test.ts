import { describe, expect, it } from 'vitest';
import { WorkingDayCalendar } from '../../../src/core/calendar';
import { type Catalogue, CatalogueSchema } from '../../../src/core/obligation';
import { DEFAULT_POLICY } from '../../../src/core/policy';
import { buildDemoContent, type DemoContent, DemoSiteSchema } from '../../../src/demo/content';
import { demoForecastTruth, demoGroundTruth } from '../../../src/demo/ground-truth';
import { DemoLedgerSchema } from '../../../src/demo/ledger';
import { demoSweepSight } from '../../../src/demo/site-truth';
import { siteRuleEntry } from '../site-rules/builders';

const calendar = WorkingDayCalendar.chinese();
const ledger = DemoLedgerSchema.parse({ events: [], waivers: [], manualEvidence: [] });

const catalogue: Catalogue = CatalogueSchema.parse({
  plan: { issuer: '江门市', year: 2016 },
  obligations: [
    siteRuleEntry('home', {
      measure: 'stale-columns',
      groups: [{ columnKinds: ['home'], maxAge: { days: 14 } }],
      veto: true,
    }),
    siteRuleEntry('stale', {
      measure: 'stale-columns',
      groups: [
        { columnKinds: ['news'], maxAge: { days: 14 } },
        { columnKinds: ['notice'], maxAge: { months: 6 } },
      ],
      atLeast: 2,
      veto: true,
    }),
    siteRuleEntry('blank', { measure: 'blank-columns', atLeast: 2, veto: true }),
    siteRuleEntry('up', { measure: 'availability', veto: true }),
  ],
});

const weeklyNews = (to: string) => ({
  id: 'news',
  name: '动态',
  kind: 'news',
  path: '/news/',
  series: [{ per: 'day', from: '2016-01-04', to, every: 7, publishAfter: 0, title: '工作动态（{cnDate}）' }],
});

/** One site: weekly news until `newsTo`, a notice column, two columns that empty on 2016-05-03. */
function site(id: string, extra: Record<string, unknown> = {}, newsTo = '2017-01-30') {
  return DemoSiteSchema.parse({
    id,
    name: `${id}网站`,
    units: [`市${id}局`],
    columns: [
      weeklyNews(newsTo),
      {
        id: 'notice',
        name: '通知公告',
        kind: 'notice',
        path: '/notice/',
        items: [{ title: '通知', published: '2015-12-20' }],
      },
      ...['a', 'b'].map((c) => ({
        id: `old-${c}`,
        name: `栏目${c}`,
        kind: 'other',
        path: `/old-${c}/`,
        items: [{ title: `旧内容${c}`, published: '2015-09-01', gone: [{ from: '2016-05-03', to: null }] }],
      })),
    ],
    ...extra,
  });
}

function truthOf(content: DemoContent, asOf: string) {
  const input = { catalogue, content, ledger, asOf, calendar, policy: DEFAULT_POLICY };
  return { verdicts: demoGroundTruth(input), forecasts: demoForecastTruth(input) };
}

/** `MM:kind` for each month of one obligation. */
function months(verdicts: Map<string, string>, id: string): Record<string, string> {
  return Object.fromEntries(
    [...verdicts].filter(([key]) => key.startsWith(`${id}|`)).map(([key, kind]) => [key.slice(-2), kind]),
  );
}

describe('demo ground truth of site rules', () => {
  it('reads the home page newest date, ignoring pinned undated links and a frozen home page', () => {
    const content = buildDemoContent([site('x', { home: { pinned: ['专题'], frozenFrom: '2016-07-01' } })]);
    const s = content.sites[0]!;
    expect(demoSweepSight(content, s, '2016-06-27').pages.get(null)).toMatchObject({
      itemCount: 8 + 1,
      newest: '2016-06-27',
    });
    // Frozen: the home page keeps showing what it showed on 2016-06-30; the column moves on.
    expect(demoSweepSight(content, s, '2016-08-01').pages.get(null)?.newest).toBe('2016-06-27');
    expect(demoSweepSight(content, s, '2016-08-01').pages.get('news')?.newest).toBe('2016-08-01');
  });

  it('trips the home veto the first day the home page is more than 14 days old, judged at month end too', () => {
    const content = buildDemoContent([site('x', { home: { frozenFrom: '2016-07-01' } })]);
    const { verdicts } = truthOf(content, '2017-01-31');
    // Newest on the frozen home page: 2016-06-27; fresh through 07-11, stale at the 07-18 sweep.
    expect(months(verdicts, 'home--x')).toMatchObject({ '06': 'met', '07': 'missing', '12': 'missing' });
    const news = buildDemoContent([site('y', {}, '2016-06-13')]);
    // Last news 06-13: stale from 06-28, which no sweep falls on before 07-04 but June's last day sees.
    expect(months(truthOf(news, '2017-01-31').verdicts, 'home--y')).toMatchObject({
      '05': 'met',
      '06': 'missing',
    });
  });

  it('counts columns of both groups together and forecasts the day the threshold is reached', () => {
    // News stops 2016-03-07 (stale from 03-22); the notice of 2015-12-20 is stale from 2016-06-21.
    const content = buildDemoContent([site('x', {}, '2016-03-07')]);
    const { verdicts } = truthOf(content, '2017-01-31');
    expect(months(verdicts, 'stale--x')).toMatchObject({ '05': 'met', '06': 'missing' });
    const midJune = truthOf(content, '2016-06-13');
    expect(months(midJune.verdicts, 'stale--x')['06']).toBe('due-soon');
    expect(midJune.forecasts[0]?.next).toEqual({ template: 'stale', on: '2016-06-21' });
  });

  it('trips the blank veto from the first sweep that finds the columns empty', () => {
    const content = buildDemoContent([site('x')]);
    const { verdicts, forecasts } = truthOf(content, '2017-01-31');
    expect(months(verdicts, 'blank--x')).toMatchObject({ '04': 'met', '05': 'missing', '12': 'missing' });
    expect(forecasts[0]?.tripped).toEqual(['blank']);
  });

  it('fails availability only in the months of an outage; a freshness rule is judged from the last read', () => {
    const content = buildDemoContent([site('x', { outages: [{ from: '2016-09-05', to: '2016-09-06' }] })]);
    const { verdicts } = truthOf(content, '2017-01-31');
    expect(months(verdicts, 'up--x')).toMatchObject({ '08': 'met', '09': 'missing', '10': 'met' });
    expect(months(verdicts, 'home--x')['09']).toBe('met');
  });

  it('does not count a column robots.txt forbids as a visit, failed or not', () => {
    const content = buildDemoContent([site('x', { robots: { disallow: ['/old-a/'] } })]);
    const sight = demoSweepSight(content, content.sites[0]!, '2016-03-07');
    expect(sight).toMatchObject({ up: true, visits: 4, failedVisits: 0 });
    expect(sight.pages.has('old-a')).toBe(false);
    expect(months(truthOf(content, '2017-01-31').verdicts, 'up--x')['03']).toBe('met');
  });

  it('says insufficient-data for freshness on a site that is never up, and missing for availability', () => {
    const content = buildDemoContent([site('x', { down: '503' })]);
    const { verdicts, forecasts } = truthOf(content, '2017-01-31');
    expect(months(verdicts, 'home--x')['03']).toBe('insufficient-data');
    expect(months(verdicts, 'blank--x')['03']).toBe('insufficient-data');
    expect(months(verdicts, 'up--x')['03']).toBe('missing');
    expect(forecasts[0]).toEqual({ sourceId: 'x', tripped: ['up'], next: null });
  });

  it('leaves months after the date judged pending, and warns within the running month', () => {
    const content = buildDemoContent([site('x')]);
    // On 03-15 the home page was last updated 03-14: it trips on 03-29, within the 14 warning days.
    expect(months(truthOf(content, '2016-03-15').verdicts, 'home--x')).toMatchObject({
      '02': 'met',
      '03': 'due-soon',
      '04': 'pending',
    });
  });
});
