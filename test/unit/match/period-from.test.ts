import { describe, expect, it } from 'vitest';
import { addDays, type IsoDate, isoDate, isoWeekOneMonday } from '../../../src/core/dates';
import type { Document } from '../../../src/core/document';
import { matchEvidence } from '../../../src/core/match';
import { issueNumberIn } from '../../../src/core/match/issue-number';
import type { Obligation } from '../../../src/core/obligation';
import { ObligationSchema } from '../../../src/core/obligation';
import { DEFAULT_POLICY } from '../../../src/core/policy';
import type { Schedule } from '../../../src/core/schedule';
import { evaluate } from '../../../src/core/verdicts';
import { calendar, doc, obligation, periods, unitSources } from './builders';

const AS_OF = '2016-07-01';

/** Every day a successful check, so a period without evidence is `missing`, not short of data. */
const dailyChecks = (() => {
  const list: { checkedAt: string; ok: boolean }[] = [];
  for (let d: IsoDate = '2016-01-01'; d <= AS_OF; d = addDays(d, 1))
    list.push({ checkedAt: `${d}T01:00:00Z`, ok: true });
  return new Map([['lyj', list]]);
})();

/** One issue per week on `weekdayOffset` (0 = Monday) of each ISO week, titled by ISO week number. */
function weeklySeries(weekdayOffset: number, skipIsoWeeks: number[]): Document[] {
  const out: Document[] = [];
  for (let week = 1; week <= 26; week++) {
    if (skipIsoWeeks.includes(week)) continue;
    const day = addDays(addDays(isoWeekOneMonday(2016), (week - 1) * 7), weekdayOffset);
    out.push(doc({ title: `江门市旅游投诉处理情况通报（2016年第${week}期）`, date: day }));
  }
  return out;
}

const matchFor = (o: Obligation, documents: Document[]) =>
  matchEvidence({ obligations: [o], periods: periods(o), documents, unitSources, asOf: AS_OF });

function verdictsOf(o: Obligation, documents: Document[]) {
  const { evidence, candidates } = matchFor(o, documents);
  return evaluate({
    obligations: [o],
    periods: periods(o),
    evidence: [...evidence, ...candidates],
    checks: dailyChecks,
    unitSources,
    documents,
    asOf: AS_OF,
    policy: DEFAULT_POLICY,
    calendar,
  });
}

const keysWith = (verdicts: { periodKey: string; kind: string }[], kind: string) =>
  verdicts.filter((v) => v.kind === kind).map((v) => v.periodKey);

const weekly = (evidence: Record<string, unknown> = {}, schedule: Schedule = { kind: 'weekly' }) =>
  obligation('weekly-notice', schedule, { keywords: ['旅游投诉'], ...evidence });

