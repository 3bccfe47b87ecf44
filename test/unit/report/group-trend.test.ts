import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import type { VerdictKind } from '../../../src/core/verdict';
import { ratesByDueMonth } from '../../../src/report/group-trend';
import { renderHtml } from '../../../src/report/render-html';
import { fixtureReport } from '../../fixtures/reports/fixture-report';
import { reportPeriod } from '../../fixtures/reports/report-period';

const p = (due: string, verdict: VerdictKind) => reportPeriod(due, due, verdict);

describe('the on-time rate of a kind of duty by month due', () => {
  it('rates each month on the periods due in it, leaving months with nothing judged without a rate', () => {
    const months = ratesByDueMonth([
      {
        periods: [
          p('2016-01-10', 'met'),
          p('2016-01-20', 'missing'),
          p('2016-01-31', 'late'),
          p('2016-01-31', 'met'),
        ],
      },
      { periods: [p('2016-03-05', 'pending'), p('2016-04-01', 'missing'), p('2016-04-30', 'due-soon')] },
    ]);
    expect(months).toEqual([
      { month: '2016-01', judged: 4, complianceRate: 0.5 },
      { month: '2016-02', judged: 0, complianceRate: null },
      { month: '2016-03', judged: 0, complianceRate: null },
      { month: '2016-04', judged: 1, complianceRate: 0 },
    ]);
  });

  it('ends at the last month with a judged period, not at periods still to come', () => {
    const months = ratesByDueMonth([
      { periods: [p('2016-11-30', 'met'), p('2016-12-31', 'pending'), p('2018-01-31', 'due-soon')] },
    ]);
    expect(months.map((m) => m.month)).toEqual(['2016-11']);
    expect(ratesByDueMonth([{ periods: [p('2017-01-31', 'pending')] }])).toEqual([]);
  });

  it('crosses a year end in month order', () => {
    const months = ratesByDueMonth([{ periods: [p('2017-01-31', 'met'), p('2016-12-15', 'missing')] }]);
    expect(months.map((m) => m.month)).toEqual(['2016-12', '2017-01']);
  });

  it('draws a bar per month on each kind-of-duty card, named in words', () => {
    const { report } = fixtureReport();
    const zh = cheerio.load(renderHtml(report, { lang: 'zh' }));
    const card = zh('li.group-card[data-group="plan"]');
    const plan = report.groups.find((g) => g.group === 'plan')!;
    expect(card.find('svg.spark rect')).toHaveLength(plan.byDueMonth.length);
    expect(card.find('svg.spark').attr('aria-label')).toContain('各月按时公开率');
    const en = cheerio.load(renderHtml(report, { lang: 'en' }));
    const first = plan.byDueMonth[0]!;
    expect(en('li.group-card[data-group="plan"] svg.spark').attr('aria-label')).toContain(
      `${first.month}: ${first.complianceRate === null ? '' : `${(first.complianceRate * 100).toFixed(1)}%`}`,
    );
  });
});
