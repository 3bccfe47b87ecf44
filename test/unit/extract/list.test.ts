import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeHtml, extractList, ListExtractionSchema } from '../../../src/crawl/extract';
import { fixtureBytes, fixtureText } from './fixtures';

const SITE = 'http://www.jmfda.gov.cn';

describe('extractList on a TRS list with [MM-DD] dates', () => {
  const result = extractList(fixtureText('trs-list.html'), { url: `${SITE}/tzgg/index.htm` });

  it('finds every item of the list and nothing from the header, menu or footer', () => {
    expect(ListExtractionSchema.parse(result)).toEqual(result);
    expect(result.items.map((item) => item.url)).toEqual([
      `${SITE}/tzgg/201607/t20160715_12345.htm`,
      `${SITE}/tzgg/201607/t20160708_12001.htm`,
      `${SITE}/tzgg/201607/t20160701_11890.htm`,
      `${SITE}/tzgg/201606/t20160620_11702.htm`,
      `${SITE}/tzgg/201605/t20160506_11001.htm`,
    ]);
  });

  it('gives year-less dates the year of the list heading', () => {
    expect(result.items[1]).toMatchObject({
      title: '关于开展夏季食品安全专项检查的通知',
      dateText: '[07-08]',
      date: '2016-07-08',
      dateOrigin: 'context',
    });
  });

  it('takes the full title from the title attribute when the link text is cut short', () => {
    expect(result.items[0]?.title).toBe('江门市食品药品监督管理局关于2016年第二季度食品安全抽检结果的通告');
  });

  it('keeps the shown date, notes the URL date and warns when they disagree', () => {
    expect(result.items[2]).toMatchObject({
      date: '2016-06-30',
      urlDate: '2016-07-01',
      dateOrigin: 'context',
    });
    expect(result.items[0]?.urlDate).toBeUndefined();
    expect(result.warnings).toContain(
      `${SITE}/tzgg/201607/t20160701_11890.htm: shown date 2016-06-30 disagrees with the date in the URL 2016-07-01`,
    );
  });
});

describe('extractList year context', () => {
  const list = (extra: string) =>
    `<html><body>${extra}<ul><li><a href="a.htm">关于印发某某办法的通知</a>[07-15]</li><li><a href="b.htm">关于召开某某会议的通知</a>[03-02]</li></ul></body></html>`;

  it('takes the year from the page URL when no heading shows one', () => {
    const result = extractList(list(''), { url: `${SITE}/tzgg/201607/index.htm` });
    expect(result.items[0]).toMatchObject({ date: '2016-07-15', dateOrigin: 'context' });
  });

  it('takes the year from a short HTML comment', () => {
    const result = extractList(list('<!-- 2015 -->'), { url: `${SITE}/tzgg/index.htm` });
    expect(result.items[1]?.date).toBe('2015-03-02');
  });

  it("takes the year from the page's own meta date", () => {
    const html = list('').replace('<html>', '<html><head><meta name="PubDate" content="2014-12-01"></head>');
    expect(extractList(html, { url: `${SITE}/tzgg/index.htm` }).items[0]?.date).toBe('2014-07-15');
  });

  it('falls back to the clock, leaving no date in the future', () => {
    const result = extractList(list(''), { url: `${SITE}/tzgg/index.htm`, now: '2017-05-01' });
    expect(result.items.map((item) => item.date)).toEqual(['2016-07-15', '2017-03-02']);
  });

  it('leaves the date empty but keeps the shown text when no year can be found', () => {
    const result = extractList(list(''), { url: `${SITE}/tzgg/index.htm` });
    expect(result.items[0]).toMatchObject({ dateText: '[07-15]', date: null, dateOrigin: 'none' });
  });
});

