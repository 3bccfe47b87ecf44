import { describe, expect, it } from 'vitest';
import { extractList } from '../../../src/crawl/extract/list';
import {
  completesCutTitle,
  isCutTitle,
  tooltipTitle,
  withoutMarkers,
} from '../../../src/crawl/extract/titles';

const SITE = 'http://www.example.gov.cn';
const URL_ = `${SITE}/col/col123/index.html`;
const li = (n: number, title: string, date: string) =>
  `<li><a href="/art/${n}.html" title="${title}">${title}</a><span>${date}</span></li>`;

describe('lists a script renders from data shipped in the page', () => {
  const records = [
    `<record><![CDATA[<li><a href='/art/2022/1/20/art_123_1.html' title='关于甲的通知'>关于甲的通知</a><b>2022-01-20</b></li>]]></record>`,
    `<record><![CDATA[<li><a href='/art/2021/12/30/art_123_2.html' title='关于开展二〇二一年度全市政府网站检查情况的通报'>关于开展二〇二一年度全市政府网站检...</a><b>2021-12-30</b></li>]]></record>`,
  ].join('\n');

  it('reads the records of a Hanweb datastore inside <script type="text/xml">', () => {
    const html = `<html><body><div id="4521"><script type="text/xml"><datastore><nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1"></a>]]></nextgroup><recordset>${records}</recordset></datastore></script></div></body></html>`;
    const items = extractList(html, { url: URL_, now: '2022-02-01' }).items;
    expect(items.map((i) => [i.title, i.url, i.date])).toEqual([
      ['关于甲的通知', `${SITE}/art/2022/1/20/art_123_1.html`, '2022-01-20'],
      [
        '关于开展二〇二一年度全市政府网站检查情况的通报',
        `${SITE}/art/2021/12/30/art_123_2.html`,
        '2021-12-30',
      ],
    ]);
  });

  it('reads the bare datastore its paging endpoint answers with', () => {
    const items = extractList(`<datastore><recordset>${records}</recordset></datastore>`, {
      url: URL_,
    }).items;
    expect(items).toHaveLength(2);
  });

  it('leaves other XML scripts alone', () => {
    const html = `<html><body><script type="text/xml"><config><a href="/x.html">不是列表</a></config></script><ul>${li(1, '关于甲的通知', '2022-01-20')}${li(2, '关于乙的通知', '2022-01-10')}</ul></body></html>`;
    expect(extractList(html, { url: URL_ }).items.map((i) => i.title)).toEqual([
      '关于甲的通知',
      '关于乙的通知',
    ]);
  });
});

describe('sibling lists of the same shape in one column', () => {
  it('reads every pagination group a script shows one at a time, in order', () => {
    const group = (n: number, rows: string) =>
      `<div class="list_base" ms-visible="$showStatic(${n})"><ul>${rows}</ul></div>`;
    const html = `<html><body><div class="menu"><ul><li><a href="/a/">机构</a></li><li><a href="/b/">政策</a></li></ul></div><div ms-visible="showStatic">${group(1, li(1, '关于一的通知', '2020-05-06') + li(2, '关于二的通知', '2020-04-01'))}${group(2, li(3, '关于三的通知', '2020-03-02') + li(4, '关于四的通知', '2020-02-01'))}${group(3, li(5, '关于五的通知', '2020-01-09'))}</div></body></html>`;
    const items = extractList(html, { url: URL_ }).items;
    expect(items.map((i) => i.title)).toEqual([
      '关于一的通知',
      '关于二的通知',
      '关于三的通知',
      '关于四的通知',
      '关于五的通知',
    ]);
  });
});

describe('years hidden in a group heading', () => {
  it('gives each group the year of its own heading, and crosses New Year within a group', () => {
    const html = `<html><body><div class="list"><h3>2017年</h3><ul>${li(1, '关于甲的通知', '02-10')}${li(2, '关于乙的通知', '01-05')}</ul><h3>2016年</h3><ul>${li(3, '关于丙的通知', '12-19')}${li(4, '关于丁的通知', '03-01')}</ul></div></body></html>`;
    const items = extractList(html, { url: URL_, now: '2017-03-01' }).items;
    expect(items.map((i) => [i.date, i.yearFrom])).toEqual([
      ['2017-02-10', 'group-heading'],
      ['2017-01-05', 'group-heading'],
      ['2016-12-19', 'group-heading'],
      ['2016-03-01', 'group-heading'],
    ]);
  });
});

describe('years on the JSON-list path', () => {
  const page = (data: string, head = '') =>
    `<html><head>${head}</head><body><div id="list"></div><script>var data = ${data};</script></body></html>`;

  it('crosses New Year, takes a year from the item URL, and never gives a date after the fetch day', () => {
    const data = JSON.stringify([
      { title: '关于甲的通知', url: '/tzgg/1.html', date: '01-09' },
      { title: '关于乙的通知', url: '/tzgg/2.html', date: '12-19' },
      { title: '关于丙的通知', url: '/tzgg/201611/t20161102_3.html', date: '11-02' },
    ]);
    const items = extractList(page(data, '<meta name="PubDate" content="2017-01-10">'), {
      url: `${SITE}/tzgg/index.html`,
      now: '2017-01-10',
    }).items;
    expect(items.map((i) => [i.date, i.yearFrom])).toEqual([
      ['2017-01-09', 'page-date'],
      ['2016-12-19', 'new-year'],
      ['2016-11-02', 'item-url'],
    ]);
  });

  it('puts a month-day that would lie after the fetch day in the year before', () => {
    const data = JSON.stringify([{ title: '关于甲的通知', url: '/tzgg/1.html', date: '03-02' }]);
    const items = extractList(page(data, '<meta name="PubDate" content="2017-01-10">'), {
      url: `${SITE}/tzgg/index.html`,
      now: '2017-02-25',
    }).items;
    expect(items[0]?.date).toBe('2016-03-02');
  });
});

