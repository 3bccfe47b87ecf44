import { describe, expect, it } from 'vitest';
import { isDeadlineLine, isUnitLine, parseNumeral, splitUnits } from '../../../src/ingest/lines';

describe('line classifiers', () => {
  it('recognises unit lines, with notes and trailing 、', () => {
    for (const line of [
      '市旅游局',
      '市科技局(市知识产权局)',
      '市直有关单位',
      '市政府各部门、',
      '各直属机构',
      '市直机关工委',
    ]) {
      expect(isUnitLine(line), line).toBe(true);
    }
  });

  it('does not take task sentences or deadlines for units', () => {
    for (const line of [
      '市长网上信箱留言受理与回应。',
      '6月底',
      '推进环境保护信息公开',
      '通过市财政局网站公布税收政策文件。',
    ]) {
      expect(isUnitLine(line), line).toBe(false);
    }
  });

  it('recognises deadline lines but not task sentences that mention time', () => {
    for (const line of [
      '6月底',
      '2017年',
      '全年工作',
      '经市人大常委会通过以后',
      '按预算法规定时限完成。',
      '中考3月',
    ]) {
      expect(isDeadlineLine(line), line).toBe(true);
    }
    for (const line of [
      '对低保、特困人员供养相关信息和保障金额实行长期公示。',
      '部署开展2016年住房保障信息公开工作。',
    ]) {
      expect(isDeadlineLine(line), line).toBe(false);
    }
  });

  it('splits units at separators and where names run together', () => {
    expect(splitUnits('市发展改革局市财政局、市统计局')).toEqual(['市发展改革局', '市财政局', '市统计局']);
    expect(splitUnits('各县（市、区）政府，市委宣传部')).toEqual(['各县（市、区）政府', '市委宣传部']);
  });

  it('parses Chinese numerals', () => {
    expect(parseNumeral('十二')).toBe(12);
    expect(parseNumeral('二十三')).toBe(23);
    expect(parseNumeral('96')).toBe(96);
    expect(parseNumeral('甲')).toBeNull();
  });
});
