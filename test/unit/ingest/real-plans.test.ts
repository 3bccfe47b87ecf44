import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { meetsTargets, scoreCorpus } from '../../../bench/ingest/score';
import { readDocument } from '../../../src/ingest/document';
import { ingestPlan, toDraft } from '../../../src/ingest/ingest';
import { isCollectiveUnit, readUnitCell } from '../../../src/ingest/units';

const real = (name: string) => new URL(`../../fixtures/plans/real/${name}`, import.meta.url);

describe('the real-plan corpus', async () => {
  const scores = await scoreCorpus();

  it('holds plans of every shape', () => {
    const shapes = new Set(scores.map((s) => s.expectedShape));
    for (const shape of ['cell-table', 'paragraph-table', 'html-table', 'docx-table', 'prose-list'])
      expect(shapes).toContain(shape);
  });

  it.each(scores.map((s) => [s.file, s] as const))(
    '%s meets the targets with its shape detected',
    (_, score) => {
      expect(score.shape).toBe(score.expectedShape);
      expect(meetsTargets(score)).toBe(true);
    },
  );
});

describe('reading the shapes of a real plan', () => {
  it('reads the column order from the header and the category shown once for several items', async () => {
    const { format, plan } = await readDocument(readFileSync(real('chizhou-xfj-cells.txt')));
    const draft = toDraft(plan, { year: 2024, issuer: '池州市信访局' });
    expect(format).toBe('cell-table');
    const item = (n: number) => draft.obligations.find((o) => o.item === n)!;
    expect(item(3).category).toBe('做好主动公开基础工作');
    expect(item(4).category).toBe('做好主动公开基础工作');
    expect(item(4).task).toContain('年度报告');
    expect(item(1).deadlineText).toBe('年底前');
    expect(item(1).source.lines).toEqual([11, 17]);
  });

  it('keeps lead (牵头) and supporting (配合) units apart and marks collective units', async () => {
    const { plan } = await readDocument(readFileSync(real('jiangmen-tdcbzx.docx')));
    const item4 = toDraft(plan, { year: 2024, issuer: '江门市' }).obligations.find((o) => o.item === 4)!;
    expect(item4.units).toEqual(['办公室']);
    expect(item4.supportingUnits).toEqual(['各科室']);
    expect(item4.collectiveUnits).toEqual(['各科室']);
  });

  it('lays out merged HTML cells so each item gets its category and units', async () => {
    const { format, plan } = await readDocument(readFileSync(real('beijing-fengong-2016-2020.html')));
    const draft = toDraft(plan, { year: 2016, issuer: '北京市' });
    expect(format).toBe('html-table');
    const item3 = draft.obligations.find((o) => o.item === 3)!;
    expect(item3.units).toEqual(['市政府办公厅', '市政府法制办']);
    expect(item3.supportingUnits).toEqual(['各区政府', '市政府各部门']);
    expect(item3.category).toBe('一、推进行政权力运行全流程公开');
    expect(draft.obligations.find((o) => o.item === 1)!.units).toEqual([
      '市人大常委会法制办',
      '市政府法制办',
    ]);
  });

  it('honours --format: the cell readers alone refuse a numbered list', () => {
    const prose = readFileSync(real('beijing-fengong-2016-2020.txt'), 'utf8');
    expect(() => ingestPlan(prose, { year: 2016, issuer: '北京市', format: 'cells' })).toThrow(
      /no table found/,
    );
    expect(ingestPlan(prose, { year: 2016, issuer: '北京市', format: 'text' }).format).toBe('prose-list');
  });
});

describe('numbers in a one-paragraph table', () => {
  const paragraph = (body: string) => `${'工作任务具体工作责任单位完成时限'}${body}`.padEnd(320, '。');

  it('takes only numbers that continue the sequence: 2016.5 and 1.5亿元 are not items', () => {
    const text = paragraph(
      '一、推进预算公开1.公开2016.5版预算,规模1.5亿元。市财政局年底前2.公开部门决算。各区政府6月底前3.公开三公经费。市直各部门年底前',
    );
    const { format, draft } = ingestPlan(text, { year: 2016, issuer: '某市' });
    expect(format).toBe('paragraph-table');
    expect(draft.obligations.map((o) => o.item)).toEqual([1, 2, 3]);
    expect(draft.obligations[0]!.task).toContain('2016.5版预算,规模1.5亿元');
    expect(draft.obligations[0]!.units).toEqual(['市财政局']);
    expect(draft.obligations[1]!.collectiveUnits).toEqual(['各区政府']);
    expect(draft.obligations[2]!.deadlineText).toBe('年底前');
  });

  it('reads 第一条 and （1） numbering styles', () => {
    const articles = paragraph(
      '第一条公开预算。市财政局年底前第二条公开决算。市审计局年底前第三条公开收费。市发展改革局年底前',
    );
    expect(ingestPlan(articles, { year: 2016, issuer: '某市' }).draft.obligations.map((o) => o.item)).toEqual(
      [1, 2, 3],
    );
    const parens = paragraph(
      '（1）公开预算。市财政局年底前（2）公开决算。市审计局年底前（3）公开收费。市发展改革局年底前',
    );
    expect(ingestPlan(parens, { year: 2016, issuer: '某市' }).draft.obligations.map((o) => o.item)).toEqual([
      1, 2, 3,
    ]);
  });
});

describe('units', () => {
  it('marks the names of groups collective and single departments not', () => {
    for (const unit of [
      '各设区市',
      '省直各部门',
      '各地区各部门',
      '市直有关单位',
      '各县（市、区）政府',
      '各科室',
      '市政府各部门',
    ])
      expect(isCollectiveUnit(unit), unit).toBe(true);
    for (const unit of ['市财政局', '办公室', '省编办（省审改办）', '市政府办公厅'])
      expect(isCollectiveUnit(unit), unit).toBe(false);
  });

  it('reads 牵头 and 配合 written inside a unit cell', () => {
    expect(readUnitCell('办公室牵头,各科室配合')).toEqual({ lead: ['办公室'], supporting: ['各科室'] });
    expect(readUnitCell('市发改委牵头落实')).toEqual({ lead: ['市发改委'], supporting: [] });
    expect(readUnitCell('市金融办、市财政局分别牵头落实')).toEqual({
      lead: ['市金融办', '市财政局'],
      supporting: [],
    });
  });
});
