import { describe, expect, it } from 'vitest';
import { isDeadlineLine, isUnitLine, parseNumeral, splitUnits } from '../../../src/ingest/lines';
import { isCollectiveUnit, looksLikeUnitCell } from '../../../src/ingest/units';

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

  it('takes a cell holding only an ongoing-duty phrase for a deadline, not a task that starts with one', () => {
    for (const line of ['持续推进', '长期坚持', '常态化']) expect(isDeadlineLine(line), line).toBe(true);
    expect(isDeadlineLine('持续推进反垄断和反不正当竞争执法信息公开工作')).toBe(false);
    expect(isDeadlineLine('持续推进政务公开')).toBe(false);
  });

  it('reads a long list of departments closed by 等市有关单位 as units and a collective group', () => {
    const cell =
      '市发改委、市科技局、市经信局、市公安局、市财政局、市人社局、市住建局、市交通局、市农业农村局、市商务局、市文旅局、市卫健委、市市场监管局、市金融监管局、市税务局等市有关单位,各县(市、区)政府';
    expect(looksLikeUnitCell(cell)).toBe(true);
    expect(splitUnits(cell).slice(-3)).toEqual(['市税务局', '市有关单位', '各县(市、区)政府']);
    expect(
      looksLikeUnitCell('切实做好稳经济大盘一揽子政策举措公开工作,重点公开财政、金融等政策实施细则'),
    ).toBe(false);
  });

  it('marks 县（市、区）政府 collective, with or without 各', () => {
    for (const unit of ['县(市、区)政府', '县（市、区）政府', '各县(市、区)政府', '市有关单位'])
      expect(isCollectiveUnit(unit), unit).toBe(true);
    expect(isCollectiveUnit('市市场监管局')).toBe(false);
  });
});
