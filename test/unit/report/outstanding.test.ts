import { describe, expect, it } from 'vitest';
import { obligationGroup } from '../../../src/core/obligation-group';
import type { ReportObligation, ReportPeriod } from '../../../src/report/model';
import { isCollectiveUnit, outstandingNow } from '../../../src/report/outstanding';
import { reportPeriod } from '../../fixtures/reports/report-period';

const period = reportPeriod;

const obligation = (
  id: string,
  periods: ReportPeriod[],
  over: Partial<ReportObligation> = {},
): ReportObligation => ({
  id,
  group: 'plan',
  item: 1,
  category: null,
  task: `任务 ${id}`,
  units: ['市环境保护局'],
  scheduleKind: 'monthly',
  schedule: '每月',
  deadlineText: null,
  verifiable: true,
  counts: {} as ReportObligation['counts'],
  periods,
  ...over,
});

describe('outstanding now', () => {
  const asOf = '2016-10-17';

  it('lists an obligation whose latest settled period is missing, with its days overdue, and not one whose earlier miss was followed by a met period', () => {
    const items = outstandingNow(
      [
        obligation('air', [
          period('2016-08', '2016-09-10', 'missing'),
          period('2016-09', '2016-10-10', 'missing'),
        ]),
        obligation('budget', [
          period('2016-Q2', '2016-07-10', 'missing'),
          period('2016-Q3', '2016-10-10', 'met'),
        ]),
      ],
      asOf,
    );
    expect(items.map((i) => [i.obligationId, i.periodKey, i.state, i.daysOverdue])).toEqual([
      ['air', '2016-09', 'missing', 7],
    ]);
  });

  it('puts the most overdue first, then what cannot be told, then due-soon by due date', () => {
    const items = outstandingNow(
      [
        obligation('soon-late', [period('2016-10', '2016-10-21', 'due-soon')]),
        obligation('soon-early', [period('2016-10', '2016-10-19', 'due-soon')]),
        obligation('unreachable', [period('2016-09', '2016-09-30', 'insufficient-data')]),
        obligation('recent', [period('2016-09', '2016-10-10', 'missing')]),
        obligation('old', [period('2016-06', '2016-07-01', 'missing')], { group: 'annual-report' }),
      ],
      asOf,
    );
    expect(items.map((i) => [i.obligationId, i.daysOverdue])).toEqual([
      ['old', 108],
      ['recent', 7],
      ['unreachable', 17],
      ['soon-early', -2],
      ['soon-late', -4],
    ]);
    expect(items[0]!.group).toBe('annual-report');
  });

  it('keeps a missing week outstanding when the next week was published before its due date', () => {
    const items = outstandingNow(
      [
        obligation('food', [
          period('2016-W40', '2016-10-14', 'missing'),
          period('2016-W41', '2016-10-21', 'met'),
        ]),
      ],
      asOf,
    );
    expect(items.map((i) => [i.periodKey, i.daysOverdue])).toEqual([['2016-W40', 3]]);
  });

  it("takes a website rule's current month, not a past one that can no longer be put right", () => {
    const site = (periods: ReportPeriod[]) => obligation('home', periods, { group: 'website' });
    expect(
      outstandingNow(
        [site([period('2016-09', '2016-09-30', 'missing'), period('2016-10', '2016-10-31', 'met')])],
        asOf,
      ),
    ).toEqual([]);
    const tripped = outstandingNow(
      [site([period('2016-09', '2016-09-30', 'met'), period('2016-10', '2016-10-31', 'missing')])],
      asOf,
    );
    expect(tripped.map((i) => [i.periodKey, i.daysOverdue])).toEqual([['2016-10', -14]]);
  });

  it('lists the missing period and the one due soon of the same obligation', () => {
    const items = outstandingNow(
      [
        obligation('air', [
          period('2016-08', '2016-09-10', 'missing'),
          period('2016-09', '2016-10-20', 'due-soon'),
          period('2016-10', '2016-11-10', 'pending'),
        ]),
      ],
      asOf,
    );
    expect(items.map((i) => i.periodKey)).toEqual(['2016-08', '2016-09']);
  });
});

describe('kinds of duty and collective units', () => {
  const evidence = { verifiable: true, keywords: [], titlePatterns: [] } as never;

  it('tells website rules, annual reports and plan items apart', () => {
    expect(
      obligationGroup({ evidence: { site: {} } as never, task: '首页2周内有更新', category: null }),
    ).toBe('website');
    expect(obligationGroup({ evidence, pack: 'annual-report', task: 'x', category: null })).toBe(
      'annual-report',
    );
    expect(
      obligationGroup({
        evidence,
        task: '按时发布本部门2015年政府信息公开工作年度报告',
        category: '政务公开',
      }),
    ).toBe('annual-report');
    expect(obligationGroup({ evidence, task: '公开年度财政预算', category: '财政信息' })).toBe('plan');
  });

  it('knows names that stand for many units from department names', () => {
    for (const unit of [
      '市直有关单位',
      '市政府各部门',
      '各直属机构',
      '各县（市、区）',
      '各县（市、区）人民政府',
      '有关部门',
    ])
      expect(isCollectiveUnit(unit), unit).toBe(true);
    for (const unit of [
      '市环境保护局',
      '市直机关工委',
      '市府办公室',
      '市农业局(扶贫办)',
      '市公共资源交易中心',
    ])
      expect(isCollectiveUnit(unit), unit).toBe(false);
  });
});
