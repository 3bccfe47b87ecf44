import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { matchEvidence } from '../../../src/core/match';
import { DEFAULT_POLICY } from '../../../src/core/policy';
import { evaluate } from '../../../src/core/verdicts';
import { renderHtml } from '../../../src/report/render-html';
import { fixtureReport } from '../../fixtures/reports/fixture-report';
import { calendar, doc, obligation, periods, unitSources } from './builders';

const quarterly = obligation('complaints', { kind: 'quarterly' }, { keywords: ['旅游投诉'] });

function judge(asOf: string, absences: { from: string; to: string | null }[], goneSince?: string | null) {
  const d = doc({ title: '2016年第一季度旅游投诉处理情况', date: '2016-04-12', absences, goneSince });
  const ps = periods(quarterly);
  const { evidence } = matchEvidence({
    obligations: [quarterly],
    periods: ps,
    documents: [d],
    unitSources,
    asOf,
  });
  const verdicts = evaluate({
    obligations: [quarterly],
    periods: ps,
    evidence,
    checks: new Map([['lyj', [{ checkedAt: '2016-04-13T02:00:00Z', ok: true }]]]),
    unitSources,
    documents: [d],
    asOf,
    policy: DEFAULT_POLICY,
    calendar,
  });
  return verdicts.find((v) => v.periodKey === '2016-Q1')!;
}

describe('evidence withdrawn after it counted', () => {
  it('keeps the period met and says since when the page is gone from its column', () => {
    const q1 = judge('2016-09-30', [{ from: '2016-07-20T03:00:00Z', to: null }]);
    expect(q1.kind).toBe('met');
    expect(q1.evidence[0]!.withdrawnOn).toBe('2016-07-20');
    expect(q1.evidence[0]!.reason).toContain('withdrawn from its column on 2016-07-20');
  });

  it('does not mark a page that came back, nor one judged before it vanished', () => {
    expect(
      judge('2016-09-30', [{ from: '2016-07-20T03:00:00Z', to: '2016-08-01T03:00:00Z' }]).evidence[0]!
        .withdrawnOn,
    ).toBeUndefined();
    expect(
      judge('2016-07-10', [{ from: '2016-07-20T03:00:00Z', to: null }]).evidence[0]!.withdrawnOn,
    ).toBeUndefined();
  });

  it('marks a page that answers 404 while still listed, from the re-check that found it gone', () => {
    const q1 = judge('2016-09-30', [], '2016-08-29T02:00:00Z');
    expect(q1.kind).toBe('met');
    expect(q1.evidence[0]!.withdrawnOn).toBe('2016-08-29');
    expect(q1.evidence[0]!.reason).toContain('answers “not found” since 2016-08-29 while still listed');
    expect(judge('2016-08-20', [], '2016-08-29T02:00:00Z').evidence[0]!.withdrawnOn).toBeUndefined();
    expect(judge('2016-09-30', [], null).evidence[0]!.withdrawnOn).toBeUndefined();
  });

  it('gives the earlier day when the page both answered 404 and later left its column', () => {
    const q1 = judge('2016-09-30', [{ from: '2016-09-12T02:00:00Z', to: null }], '2016-08-29T02:00:00Z');
    expect(q1.evidence[0]!.withdrawnOn).toBe('2016-08-29');
  });

  it('shows the mark in the report, links the archived copy, and lets a supervisor filter for it', () => {
    const { report } = fixtureReport();
    let marked = 0;
    const withdrawn = {
      ...report,
      obligations: report.obligations.map((o) => ({
        ...o,
        periods: o.periods.map((p) => {
          if (marked > 0 || p.verdict !== 'met' || !p.evidence.some((e) => e.kind === 'match' && e.archived))
            return p;
          marked++;
          return {
            ...p,
            evidence: p.evidence.map((e) => (e.kind === 'match' ? { ...e, withdrawnOn: '2016-07-20' } : e)),
          };
        }),
      })),
    };
    expect(marked).toBe(1);
    const $ = cheerio.load(renderHtml(withdrawn, { lang: 'en' }));
    const row = $('tr[data-withdrawn]');
    expect(row).toHaveLength(1);
    expect(row.attr('data-verdict')).toBe('met');
    expect(row.find('.withdrawn').text()).toContain('withdrawn on 2016-07-20');
    expect(row.find('a.archived').length).toBeGreaterThan(0);
    expect(row.closest('section.obl').attr('data-verdicts')).toContain('withdrawn');
    expect($('#f-verdict option[value=withdrawn]').text()).toBe('Evidence withdrawn');
    expect(cheerio.load(renderHtml(report, { lang: 'en' }))('tr[data-withdrawn]')).toHaveLength(0);
  });
});