describe('years on the selector path', () => {
  it('takes a year from the item URL, crosses New Year and refuses the future like the shape path', () => {
    const row = (href: string, date: string) =>
      `<div class="row"><a href="${href}">关于开展工作的通知</a><em>${date}</em></div>`;
    const html = `<html><head><meta name="PubDate" content="2018-01-20"></head><body>${row('/tzgg/1.html', '01-09')}${row('/tzgg/2.html', '12-19')}${row('/tzgg/201611/t20161130_3.html', '11-30')}${row('/tzgg/4.html', '2018-03-02')}</body></html>`;
    const items = extractList(html, {
      url: `${SITE}/tzgg/index.html`,
      now: '2018-01-20',
      selectors: { item: 'div.row', date: 'em' },
    }).items;
    expect(items.map((i) => [i.date, i.yearFrom])).toEqual([
      ['2018-01-09', 'page-date'],
      ['2017-12-19', 'new-year'],
      ['2016-11-30', 'item-url'],
      [null, undefined],
    ]);
  });

  it('takes the full title from title= and drops markers on the selector path too', () => {
    const html = `<html><body><div class="row"><a href="/tzgg/1.html" title="关于做好政府信息公开工作年度报告发布工作的通知">[置顶]关于做好政府信息公开工作年度报告发布工…</a><em>2018-01-05</em></div></body></html>`;
    const items = extractList(html, { url: `${SITE}/tzgg/`, selectors: { item: 'div.row' } }).items;
    expect(items[0]?.title).toBe('关于做好政府信息公开工作年度报告发布工作的通知');
  });
});

describe('titles', () => {
  it('takes title= when the shown text is cut, even when the cut text with its ellipsis is longer', () => {
    const html = `<html><body><ul><li><a href="/1.html" title="关于征求《规划（征求意见稿）》意见的公告">关于征求《规划（征求意见稿）》意见的公...</a><span>2021-11-05</span></li><li><a href="/2.html">关于乙的通知</a><span>2021-11-04</span></li></ul></body></html>`;
    expect(extractList(html, { url: `${SITE}/` }).items[0]?.title).toBe(
      '关于征求《规划(征求意见稿)》意见的公告',
    );
  });

  it('drops a column name in brackets before the title, keeps numbers in brackets', () => {
    expect(withoutMarkers('[通知公告]关于开展专项检查的通知')).toBe('关于开展专项检查的通知');
    expect(withoutMarkers('【部门动态】 市局召开安全生产会议')).toBe('市局召开安全生产会议');
    expect(withoutMarkers('[置顶][通知公告]关于开展专项检查的通知')).toBe('关于开展专项检查的通知');
    expect(withoutMarkers('【2016年第3期】食品安全抽检信息')).toBe('【2016年第3期】食品安全抽检信息');
    expect(withoutMarkers('[2016]12号文件解读')).toBe('[2016]12号文件解读');
    expect(withoutMarkers('【通知公告】')).toBe('【通知公告】');
  });

  it('knows a cut title and the whole title that completes it', () => {
    expect(isCutTitle('关于开展专项检查的通...')).toBe(true);
    expect(isCutTitle('关于开展专项检查的通知')).toBe(false);
    expect(completesCutTitle('关于开展专项检查的通知', '关于开展专项检查的通…')).toBe(true);
    expect(completesCutTitle('关于另一件事的通知', '关于开展专项检查的通…')).toBe(false);
    // Lists that cut at a fixed width append the ellipsis also to a title that just fits.
    expect(completesCutTitle('关于开展专项检查的通知', '关于开展专项检查的通知...')).toBe(true);
  });

  it('reads the title out of a tooltip that holds a labelled record (PowerEasy and kin)', () => {
    expect(
      tooltipTitle('文章标题:阿勒泰市开展升国旗仪式 作者: 更新时间:2018/3/20 11:24:00 点击次数:211'),
    ).toBe('阿勒泰市开展升国旗仪式');
    expect(tooltipTitle('标题：关于开展专项检查的通知')).toBe('关于开展专项检查的通知');
    expect(tooltipTitle('关于作者:张三的表彰决定')).toBe('关于作者:张三的表彰决定');
    const html = `<ul><li><a href="/a/1.html" title="文章标题：村民盖起“蘑菇房”，政府补贴、帮扶全方位
 作者：
 更新时间：2018/3/19 9:13:00
 点击次数：228">村民盖起“蘑菇房”，政府补贴、帮扶全方位...</a> 2018-03-19</li><li><a href="/a/2.html">关于乙的通知</a> 2018-03-18</li></ul>`;
    expect(extractList(html, { url: `${SITE}/` }).items[0]?.title).toBe(
      '村民盖起“蘑菇房”,政府补贴、帮扶全方位',
    );
  });
});
