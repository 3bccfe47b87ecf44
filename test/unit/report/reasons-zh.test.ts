import { describe, expect, it } from 'vitest';
import { reasonInChinese } from '../../../src/report/html/reasons-zh';

/** Every reason shape the core writes (src/core/verdicts.ts, site-verdicts.ts) and every flag note. */
const CASES: [string, string][] = [
  [
    'evidence “2016年预算公开” published 2016-04-28, on or before the due date 2016-04-30',
    '证据“2016年预算公开”于 2016-04-28 发布，未晚于截止日期 2016-04-30',
  ],
  [
    'manual evidence “月报” published 2016-04-20, 22 days after the due date 2016-03-29',
    '人工录入证据“月报”于 2016-04-20 发布，晚于截止日期 2016-03-29 共 22 天',
  ],
  ['no evidence yet; due 2016-10-28, in 1 working day', '尚无证据；截止日期 2016-10-28，还有 1 个工作日'],
  ['no evidence yet; due 2016-10-28, today', '尚无证据；截止日期 2016-10-28，今天到期'],
  [
    'no evidence yet; due 2016-11-28, more than 5 working days after 2016-10-17',
    '尚无证据；截止日期 2016-11-28，距 2016-10-17 超过 5 个工作日',
  ],
  [
    'no evidence published by the due date 2016-04-29; 江门市环境保护局网站 read successfully 3 times in the window, last on 2016-04-25',
    '截止日期 2016-04-29 前未见公开；期内成功读取 江门市环境保护局网站 共 3 次，最近一次 2016-04-25',
  ],
  [
    'no evidence, but all 14 checks of 江门市旅游局网站 between 2016-04-01 and 2016-07-28 failed: cannot tell',
    '未见证据，但 2016-04-01 至 2016-07-28 期间对 江门市旅游局网站 的 14 次检查均失败：无法判定',
  ],
  ['waived by 张三 until 2017-02-28: 机构改革', '由 张三 豁免至 2017-02-28：机构改革'],
  [
    '单项否决 (single veto): 1 page not updated on 2016-10-17 (trips at 1): 首页 newest 2016-09-20, not updated since 2016-10-04',
    '单项否决：2016-10-17 有 1 个页面未更新（达到 1 个即触发）：首页 最新条目 2016-09-20，自 2016-10-04 起未更新',
  ],
  [
    '单项否决 (single veto): 0 of 1 page not updated (trips at 1); trips on 2016-10-25 if nothing new is published (预警)',
    '单项否决：1 个页面中 0 个未更新（达到 1 个即触发）；如无新内容发布，将于 2016-10-25 触发（预警）',
  ],
  [
    '单项否决 (single veto): 14 of 14 checks between 2016-10-11 and 2016-10-17 failed to open within 15 s (100.0%; limit 5.0%)',
    '单项否决：2016-10-11 至 2016-10-17 期间 14 次检查中 14 次未能在 15 秒内打开（100.0%，上限 5.0%）',
  ],
  [
    '2 of 6 pages blank (trips at 5): 通知公告 is blank; 政策解读 shows no dated item (4 undated)',
    '6 个页面中 2 个为空白（达到 5 个即触发）：通知公告 为空白；政策解读 无带日期的条目（4 条无日期）',
  ],
  [
    'no evidence by 2016-04-29 (sweep sweep-2016-05-02)',
    '截至 2016-04-29 未见公开（监测批次 sweep-2016-05-02）',
  ],
  ['evidence found: late', '已找到证据：逾期公开'],
  [
    'period over, cannot be remedied: the next period (due 2016-04-30) is judged',
    '期次已过，无法补救：下一期次（截止 2016-04-30）已作出判定',
  ],
];

describe('the monitor’s sentences in Chinese', () => {
  it.each(CASES)('%s', (reason, chinese) => {
    expect(reasonInChinese(reason)).toBe(chinese);
  });

  it('shows a sentence no rule knows as written', () => {
    expect(reasonInChinese('something new the core says')).toBe('something new the core says');
  });
});