describe('extractList on other layouts', () => {
  it('reads a table list inside layout tables, in every date format', () => {
    const result = extractList(fixtureText('table-list.html'), { url: `${SITE}/gk/tzgg/index.html` });
    expect(result.items.map((item) => [item.title, item.date, item.dateOrigin])).toEqual([
      ['江门市2016年第三季度传染病疫情通报', '2016-10-12', 'list'],
      ['关于做好登革热防控工作的通知', '2016-09-02', 'list'],
      ['2016年8月医疗机构监督检查结果公示', '2016-08-31', 'list'],
      ['关于征集民生实事意见的公告', '2016-08-05', 'list'],
      ['江门市卫生计生局2015年政府信息公开工作年度报告', '2016-01-28', 'list'],
    ]);
  });

  it('reads a GBK list after decoding its bytes', () => {
    const decoded = decodeHtml(fixtureBytes('gbk-list.html'));
    const result = extractList(decoded.text, { url: 'http://www.pjq.gov.cn/gzdt/index.htm' });
    expect(result.items).toHaveLength(3);
    expect(result.items[2]).toMatchObject({
      title: '蓬江区开展食品安全宣传周活动(镕)',
      url: 'http://www.pjq.gov.cn/gzdt/201607/t20160720_87800.html',
      date: '2016-07-20',
    });
  });

  it('reads div rows and flat runs of links with the date after each link', () => {
    const flat = `<div class="list">
      <a href="/x/1.html">第一份通知的标题</a> <span>2016-07-15</span><br>
      <a href="/x/2.html">第二份通知的标题</a> <span>2016-07-10</span><br>
      <a href="/x/3.html">第三份通知的标题</a> <span>2016-07-01</span><br>
    </div>`;
    const result = extractList(flat, { url: `${SITE}/x/` });
    expect(result.items.map((item) => item.date)).toEqual(['2016-07-15', '2016-07-10', '2016-07-01']);
  });

  it('reads a date placed inside the link and keeps it out of the title', () => {
    const html = `<ul>
      <li><a href="/n/1.html"><span class="t">关于防汛工作的通知</span><span class="d">2016-06-01</span></a></li>
      <li><a href="/n/2.html"><span class="t">关于防台风工作的通知</span><span class="d">2016-06-03</span></a></li>
    </ul>`;
    const result = extractList(html, { url: `${SITE}/n/` });
    expect(result.items[1]).toMatchObject({ title: '关于防台风工作的通知', date: '2016-06-03' });
  });

  it('prefers the dated list over a larger undated block of links', () => {
    const menu = Array.from({ length: 12 }, (_, i) => `<li><a href="/m/${i}/">栏目名称${i}</a></li>`).join(
      '',
    );
    const html = `<ul class="side">${menu}</ul><ul class="news">
      <li><a href="/n/1.html">关于防汛工作的通知</a> 2016-06-01</li>
      <li><a href="/n/2.html">关于防台风工作的通知</a> 2016-06-03</li></ul>`;
    const result = extractList(html, { url: `${SITE}/n/` });
    expect(result.items.map((item) => item.url)).toEqual([`${SITE}/n/1.html`, `${SITE}/n/2.html`]);
  });

  it('leaves out an undated link column that sits beside the list in the same layout table', () => {
    const html = `<table><tr>
      <td><a href="/gk/jgzn/">机构职能介绍</a><br><a href="/gk/zcwj/">政策文件汇编</a><br></td>
      <td><a href="/n/1.html">关于防汛工作的通知</a> 2016-06-01<br><a href="/n/2.html">关于防台风工作的通知</a> 2016-06-03<br></td>
    </tr></table>`;
    const result = extractList(html, { url: `${SITE}/n/` });
    expect(result.items.map((item) => item.url)).toEqual([`${SITE}/n/1.html`, `${SITE}/n/2.html`]);
  });

  it('keeps unrelated items mixed into the column', () => {
    const html = `<ul>
      <li><a href="/n/1.html">2016年部门预算公开</a> 2016-04-20</li>
      <li><a href="/n/2.html">市领导调研春耕生产</a> 2016-04-18</li>
      <li><a href="/n/3.html">招聘公告</a> 2016-04-02</li></ul>`;
    expect(extractList(html, { url: `${SITE}/n/` }).items).toHaveLength(3);
  });

  it('warns and takes the biggest block when no link has a date', () => {
    const html = `<ul><li><a href="/a.html">关于某某事项的通知一</a></li><li><a href="/b.html">关于某某事项的通知二</a></li></ul>`;
    const result = extractList(html, { url: `${SITE}/` });
    expect(result.items).toHaveLength(2);
    expect(result.items[0]).toMatchObject({ date: null, dateText: null, dateOrigin: 'none' });
    expect(result.warnings).toContain('no dated links found; took the largest block of links');
  });

  it('falls back to the URL date when the list shows none', () => {
    const html = `<ul><li><a href="./201607/t20160715_1.htm">关于某某事项的通知一</a></li><li><a href="./201607/t20160716_2.htm">关于某某事项的通知二</a></li></ul>`;
    const result = extractList(html, { url: `${SITE}/tzgg/` });
    expect(result.items[0]).toMatchObject({ date: '2016-07-15', dateText: null, dateOrigin: 'url' });
  });

  it('refuses a shown date after today and says so', () => {
    const html = `<ul><li><a href="/a.html">关于某某事项的通知一</a> 2099-07-15</li><li><a href="/b.html">关于某某事项的通知二</a> 2016-07-28</li></ul>`;
    const result = extractList(html, { url: `${SITE}/`, now: '2016-08-01' });
    expect(result.items.map((item) => [item.dateText, item.date])).toEqual([
      ['2099-07-15', null],
      ['2016-07-28', '2016-07-28'],
    ]);
    expect(result.warnings).toContain(
      `${SITE}/a.html: 2099-07-15 is after today (2016-08-01) (shown "2099-07-15")`,
    );
  });

  it('keeps script code and control characters out of titles', () => {
    const html = `<ul><li><a href="/a.html">部门预算<script>alert(2)</script>说明</a> 2016-07-01</li><li><a href="/b.html">2016年\u0000预算公开</a> 2016-07-02</li></ul>`;
    expect(extractList(html, { url: `${SITE}/` }).items.map((item) => item.title)).toEqual([
      '部门预算说明',
      '2016年预算公开',
    ]);
  });

  it('says a PDF is not HTML instead of reading its bytes as a list', () => {
    const result = extractList('%PDF-1.4\n1 0 obj << /Type /Catalog >>', { url: `${SITE}/` });
    expect(result).toEqual({
      items: [],
      next: [],
      warnings: ['the page is a PDF, not HTML', 'no list items found'],
    });
  });

  it('warns about an impossible date shown in the list', () => {
    const html = `<ul><li><a href="/a.html">关于某某事项的通知一</a> 2016-02-30</li><li><a href="/b.html">关于某某事项的通知二</a> 2016-02-28</li></ul>`;
    const result = extractList(html, { url: `${SITE}/` });
    expect(result.items[0]).toMatchObject({ dateText: '2016-02-30', date: null });
    expect(result.warnings).toContain(`${SITE}/a.html: 2016-02-30 does not exist (shown "2016-02-30")`);
  });
});

