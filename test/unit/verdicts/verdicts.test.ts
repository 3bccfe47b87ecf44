import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../../../src/core/dates';
import type { Evidence } from '../../../src/core/evidence';
import { columnKey, matchEvidence } from '../../../src/core/match';
import type { Obligation } from '../../../src/core/obligation';
import { DEFAULT_POLICY } from '../../../src/core/policy';
import { VerdictSchema } from '../../../src/core/verdict';
import { type EvaluateInput, evaluate, newlyMissing, summarise } from '../../../src/core/verdicts';
import { calendar, doc, obligation, periods, unitSources } from '../match/builders';

const complaints = obligation('tourism-complaints', { kind: 'quarterly' }, { keywords: ['旅游投诉'] });
// 2016-Q3 runs 07-01..09-30 and is due 2016-11-02 (20 working days, National Day week off).

function evidenceFor(periodKey: string, publishedOn: IsoDate, extra: Partial<Evidence> = {}): Evidence {
  return {
    obligationId: 'tourism-complaints',
    periodKey,
    url: `http://127.0.0.1/lyj/${periodKey}-${publishedOn}.htm`,
    kind: 'match',
    score: 0.8,
    terms: ['旅游投诉'],
    reason: 'title has “旅游投诉”',
    publishedOn,
    sha256: null,
    title: '旅游投诉处理情况',
    ...extra,
  };
}

const okCheck = (checkedAt: string) => ({ checkedAt, ok: true });
const failedCheck = (checkedAt: string) => ({ checkedAt, ok: false });

function judge(asOf: IsoDate, over: Partial<EvaluateInput> = {}, o: Obligation = complaints) {
  return evaluate({
    obligations: [o],
    periods: periods(o),
    evidence: [],
    checks: new Map([['lyj', [okCheck('2016-08-01T02:00:00Z')]]]),
    unitSources,
    asOf,
    policy: DEFAULT_POLICY,
    calendar,
    ...over,
  });
}
const q3 = (asOf: IsoDate, over: Partial<EvaluateInput> = {}) =>
  judge(asOf, over).find((v) => v.periodKey === '2016-Q3')!;

