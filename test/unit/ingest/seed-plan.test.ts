import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DraftCatalogueSchema, type DraftObligation } from '../../../src/core/obligation';
import { ingestPlan } from '../../../src/ingest/ingest';

const text = readFileSync(new URL('../../../seeds/jiangmen-2016/plan.txt', import.meta.url), 'utf8');
const { format, draft } = ingestPlan(text, { year: 2016, issuer: '江门市' });
const byItem = (item: number): DraftObligation[] => draft.obligations.filter((o) => o.item === item);
const one = (item: number): DraftObligation => {
  const found = byItem(item);
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe('ingest of the Jiangmen 2016 seed plan', () => {
  it('reads it as a flattened table and yields a valid draft', () => {
    expect(format).toBe('flattened-table');
    expect(DraftCatalogueSchema.safeParse(draft).success).toBe(true);
  });

  it('finds every item from 8 to 96 exactly once or as a split', () => {
    const items = [...new Set(draft.obligations.map((o) => o.item))];
    expect(items).toEqual(Array.from({ length: 89 }, (_, i) => i + 8));
  });

  it('keeps the plan title without the download-site decoration', () => {
    expect(draft.plan.title).toBe('江门市贯彻落实省府办公厅政务公开工作要点分工方案');
  });

  it('keeps task texts verbatim and joins a cell line cut mid-sentence without a break', () => {
    expect(one(84).task).toBe('运用媒体及时发布重要政务信息,为媒体准确把握重大政策精神和采访提供便利。');
    expect(one(10).task).toBe('每季度公示旅游投诉情况。');
    expect(one(46).task).toBe(
      '做好供养救助、医疗救助、临时救助等政策、标准等信息公开;\n严格执行审核公示、审批公示制度;\n对低保、特困人员供养相关信息和保障金额实行长期公示。',
    );
    expect(one(74).task).toBe(
      '预算信息公开:\n及时公开市级政府预算信息,明确预算公开的主体、时间、内容等要求,督促各地、各部门按规定公开预算信息。',
    );
  });

  it('reads the merged category cell and carries it down until a new one appears', () => {
    expect(one(17).category).toBe('做好“信用广东”网站的连接工作');
    expect(one(19).category).toBe('做好“信用广东”网站的连接工作');
    expect(one(74).category).toBe('深入推进预决算公开');
    expect(one(75).category).toBe('深入推进预决算公开');
    expect(one(12).category).toBeNull();
  });

  it('reads units with notes, several units and units continued after 、', () => {
    expect(one(12).units).toEqual(['市科技局(市知识产权局)']);
    expect(one(42).units).toEqual(['市农业局(扶贫办)']);
    expect(one(22).units).toEqual(['市网信统筹局', '市直有关单位']);
    expect(one(68).units).toEqual(['市府办公室', '市法制局']);
    expect(one(76).units).toEqual(['市政府各部门', '各直属机构']);
    expect(one(76).unitsCarried).toBe(false);
  });

  it('flags carried-down units for review and item 8 as having no unit', () => {
    const carried = one(52);
    expect(carried.units).toEqual(['市人力资源社会保障局']);
    expect(carried.unitsCarried).toBe(true);
    expect(carried.review.some((r) => r.includes('carried down from item 49'))).toBe(true);
    const first = one(8);
    expect(first.units).toEqual([]);
    expect(first.category).toBeNull();
    expect(first.review.some((r) => r.includes('no responsible unit'))).toBe(true);
    for (const o of draft.obligations.filter((x) => x.unitsCarried)) {
      expect(o.review.some((r) => r.includes('carried down'))).toBe(true);
    }
  });

  it('reads explicit deadlines into once schedules', () => {
    expect(one(17).schedule).toEqual({ kind: 'once', dates: ['2016-06-30'] });
    expect(one(36).schedule).toEqual({ kind: 'once', dates: ['2016-07-31'] });
    expect(one(73).deadlineText).toBe('2016年7月底 / 2016年10月底 / 2017年1月底');
    expect(one(73).schedule).toEqual({ kind: 'once', dates: ['2016-07-31', '2016-10-31', '2017-01-31'] });
    expect(one(45).deadlineText).toBe('2017年 / 3月底');
    expect(one(45).schedule).toEqual({ kind: 'once', dates: ['2017-03-31'] });
    expect(one(59).schedule).toEqual({
      kind: 'once',
      dates: ['2016-03-31', '2016-11-30'],
      labels: ['中考', '高考'],
    });
    expect(one(94).schedule).toEqual({ kind: 'once', dates: ['2016-11-30'] });
    expect(one(95).schedule).toEqual({ kind: 'once', dates: ['2017-03-31'] });
  });

  it('reads frequencies stated in the task', () => {
    expect(one(10).schedule).toEqual({ kind: 'quarterly' });
    expect(one(55).schedule).toEqual({ kind: 'monthly' });
    expect(one(56).schedule).toEqual({ kind: 'quarterly' });
    expect(one(69).schedule).toEqual({ kind: 'semiannual' });
    expect(one(77).schedule).toEqual({ kind: 'annual' });
  });

  it('splits items with several frequencies into one obligation each', () => {
    expect(byItem(63).map((o) => o.schedule.kind)).toEqual(['weekly', 'quarterly']);
    expect(byItem(63)[0]!.review.join()).toContain('每周公开食品抽检信息');
    expect(byItem(63)[1]!.review.join()).toContain('每季度公开药品抽检信息');
    expect(byItem(67).map((o) => o.schedule.kind)).toEqual(['monthly', 'quarterly', 'event']);
    expect(byItem(9).map((o) => o.schedule.kind)).toEqual(['quarterly', 'annual']);
    for (const o of [...byItem(63), ...byItem(67), ...byItem(9)]) {
      expect(o.review.some((r) => r.includes('several frequencies'))).toBe(true);
    }
  });

  it('reads the dengue season as seasonal and flags that 定期 gives no frequency', () => {
    const o = one(62);
    expect(o.schedule).toEqual({ kind: 'seasonal', fromMonth: 4, toMonth: 10, every: 'monthly' });
    expect(o.review.some((r) => r.includes('定期'))).toBe(true);
  });

  it('reads events with their trigger and time limit', () => {
    expect(one(71).schedule).toEqual({ kind: 'event', trigger: '经市人大常委会通过以后' });
    expect(one(71).review.some((r) => r.includes('no time limit'))).toBe(true);
    expect(one(76).schedule).toMatchObject({ kind: 'event', within: { amount: 3, unit: 'workingDays' } });
    expect(one(81).schedule).toEqual({
      kind: 'event',
      trigger: '特别重大、重大突发事件发生后',
      within: { amount: 24, unit: 'hours' },
    });
    expect(one(75).schedule).toMatchObject({ kind: 'event', within: { amount: 20, unit: 'days' } });
  });

  it('reads 全年工作 as annual with a review reason', () => {
    expect(one(8).deadlineText).toBe('全年工作');
    expect(one(8).schedule).toEqual({ kind: 'annual' });
    expect(one(8).review.some((r) => r.includes('全年工作'))).toBe(true);
  });

  it('leaves what the text does not say unspecified, with a reason', () => {
    const o = one(64);
    expect(o.deadlineText).toBeNull();
    expect(o.schedule).toEqual({ kind: 'unspecified' });
    expect(o.review.some((r) => r.includes('no deadline'))).toBe(true);
    expect(one(29).schedule).toEqual({ kind: 'unspecified' });
    expect(one(29).deadlineText).toBe('(按照上级财政部门相关部署)');
    expect(one(57).review.some((r) => r.includes('defers to another rule'))).toBe(true);
  });

  it('marks the last item as possibly cut off', () => {
    expect(one(96).review.some((r) => r.includes('last item'))).toBe(true);
  });

  it('records the source lines of each item', () => {
    expect(one(8).source.lines).toEqual([3, 5]);
    expect(one(45).source.lines).toEqual([108, 111]);
    expect(one(96).source.lines).toEqual([261, 263]);
  });
});
