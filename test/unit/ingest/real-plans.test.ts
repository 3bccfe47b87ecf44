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
    for (const shape of [
      'cell-table',
      'paragraph-table',
      'html-table',
      'docx-table',
      'doc-table',
      'prose-list',
    ])
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

describe('a provincial table with 牵头单位 and 责任单位 columns', () => {
  it('keeps the lead cell apart from the responsible cell when the paragraph runs them together', () => {
    const { format, draft } = ingestPlan(readFileSync(real('fujian-2015-paragraph.txt'), 'utf8'), {
      year: 2015,
      issuer: '福建省',
    });
    expect(format).toBe('paragraph-table');
    const item = (n: number) => draft.obligations.find((o) => o.item === n)!;
    expect(item(1).units).toEqual(['省编办(省审改办)']);
    expect(item(1).supportingUnits).toEqual(['省直各部门', '各设区市', '平潭综合实验区']);
    expect(item(1).collectiveUnits).toEqual(['省直各部门', '各设区市']);
    expect(item(1).task).toBe('政府工作部门行政审批项目取消、下放以及非行政许可审批事项等信息公开');
  });

  it('reads the lead unit of the issue example, full-width punctuation and all', () => {
    // The first item as quoted in the issue; items 2 and 3 as the Fujian table shows them.
    const text =
      '工作任务牵头单位责任单位一、围绕深化改革推进公开（一）进一步推进权力清单1.全面公开省级政府工作部门权力清单和责任清单省编办（省审改办）省直各部门，各设区市2.政府工作部门权力清单信息公开3.行政审批事项信息公开（二）推进财政资金信息公开4.财政预算、决算及“三公”经费公开省财政厅省直各部门,各设区市、平潭综合实验区';
    const { format, draft } = ingestPlan(text, { year: 2016, issuer: '某省' });
    expect(format).toBe('paragraph-table');
    const first = draft.obligations[0]!;
    expect(first.task).toBe('全面公开省级政府工作部门权力清单和责任清单');
    expect(first.units).toEqual(['省编办（省审改办）']);
    expect(first.supportingUnits).toEqual(['省直各部门', '各设区市']);
    expect(draft.obligations[3]!.units).toEqual(['省财政厅']);
  });

  it('gives a row whose unit cells were merged away the units above, lead and supporting, marked for review', async () => {
    const { format, plan } = await readDocument(readFileSync(real('fujian-2015-cells.txt')));
    const draft = toDraft(plan, { year: 2015, issuer: '福建省' });
    expect(format).toBe('cell-table');
    const item = (n: number) => draft.obligations.find((o) => o.item === n)!;
    expect(item(2).units).toEqual(['省编办(省审改办)']);
    expect(item(2).supportingUnits).toEqual(['省直各部门', '各设区市', '平潭综合实验区']);
    expect(item(2).unitsCarried).toBe(true);
    // Row 5 shows one unit cell: the responsible one, the lead cell being merged over rows 4-6.
    expect(item(5).units).toEqual(['省财政厅']);
    expect(item(5).supportingUnits).toEqual(['各设区市', '平潭综合实验区']);
    expect(item(5).review.join('\n')).toMatch(/units carried down from item 4/);
    expect(item(4).category).toBe('(二)推进财政资金信息公开');
  });
});