describe('extractList attachments', () => {
  const result = extractList(fixtureText('attachment-list.html'), { url: `${SITE}/czyjs/index.html` });

  it('makes a bare attachment link an item whose URL is the file', () => {
    const pdf = `${SITE}/attachment/0/12/12345/2016bmys.pdf`;
    expect(result.items[0]).toEqual({
      title: '江门市财政局2016年部门预算.pdf',
      url: pdf,
      dateText: '2016-04-20',
      date: '2016-04-20',
      dateOrigin: 'list',
      attachments: [{ url: pdf, name: '江门市财政局2016年部门预算.pdf' }],
    });
  });

  it('attaches file links in a row to that row’s item', () => {
    expect(result.items[1]).toMatchObject({
      url: `${SITE}/czyjs/content/post_2001.html`,
      attachments: [{ url: `${SITE}/attachment/0/12/12400/2015bmjs.xls`, name: '附件:2015年部门决算表' }],
    });
    expect(result.items).toHaveLength(3);
  });

  it('recognises every attachment type the sites use', () => {
    const types = ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'wps', 'zip', 'rar', 'et', 'ppt', 'pptx', 'ofd'];
    const rows = types.map(
      (ext, i) => `<li><a href="/f/${i}.${ext.toUpperCase()}">文件${i}</a> 2016-07-${10 + i}</li>`,
    );
    const found = extractList(`<ul>${rows.join('')}</ul>`, { url: `${SITE}/` });
    expect(found.items.map((item) => item.attachments.length)).toEqual(types.map(() => 1));
  });
});

