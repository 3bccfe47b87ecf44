import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { daysBetween } from '../../../src/core/dates';
import type { SiteForecast } from '../../../src/core/site-forecast';
import type { RuleOutcome } from '../../../src/core/site-measures';
import { buildReport } from '../../../src/report/build-report';
import { stringsFor } from '../../../src/report/html/strings';
import { ReportSchema } from '../../../src/report/model';
import { renderCsv } from '../../../src/report/render-csv';
import { renderHtml } from '../../../src/report/render-html';
import { renderSummary } from '../../../src/report/render-summary';
import { buildSiteVetoes } from '../../../src/report/site-vetoes';
import {
  AS_OF,
  archivedPath,
  HOSTILE_SITE,
  HOSTILE_UNDATED_TITLE,
  PACK_TITLE,
  siteVetoInput,
  siteVetoReport,
  UNDATED_TITLE,
  VANISHED_TITLE,
} from './site-veto-fixture';

const report = siteVetoReport();
const section = report.siteVetoes!;
const site = (id: string) => section.sites.find((s) => s.sourceId === id)!;
const zhHtml = renderHtml(report, { lang: 'zh' });
const enHtml = renderHtml(report, { lang: 'en' });
const zh = cheerio.load(zhHtml);
const en = cheerio.load(enHtml);

describe('the site veto section of the report model', () => {
  it('is valid against the report schema', () => {
    const parsed = ReportSchema.safeParse(report);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });

  it('orders sites tripped first, then by the date the next veto trips, sites with no data last', () => {
    expect(section.sites.map((s) => [s.sourceId, s.state])).toEqual([
      ['jm-jia', 'tripped'],
      ['jm-yi', 'warn'],
      ['jm-bing', 'clear'],
      ['jm-ding', 'no-data'],
    ]);
    expect(section.asOf).toBe(AS_OF);
    expect(section.warningDays).toBe(14);
  });

  it('says since when a tripped veto holds and which page trips it, with its archived copy', () => {
    const jia = site('jm-jia');
    expect(jia.tripped).toEqual(['website-home-stale--jm-jia']);
    const home = jia.vetoes.find((v) => v.template === 'website-home-stale')!;
    expect(home).toMatchObject({ status: 'tripped', trippedSince: '2016-09-16', count: 1, threshold: 1 });
    expect(home.offenders).toEqual([
      expect.objectContaining({
        name: '江门市甲局网站首页',
        url: 'http://jia.jiangmen.gov.cn/',
        columnId: null,
        offence: 'stale',
        newestItemDate: '2016-09-01',
        staleSince: '2016-09-16',
        checkedAt: '2016-10-17T02:00:00.000Z',
      }),
    ]);
    expect(home.offenders[0]!.archived).toBe(archivedPath(home.offenders[0]!.sha256!));
  });

  it('forecasts the first veto and warns only within the warning window', () => {
    expect(site('jm-yi').next).toMatchObject({
      obligationId: 'website-home-stale--jm-yi',
      on: '2016-10-25',
      inDays: 8,
    });
    expect(site('jm-yi').warn).toBe(true);
    expect(site('jm-bing').next).toMatchObject({ on: '2016-11-01', inDays: 15 });
    expect(site('jm-bing').warn).toBe(false);
  });

  it('gives each veto its measure, and the failed-check count for availability', () => {
    const bing = site('jm-bing');
    expect(bing.vetoes.map((v) => v.measure)).toEqual([
      'stale-columns',
      'availability',
      'stale-columns',
      'stale-columns',
      'blank-columns',
    ]);
    const availability = bing.vetoes.find((v) => v.measure === 'availability')!;
    expect(availability.availability).toMatchObject({ total: 3, failed: 0, from: '2016-10-11', to: AS_OF });
    const blank = bing.vetoes.find((v) => v.measure === 'blank-columns')!;
    expect(blank.offenders.map((p) => [p.name, p.offence])).toEqual([['专题专栏', 'blank']]);
  });

  it('lists the undated items still listed in each column, and the home page undated count', () => {
    const bing = site('jm-bing').undated;
    expect(bing.columns.map((c) => c.columnId)).toEqual(['bing-tzgg']);
    expect(bing.columns[0]!.items.map((i) => i.title)).toEqual([UNDATED_TITLE, HOSTILE_UNDATED_TITLE]);
    expect(bing.total).toBe(2);
    const jia = site('jm-jia').undated;
    expect(jia.home).toMatchObject({ undatedCount: 2, itemCount: 10, url: 'http://jia.jiangmen.gov.cn/' });
    expect(jia.total).toBe(2);
    expect(site('jm-ding').undated).toEqual({ total: 0, home: null, columns: [] });
  });

  it('marks rule-pack obligations with their pack, the rule cited and their site', () => {
    const pack = report.obligations.find((o) => o.id === 'website-home-stale--jm-jia')!;
    expect(pack).toMatchObject({
      pack: 'website-inspection-2019',
      packTitle: PACK_TITLE,
      template: 'website-home-stale',
      site: 'jm-jia',
      siteName: '江门市甲局网站',
    });
    const plan = report.obligations.find((o) => o.id === 'budget-disclosure')!;
    expect(plan.pack).toBeUndefined();
    expect(plan.siteName).toBeUndefined();
  });

  it('cites the pages a site verdict rests on as observations at their check', () => {
    const period = report.obligations.find((o) => o.id === 'website-home-stale--jm-jia')!.periods[0]!;
    expect(period.verdict).toBe('missing');
    expect(period.evidence).toEqual([
      expect.objectContaining({
        kind: 'observation',
        url: 'http://jia.jiangmen.gov.cn/',
        fetchedAt: '2016-10-17T02:00:00.000Z',
        publishedOn: '2016-09-01',
      }),
    ]);
    expect(period.evidence[0]!.archived).toBe(archivedPath(period.evidence[0]!.sha256!));
    const yi = report.obligations.find((o) => o.id === 'website-home-stale--jm-yi')!.periods[0]!;
    expect(yi).toMatchObject({ verdict: 'due-soon', forecast: '2016-10-25' });
  });

  it('leaves the section out when the assessment has no forecasts', () => {
    const plain = buildReport({ ...siteVetoInput(), forecasts: [] });
    expect(plain.siteVetoes).toBeUndefined();
    expect(renderHtml(plain, { lang: 'zh' })).not.toContain('id="site-vetoes"');
  });
});

