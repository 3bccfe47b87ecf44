import { describe, expect, it } from 'vitest';
import { WorkingDayCalendar } from '../../../src/core/calendar';
import { type Catalogue, CatalogueSchema } from '../../../src/core/obligation';
import { DEFAULT_POLICY } from '../../../src/core/policy';
import type { Schedule } from '../../../src/core/schedule';
import { buildDemoContent, type DemoContent, DemoSiteSchema } from '../../../src/demo/content';
import { demoAnnotationProblems, demoGroundTruth, demoSweepDates } from '../../../src/demo/ground-truth';
import { type DemoLedger, DemoLedgerSchema } from '../../../src/demo/ledger';

const calendar = WorkingDayCalendar.chinese();
const policy = DEFAULT_POLICY;

function obligation(id: string, unit: string, schedule: Schedule, verifiable = true) {
  return {
    id,
    item: 1,
    category: null,
    task: `任务 ${id}`,
    units: [unit],
    unitsCarried: false,
    deadlineText: null,
    schedule,
    review: [],
    source: { lines: [1, 1] },
    evidence: verifiable ? { keywords: ['公开'] } : { verifiable: false, unverifiableReason: '内部培训' },
  };
}

const catalogue: Catalogue = CatalogueSchema.parse({
  plan: { issuer: '江门市', year: 2016 },
  obligations: [
    obligation('q', '市甲局', { kind: 'quarterly' }),
    obligation('once', '市甲局', { kind: 'once', dates: ['2016-10-31', '2016-12-31'] }),
    obligation('column', '市甲局', { kind: 'continuous' }),
    obligation('event', '市甲局', { kind: 'event', trigger: '市人大常委会通过' }),
    obligation('hidden', '市甲局', { kind: 'unspecified' }),
    obligation('down', '市乙局', { kind: 'unspecified' }),
    obligation('nosite', '市丙局', { kind: 'unspecified' }),
    obligation('training', '市甲局', { kind: 'annual' }, false),
  ],
});

const content: DemoContent = buildDemoContent([
  DemoSiteSchema.parse({
    id: 'a',
    name: '市甲局网站',
    units: ['市甲局'],
    robots: { disallow: ['/private/'] },
    columns: [
      {
        id: 'notice',
        name: '通知公告',
        kind: 'notice',
        path: '/notice/',
        items: [
          {
            title: '2016年第一季度报告',
            published: '2016-04-12',
            evidences: [{ obligation: 'q', period: '2016-Q1' }],
          },
          {
            title: '2016年第二季度报告',
            published: '2016-08-15',
            evidences: [{ obligation: 'q', period: '2016-Q2' }],
          },
          {
            title: '第三季度跟踪审计（补发）',
            published: '2016-11-21',
            shown: '2016-10-28',
            evidences: [{ obligation: 'once', period: 'once-1' }],
          },
          {
            title: '第四季度跟踪审计',
            published: '2016-12-27',
            shown: '2016-12-24',
            evidences: [{ obligation: 'once', period: 'once-2' }],
          },
          {
            title: '审计工作报告',
            published: '2016-09-13',
            evidences: [{ obligation: 'event', period: 'event-ev1' }],
          },
        ],
      },
      {
        id: 'zwgk',
        name: '政务公开',
        kind: 'other',
        path: '/zwgk/',
        items: [
          {
            title: '行政处罚案件信息公开专栏',
            published: '2015-06-01',
            gone: [{ from: '2016-06-06', to: '2016-06-27' }],
            evidences: [{ obligation: 'column' }],
          },
        ],
      },
      {
        id: 'private',
        name: '内部',
        kind: 'other',
        path: '/private/',
        items: [
          {
            title: '事故调查报告',
            published: '2016-05-05',
            evidences: [{ obligation: 'hidden', period: '2016' }],
          },
        ],
      },
    ],
  }),
  DemoSiteSchema.parse({
    id: 'b',
    name: '市乙局网站',
    units: ['市乙局'],
    down: '503',
    columns: [
      {
        id: 'news',
        name: '新闻',
        kind: 'news',
        path: '/news/',
        items: [
          { title: '年度公开', published: '2016-05-05', evidences: [{ obligation: 'down', period: '2016' }] },
        ],
      },
    ],
  }),
]);

const ledger: DemoLedger = DemoLedgerSchema.parse({
  events: [
    {
      id: 'ev1',
      obligationId: 'event',
      date: '2016-08-30',
      note: '通过',
      by: 'x',
      at: '2016-08-31T00:00:00Z',
    },
  ],
  waivers: [],
  manualEvidence: [],
});

function truth(asOf: string, override: Partial<{ ledger: DemoLedger }> = {}) {
  return demoGroundTruth({ catalogue, content, ledger: override.ledger ?? ledger, asOf, calendar, policy });
}