describe('evaluate', () => {
  it('judges every period once, with a valid verdict and a reason', () => {
    const verdicts = judge('2016-11-10');
    expect(verdicts.map((v) => v.periodKey)).toEqual(['2016-Q1', '2016-Q2', '2016-Q3', '2016-Q4']);
    for (const v of verdicts) expect(VerdictSchema.parse(v).reasons.length).toBeGreaterThan(0);
  });

  it('says met when the earliest evidence is published on the due date', () => {
    const v = q3('2016-11-10', { evidence: [evidenceFor('2016-Q3', '2016-11-02')] });
    expect(v.kind).toBe('met');
    expect(v.reasons[0]).toContain('published 2016-11-02, on or before the due date 2016-11-02');
  });

  it('says late when the earliest evidence is published the day after the due date', () => {
    const v = q3('2016-11-10', { evidence: [evidenceFor('2016-Q3', '2016-11-03')] });
    expect(v.kind).toBe('late');
    expect(v.reasons[0]).toContain('1 day after the due date 2016-11-02');
  });

  it('lets the earliest of several documents decide and lists them earliest first', () => {
    const v = q3('2016-11-10', {
      evidence: [evidenceFor('2016-Q3', '2016-11-05'), evidenceFor('2016-Q3', '2016-10-20')],
    });
    expect(v.kind).toBe('met');
    expect(v.evidence.map((e) => e.publishedOn)).toEqual(['2016-10-20', '2016-11-05']);
  });

  it('does not count evidence published after the as-of date, nor candidates', () => {
    const v = q3('2016-10-25', {
      evidence: [
        evidenceFor('2016-Q3', '2016-10-28'),
        evidenceFor('2016-Q3', '2016-10-01', { kind: 'candidate' }),
      ],
    });
    expect(v.kind).toBe('pending');
    expect(v.evidence).toEqual([]);
    expect(v.candidates).toHaveLength(1);
  });

  it('counts manual evidence and says so', () => {
    const v = q3('2016-11-10', {
      evidence: [evidenceFor('2016-Q3', '2016-10-20', { kind: 'manual', by: '张三', title: '纸质公告' })],
    });
    expect(v.kind).toBe('met');
    expect(v.reasons[0]).toMatch(/^manual evidence “纸质公告”/);
  });

  it('says pending before a period starts and while its due date is far', () => {
    expect(q3('2016-06-01').kind).toBe('pending');
    expect(q3('2016-06-01').reasons[0]).toContain('starts 2016-07-01');
    expect(q3('2016-08-01').kind).toBe('pending');
  });

  it('says due-soon within dueSoonWorkingDays working days of the due date, counting the calendar', () => {
    // (10-25, 11-02] holds 6 working days; (10-26, 11-02] holds 5.
    expect(q3('2016-10-25').kind).toBe('pending');
    expect(q3('2016-10-25').reasons[0]).toContain('6 working days');
    expect(q3('2016-10-26').kind).toBe('due-soon');
    expect(q3('2016-11-02').kind).toBe('due-soon');
    expect(q3('2016-11-02').reasons[0]).toContain('today');
  });

  it('says missing past due when a responsible source was read in the window', () => {
    const v = q3('2016-11-03');
    expect(v.kind).toBe('missing');
    expect(v.reasons[0]).toContain('lyj read successfully 1 time in the window, last on 2016-08-01');
  });

  it('says insufficient-data, never missing, when every check in the window failed', () => {
    const v = q3('2016-11-10', {
      checks: new Map([
        [
          'lyj',
          [
            failedCheck('2016-07-10T02:00:00Z'),
            failedCheck('2016-10-10T02:00:00Z'),
            okCheck('2016-11-05T02:00:00Z'),
          ],
        ],
      ]),
    });
    expect(v.kind).toBe('insufficient-data');
    expect(v.reasons[0]).toContain('all 2 checks of lyj between 2016-07-01 and 2016-11-02 failed');
  });

  it('says insufficient-data when the sources were never checked, or no source carries the unit', () => {
    expect(q3('2016-11-10', { checks: new Map() }).kind).toBe('insufficient-data');
    expect(q3('2016-11-10', { unitSources: new Map() }).reasons[0]).toContain('no source carries 市旅游局');
  });

  it('says unverifiable whatever the evidence', () => {
    const o = obligation(
      'training',
      { kind: 'quarterly' },
      { verifiable: false, unverifiableReason: '内部培训' },
    );
    const verdicts = judge('2016-11-10', {}, o);
    expect(new Set(verdicts.map((v) => v.kind))).toEqual(new Set(['unverifiable']));
    expect(verdicts[0]!.reasons[0]).toContain('内部培训');
  });

  it('waives the periods due on or before the waiver’s until, and only those', () => {
    const waivers = [
      { obligationId: 'tourism-complaints', until: '2016-11-02', by: '李四', reason: '机构改革' },
    ];
    const kinds = judge('2017-03-01', { waivers }).map((v) => [v.periodKey, v.kind]);
    expect(kinds).toEqual([
      ['2016-Q1', 'waived'],
      ['2016-Q2', 'waived'],
      ['2016-Q3', 'waived'],
      ['2016-Q4', 'insufficient-data'],
    ]);
  });

  it('waives only the named period when a waiver names one, even over evidence', () => {
    const waivers = [
      {
        obligationId: 'tourism-complaints',
        periodKey: '2016-Q2',
        until: '2016-12-31',
        by: '李四',
        reason: '系统迁移',
      },
    ];
    const verdicts = judge('2016-11-10', { waivers, evidence: [evidenceFor('2016-Q2', '2016-07-01')] });
    expect(verdicts.find((v) => v.periodKey === '2016-Q2')).toMatchObject({
      kind: 'waived',
      reasons: ['waived by 李四 until 2016-12-31: 系统迁移'],
    });
    expect(verdicts.find((v) => v.periodKey === '2016-Q3')!.kind).toBe('missing');
  });

  it('records the default a period was decided by', () => {
    const o = obligation('open', { kind: 'unspecified' }, { keywords: ['旅游投诉'] });
    const [v] = judge('2016-06-01', {}, o);
    expect(v!.warnings.some((w) => w.startsWith('default applied: the plan states no deadline'))).toBe(true);
  });

  it('judges event periods that recorded events create, and none without events', () => {
    const o = obligation(
      'after-law',
      { kind: 'event', trigger: '经市人大常委会通过' },
      { keywords: ['旅游条例'] },
    );
    const events = [{ id: 'e1', obligationId: 'after-law', date: '2016-05-10', note: '通过' }];
    expect(judge('2016-12-31', { periods: periods(o, []) }, o)).toEqual([]);
    const evidence = [evidenceFor('event-e1', '2016-05-20', { obligationId: 'after-law' })];
    const [v] = judge('2016-12-31', { periods: periods(o, events), evidence }, o);
    expect(v).toMatchObject({ periodKey: 'event-e1', kind: 'met' });
  });
});

