import { describe, expect, it } from 'vitest';
import type { Document } from '../../../src/core/document';
import { matchEvidence } from '../../../src/core/match/match-evidence';
import { columnKey } from '../../../src/core/match/published-on';
import { requiredLiteral } from '../../../src/core/match/rule-test';
import type { Obligation } from '../../../src/core/obligation';
import type { Schedule } from '../../../src/core/schedule';
import { doc, obligation, periods, unitSources } from './builders';

const quarterly: Schedule = { kind: 'quarterly' };
const complaints = obligation('tourism-complaints', quarterly, { keywords: ['旅游投诉'] });

function run(o: Obligation, documents: Document[], extra: Partial<Parameters<typeof matchEvidence>[0]> = {}) {
  return matchEvidence({
    obligations: [o],
    periods: periods(o),
    documents,
    unitSources,
    asOf: '2016-12-31',
    ...extra,
  });
}
const keysOf = (items: { periodKey: string }[]) => items.map((e) => e.periodKey);

describe('matchEvidence: rules', () => {
  it('links a title with a keyword from a responsible unit’s source to the period it names', () => {
    const d = doc({ title: '2016年第三季度旅游投诉处理情况', date: '2016-10-12' });
    const { evidence } = run(complaints, [d]);
    expect(evidence).toHaveLength(1);
    expect(evidence[0]).toMatchObject({
      obligationId: 'tourism-complaints',
      periodKey: '2016-Q3',
      kind: 'match',
      url: d.url,
      publishedOn: '2016-10-12',
      sha256: d.sha256,
    });
    expect(evidence[0]!.terms).toEqual(['旅游投诉', '2016年第三季度']);
    expect(evidence[0]!.reason).toContain('title has “旅游投诉”');
    expect(evidence[0]!.reason).toContain('published 2016-10-12 (shown)');
    expect(evidence[0]!.score).toBeGreaterThan(0.5);
  });

  it('leaves unrelated items and other units’ sites alone', () => {
    const { evidence, candidates } = run(complaints, [
      doc({ title: '市旅游局关于开展安全检查的通知', date: '2016-05-01' }),
      doc({
        title: '第二季度旅游投诉情况',
        date: '2016-07-05',
        sourceId: 'spj',
        units: ['市食品药品监督管理局'],
      }),
    ]);
    expect(evidence).toEqual([]);
    expect(candidates).toEqual([]);
  });

  it('finds a document on another site when the document itself names the unit', () => {
    const d = doc({
      title: '第二季度旅游投诉情况',
      date: '2016-07-05',
      sourceId: 'portal',
      units: ['市旅游局'],
    });
    expect(keysOf(run(complaints, [d]).evidence)).toEqual(['2016-Q2']);
  });

  it('needs every required term and refuses excluded ones', () => {
    const o = obligation('sampling', quarterly, {
      keywords: ['抽检'],
      required: ['药品'],
      exclude: ['征求意见'],
    });
    const { evidence } = run(o, [
      doc({ title: '第一季度药品抽检结果', date: '2016-04-10' }),
      doc({ title: '第一季度食品抽检结果', date: '2016-04-10' }),
      doc({ title: '药品抽检办法（征求意见稿）', date: '2016-04-10' }),
    ]);
    expect(evidence.map((e) => e.title)).toEqual(['第一季度药品抽检结果']);
  });

  it('matches title patterns, and keywords found only in an attachment name', () => {
    const o = obligation('budget', { kind: 'annual' }, { titlePatterns: ['部门(预|决)算'] });
    const byPattern = doc({ title: '市旅游局2016年部门预算公开', date: '2016-03-01' });
    const byAttachment = doc({
      title: '信息公开',
      date: '2016-03-02',
      attachments: [{ url: 'http://127.0.0.1/a.pdf', name: '2016年部门决算.pdf', sha256: 'a-sha' }],
    });
    const { evidence } = run(o, [byPattern, byAttachment]);
    expect(evidence.map((e) => e.url).sort()).toEqual([byPattern.url, byAttachment.url].sort());
    const viaAttachment = evidence.find((e) => e.url === byAttachment.url)!;
    expect(viaAttachment.reason).toContain('attachment names have');
    expect(viaAttachment.score).toBeLessThan(evidence.find((e) => e.url === byPattern.url)!.score);
  });

  it('keeps only documents from the column kinds a rule names', () => {
    const o = obligation('notices', quarterly, { keywords: ['旅游投诉'], columnKinds: ['notice'] });
    const { evidence } = run(o, [
      doc({ title: '第一季度旅游投诉', date: '2016-04-10', columnKind: 'news' }),
      doc({ title: '第二季度旅游投诉', date: '2016-07-10', columnKind: 'notice' }),
    ]);
    expect(keysOf(evidence)).toEqual(['2016-Q2']);
  });

  it('accepts for an attachment-only rule a notice with a file attached, or a file itself', () => {
    const o = obligation('budget-file', { kind: 'annual' }, { keywords: ['部门预算'], attachmentOnly: true });
    const withFile = doc({
      title: '2016年部门预算',
      date: '2016-03-01',
      attachments: [{ url: 'http://127.0.0.1/ys.xls', name: '预算表', sha256: 'file-sha' }],
    });
    const file = doc({ title: '部门预算表', date: '2016-03-02', url: 'http://127.0.0.1/ys2016.pdf' });
    const bare = doc({ title: '关于部门预算的说明', date: '2016-03-03' });
    const { evidence } = run(o, [withFile, file, bare]);
    expect(evidence.map((e) => e.url).sort()).toEqual([file.url, withFile.url].sort());
    const attached = evidence.find((e) => e.url === withFile.url)!;
    expect(attached.sha256).toBe('file-sha');
    expect(attached.reason).toContain('attachment “预算表”');
  });

  it('skips rules no website can show', () => {
    const o = obligation('training', quarterly, { verifiable: false, unverifiableReason: '内部培训' });
    expect(run(o, [doc({ title: '第一季度培训', date: '2016-04-01' })]).evidence).toEqual([]);
  });

  it('warns when no source carries an obligation’s units', () => {
    const o = obligation('nobody', quarterly, { keywords: ['统计'] }, ['市统计局']);
    expect(run(o, []).warnings).toEqual(['nobody: no source carries the evidence of 市统计局']);
  });
});