describe('demo ground truth rules', () => {
  const t = truth('2017-01-31');

  it('judges on-time, late, missing and due-soon quarters from the annotations', () => {
    expect(t.get('q|2016-Q1')).toBe('met');
    expect(t.get('q|2016-Q2')).toBe('late');
    expect(t.get('q|2016-Q3')).toBe('missing');
    expect(t.get('q|2016-Q4')).toBe('due-soon');
  });

  it('counts a backdated item from the sweep that first saw it, but not an item within tolerance', () => {
    expect(t.get('once|once-1')).toBe('late');
    expect(t.get('once|once-2')).toBe('met');
  });

  it('marks the check windows whose end falls in the lapse as missing, the others met', () => {
    expect(t.get('column|2016-C22')).toBe('met'); // ends 2016-06-02
    expect(t.get('column|2016-C23')).toBe('missing'); // ends 2016-06-09
    expect(t.get('column|2016-C25')).toBe('missing'); // ends 2016-06-23
    expect(t.get('column|2016-C26')).toBe('met'); // ends 2016-06-30
    const missing = [...t].filter(([key, kind]) => key.startsWith('column|') && kind !== 'met');
    expect(missing.map(([key]) => key)).toEqual(['column|2016-C23', 'column|2016-C24', 'column|2016-C25']);
  });

  it('judges an event period from the recorded event', () => {
    expect(t.get('event|event-ev1')).toBe('met');
    const noEvent = truth('2017-01-31', { ledger: { ...ledger, events: [] } });
    expect([...noEvent.keys()].some((key) => key.startsWith('event|'))).toBe(false);
  });

  it('ignores evidence in a path robots.txt forbids', () => {
    expect(t.get('hidden|2016')).toBe('missing');
  });

  it('says insufficient-data when no responsible site was ever reachable, even with evidence on it', () => {
    expect(t.get('down|2016')).toBe('insufficient-data');
    expect(t.get('nosite|2016')).toBe('insufficient-data');
  });

  it('puts unverifiable before everything and waivers before evidence', () => {
    expect(t.get('training|2016')).toBe('unverifiable');
    const waived = truth('2017-01-31', {
      ledger: {
        ...ledger,
        waivers: [
          {
            id: 'w1',
            obligationId: 'q',
            periodKey: '2016-Q1',
            reason: '未建',
            until: '2016-06-30',
            by: 'x',
            at: '2016-04-01T00:00:00Z',
          },
          {
            id: 'w2',
            obligationId: 'q',
            reason: '全年',
            until: '2016-08-31',
            by: 'x',
            at: '2016-04-01T00:00:00Z',
          },
        ],
      },
    });
    expect(waived.get('q|2016-Q1')).toBe('waived');
    expect(waived.get('q|2016-Q2')).toBe('waived'); // due 2016-07-28, within w2
    expect(waived.get('q|2016-Q3')).toBe('missing'); // due after w2 ends
  });

  it('counts manual evidence from its stated publication date', () => {
    const withManual = truth('2017-01-31', {
      ledger: {
        ...ledger,
        manualEvidence: [
          {
            id: 'm1',
            obligationId: 'q',
            periodKey: '2016-Q3',
            url: 'http://www.jiangmen.gov.cn/x.htm',
            note: '报纸刊登',
            publishedOn: '2016-10-20',
            by: 'x',
            at: '2016-10-21T00:00:00Z',
          },
        ],
      },
    });
    expect(withManual.get('q|2016-Q3')).toBe('met');
  });

  it('only counts what a sweep has seen by the date judged', () => {
    const early = truth('2016-04-11');
    expect(early.get('q|2016-Q1')).toBe('pending');
    expect(early.get('q|2016-Q2')).toBe('pending');
  });

  it('judges the running check window on the date judged, and windows not yet started as pending', () => {
    const inLapse = truth('2016-06-13'); // C24 runs 2016-06-10 … 06-16; the column is gone since 06-06
    expect(inLapse.get('column|2016-C23')).toBe('missing');
    expect(inLapse.get('column|2016-C24')).toBe('due-soon');
    expect(inLapse.get('column|2016-C25')).toBe('pending');
    const back = truth('2016-06-27'); // C26 runs 2016-06-24 … 06-30; the column is back on 06-27
    expect(back.get('column|2016-C26')).toBe('met');
    expect(back.get('column|2016-C27')).toBe('pending');
  });

  it('knows an event only from its recorded date on', () => {
    expect([...truth('2016-08-29').keys()].some((key) => key.startsWith('event|'))).toBe(false);
    expect(truth('2016-08-30').get('event|event-ev1')).toBe('pending');
  });

  it('sweeps every Monday from 2016-01-04 and once more on a final non-Monday date', () => {
    const dates = demoSweepDates('2017-01-31');
    expect(dates[0]).toBe('2016-01-04');
    expect(dates.at(-2)).toBe('2017-01-30');
    expect(dates.at(-1)).toBe('2017-01-31');
    expect(dates.length).toBe(58);
  });

  it('reports annotations that name an unknown period, obligation, or a site of other units', () => {
    const problems = demoAnnotationProblems({
      catalogue,
      content: buildDemoContent([
        DemoSiteSchema.parse({
          id: 'c',
          name: '市丙局网站',
          units: ['市丙局'],
          columns: [
            {
              id: 'n',
              name: '新闻',
              kind: 'news',
              path: '/n/',
              items: [
                { title: '甲', published: '2016-03-01', evidences: [{ obligation: 'q', period: '2016-Q9' }] },
                { title: '乙', published: '2016-03-02', evidences: [{ obligation: 'zzz', period: '2016' }] },
                {
                  title: '丙',
                  published: '2016-03-03',
                  evidences: [{ obligation: 'nosite', period: '2016' }],
                },
              ],
            },
          ],
        }),
      ]),
      ledger,
      calendar,
      policy,
    });
    expect(problems).toEqual([
      'c/n "甲": q has no period 2016-Q9',
      'c/n "甲": site c does not carry the units of q',
      'c/n "乙": unknown obligation zzz',
    ]);
  });
});