describe('the site veto section in HTML', () => {
  it('has its heading and a contents entry in both languages', () => {
    expect(zh('#h-site-vetoes').text()).toBe('政府网站单项否决预警');
    expect(en('#h-site-vetoes').text()).toBe('Website single-veto early warning');
    expect(zh('nav.toc a[href="#site-vetoes"]').text()).toBe('政府网站单项否决预警');
    expect(en('nav.toc a[href="#site-vetoes"]').text()).toBe('Website single-veto early warning');
    expect(enHtml).not.toContain('政府网站单项否决预警');
    expect(enHtml).not.toContain('巡检');
  });

  it('shows one card per site in the model order, each state as words and a shape', () => {
    for (const [$, lang] of [
      [zh, 'zh'],
      [en, 'en'],
    ] as const) {
      const s = stringsFor(lang);
      const cards = $('article.site');
      expect(cards.map((_, c) => $(c).attr('id')).get()).toEqual([
        'site-jm-jia',
        'site-jm-yi',
        'site-jm-bing',
        'site-jm-ding',
      ]);
      const badges = cards.map((_, c) => $(c).find('h3 .st').text()).get();
      expect(badges).toEqual(
        (['tripped', 'warn', 'clear', 'no-data'] as const).map(
          (k) => `${s.veto.state[k].icon}${s.veto.state[k].label}`,
        ),
      );
    }
  });

  it('highlights a forecast within the warning window with a mark and words, not colour alone', () => {
    const yi = zh('#site-jm-yi');
    const soon = yi.find('dl.meta .soon');
    expect(soon.find('time').attr('datetime')).toBe('2016-10-25');
    expect(soon.text()).toContain('8 天后');
    expect(soon.text()).toContain('预警期内');
    expect(en('#site-jm-yi dl.meta .soon').text()).toContain('in 8 days');
    expect(en('#site-jm-yi dl.meta .soon').text()).toContain('within the warning window');
    // 15 days out with a 14-day window: dated, not highlighted.
    const bing = zh('#site-jm-bing');
    expect(bing.find('dl.meta time').attr('datetime')).toBe('2016-11-01');
    expect(bing.find('dl.meta').text()).toContain('15 天后');
    expect(bing.find('.soon')).toHaveLength(0);
  });

  it('states since when a veto holds and links the page that trips it and its archived copy', () => {
    const row = zh('#site-jm-jia tr[data-status="tripped"]');
    expect(row.find('th a').attr('href')).toBe('#o-website-home-stale--jm-jia');
    expect(row.text()).toContain('已触发，自 2016-09-16 起');
    const page = row.find('li[data-offence="stale"]');
    expect(page.find('a').first().attr('href')).toBe('http://jia.jiangmen.gov.cn/');
    expect(page.find('a.archived').attr('href')).toMatch(
      /^\.\.\/archive\/sha256\/[0-9a-f]{2}\/[0-9a-f]{64}\.html$/,
    );
    expect(page.text()).toContain('最新条目 2016-09-01');
    expect(en('#site-jm-jia tr[data-status="tripped"]').text()).toContain('tripped since 2016-09-16');
  });

  it('lists undated items with links, leaving out dated and vanished ones', () => {
    const undated = zh('#site-jm-bing details.undated');
    expect(undated.find('summary').text()).toBe('无发布日期的条目（2 条，计为未更新）');
    const titles = undated
      .find('ul.undated-items > li > a:not(.archived)')
      .map((_, a) => zh(a).text())
      .get();
    expect(titles).toEqual([UNDATED_TITLE, HOSTILE_UNDATED_TITLE]);
    expect(undated.find('ul.undated-items a.archived')).toHaveLength(2);
    expect(undated.text()).toContain('页面显示 “日期：待定”');
    expect(zhHtml).not.toContain(VANISHED_TITLE);
    expect(zhHtml).not.toContain('关于2016年国庆节放假的通知');
    expect(zh('#site-jm-jia details.undated').text()).toContain('首页最近一次检查：10 条中 2 条无日期');
    expect(en('#site-jm-jia details.undated').text()).toContain(
      'Home page at its last check: 2 of 10 items undated',
    );
  });

  it('escapes site names, units and item titles from the sources and the web', () => {
    for (const html of [zhHtml, enHtml]) {
      expect(html).not.toContain('<img src=x');
      expect(html).not.toContain('<b>丙</b>');
    }
    expect(zh('#site-jm-bing h3').text()).toContain(HOSTILE_SITE);
    expect(JSON.parse(zh('#site-jm-bing').attr('data-units') ?? '')).toEqual(['市"丙"局']);
    expect(zh('img, b')).toHaveLength(0);
  });
});

