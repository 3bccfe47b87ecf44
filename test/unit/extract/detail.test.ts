import { describe, expect, it } from 'vitest';
import { DetailExtractionSchema, decodeHtml, extractDetail } from '../../../src/crawl/extract';
import { fixtureBytes, fixtureText } from './fixtures';

const SITE = 'http://www.jiangmen.gov.cn';

describe('extractDetail', () => {
  it('reads title and date from meta ArticleTitle and PubDate, and notes a different shown date', () => {
    const detail = extractDetail(fixtureText('detail-pubdate.html'), { url: `${SITE}/tzgg/content/1.html` });
    expect(DetailExtractionSchema.parse(detail)).toEqual(detail);
    expect(detail).toMatchObject({
      title: '江门市2016年第二季度食品安全抽检结果通告',
      dateText: '2016-07-15 09:30',
      date: '2016-07-15',
      dateOrigin: 'detail-meta',
    });
    expect(detail.warnings).toContain('<meta name="PubDate"> says 2016-07-15 but the page shows 2016-07-16');
  });

  it('reads the main body text of a TRS editor block, whitespace collapsed', () => {
    const detail = extractDetail(fixtureText('detail-pubdate.html'), { url: `${SITE}/tzgg/content/1.html` });
    expect(detail.text.startsWith('根据《中华人民共和国食品安全法》的规定')).toBe(true);
    expect(detail.text).toContain('合格率为 98.0%。');
    expect(detail.text).not.toMatch(/\s{2}|首页|版权所有/);
  });

  it('keeps attachments of the article and ignores files linked from the footer', () => {
    const detail = extractDetail(fixtureText('detail-pubdate.html'), {
      url: `${SITE}/tzgg/201607/t20160715_1.htm`,
    });
    expect(detail.attachments).toEqual([
      { url: `${SITE}/tzgg/201607/P020160715123456789012.xls`, name: '2016年第二季度食品安全抽检结果.xls' },
    ]);
  });

  it('reads a labelled 时间： line, the title without the site name, and every attachment', () => {
    const detail = extractDetail(fixtureText('detail-time-attachments.html'), {
      url: `${SITE}/czj/content/9.html`,
    });
    expect(detail).toMatchObject({
      title: '关于2016年部门预算公开的通知',
      dateText: '2016-09-30 11:16',
      date: '2016-09-30',
      dateOrigin: 'detail-text',
    });
    expect(detail.attachments).toEqual([
      { url: `${SITE}/attachment/0/20/20001/%E9%A2%84%E7%AE%97%E8%A1%A8.pdf`, name: '2016年部门预算表' },
      { url: `${SITE}/attachment/0/20/20002/gkml.docx`, name: '部门预算公开目录.docx' },
      { url: `${SITE}/attachment/0/20/20003/shuoming.ofd`, name: 'shuoming.ofd' },
    ]);
  });

  it('prefers the shown date over a TRS URL date and reports both', () => {
    const detail = extractDetail(fixtureText('detail-time-attachments.html'), {
      url: `${SITE}/czj/201609/t20160929_5.htm`,
    });
    expect(detail).toMatchObject({ date: '2016-09-30', urlDate: '2016-09-29' });
    expect(detail.warnings).toContain('shown date 2016-09-30 disagrees with the date in the URL 2016-09-29');
  });

  it('falls back to the URL date, then to none', () => {
    const html = '<html><head><title>通知</title></head><body><p>正文没有日期。</p></body></html>';
    expect(extractDetail(html, { url: `${SITE}/a/201607/t20160715_1.htm` })).toMatchObject({
      date: '2016-07-15',
      dateText: null,
      dateOrigin: 'url',
    });
    expect(extractDetail(html, { url: `${SITE}/a/1.htm` })).toMatchObject({ date: null, dateOrigin: 'none' });
  });

  it('reads a decoded GBK page with a mislabelled header', () => {
    const decoded = decodeHtml(fixtureBytes('gbk-mislabelled.html'), {
      contentTypeHeader: 'text/html; charset=utf-8',
    });
    const detail = extractDetail(decoded.text, { url: `${SITE}/jhq/1.html` });
    expect(detail).toMatchObject({
      title: '关于公布2016年度区级行政权力清单的通知',
      date: '2016-09-05',
      dateText: '2016年9月5日',
    });
    expect(detail.attachments).toEqual([
      { url: `${SITE}/attachment/qlqd2016.pdf`, name: '2016年度区级行政权力清单' },
    ]);
  });

  it('prefers og:title, then h1, then <title>', () => {
    expect(extractDetail('<meta property="og:title" content="甲"><h1>乙乙</h1>', { url: SITE }).title).toBe(
      '甲',
    );
    expect(extractDetail('<title>丙丙_某某网</title><h1>乙乙</h1>', { url: SITE }).title).toBe('乙乙');
    expect(extractDetail('<title>丙丙 | 某某网</title>', { url: SITE }).title).toBe('丙丙');
  });

  it('keeps a script inside the heading out of the title', () => {
    expect(extractDetail('<h1>关于<script>alert(1)</script>预算</h1>', { url: SITE }).title).toBe('关于预算');
  });

  it('says a PDF is not HTML', () => {
    const detail = extractDetail('%PDF-1.7\n%\u00e2\u00e3 stream \u0001\u0002', { url: SITE });
    expect(detail).toMatchObject({ text: '', title: '', warnings: ['the page is a PDF, not HTML'] });
  });

  it('caps the main text', () => {
    const html = `<div id="zoom"><p>${'政务公开。'.repeat(10_000)}</p></div>`;
    expect(extractDetail(html, { url: SITE, maxTextChars: 1000 }).text).toHaveLength(1000);
    expect(extractDetail(html, { url: SITE }).text).toHaveLength(20_000);
  });
});