describe('matchEvidence: which period', () => {
  it('gives a report published in the grace time to the previous quarter', () => {
    const { evidence } = run(complaints, [doc({ title: '旅游投诉处理情况通报', date: '2016-07-05' })]);
    expect(keysOf(evidence)).toEqual(['2016-Q2']);
    expect(evidence[0]!.reason).toContain('grace time of 2016年第二季度');
  });

  it('gives the second report in the grace time to the running quarter once the previous has one', () => {
    const { evidence } = run(complaints, [
      doc({ title: '旅游投诉处理情况通报', date: '2016-07-05' }),
      doc({ title: '旅游投诉处理情况通报（二）', date: '2016-07-20' }),
    ]);
    expect(keysOf(evidence)).toEqual(['2016-Q2', '2016-Q3']);
  });

  it('lets a period named in the title beat the publication date', () => {
    const { evidence } = run(complaints, [doc({ title: '第一季度旅游投诉处理情况', date: '2016-07-05' })]);
    expect(keysOf(evidence)).toEqual(['2016-Q1']);
  });

  it('lets one half-year report evidence two quarters', () => {
    const { evidence } = run(complaints, [doc({ title: '2016年上半年旅游投诉情况', date: '2016-07-08' })]);
    expect(keysOf(evidence)).toEqual(['2016-Q1', '2016-Q2']);
  });

  it('lets several documents evidence one period', () => {
    const { evidence } = run(complaints, [
      doc({ title: '第三季度旅游投诉（一）', date: '2016-10-08' }),
      doc({ title: '第三季度旅游投诉（二）', date: '2016-10-20' }),
    ]);
    expect(keysOf(evidence)).toEqual(['2016-Q3', '2016-Q3']);
  });

  it('picks the week of a numbered batch by its publication date', () => {
    const o = obligation('food', { kind: 'weekly' }, { keywords: ['食品抽检'] });
    const { evidence } = run(o, [doc({ title: '8月第二批食品抽检结果', date: '2016-08-10' })]);
    expect(keysOf(evidence)).toEqual(['2016-W33']);
  });

  it('keeps a report about another year as a candidate, not evidence', () => {
    const { evidence, candidates } = run(complaints, [
      doc({ title: '2015年第四季度旅游投诉情况', date: '2016-01-15' }),
    ]);
    expect(evidence).toEqual([]);
    expect(candidates).toHaveLength(1);
    expect(candidates[0]).toMatchObject({ kind: 'candidate', periodKey: '2016-Q1' });
    expect(candidates[0]!.reason).toMatch(/^near miss: .*“2015年第四季度”, no period of this obligation/);
  });

  it('keeps a document published after the as-of date as a candidate', () => {
    const d = doc({ title: '第三季度旅游投诉', date: '2016-10-12' });
    const { evidence, candidates } = run(complaints, [d], { asOf: '2016-10-01' });
    expect(evidence).toEqual([]);
    expect(candidates[0]).toMatchObject({ periodKey: '2016-Q3', kind: 'candidate' });
    expect(candidates[0]!.reason).toContain('published after the as-of date 2016-10-01');
  });

  it('ignores documents from unrelated years altogether', () => {
    const { evidence, candidates } = run(complaints, [doc({ title: '旅游投诉情况', date: '2013-05-01' })]);
    expect([...evidence, ...candidates]).toEqual([]);
  });

  it('counts for a once period any document since the start of the plan year', () => {
    const o = obligation('rules', { kind: 'once', dates: ['2016-07-31'] }, { keywords: ['旅游条例'] });
    const { evidence } = run(o, [doc({ title: '旅游条例解读', date: '2016-09-01' })]);
    expect(keysOf(evidence)).toEqual(['once-1']);
  });

  it('uses a once period’s name when the title gives it', () => {
    const o = obligation(
      'exams',
      { kind: 'once', dates: ['2016-03-31', '2016-11-30'], labels: ['中考', '高考'] },
      { keywords: ['招生'] },
    );
    const { evidence } = run(o, [
      doc({ title: '2016年高考招生工作通知', date: '2016-03-10' }),
      doc({ title: '招生工作安排', date: '2016-05-10' }),
    ]);
    expect(evidence.map((e) => [e.title, e.periodKey])).toEqual([
      ['2016年高考招生工作通知', 'once-2'],
      ['招生工作安排', 'once-2'],
    ]);
  });

  it('counts for an unspecified period any document of the plan year', () => {
    const o = obligation('open', { kind: 'unspecified' }, { keywords: ['旅游投诉'] });
    const { evidence } = run(o, [doc({ title: '旅游投诉情况', date: '2016-12-20' })]);
    expect(keysOf(evidence)).toEqual(['2016']);
  });

  it('links a document to the latest event on or before its publication', () => {
    const o = obligation(
      'after-law',
      { kind: 'event', trigger: '经市人大常委会通过' },
      { keywords: ['旅游条例'] },
    );
    const events = [
      { id: 'e1', obligationId: 'after-law', date: '2016-03-01', note: '' },
      { id: 'e2', obligationId: 'after-law', date: '2016-09-01', note: '' },
    ];
    const { evidence, candidates } = matchEvidence({
      obligations: [o],
      periods: periods(o, events),
      documents: [
        doc({ title: '旅游条例全文', date: '2016-02-20' }),
        doc({ title: '旅游条例解读', date: '2016-03-05' }),
        doc({ title: '旅游条例修正', date: '2016-09-03' }),
      ],
      unitSources,
      asOf: '2016-12-31',
    });
    expect(evidence.map((e) => [e.title, e.periodKey])).toEqual([
      ['旅游条例解读', 'event-e1'],
      ['旅游条例修正', 'event-e2'],
    ]);
    expect(candidates.map((e) => [e.title, e.periodKey])).toEqual([['旅游条例全文', 'event-e1']]);
  });

  it('links a continuous obligation to each check window the document stood in its column', () => {
    const o = obligation('guide', { kind: 'continuous' }, { keywords: ['办事指南'] });
    const d = doc({
      title: '旅游办事指南',
      date: '2016-01-02',
      firstSeen: '2016-01-02T02:00:00Z',
      absences: [{ from: '2016-01-20T02:00:00Z', to: null }],
    });
    const { evidence, candidates } = run(o, [d], { asOf: '2016-01-31' });
    expect(keysOf(evidence)).toEqual(['2016-C01', '2016-C02']);
    expect(keysOf(candidates)).toEqual(['2016-C03', '2016-C04', '2016-C05']);
    expect(candidates[0]!.reason).toContain('removed from its column on 2016-01-20');
  });
});

