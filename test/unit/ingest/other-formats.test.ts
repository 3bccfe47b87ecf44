import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestPlan } from '../../../src/ingest/ingest';

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/plans/${name}`, import.meta.url), 'utf8');

describe('a table with 牵头单位 / 配合单位 columns', () => {
  const { format, draft } = ingestPlan(fixture('column-table.tsv'), { year: 2017, issuer: '台山市' });
  const item = (n: number) => draft.obligations.find((o) => o.item === n)!;

  it('is read by its header row', () => {
    expect(format).toBe('column-table');
    expect(draft.plan.title).toBe('台山市2017年政务公开重点工作任务分解表');
    expect(draft.obligations.map((o) => o.item)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('puts lead units in units and supporting units apart', () => {
    expect(item(1).units).toEqual(['市财政局']);
    expect(item(1).supportingUnits).toEqual(['各镇（街）', '市直各部门']);
  });

  it('splits supporting units run together without separators', () => {
    expect(item(3).supportingUnits).toEqual(['市发展改革局', '市住房城乡建设局', '市国土资源局']);
  });

  it('joins a wrapped row into the item above and records both lines', () => {
    expect(item(3).task).toBe('在公共资源交易平台公开交易公告、成交信息等，实现全流程公开。');
    expect(item(3).source.lines).toEqual([5, 6]);
  });

  it('takes the category of a merged cell from the row above', () => {
    expect(item(2).category).toBe('推进预决算公开');
    expect(item(5).category).toBe('推进政策解读');
  });

  it('carries an empty lead unit cell down and flags it', () => {
    expect(item(5).units).toEqual(['市府办公室']);
    expect(item(5).unitsCarried).toBe(true);
    expect(item(5).review.join()).toContain('carried down from item 4');
  });

  it('reads deadlines from the cell or, when the cell is empty, from the prose', () => {
    expect(item(6).schedule).toEqual({ kind: 'once', dates: ['2017-11-30'] });
    expect(item(5).schedule).toEqual({ kind: 'once', dates: ['2017-12-31'] });
    expect(item(5).review.join()).toContain('年底前');
    expect(item(4).schedule).toEqual({
      kind: 'event',
      trigger: '重要政策文件印发后',
      within: { amount: 3, unit: 'workingDays' },
    });
    expect(item(2).schedule).toEqual({ kind: 'quarterly' });
    expect(item(1).schedule).toEqual({ kind: 'unspecified' });
    expect(item(1).review.join()).toContain('按预算法规定');
  });
});

describe('a numbered prose plan with 一、 sections and （一） items', () => {
  const { format, draft } = ingestPlan(fixture('prose-sections.txt'), { year: 2017, issuer: '蓬江区' });
  const items = (n: number) => draft.obligations.filter((o) => o.item === n);
  const item = (n: number) => items(n)[0]!;

  it('numbers items by the deepest numbering and takes sections as categories', () => {
    expect(format).toBe('prose-list');
    expect([...new Set(draft.obligations.map((o) => o.item))]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(item(1).category).toBe('推进重点领域信息公开');
    expect(item(4).category).toBe('积极回应社会关切');
  });

  it('reads units named in the prose (…牵头，…配合)', () => {
    expect(item(1).units).toEqual(['区财政局']);
    expect(item(1).supportingUnits).toEqual(['各镇（街）', '区直各部门']);
  });

  it('takes labelled unit notes out of the task text', () => {
    expect(item(4).task).toBe('重大突发事件发生后，在2个工作日内发布权威信息。');
    expect(item(4).units).toEqual(['区府办公室']);
    expect(item(4).supportingUnits).toEqual(['区委宣传部', '区应急办']);
    expect(item(3).units).toEqual(['区食品药品监管局', '区市场监管局']);
  });

  it('reads a deadline note and deadlines written only in the prose', () => {
    expect(item(6).deadlineText).toBe('2018年1月底前');
    expect(item(6).schedule).toEqual({ kind: 'once', dates: ['2018-01-31'] });
    expect(item(3).schedule).toEqual({ kind: 'once', dates: ['2017-07-31'] });
    expect(item(3).review.join()).toContain('deadline only in the task prose');
    expect(item(4).schedule).toMatchObject({ kind: 'event', within: { amount: 2, unit: 'workingDays' } });
  });

  it('splits an item with two frequencies', () => {
    expect(items(2).map((o) => o.schedule.kind)).toEqual(['monthly', 'quarterly']);
  });

  it('records the lines an item spans', () => {
    expect(item(3).source.lines).toEqual([6, 8]);
  });
});

describe('a plan numbered 1. 2. 3. with 责任单位 / 完成时限 lines', () => {
  const { format, draft } = ingestPlan(fixture('numbered-list.txt'), { year: 2017, issuer: '开平市' });

  it('reads each item with its units and deadline lines', () => {
    expect(format).toBe('prose-list');
    const [first, second, third] = draft.obligations;
    expect(first!.task).toBe('公开征地信息，及时发布征地批复文件。');
    expect(first!.units).toEqual(['市国土资源局']);
    expect(first!.schedule).toMatchObject({ kind: 'event', within: { amount: 10, unit: 'days' } });
    expect(second!.units).toEqual(['市府办公室', '市发展改革局']);
    expect(second!.schedule).toEqual({ kind: 'semiannual' });
    expect(third!.unitsCarried).toBe(true);
    expect(third!.schedule).toEqual({ kind: 'unspecified' });
  });
});
