import { describe, expect, it } from 'vitest';
import { extractList } from '../../../src/crawl/extract';
import { hanwebNextPages } from '../../../src/crawl/extract/hanweb-paging';
import { fixtureText } from './fixtures';

const DINGXI = 'http://zwgk.dingxi.gov.cn/col/col12377/index.html';
const PROXY = 'http://zwgk.dingxi.gov.cn/module/web/jpage/dataproxy.jsp';
const record = (n: number) =>
  `<record><![CDATA[<li><a href="/art/2021/9/${n}/art_12377_${n}.html" title="第${n}条">第${n}条</a><b>2021-09-${String(n).padStart(2, '0')}</b></li>]]></record>`;
const answer = (totals: string, records: number[]) =>
  `<?xml version="1.0" encoding="UTF-8"?><datastore>${totals}<recordset>${records.map(record).join('')}</recordset></datastore>`;

describe('Hanweb dataproxy paging', () => {
  it('follows the <nextgroup> link of a real Hanweb column to its paging endpoint', () => {
    const html = fixtureText('real/dingxi-zwgk-datastore.html');
    const next = extractList(html, { url: DINGXI }).next;
    expect(next).toHaveLength(1);
    const url = new URL(next[0]!);
    expect(url.origin + url.pathname).toBe(PROXY);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      page: '1',
      webid: '110',
      columnid: '12377',
      unitid: '38486',
      permissiontype: '0',
    });
  });

  it('asks a page=N answer for every later page up to its totalpage', () => {
    const page = `${PROXY}?page=2&appid=1&webid=110&columnid=12377`;
    const next = hanwebNextPages(
      answer('<totalrecord>95</totalrecord><totalpage>4</totalpage>', [1, 2]),
      page,
    );
    expect(next.map((u) => new URL(u).searchParams.get('page'))).toEqual(['3', '4']);
    expect(new URL(next[0]!).searchParams.get('columnid')).toBe('12377');
    expect(hanwebNextPages(answer('<totalpage>4</totalpage>', [1]), `${PROXY}?page=4&columnid=1`)).toEqual(
      [],
    );
  });

  it('asks a startrecord/endrecord answer for the following groups of the same size', () => {
    const page = `${PROXY}?startrecord=1&endrecord=45&perpage=15&col=1&columnid=12377`;
    const next = hanwebNextPages(answer('<totalrecord>120</totalrecord>', [1, 2, 3]), page);
    expect(next.map((u) => [...new URL(u).searchParams].slice(0, 2).map(([, v]) => v))).toEqual([
      ['46', '90'],
      ['91', '135'],
    ]);
  });

  it('reads the records of a dataproxy answer as list items', () => {
    const items = extractList(answer('<totalpage>1</totalpage>', [1, 2, 3]), {
      url: `${PROXY}?page=1&columnid=12377`,
    }).items;
    expect(items.map((i) => [i.title, i.date])).toEqual([
      ['第1条', '2021-09-01'],
      ['第2条', '2021-09-02'],
      ['第3条', '2021-09-03'],
    ]);
  });

  it('never leaves the host, never trusts an answer without totals, and caps a hostile total', () => {
    const foreign = `<datastore><nextgroup><![CDATA[<a href="http://elsewhere.example/module/web/jpage/dataproxy.jsp?page=1"></a>]]></nextgroup></datastore>`;
    expect(hanwebNextPages(foreign, DINGXI)).toEqual([]);
    expect(hanwebNextPages(answer('', [1]), `${PROXY}?page=1`)).toEqual([]);
    expect(hanwebNextPages('<ul><li>no datastore</li></ul>', `${PROXY}?page=1`)).toEqual([]);
    const huge = hanwebNextPages(answer('<totalpage>999999999</totalpage>', [1]), `${PROXY}?page=1`);
    expect(huge).toHaveLength(1000);
  });
});