describe('matchEvidence: publication date', () => {
  it('counts an undated item from the day it was first seen (Asia/Shanghai)', () => {
    const d = doc({ title: '旅游投诉情况', date: null, firstSeen: '2016-08-09T17:00:00Z' });
    const { evidence } = run(complaints, [d]);
    expect(evidence[0]).toMatchObject({ publishedOn: '2016-08-10', periodKey: '2016-Q3' });
    expect(evidence[0]!.reason).toContain('no date shown, first seen 2016-08-10');
  });

  it('counts a backdated item from its first-seen date and says why', () => {
    const d = doc({ title: '第二季度旅游投诉情况', date: '2016-07-20', firstSeen: '2016-08-10T02:00:00Z' });
    const columnChecks = new Map([
      [columnKey('lyj', 'tzgg'), ['2016-07-01T02:00:00Z', '2016-07-25T02:00:00Z']],
    ]);
    const { evidence } = run(complaints, [d], { columnChecks });
    expect(evidence[0]).toMatchObject({ publishedOn: '2016-08-10', periodKey: '2016-Q2' });
    expect(evidence[0]!.reason).toContain('backdated');
  });
});

describe('requiredLiteral', () => {
  it.each([
    ['部门(预|决)算', '部门'],
    ['旅游.{0,6}(结果|通报)', '旅游'],
    ['三公经费?', '三公经'],
    ['[一二]季度报告', '季度报告'],
    ['预算|决算', null],
    ['\\d+年', null],
  ])('finds in %s the text every match contains: %s', (pattern, literal) => {
    expect(requiredLiteral(pattern)).toBe(literal);
  });
});

describe('matchEvidence: seasonal schedules', () => {
  const season = obligation(
    'mosquito',
    { kind: 'seasonal', fromMonth: 4, toMonth: 10, every: 'monthly' },
    { keywords: ['登革热'] },
  );

  it('gives a report just after the season to its last month, and keeps a report named outside it as a candidate', () => {
    const ps = periods(season);
    const october = ps[ps.length - 1]!;
    const { evidence, candidates } = run(season, [
      doc({ title: '登革热防控情况', date: '2016-11-03' }),
      doc({ title: '3月登革热防控情况', date: '2016-04-05' }),
    ]);
    expect(keysOf(evidence)).toEqual([october.key]);
    expect(candidates.map((c) => [c.title, c.periodKey])).toEqual([['3月登革热防控情况', ps[0]!.key]]);
  });
});
