import { describe, expect, it } from 'vitest';
import { extractList, findNextPages, loadHtml } from '../../../src/crawl/extract';
import { fixtureText } from './fixtures';

const SITE = 'http://www.jiangmen.gov.cn';
const next = (html: string, url = `${SITE}/zwgk/tzgg/index.htm`) => findNextPages(loadHtml(html), url);

describe('findNextPages', () => {
  it('lists every remaining page of a TRS createPageHTML call, with variables resolved', () => {
    expect(extractList(fixtureText('trs-list.html'), { url: `${SITE}/tzgg/index.htm` }).next).toEqual([
      `${SITE}/tzgg/index_1.htm`,
      `${SITE}/tzgg/index_2.htm`,
      `${SITE}/tzgg/index_3.htm`,
    ]);
  });

  it('continues from the current TRS page and stops at the last', () => {
    const html = `<script>createPageHTML(3, 1, "index", "shtml");</script>`;
    expect(next(html, `${SITE}/zwgk/tzgg/index_1.shtml`)).toEqual([`${SITE}/zwgk/tzgg/index_2.shtml`]);
    expect(next(`<script>createPageHTML(3, 2, "index", "htm");</script>`)).toEqual([]);
  });

  it('follows rel=next and the usual next-page link texts', () => {
    expect(next('<link rel="next" href="index_1.htm">')).toEqual([`${SITE}/zwgk/tzgg/index_1.htm`]);
    for (const text of ['下一页', '下页', '后页', '&gt;']) {
      expect(next(`<a href="index_4.htm">首页</a><a href="index_2.htm"> ${text} </a>`)).toEqual([
        `${SITE}/zwgk/tzgg/index_2.htm`,
      ]);
    }
  });

  it('recognises a page-number parameter one above the current page', () => {
    const html = '<a href="?page=1">1</a><a href="?page=3">3</a><a href="?page=4">4</a>';
    expect(next(html, `${SITE}/list.jsp?page=2`)).toEqual([`${SITE}/list.jsp?page=3`]);
    expect(next('<a href="list.jsp?pageNo=2&col=5">2</a>', `${SITE}/list.jsp?col=5`)).toEqual([
      `${SITE}/list.jsp?pageNo=2&col=5`,
    ]);
  });

  it('keeps only absolute same-host URLs, de-duplicated, never the page itself', () => {
    const html = `<a href="http://other.gov.cn/index_1.htm">下一页</a>
      <a href="index_1.htm">下一页</a><a href="./index_1.htm#top">下页</a>
      <a href="javascript:void(0)">下一页</a><a href="index.htm">下一页</a>`;
    expect(next(html)).toEqual([`${SITE}/zwgk/tzgg/index_1.htm`]);
  });

  it('never offers a file: link from a web page', () => {
    expect(next('<a href="file:///etc/passwd">下一页</a>')).toEqual([]);
  });

  it('finds nothing on a page without pagination', () => {
    expect(next('<ul><li><a href="a.htm">通知</a></li></ul>')).toEqual([]);
  });
});