describe('extractList on JavaScript-rendered lists', () => {
  it('reads the noscript fallback and does not duplicate the same items from the script data', () => {
    const result = extractList(fixtureText('js-list.html'), { url: `${SITE}/zcwj/` });
    expect(result.items.map((item) => [item.url, item.date])).toEqual([
      [`${SITE}/zcwj/2016/0801/1201.html`, '2016-08-01'],
      [`${SITE}/zcwj/2016/0720/1180.html`, '2016-07-20'],
      [`${SITE}/zcwj/2016/0615/1102.html`, '2016-06-15'],
    ]);
  });

  it('reads a JSON array of title/url/date objects when the page has no static list', () => {
    const html = `<div id="list"></div><script>
      var docs = [{"title":"关于2016年第三季度财政收支情况的公告","url":"./201610/t20161015_9.htm","date":"2016-10-15"},
                  {"title":"2016年政府信息公开工作年度报告","url":"/ndbg/2017.pdf","pubDate":"2017-01-20"}];
      render(docs);</script>`;
    const result = extractList(html, { url: `${SITE}/czxx/` });
    expect(result.items).toEqual([
      {
        title: '关于2016年第三季度财政收支情况的公告',
        url: `${SITE}/czxx/201610/t20161015_9.htm`,
        dateText: '2016-10-15',
        date: '2016-10-15',
        dateOrigin: 'list',
        attachments: [],
      },
      {
        title: '2016年政府信息公开工作年度报告',
        url: `${SITE}/ndbg/2017.pdf`,
        dateText: '2017-01-20',
        date: '2017-01-20',
        dateOrigin: 'list',
        attachments: [{ url: `${SITE}/ndbg/2017.pdf`, name: '2016年政府信息公开工作年度报告' }],
      },
    ]);
  });

  it('reads a hidden static list', () => {
    const html = `<div class="static-list" style="display:none"><ul>
      <li><a href="/a.html">关于某某事项的通知一</a><span>2016-07-01</span></li>
      <li><a href="/b.html">关于某某事项的通知二</a><span>2016-07-02</span></li></ul></div>`;
    expect(extractList(html, { url: `${SITE}/` }).items).toHaveLength(2);
  });
});

describe('extractList with selectors', () => {
  const html = `<div class="box"><div class="row"><p class="d">2016年7月15日</p><a class="more" href="/more">更多</a><a class="t" href="/a.html">关于某某事项的通知一</a></div>
    <div class="row"><p class="d">2016年7月16日</p><a class="t" href="/b.pdf">某某事项的公示</a></div></div>
    <div class="pager"><a class="nx" href="list_2.html">翻页</a></div>`;

  it('uses the item, link, date and next selectors', () => {
    const result = extractList(html, {
      url: `${SITE}/list.html`,
      selectors: { item: '.row', link: 'a.t', date: '.d', next: '.pager a.nx' },
    });
    expect(result.items.map((item) => [item.title, item.url, item.date])).toEqual([
      ['关于某某事项的通知一', `${SITE}/a.html`, '2016-07-15'],
      ['某某事项的公示', `${SITE}/b.pdf`, '2016-07-16'],
    ]);
    expect(result.items[1]?.attachments).toEqual([{ url: `${SITE}/b.pdf`, name: '某某事项的公示' }]);
    expect(result.next).toEqual([`${SITE}/list_2.html`]);
  });

  it('warns about a selector that matches nothing or is invalid, without throwing', () => {
    expect(extractList(html, { url: `${SITE}/`, selectors: { item: '.nothing' } }).warnings).toContain(
      'selectors.item ".nothing" matched nothing',
    );
    const invalid = extractList(html, { url: `${SITE}/`, selectors: { item: 'li[[' } });
    expect(invalid.items).toEqual([]);
    expect(invalid.warnings[0]).toMatch(/selectors.item "li\[\[" is not a valid selector/);
  });
});

describe('extractList input handling', () => {
  it('works on a GBK page generated on the fly', () => {
    const bytes = iconv.encode(
      '<meta charset="gbk"><ul><li><a href="/a.htm">政务公开工作要点</a>2016-03-01</li><li><a href="/b.htm">预算公开</a>2016-03-02</li></ul>',
      'gbk',
    );
    const result = extractList(decodeHtml(bytes).text, { url: `${SITE}/` });
    expect(result.items.map((item) => item.title)).toEqual(['政务公开工作要点', '预算公开']);
  });
});
