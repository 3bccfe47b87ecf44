import { describe, expect, it } from 'vitest';
import { mapNamedToPeriods, parseNumeral, periodsNamedInTitle } from '../../../src/core/match/title-period';
import { obligation, periods } from './builders';

const ranges = (title: string) =>
  periodsNamedInTitle(title, 2016).map((n) => [n.grain, n.start, n.end] as const);

describe('periodsNamedInTitle', () => {
  it.each([
    ['江门市2016年第三季度旅游投诉处理情况', 'quarter', '2016-07-01', '2016-09-30'],
    ['第三季度旅游投诉情况', 'quarter', '2016-07-01', '2016-09-30'],
    ['三季度旅游投诉情况', 'quarter', '2016-07-01', '2016-09-30'],
    ['第3季度旅游投诉情况', 'quarter', '2016-07-01', '2016-09-30'],
    ['2016年第四季旅游投诉', 'quarter', '2016-10-01', '2016-12-31'],
    ['2016年上半年财政预算执行情况', 'half', '2016-01-01', '2016-06-30'],
    ['下半年工作安排', 'half', '2016-07-01', '2016-12-31'],
    ['2016年8月食品安全抽检信息', 'month', '2016-08-01', '2016-08-31'],
    ['十二月份价格监测', 'month', '2016-12-01', '2016-12-31'],
    ['8月第一批食品抽检结果', 'batch', '2016-08-01', '2016-08-31'],
    ['2016年8月份第2批抽检', 'batch', '2016-08-01', '2016-08-31'],
    ['2016年度政府信息公开工作年度报告', 'year', '2016-01-01', '2016-12-31'],
    ['第27周空气质量周报', 'week', '2016-06-27', '2016-07-03'],
    ['第1周空气质量周报', 'week', '2016-01-01', '2016-01-03'],
    ['1-6月财政收支', 'range', '2016-01-01', '2016-06-30'],
    ['2016年1至9月财政收支', 'range', '2016-01-01', '2016-09-30'],
    ['前三季度经济运行', 'range', '2016-01-01', '2016-09-30'],
    ['一至三季度经济运行', 'range', '2016-01-01', '2016-09-30'],
  ])('reads %s as a %s', (title, grain, start, end) => {
    expect(ranges(title)).toEqual([[grain, start, end]]);
  });

  it('reads a name with another year in that year', () => {
    expect(ranges('2015年第四季度旅游投诉')).toEqual([['quarter', '2015-10-01', '2015-12-31']]);
  });

  it('reads a list of quarters as one period each', () => {
    expect(ranges('第三、四季度旅游投诉')).toEqual([
      ['quarter', '2016-07-01', '2016-09-30'],
      ['quarter', '2016-10-01', '2016-12-31'],
    ]);
  });

  it('does not read a day (8月15日) or an issue number (第27期) as a period', () => {
    expect(ranges('关于8月15日停电的通知')).toEqual([]);
    expect(ranges('食品安全抽检信息第27期')).toEqual([]);
    expect(ranges('延长3个月')).toEqual([]);
  });

  it('reads the year in a title of a dated event only as a year', () => {
    expect(ranges('关于2016年8月15日停电的通知')).toEqual([['year', '2016-01-01', '2016-12-31']]);
  });

  it('names nothing in a title without a period', () => {
    expect(ranges('市旅游局关于开展安全检查的通知')).toEqual([]);
  });
});

describe('parseNumeral', () => {
  it.each([
    ['8', 8],
    ['08', 8],
    ['八', 8],
    ['十', 10],
    ['十二', 12],
    ['二十七', 27],
  ])('reads %s as %d', (text, n) => expect(parseNumeral(text)).toBe(n));

  it('refuses what is no numeral', () => expect(parseNumeral('季')).toBeNaN());
});

describe('mapNamedToPeriods', () => {
  const quarterly = periods(obligation('q', { kind: 'quarterly' }, { keywords: ['x'] }));
  const weekly = periods(obligation('w', { kind: 'weekly' }, { keywords: ['x'] }));
  const annual = periods(obligation('a', { kind: 'annual' }, { keywords: ['x'] }));
  const keys = (title: string, list: typeof quarterly) =>
    periodsNamedInTitle(title, 2016).flatMap((n) => mapNamedToPeriods(n, list).map((p) => p.key));

  it('maps a quarter to the quarterly period', () =>
    expect(keys('第三季度', quarterly)).toEqual(['2016-Q3']));
  it('maps a half year to both its quarters', () =>
    expect(keys('上半年', quarterly)).toEqual(['2016-Q1', '2016-Q2']));
  it('maps a month to the quarter that holds it', () =>
    expect(keys('2016年8月', quarterly)).toEqual(['2016-Q3']));
  it('maps a month to the weeks lying mostly inside it', () => {
    // 2016-08-01 is a Monday; the week of 29 Aug–4 Sep has 3 of 7 days in August.
    expect(keys('2016年8月', weekly)).toEqual(['2016-W32', '2016-W33', '2016-W34', '2016-W35']);
  });
  it('maps a week number to the weekly period of the same number', () =>
    expect(keys('第27周', weekly)).toEqual(['2016-W27']));
  it('maps a bare year only to a period covering most of it', () => {
    expect(keys('2016年度', annual)).toEqual(['2016']);
    expect(keys('2016年度', quarterly)).toEqual([]);
  });
  it('maps a period of another year to nothing', () => expect(keys('2015年第四季度', quarterly)).toEqual([]));
});
