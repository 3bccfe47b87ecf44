import { describe, expect, it } from 'vitest';
import { extractList } from '../../../src/crawl/extract/list';
import { withoutMarkers } from '../../../src/crawl/extract/titles';

const SITE = 'http://www.example.gov.cn';
const page = (rows: string, head = '') =>
  `<html><head><meta charset="utf-8"><title>通知公告</title>${head}</head><body><ul class="list">${rows}</ul></body></html>`;
const row = (n: number, title: string, date: string, href = `/tzgg/${n}.htm`) =>
  `<li><a href="${href}">${title}</a><span class="date">${date}</span></li>`;

describe('list dates whose year the page hides', () => {
  it('a newest-first list crossing New Year puts December in the year before', () => {
    const html = page(
      [
        row(1, '关于春节值班的通知', '01-09'),
        row(2, '关于元旦值班的通知', '01-03'),
        row(3, '关于年末检查的通知', '12-19'),
        row(4, '关于秋季检查的通知', '11-02'),
      ].join(''),
      '<meta name="PubDate" content="2017-01-10">',
    );
    const items = extractList(html, { url: `${SITE}/tzgg/index.htm`, now: '2017-01-10' }).items;
    expect(items.map((i) => i.date)).toEqual(['2017-01-09', '2017-01-03', '2016-12-19', '2016-11-02']);
    expect(items.map((i) => i.yearFrom)).toEqual(['page-date', 'page-date', 'new-year', 'new-year']);
  });

  it('a year in a comment inside the date element, or in the item URL, belongs to that row', () => {
    const html = page(
      [
        row(1, '关于甲的通知', '<!-- 2018 --> 01-05'),
        row(2, '关于乙的通知', '<!-- 2017 --> 12-19'),
        row(3, '关于丙的通知', '12-01', '/tzgg/201712/t20171201_3.htm'),
      ].join(''),
    );
    const items = extractList(html, { url: `${SITE}/tzgg/index.htm`, now: '2018-02-01' }).items;
    expect(items.map((i) => [i.date, i.yearFrom])).toEqual([
      ['2018-01-05', 'row-comment'],
      ['2017-12-19', 'row-comment'],
      ['2017-12-01', 'item-url'],
    ]);
  });

  it('never gives a date later than the day the page was fetched', () => {
    const html = page([row(1, '关于甲的通知', '03-02'), row(2, '关于乙的通知', '02-20')].join(''));
    const items = extractList(html, { url: `${SITE}/tzgg/index.htm`, now: '2017-02-25' }).items;
    expect(items.map((i) => i.date)).toEqual(['2016-03-02', '2017-02-20']);
    for (const item of items) expect(item.date! <= '2017-02-25').toBe(true);
  });
});

describe('titles as lists decorate them', () => {
  it('drops pinned and new markers, keeps the title', () => {
    expect(withoutMarkers('[置顶]关于开展专项检查的通知')).toBe('关于开展专项检查的通知');
    expect(withoutMarkers('【置顶】 关于开展专项检查的通知 new')).toBe('关于开展专项检查的通知');
    expect(withoutMarkers('关于公布最新收费标准的通知')).toBe('关于公布最新收费标准的通知');
    expect(withoutMarkers('置顶')).toBe('置顶');
  });

  it('takes a cut title in full from the title attribute, markers dropped', () => {
    const html = page(
      `<li><a href="/tzgg/1.htm" title="关于做好2017年度政府信息公开工作年度报告编制和发布工作的通知">[置顶]关于做好2017年度政府信息公开工作…</a><span>2018-01-05</span></li><li><a href="/tzgg/2.htm">关于乙的通知</a><span>2018-01-02</span></li>`,
    );
    const [first] = extractList(html, { url: `${SITE}/tzgg/index.htm` }).items;
    expect(first!.title).toBe('关于做好2017年度政府信息公开工作年度报告编制和发布工作的通知');
  });
});

describe('a list whose years come from today', () => {
  it('moves December into the year before once, not twice', () => {
    const html = page(
      [
        row(1, '关于甲的通知', '01-05'),
        row(2, '关于乙的通知', '12-28'),
        row(3, '关于丙的通知', '12-01'),
      ].join(''),
    );
    const items = extractList(html, { url: `${SITE}/tzgg/index.htm`, now: '2017-01-10' }).items;
    expect(items.map((i) => i.date)).toEqual(['2017-01-05', '2016-12-28', '2016-12-01']);
  });
});