describe('the period a document is evidence for', () => {
  it('a weekly series published on Fridays with two missing weeks: exactly those two weeks are missing', () => {
    // ISO weeks 10 and 11 are plan-year weeks 11 and 12 in 2016 (1–3 January is plan-year week 1).
    const documents = [
      doc({ title: '江门市旅游投诉处理情况通报（元旦）', date: '2016-01-01' }),
      ...weeklySeries(4, [10, 11]),
    ];
    for (const o of [weekly(), weekly({ issueNumbering: { kind: 'iso-week' } })]) {
      const verdicts = verdictsOf(o, documents);
      expect(keysWith(verdicts, 'missing')).toEqual(['2016-W11', '2016-W12']);
      expect(keysWith(verdicts, 'late')).toEqual([]);
    }
  });

  it('a weekly series published on Mondays, inside the week it reports, is not shifted a week back', () => {
    // A Monday falls in the grace time of the week before; the grace rule would move each issue back.
    const documents = [
      doc({ title: '江门市旅游投诉处理情况通报（元旦）', date: '2016-01-01' }),
      ...weeklySeries(0, [10, 11]),
    ];
    for (const o of [
      weekly(),
      weekly({ periodFrom: 'issue-number', issueNumbering: { kind: 'iso-week' } }),
    ]) {
      expect(keysWith(verdictsOf(o, documents), 'missing')).toEqual(['2016-W11', '2016-W12']);
    }
    // The previous-period rule, asked for explicitly, shows why it is not the weekly default: the
    // issue after the gap is taken for the missed week and the gap moves.
    const shifted = verdictsOf(weekly({ periodFrom: 'publication-or-previous' }), documents);
    expect(keysWith(shifted, 'missing')).not.toEqual(['2016-W11', '2016-W12']);
  });

  it('an issue number decides even when the issue is published a week late', () => {
    const documents = [
      doc({ title: '旅游投诉处理情况通报（2016年第10期）', date: '2016-03-18' }),
      doc({ title: '旅游投诉处理情况通报（2016年第11期）', date: '2016-03-18' }),
    ];
    const o = weekly({ issueNumbering: { kind: 'iso-week' } });
    const { evidence } = matchFor(o, documents);
    expect(evidence.map((e) => e.periodKey).sort()).toEqual(['2016-W11', '2016-W12']);
    expect(evidence[0]!.reason).toContain('issue “2016年第10期” (iso-week)');
  });

  it('plan-year weeks, ISO weeks, periods of the year and a running sequence read issue numbers', () => {
    const title = '旅游投诉处理情况通报（第12期）';
    const d = doc({ title, date: '2016-03-25' });
    const keyFor = (o: Obligation) =>
      matchEvidence({
        obligations: [o],
        periods: periods(o),
        documents: [d],
        unitSources,
        asOf: AS_OF,
      }).evidence.map((e) => e.periodKey);
    expect(keyFor(weekly({ issueNumbering: { kind: 'plan-year-week' } }))).toEqual(['2016-W12']);
    expect(keyFor(weekly({ issueNumbering: { kind: 'iso-week' } }))).toEqual(['2016-W13']);
    const isoWeeks = weekly({ issueNumbering: { kind: 'iso-week' } }, { kind: 'weekly', weeks: 'iso' });
    expect(keyFor(isoWeeks)).toEqual(['2016-W12']);
    const monthly = obligation(
      'monthly',
      { kind: 'monthly' },
      { keywords: ['旅游投诉'], issueNumbering: { kind: 'period-of-year' } },
    );
    expect(keyFor(monthly)).toEqual(['2016-12']);
    const sequence = weekly({
      issueNumbering: { kind: 'sequence', first: { issue: 5, period: '2016-W02' } },
    });
    expect(keyFor(sequence)).toEqual(['2016-W09']);
  });

  it('a monthly report published on the last day of its own month is evidence for that month', () => {
    const monthly = obligation('monthly', { kind: 'monthly' }, { keywords: ['旅游投诉'] });
    const documents = [
      doc({ title: '2016年3月旅游投诉处理情况', date: '2016-03-31' }),
      doc({ title: '旅游投诉处理情况通报', date: '2016-03-31' }),
      doc({ title: '旅游投诉处理情况通报（2016年第3期）', date: '2016-03-31' }),
    ];
    for (const o of [
      monthly,
      obligation(
        'm2',
        { kind: 'monthly' },
        { keywords: ['旅游投诉'], issueNumbering: { kind: 'period-of-year' } },
      ),
    ]) {
      const { evidence } = matchFor(o, documents);
      expect(evidence.map((e) => e.periodKey)).toEqual(['2016-03', '2016-03', '2016-03']);
    }
  });

  it('periodFrom title makes a document whose title names no period a near miss', () => {
    const o = weekly({ periodFrom: 'title' });
    const { evidence, candidates } = matchEvidence({
      obligations: [o],
      periods: periods(o),
      documents: [
        doc({ title: '旅游投诉处理情况', date: '2016-03-25' }),
        doc({ title: '第12周旅游投诉处理情况', date: '2016-03-25' }),
      ],
      unitSources,
      asOf: AS_OF,
    });
    expect(evidence.map((e) => e.periodKey)).toEqual(['2016-W12']);
    expect(candidates[0]!.reason).toContain('title names no period');
  });

  it('reads issue numbers with and without a year, in digits and in Chinese', () => {
    expect(issueNumberIn('食品抽检信息（2016年第12期）')).toEqual({
      text: '2016年第12期',
      year: 2016,
      issue: 12,
    });
    expect(issueNumberIn('简报第十二期')).toEqual({ text: '第十二期', year: null, issue: 12 });
    expect(issueNumberIn('2016年第三季度')).toBeNull();
  });

  it('a rule asking for issue numbers without saying how they count is rejected at its path', () => {
    const parsed = ObligationSchema.safeParse({
      ...weekly(),
      evidence: { keywords: ['旅游投诉'], periodFrom: 'issue-number' },
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.path).toEqual(['evidence', 'issueNumbering']);
  });

  it('ISO weeks tile the ISO year, Monday to Sunday', () => {
    const ps = periods(weekly({}, { kind: 'weekly', weeks: 'iso' }));
    expect(ps).toHaveLength(52);
    expect(ps[0]).toMatchObject({ key: '2016-W01', start: '2016-01-04', end: '2016-01-10' });
    expect(ps.at(-1)).toMatchObject({ key: '2016-W52', start: '2016-12-26', end: isoDate(2017, 1, 1) });
  });
});
