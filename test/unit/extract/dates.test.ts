import { describe, expect, it } from 'vitest';
import {
  dateFromUrl,
  findLabelledDate,
  parseShownDate,
  yearFromText,
  yearFromUrl,
} from '../../../src/crawl/extract';

describe('parseShownDate with full dates', () => {
  it.each([
    ['2016-07-15', '2016-07-15', '2016-07-15'],
    ['2016年7月15日', '2016-07-15', '2016年7月15日'],
    ['2016/7/15', '2016-07-15', '2016/7/15'],
    ['2016.07.15', '2016-07-15', '2016.07.15'],
    ['时间：2016-09-30 11:16', '2016-09-30', '2016-09-30 11:16'],
    ['发布日期：2016年09月05日', '2016-09-05', '2016年09月05日'],
    ['发布时间:2016-01-28', '2016-01-28', '2016-01-28'],
    ['２０１６－０７－１５', '2016-07-15', '2016-07-15'],
  ])('reads %s', (shown, date, text) => {
    expect(parseShownDate(shown)).toEqual({ date, text, from: 'text' });
  });

  it('prefers a labelled date over an earlier unlabelled one', () => {
    expect(parseShownDate('今天是2026年11月25日 发布日期：2016-07-15')?.date).toBe('2016-07-15');
  });

  it('rejects impossible dates and says why', () => {
    expect(parseShownDate('2016-02-30')).toEqual({
      date: null,
      text: '2016-02-30',
      from: 'text',
      problem: '2016-02-30 does not exist',
    });
    expect(parseShownDate('2015年2月29日')?.date).toBeNull();
    expect(parseShownDate('2016年2月29日')?.date).toBe('2016-02-29');
  });

  it('returns null for text without a date', () => {
    expect(parseShownDate('关于开展夏季食品安全专项检查的通知')).toBeNull();
    expect(parseShownDate('电话：0750-3221234')).toBeNull();
  });
});

describe('parseShownDate with the year from context', () => {
  it.each([
    ['[07-15]', '[07-15]'],
    ['07-15', '07-15'],
    ['7月15日', '7月15日'],
    ['【07-15】', '【07-15】'],
  ])('gives %s the context year and names the source', (shown, text) => {
    expect(parseShownDate(shown, { year: 2016, yearSource: 'url' })).toEqual({
      date: '2016-07-15',
      text,
      from: 'context',
      yearSource: 'url',
    });
  });

  it('rejects a month-day that does not exist in the context year', () => {
    expect(parseShownDate('[02-29]', { year: 2015, yearSource: 'heading' })).toMatchObject({
      date: null,
      problem: '2015-02-29 does not exist',
    });
  });

  it('without a context year, takes the clock year but never a future date', () => {
    expect(parseShownDate('[07-15]', { now: '2016-08-01' })).toMatchObject({
      date: '2016-07-15',
      yearSource: 'now',
    });
    expect(parseShownDate('[12-28]', { now: '2017-01-05' })).toMatchObject({ date: '2016-12-28' });
  });

  it('leaves the date empty when no year is known at all', () => {
    expect(parseShownDate('[07-15]')).toMatchObject({ date: null, text: '[07-15]' });
  });

  it('does not read a month-day out of a longer range or a full date', () => {
    expect(parseShownDate('2016年1-6月财政收支情况')).toBeNull();
  });
});

describe('dates and years in URLs and text', () => {
  it('reads the date of a TRS-CMS URL', () => {
    expect(dateFromUrl('http://www.jiangmen.gov.cn/zwgk/201607/t20160715_12345.htm')).toBe('2016-07-15');
    expect(dateFromUrl('http://x.gov.cn/news/2016/07/15/abc.html')).toBe('2016-07-15');
    expect(dateFromUrl('http://x.gov.cn/zwgk/201602/t20160230_1.htm')).toBeNull();
    expect(dateFromUrl('http://x.gov.cn/zwgk/index.htm')).toBeNull();
  });

  it('reads the year of month folders and year folders', () => {
    expect(yearFromUrl('http://x.gov.cn/tzgg/201607/')).toBe(2016);
    expect(yearFromUrl('http://x.gov.cn/tzgg/2015/index.htm')).toBe(2015);
    expect(yearFromUrl('http://x.gov.cn/tzgg/index_3.htm')).toBeNull();
  });

  it('reads a year from a heading or a comment', () => {
    expect(yearFromText('2016年通知公告')).toBe(2016);
    expect(yearFromText('通知公告（2016）')).toBe(2016);
    expect(yearFromText('通知公告')).toBeNull();
  });

  it('finds only labelled dates with findLabelledDate', () => {
    expect(findLabelledDate('浏览次数：12 时间：2016-09-30 11:16')?.text).toBe('2016-09-30 11:16');
    expect(findLabelledDate('2016-09-30')).toBeNull();
  });
});
