import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { indexPagesRead } from '../../../src/report/html/pages-read';
import type { EvidenceRef, Report, ReportPeriod } from '../../../src/report/model';
import { renderHtml } from '../../../src/report/render-html';
import { fixtureReport } from '../../fixtures/reports/fixture-report';

const { report } = fixtureReport();
const SITE_RULE = 'website-home-stale--hbj';

const ruleOf = (r: Report) => r.obligations.find((o) => o.id === SITE_RULE)!;

function observation(
  fetchedAt: string,
  sha256: string | null,
  url = 'http://hbj.jiangmen.gov.cn/',
): EvidenceRef {
  return {
    kind: 'observation',
    url,
    title: url.endsWith('/') ? '江门市环境保护局网站首页' : '通知公告',
    archived: sha256 ? `../archive/sha256/${sha256.slice(0, 2)}/${sha256}.html` : null,
    sha256,
    fetchedAt,
    shownDate: null,
    publishedOn: '2016-09-20',
    terms: [],
    score: 1,
    reason: `read ${fetchedAt}`,
  };
}

/** The fixture with the site rule's periods citing `cited`, one list per period. */
function citing(cited: EvidenceRef[][]): Report {
  const rule = ruleOf(report);
  const periods: ReportPeriod[] = cited.map((evidence, i) => ({
    ...rule.periods[0]!,
    key: `p${i}`,
    evidence,
  }));
  return {
    ...report,
    obligations: report.obligations.map((o) => (o.id === SITE_RULE ? { ...o, periods } : o)),
  };
}

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

describe('indexPagesRead', () => {
  it('makes one row of the same bytes read at several checks, listing every check', () => {
    const index = indexPagesRead(
      citing([
        [observation('2016-09-26T02:00:00.000Z', A)],
        [observation('2016-10-03T02:00:00.000Z', A)],
        [observation('2016-10-10T02:00:00.000Z', B)],
      ]),
    );
    const rows = index.bySite.get('hbj')!;
    expect(rows.map((r) => [r.sha256, r.checks])).toEqual([
      [A, ['2016-09-26T02:00:00.000Z', '2016-10-03T02:00:00.000Z']],
      [B, ['2016-10-10T02:00:00.000Z']],
    ]);
    expect(new Set(rows.map((r) => r.anchor)).size).toBe(2);
    expect(index.rowOf('hbj', observation('2016-10-03T02:00:00.000Z', A))).toBe(rows[0]);
  });

  it('keeps checks without a hash apart: their bytes are unknown', () => {
    const index = indexPagesRead(
      citing([
        [observation('2016-09-26T02:00:00.000Z', null)],
        [observation('2016-10-03T02:00:00.000Z', null)],
      ]),
    );
    expect(index.bySite.get('hbj')!.map((r) => r.checks)).toEqual([
      ['2016-09-26T02:00:00.000Z'],
      ['2016-10-03T02:00:00.000Z'],
    ]);
  });

  it('orders a site’s rows page by page, in the order pages are first cited, then by check', () => {
    const index = indexPagesRead(
      citing([
        [
          observation('2016-10-10T02:00:00.000Z', B),
          observation('2016-10-10T02:00:00.000Z', A, 'http://hbj.jiangmen.gov.cn/tzgg/'),
        ],
        [observation('2016-09-26T02:00:00.000Z', A)],
      ]),
    );
    expect(index.bySite.get('hbj')!.map((r) => [r.url, r.checks[0]])).toEqual([
      ['http://hbj.jiangmen.gov.cn/', '2016-09-26T02:00:00.000Z'],
      ['http://hbj.jiangmen.gov.cn/', '2016-10-10T02:00:00.000Z'],
      ['http://hbj.jiangmen.gov.cn/tzgg/', '2016-10-10T02:00:00.000Z'],
    ]);
  });

  it('indexes nothing for a site without a card, nor for a report without the veto section', () => {
    expect(indexPagesRead({ ...report, siteVetoes: undefined }).bySite.size).toBe(0);
    const noCard = { ...report, siteVetoes: { ...report.siteVetoes!, sites: [] } };
    expect(indexPagesRead(noCard).rowOf('hbj', ruleOf(report).periods[0]!.evidence[0]!)).toBeUndefined();
  });
});

describe('pages as read in the HTML report', () => {
  const $ = cheerio.load(renderHtml(report, { lang: 'zh' }));
  const en = cheerio.load(renderHtml(report, { lang: 'en' }));

  it('cites in each period row the page its verdict rests on, linked to the page’s row in the site card', () => {
    for (const period of ruleOf(report).periods) {
      const e = period.evidence[0]!;
      const cited = $(`#o-${SITE_RULE} tr[data-verdict="${period.verdict}"] p.obs`);
      expect(cited.find('.kind').text()).toBe('[巡检所见]');
      expect(cited.text()).toContain(`${e.fetchedAt!.slice(0, 10)}: ${e.title}`);
      const row = $(cited.find('a').attr('href')!);
      expect(row.closest('article.site').attr('id')).toBe('site-hbj');
      expect(row.find('code.sha').text()).toBe(e.sha256);
      expect(row.find('a.archived').attr('href')).toBe(e.archived);
      expect(row.find('a.original').attr('href')).toBe(e.url);
      expect(row.find('time').attr('datetime')).toBe(e.fetchedAt);
      expect(row.find('time').text()).toBe(`${e.fetchedAt!.slice(0, 10)} 10:00`);
      expect(row.find('td').eq(1).text()).toBe(e.publishedOn);
    }
  });

  it('heads the card’s table with what each column holds, Beijing time named once', () => {
    const heads = (doc: cheerio.CheerioAPI) =>
      doc('#site-hbj details.pages-read thead th')
        .map((_, th) => doc(th).text())
        .get();
    expect(heads($)).toEqual(['页面', '巡检时间（北京时间）', '最新有日期条目', '存档副本与 SHA-256']);
    expect(heads(en)).toEqual([
      'Page',
      'Checked at (UTC+8)',
      'Newest dated item',
      'Archived copy and SHA-256',
    ]);
    expect($('#site-hbj details.pages-read tbody th[scope="row"]')).toHaveLength(2);
    expect($('#site-lyj details.pages-read')).toHaveLength(0);
  });
});