describe('rule-pack obligations and observations in HTML and CSV', () => {
  it('names the rule pack where a plan obligation shows its item number', () => {
    for (const [$, itemNo] of [
      [zh, '第 12 项'],
      [en, 'Item 12'],
    ] as const) {
      expect($('#o-website-home-stale--jm-jia h3 .item').text()).toBe(PACK_TITLE);
      expect($('#o-website-home-stale--jm-jia h3 .site-name').text()).toContain('江门市甲局网站');
      expect($('#o-budget-disclosure h3 .item').text()).toBe(itemNo);
    }
    expect(zh('#o-website-home-stale--jm-jia').text()).not.toContain('第 1 项');
  });

  it('cites each page as read by a link to its row in the site card, which holds address, copy, hash and time', () => {
    for (const [$, label, newest] of [
      [zh, '巡检所见', '2016-09-01'],
      [en, 'as read at check', '2016-09-01'],
    ] as const) {
      const cited = $('#o-website-home-stale--jm-jia tr[data-verdict] p.obs');
      expect(cited).toHaveLength(1);
      expect(cited.find('.kind').text()).toBe(`[${label}]`);
      expect(cited.text()).toContain('2016-10-17');
      const ref = cited.find('a');
      expect(ref).toHaveLength(1);
      expect(ref.text()).toBe('江门市甲局网站首页');
      const row = $(ref.attr('href') ?? '');
      expect(row.is('tr')).toBe(true);
      expect(row.closest('article.site').attr('id')).toBe('site-jm-jia');
      expect(row.closest('details').hasClass('pages-read')).toBe(true);
      expect(row.find('a.original').attr('href')).toBe('http://jia.jiangmen.gov.cn/');
      const sha = row.find('code.sha').text();
      expect(sha).toMatch(/^[0-9a-f]{64}$/);
      expect(row.find('a.archived').attr('href')).toBe(archivedPath(sha));
      expect(row.find('time').attr('datetime')).toBe('2016-10-17T02:00:00.000Z');
      expect(row.text()).toContain(newest);
      // The period row itself no longer repeats the hash or the archived copy.
      expect($('#o-website-home-stale--jm-jia tr[data-verdict]').html()).not.toContain(sha);
    }
  });

  it('lists in a site card only the pages its verdicts cite, once each, and nothing for sites never read', () => {
    const rows = zh('#site-jm-jia details.pages-read tbody tr');
    expect(rows).toHaveLength(1);
    expect(zh('#site-jm-yi details.pages-read tbody tr')).toHaveLength(1);
    expect(zh('#site-jm-ding details.pages-read')).toHaveLength(0);
    expect(zh('#site-jm-jia details.pages-read summary').text()).toBe('巡检所见页面（1 个）');
    expect(en('#site-jm-jia details.pages-read summary').text()).toBe('Pages as read (1)');
    expect(zh('#site-jm-jia details.pages-read').attr('open')).toBeUndefined();
  });

  it('writes observations out in full in the period row when their site has no card', () => {
    const $ = cheerio.load(renderHtml({ ...report, siteVetoes: undefined }, { lang: 'zh' }));
    const ev = $('#o-website-home-stale--jm-jia .ev-observation');
    expect(ev).toHaveLength(1);
    expect(ev.find('.kind').text()).toBe('[巡检所见]');
    const page = ev.find('ul.obs > li');
    expect(page).toHaveLength(1);
    expect(page.find('a.original').attr('href')).toBe('http://jia.jiangmen.gov.cn/');
    const sha = page.find('code.sha').text();
    expect(page.find('a.archived').attr('href')).toBe(archivedPath(sha));
    expect(page.text()).toContain('最新有日期条目 2016-09-01');
    expect(page.find('time').attr('datetime')).toBe('2016-10-17T02:00:00.000Z');
    expect($('a[href^="#pg"]')).toHaveLength(0);
  });

  it('gives CSV rows of rule-pack obligations their pack, site and forecast', () => {
    const lines = renderCsv(report).split('\r\n');
    const header = lines[0]!.replace(/^\uFEFF/, '').split(',');
    expect(header.slice(16, 19)).toEqual(['pack', 'site', 'forecast']);
    const yi = lines.find((l) => l.startsWith('website-home-stale--jm-yi,'))!;
    expect(yi).toContain(`,${PACK_TITLE},江门市乙局网站,2016-10-25,`);
    const jia = lines.find((l) => l.startsWith('website-home-stale--jm-jia,'))!;
    expect(jia).toContain(',missing,');
    expect(jia).toContain(`,${PACK_TITLE},江门市甲局网站,,Missing,`);
  });
});