describe('a table without item numbers', () => {
  it('numbers the rows in table order and marks each for review', async () => {
    const { format, plan } = await readDocument(readFileSync(real('weifang-2017-cells.txt')));
    const draft = toDraft(plan, { year: 2017, issuer: '潍坊市' });
    expect(format).toBe('cell-table');
    expect(draft.obligations.map((o) => o.item)).toEqual([1, 2, 3, 4]);
    expect(draft.obligations[2]!.units).toEqual(['市金融办', '人民银行潍坊市中心支行', '潍坊银监分局']);
    expect(draft.obligations[0]!.category).toBe('一、以政务公开助力稳增长 (一)加强预期引导');
    for (const obligation of draft.obligations)
      expect(obligation.review.join('\n')).toMatch(/shows no item numbers/);
  });

  it('reads a town plan whose cells are separated by | lines and whose rows carry no numbers', async () => {
    const { format, plan } = await readDocument(readFileSync(real('qiaocheng-town-cells.txt')));
    const draft = toDraft(plan, { year: 2025, issuer: '谯城区某镇' });
    expect(format).toBe('cell-table');
    expect(draft.obligations.map((o) => [o.item, o.category])).toEqual([
      [1, '推进政策公开'],
      [2, '推进政策公开'],
      [3, '推进政策公开'],
      [4, '强化权力配置信息公开'],
      [5, '强化权力配置信息公开'],
      [6, '提升解读咨询水平'],
      [7, '提升解读咨询水平'],
      [8, '提升解读咨询水平'],
    ]);
  });

  it('reads the same rows from an HTML table whose category cells span them', async () => {
    const { format, plan } = await readDocument(readFileSync(real('weifang-2017.html')));
    const draft = toDraft(plan, { year: 2017, issuer: '潍坊市' });
    expect(format).toBe('html-table');
    expect(draft.obligations.map((o) => [o.item, o.units[0]])).toEqual([
      [1, '市发改委'],
      [2, '市人社局'],
      [3, '市金融办'],
      [4, '市财政局'],
    ]);
  });

  it('leaves a numbered table to its numbers', () => {
    const text = [
      '工作任务',
      '具体要求',
      '责任单位',
      '一、做好预算公开',
      '1.公开预算。',
      '市财政局',
      '2.公开决算。',
      '市审计局',
    ].join('\n');
    expect(() => ingestPlan(text, { year: 2016, issuer: '某市', format: 'cells' })).toThrow(/no table found/);
  });
});

describe('numbers in a cell table', () => {
  const items = (text: string) =>
    ingestPlan(text, { year: 2016, issuer: '某市' }).draft.obligations.map((o) => [o.item, o.units[0]]);

  it('restarts 1、 numbering per category and never takes 2016.5 or 1.5亿元 for an item', () => {
    const text =
      '工作任务|具体要求|责任单位|完成时限\n一、预算|1、公开预算，规模1.5亿元。|市财政局|2016.5\n|2、公开决算。|市审计局|年底前\n二、决算|1、公开三公经费。|市财政局|年底前\n';
    const { draft } = ingestPlan(text, { year: 2016, issuer: '某市' });
    expect(draft.obligations.map((o) => [o.item, o.category, o.deadlineText])).toEqual([
      [1, '一、预算', '2016.5'],
      [2, '一、预算', '年底前'],
      [1, '二、决算', '年底前'],
    ]);
    expect(draft.obligations[2]!.review.join('\n')).toMatch(/item number 1 repeats/);
  });

  it('reads (一) and 第一条 as item numbers when nothing else numbers the items', () => {
    expect(
      items(
        '序号|具体工作|责任单位\n(一)|公开预算|市财政局\n(二)|公开决算|市审计局\n(三)|公开收费|市发展改革局\n',
      ),
    ).toEqual([
      [1, '市财政局'],
      [2, '市审计局'],
      [3, '市发展改革局'],
    ]);
    expect(
      items(
        '具体工作|责任单位\n第一条 公开预算。|市财政局\n第二条 公开决算。|市审计局\n第三条 公开收费。|市发展改革局\n',
      ),
    ).toEqual([
      [1, '市财政局'],
      [2, '市审计局'],
      [3, '市发展改革局'],
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

  it('splits a list that closes with 等相关区直部门 into the named unit and a collective group', () => {
    expect(readUnitCell('区数据资源局、区发改委等相关区直部门、各镇(办)、经开区')).toEqual({
      lead: ['区数据资源局', '区发改委', '相关区直部门', '各镇(办)', '经开区'],
      supporting: [],
    });
    expect(isCollectiveUnit('相关区直部门')).toBe(true);
    expect(readUnitCell('财政所、便民综合服务中心、土管所等').lead).toEqual([
      '财政所',
      '便民综合服务中心',
      '土管所',
    ]);
    expect(isCollectiveUnit('经开区')).toBe(false);
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
