/**
 * Titles are what a reader sees. Hidden text inside a link must not turn a meeting notice into a
 * budget disclosure, and invisible characters inside a visible 部门预算 must not hide a disclosure
 * from matching or garble what the report shows.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { matchEvidence } from '../../../src/core/match';
import { visibleText } from '../../../src/core/visible-text';
import { extractDetail, extractList } from '../../../src/crawl/extract';
import { doc, obligation, periods, unitSources } from '../match/builders';

const LIST_URL = 'http://www.jiangmen.gov.cn/czj/tzgg/';
const NOTICE = '关于召开全市财政工作会议的通知';

describe('hidden text in titles (H19-03)', () => {
  const items = extractList(readFileSync('test/fixtures/hostile/html/hidden-title-text.html', 'utf8'), {
    url: LIST_URL,
    now: '2016-08-01',
  }).items;

  it('H19-03a reads only the visible words of every hidden-text link', () => {
    expect(items).toHaveLength(9);
    expect(items.slice(0, 8).map((i) => i.title)).toEqual(new Array(8).fill(NOTICE));
  });

  it('H19-03b keeps visible styled text', () => {
    expect(items[8]!.title).toBe('2016年部门预算公开(财政局)');
  });

  it('H19-03c reads a detail page title without its hidden parts', () => {
    const detail = extractDetail(
      `<html><head><title>x</title></head><body><h1>${NOTICE}<span style="display:none">部门预算</span><noscript>部门预算</noscript></h1><p>发布时间：2016-03-01</p></body></html>`,
      { url: `${LIST_URL}1.htm` },
    );
    expect(detail.title).toBe(NOTICE);
  });
});

describe('invisible characters (H19-04)', () => {
  const invisible = ['\u200b', '\u00ad', '\u200d', '\u2060', '\ufeff', '\u202e', '\u2066', '\u200f'];

  it('H19-04a reads 部门预算 with any invisible character inside as 部门预算, in titles as extracted', () => {
    for (const c of invisible) {
      const html = `<ul><li><a href="/a.htm">2016年部门${c}预${c}算公开</a><span>2016-03-01</span></li></ul>`;
      const [item] = extractList(html, { url: LIST_URL, now: '2016-08-01' }).items;
      expect(item?.title, JSON.stringify(c)).toBe('2016年部门预算公开');
    }
  });

  it('H19-04b normalises full-width forms (NFKC) for display and matching', () => {
    expect(visibleText('２０１６年部门预算（草案）')).toBe('2016年部门预算(草案)');
  });

  it('H19-04c matches a stored title with invisible characters, and a rule written in full-width forms', () => {
    const o = obligation('o1', { kind: 'annual' }, { keywords: ['部门预算'], required: ['（２０１６）'] });
    const d = doc({ title: '(2016)部\u200b门\u00ad预\u202e算公开', date: '2016-04-01' });
    const result = matchEvidence({
      obligations: [o],
      periods: periods(o),
      documents: [d],
      unitSources,
      asOf: '2016-12-31',
    });
    expect(result.evidence.map((e) => e.url)).toEqual([d.url]);
  });

  it('H19-04d reads a full-width pattern character as a literal, never as regex syntax', () => {
    const o = obligation('o2', { kind: 'annual' }, { titlePatterns: ['部门预算（草案）'] });
    const hit = doc({ title: '2016年部门预算(草案)', date: '2016-04-01' });
    const miss = doc({ title: '2016年部门预算草案', date: '2016-04-01' });
    const result = matchEvidence({
      obligations: [o],
      periods: periods(o),
      documents: [hit, miss],
      unitSources,
      asOf: '2016-12-31',
    });
    expect(result.evidence.map((e) => e.url)).toEqual([hit.url]);
  });
});