describe('the site veto lines of the text summary', () => {
  it('names tripped vetoes and warnings, and leaves quiet sites out', () => {
    const summary = renderSummary(report);
    expect(summary).toContain('  tripped  江门市甲局网站: 首页栏目2周内有更新 since 2016-09-16\n');
    expect(summary).toContain(
      '  warning  江门市乙局网站: 首页栏目2周内有更新 trips on 2016-10-25 (in 8 days)\n',
    );
    expect(summary).not.toContain(HOSTILE_SITE);
    expect(summary).not.toContain('江门市丁局网站');
  });
});

describe('buildSiteVetoes', () => {
  const outcome = (tripsOn: string | null): RuleOutcome => ({
    at: AS_OF,
    status: 'clear',
    count: 0,
    threshold: 1,
    offenders: [],
    observed: [],
    unobserved: [],
    tripsOn,
  });
  const forecast = (sourceId: string, tripsOn: string | null): SiteForecast => {
    const veto = {
      obligationId: `website-home-stale--${sourceId}`,
      template: 'website-home-stale',
      name: '首页',
      outcome: outcome(tripsOn),
    };
    return {
      sourceId,
      siteName: sourceId,
      units: [],
      asOf: AS_OF,
      vetoes: [veto],
      tripped: [],
      next: tripsOn ? { veto, on: tripsOn, inDays: daysBetween(AS_OF, tripsOn) } : null,
      warn: false,
    };
  };

  it('orders clear sites by the day their first veto trips, sites with no forecast after them', () => {
    const section = buildSiteVetoes({
      asOf: AS_OF,
      warningDays: 14,
      forecasts: [forecast('c', null), forecast('a', '2016-12-01'), forecast('b', '2016-11-20')],
      obligations: [],
      sources: [],
      documents: [],
      checks: new Map(),
      archived: new Map(),
    });
    expect(section.sites.map((s) => [s.sourceId, s.state, s.next?.on ?? null])).toEqual([
      ['b', 'clear', '2016-11-20'],
      ['a', 'clear', '2016-12-01'],
      ['c', 'clear', null],
    ]);
  });
});
