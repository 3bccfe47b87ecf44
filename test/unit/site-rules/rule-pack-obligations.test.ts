import { describe, expect, it } from 'vitest';
import { WorkingDayCalendar } from '../../../src/core/calendar';
import { expandObligations } from '../../../src/core/expand-obligations';
import { CatalogueSchema, ObligationSchema } from '../../../src/core/obligation';
import { periodsFor } from '../../../src/core/periods';
import { DEFAULT_POLICY } from '../../../src/core/policy';

const base = {
  item: 1,
  category: null,
  task: '公布上一年度政府信息公开工作年度报告',
  units: [],
  unitsCarried: false,
  deadlineText: '每年1月31日前',
  review: [],
  source: { reference: '政府信息公开条例 第四十九条' },
  evidence: { keywords: ['政府信息公开工作年度报告'] },
};
const sources = [
  { id: 'gov', units: ['市府办公室', '市政府各部门'] },
  { id: 'environment', units: ['市环境保护局'] },
  { id: 'portal', units: ['市环境保护局', '市旅游局'] },
];

describe('rule-pack obligations laid out over the sites', () => {
  const catalogue = {
    plan: { issuer: '江门市', year: 2016 },
    policy: { ...DEFAULT_POLICY, governmentUnits: ['市府办公室'] },
    obligations: [
      ObligationSchema.parse({ ...base, id: 'dept', scope: 'each-unit', schedule: { kind: 'annual' } }),
      ObligationSchema.parse({ ...base, id: 'gov', scope: 'government', schedule: { kind: 'annual' } }),
      ObligationSchema.parse({ ...base, id: 'site', scope: 'each-site', schedule: { kind: 'monthly' } }),
      ObligationSchema.parse({ ...base, id: 'plain', units: ['市旅游局'], schedule: { kind: 'annual' } }),
    ],
  };
  const expanded = expandObligations(catalogue, sources);

  it('gives each department running a site its own obligation, but not the government', () => {
    const dept = expanded.filter((o) => o.template === 'dept');
    expect(dept.map((o) => [o.id, o.units])).toEqual([['dept--environment', ['市环境保护局']]]);
  });

  it('binds government-scoped obligations to the government units', () => {
    expect(expanded.find((o) => o.id === 'gov')?.units).toEqual(['市府办公室']);
    const fallback = expandObligations({ ...catalogue, policy: undefined }, sources);
    expect(fallback.find((o) => o.id === 'gov')?.units).toEqual(['江门市人民政府']);
  });

  it('gives every site its own obligation, naming the site', () => {
    const site = expanded.filter((o) => o.template === 'site');
    expect(site.map((o) => [o.id, o.site, o.units])).toEqual([
      ['site--gov', 'gov', ['市府办公室', '市政府各部门']],
      ['site--environment', 'environment', ['市环境保护局']],
      ['site--portal', 'portal', ['市环境保护局', '市旅游局']],
    ]);
  });

  it('leaves plan obligations as they are', () => {
    expect(expanded.find((o) => o.id === 'plain')).toBe(catalogue.obligations[3]);
  });

  it('keeps expanded ids valid obligation ids', () => {
    expect(() => CatalogueSchema.parse({ ...catalogue, obligations: expanded })).not.toThrow();
  });
});

describe('annual reports due on a fixed day of the next year', () => {
  const calendar = WorkingDayCalendar.chinese();
  const annualReport = ObligationSchema.parse({
    ...base,
    id: 'report',
    scope: 'each-unit',
    schedule: { kind: 'annual', dueOn: '01-31', reportYears: 'previous-and-plan' },
  });

  it('makes the report on the previous year due in the plan year, and moves a day off to the next working day', () => {
    const periods = periodsFor(annualReport, { year: 2016, policy: DEFAULT_POLICY, calendar });
    expect(periods.map((p) => [p.key, p.start, p.end, p.due])).toEqual([
      // 2016-01-31 is a Sunday; 2017-01-31 falls in the Spring Festival holiday (back on 02-03).
      ['2015', '2015-01-01', '2015-12-31', '2016-02-01'],
      ['2016', '2016-01-01', '2016-12-31', '2017-02-03'],
    ]);
  });

  it('refuses a site rule without a measure, naming the path', () => {
    const result = ObligationSchema.safeParse({
      ...base,
      id: 'x',
      schedule: { kind: 'monthly' },
      evidence: { site: { measure: 'freshness' } },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['evidence', 'site', 'measure']);
  });
});