describe('evaluate with matching: end to end over documents', () => {
  const columnChecks = new Map([[columnKey('lyj', 'tzgg'), ['2016-10-28T02:00:00Z']]]);
  const checks = new Map([['lyj', [okCheck('2016-10-28T02:00:00Z')]]]);

  function pipeline(o: Obligation, documents: ReturnType<typeof doc>[], asOf: IsoDate) {
    const ps = periods(o);
    const { evidence, candidates } = matchEvidence({
      obligations: [o],
      periods: ps,
      documents,
      unitSources,
      asOf,
      columnChecks,
    });
    return evaluate({
      obligations: [o],
      periods: ps,
      evidence: [...evidence, ...candidates],
      checks,
      unitSources,
      documents,
      asOf,
      policy: DEFAULT_POLICY,
      calendar,
    });
  }

  it('turns met into late with a backdating warning when a check contradicts the shown date', () => {
    const honest = doc({ title: '第三季度旅游投诉', date: '2016-10-20', firstSeen: '2016-10-21T02:00:00Z' });
    const backdated = doc({
      title: '第三季度旅游投诉',
      date: '2016-10-20',
      firstSeen: '2016-11-10T02:00:00Z',
    });
    const before = pipeline(complaints, [honest], '2016-11-20').find((v) => v.periodKey === '2016-Q3')!;
    const after = pipeline(complaints, [backdated], '2016-11-20').find((v) => v.periodKey === '2016-Q3')!;
    expect(before.kind).toBe('met');
    expect(before.warnings).toEqual([]);
    expect(after.kind).toBe('late');
    expect(after.warnings).toEqual([
      'backdating: “第三季度旅游投诉” shows 2016-10-20 but the monitor saw its column without it later; counted as published 2016-11-10',
    ]);
  });

  it('marks a continuous window missing when the document was removed from its column (a lapse)', () => {
    const o = obligation('guide', { kind: 'continuous' }, { keywords: ['办事指南'] });
    const d = doc({
      title: '旅游办事指南',
      date: '2016-01-02',
      firstSeen: '2016-01-02T02:00:00Z',
      absences: [{ from: '2016-01-20T02:00:00Z', to: null }],
    });
    const verdicts = pipeline(o, [d], '2016-01-31');
    const byKey = Object.fromEntries(verdicts.map((v) => [v.periodKey, v]));
    expect(byKey['2016-C02']!.kind).toBe('met');
    expect(byKey['2016-C03']!.kind).toBe('missing');
    expect(byKey['2016-C03']!.reasons[0]).toContain('removed from 栏目 on 2016-01-20');
    expect(byKey['2016-C05']!.kind).toBe('due-soon');
  });

  it('does not trust stale continuous evidence once the document has vanished', () => {
    const o = obligation('guide', { kind: 'continuous' }, { keywords: ['办事指南'] });
    const d = doc({
      title: '旅游办事指南',
      date: '2016-01-02',
      firstSeen: '2016-01-02T02:00:00Z',
      absences: [{ from: '2016-01-12T02:00:00Z', to: null }],
    });
    const stale: Evidence = {
      ...evidenceFor('2016-C02', '2016-01-02', { obligationId: 'guide' }),
      url: d.url,
      title: d.title,
    };
    const [, c02] = evaluate({
      obligations: [o],
      periods: periods(o),
      evidence: [stale],
      checks,
      unitSources,
      documents: [d],
      asOf: '2016-01-31',
      policy: DEFAULT_POLICY,
      calendar,
    });
    expect(c02).toMatchObject({ periodKey: '2016-C02', kind: 'missing' });
  });
});

describe('summarise and newlyMissing', () => {
  const verdicts = judge('2016-11-10', {
    evidence: [evidenceFor('2016-Q1', '2016-04-01')],
    checks: new Map([
      ['lyj', ['2016-02-01', '2016-05-01', '2016-08-01'].map((d) => okCheck(`${d}T02:00:00Z`))],
    ]),
  });
  const other = obligation('food', { kind: 'quarterly' }, { keywords: ['抽检'] }, ['市食品药品监督管理局']);

  it('counts verdicts per kind and per unit, ranking units by missing periods', () => {
    const foodVerdicts = judge(
      '2016-11-10',
      { checks: new Map([['spj', [okCheck('2016-03-01T00:00:00Z')]]]) },
      other,
    );
    const summary = summarise([...verdicts, ...foodVerdicts], [complaints, other]);
    // Tourism: Q1 met, Q2 and Q3 missing, Q4 pending. Food (read only in March): Q1 missing, Q2 and Q3
    // insufficient-data (no check in their windows), Q4 pending.
    expect(summary.counts).toMatchObject({ met: 1, missing: 3, 'insufficient-data': 2, pending: 2 });
    expect(summary.counts.late).toBe(0);
    expect(summary.byUnit.市旅游局).toEqual({ met: 1, missing: 2, pending: 1 });
    expect(summary.unitsByMissing.map((u) => [u.unit, u.missing])).toEqual([
      ['市旅游局', 2],
      ['市食品药品监督管理局', 1],
    ]);
  });

  it('reports only periods that were not missing before', () => {
    const previous = [
      { obligationId: 'tourism-complaints', periodKey: '2016-Q2', kind: 'missing' as const },
      { obligationId: 'tourism-complaints', periodKey: '2016-Q3', kind: 'due-soon' as const },
    ];
    expect(newlyMissing(previous, verdicts).map((v) => v.periodKey)).toEqual(['2016-Q3']);
    expect(newlyMissing(verdicts, verdicts)).toEqual([]);
  });
});
