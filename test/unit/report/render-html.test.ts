import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { VERDICT_KINDS } from '../../../src/core/verdict';
import { stringsFor } from '../../../src/report/html/strings';
import { renderHtml } from '../../../src/report/render-html';
import {
  fixtureReport,
  HOSTILE_TITLE,
  HOSTILE_UNIT,
  HOSTILE_URL,
  largeReport,
} from '../../fixtures/reports/fixture-report';

const { report } = fixtureReport();
const zhHtml = renderHtml(report, { lang: 'zh' });
const enHtml = renderHtml(report, { lang: 'en' });
const zh = cheerio.load(zhHtml);
const en = cheerio.load(enHtml);

describe('renderHtml: hostile strings from the web and the catalogue', () => {
  it('renders a page title carrying a script as text, never as markup', () => {
    expect(zhHtml).not.toContain('<script>alert(1)</script>');
    expect(zhHtml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // The only script element is the report's own, and the title shows as typed.
    expect(zh('script')).toHaveLength(1);
    expect(zh('script').text()).not.toContain('alert(1)');
    expect(zh('a.original').filter((_, a) => zh(a).text() === HOSTILE_TITLE)).toHaveLength(1);
  });

  it('does not turn a javascript: URL into a link, but still shows it', () => {
    for (const $ of [zh, en]) {
      const hrefs = $('a[href]')
        .map((_, a) => $(a).attr('href') ?? '')
        .get();
      expect(hrefs.length).toBeGreaterThan(20);
      for (const href of hrefs) expect(href).toMatch(/^(https?:\/\/|#|\.\.\/|report\.)/);
    }
    expect(zh('dd').filter((_, dd) => zh(dd).text() === HOSTILE_URL)).toHaveLength(1);
    expect(zh.text()).toContain(stringsFor('zh').ev.unsafeUrl);
  });

  it('keeps a unit name with quotes and tags intact in text, filter options and data attributes', () => {
    const section = zh('section#o-food-sampling-weekly');
    expect(JSON.parse(section.attr('data-units') ?? '')).toEqual(['市食品药品监督管理局', HOSTILE_UNIT]);
    expect(zh('#f-unit option').filter((_, o) => zh(o).attr('value') === HOSTILE_UNIT)).toHaveLength(1);
    expect(zh('a[data-unit]').filter((_, a) => zh(a).text() === HOSTILE_UNIT)).toHaveLength(1);
    expect(zh('b')).toHaveLength(0);
  });
});

describe('renderHtml: one self-contained file', () => {
  it('loads nothing from anywhere: no src, no stylesheet links, no url() or @import in CSS', () => {
    for (const $ of [zh, en]) {
      expect($('[src]')).toHaveLength(0);
      expect($('link')).toHaveLength(0);
      expect($('[srcset], [poster], [data], object, embed, iframe, img, [href^="http"]:not(a)')).toHaveLength(
        0,
      );
      const css = $('style').text();
      expect(css.length).toBeGreaterThan(1000);
      expect(css).not.toMatch(/url\(|@import|@font-face/);
    }
  });

  it('forbids network loads and foreign scripts through its Content-Security-Policy', () => {
    const csp = zh('meta[http-equiv="Content-Security-Policy"]').attr('content') ?? '';
    expect(csp).toContain("default-src 'none'");
    const script = zh('script').html() ?? '';
    const hash = createHash('sha256').update(script, 'utf8').digest('base64');
    expect(csp).toContain(`script-src 'sha256-${hash}'`);
    expect(csp).not.toContain("'unsafe-eval'");
  });

  it('declares its encoding and language', () => {
    expect(zhHtml.startsWith('<!doctype html>')).toBe(true);
    expect(zh('meta[charset]').attr('charset')).toBe('utf-8');
    expect(zh('html').attr('lang')).toBe('zh-CN');
    expect(en('html').attr('lang')).toBe('en');
  });
});

describe('renderHtml: languages', () => {
  it('speaks Chinese by default and English with lang en, data staying as published', () => {
    expect(renderHtml(report)).toBe(zhHtml);
    const zs = stringsFor('zh');
    const es = stringsFor('en');
    for (const key of Object.keys(zs.sections) as (keyof typeof zs.sections)[]) {
      // Shown only when events were recorded.
      if (key === 'events') continue;
      expect(zhHtml).toContain(zs.sections[key]);
      expect(enHtml).toContain(es.sections[key]);
      expect(enHtml).not.toContain(zs.sections[key]);
    }
    for (const k of VERDICT_KINDS) expect(zhHtml).not.toContain(`>${es.verdicts[k].label}<`);
    for (const k of VERDICT_KINDS) expect(enHtml).not.toContain(`>${zs.verdicts[k].label}<`);
    // The plan's own words are not translated.
    expect(en('section.obl h3').first().text()).toContain('公开市级部门预算');
    expect(en('h1').text()).toContain('江门市人民政府办公室');
  });

  it('links each language version to the other', () => {
    expect(zh('a[hreflang="en"]').attr('href')).toBe('report.en.html');
    expect(en('a[hreflang="zh-CN"]').attr('href')).toBe('report.html');
  });
});

describe('renderHtml: verdicts and evidence', () => {
  it('the fixture covers every verdict kind', () => {
    const kinds = new Set(report.obligations.flatMap((o) => o.periods.map((p) => p.verdict)));
    expect([...kinds].sort()).toEqual([...VERDICT_KINDS].sort());
  });

  it.each(['zh', 'en'] as const)('gives every period verdict a text label and a shape (%s)', (lang) => {
    const $ = lang === 'zh' ? zh : en;
    const s = stringsFor(lang);
    const rows = $('tr[data-verdict]');
    expect(rows).toHaveLength(report.totals.periods);
    rows.each((_, row) => {
      const kind = $(row).attr('data-verdict') as (typeof VERDICT_KINDS)[number];
      const badge = $(row).find(`.v.v-${kind}`);
      expect(badge).toHaveLength(1);
      expect(badge.text()).toBe(`${s.verdicts[kind].icon}${s.verdicts[kind].label}`);
      expect(badge.find('[aria-hidden="true"]').text()).toBe(s.verdicts[kind].icon);
    });
    const labels = VERDICT_KINDS.map((k) => s.verdicts[k].label);
    const icons = VERDICT_KINDS.map((k) => s.verdicts[k].icon);
    expect(new Set(labels).size).toBe(VERDICT_KINDS.length);
    expect(new Set(icons).size).toBe(VERDICT_KINDS.length);
  });

  it('shows each piece of evidence with its page, archived copy, sha256, fetch time, shown date and terms', () => {
    const period = report.obligations.find((o) => o.id === 'air-quality-monthly')!.periods[0]!;
    const ev = period.evidence[0]!;
    const row = zh('section#o-air-quality-monthly tr[data-verdict]').first();
    const block = row.find('.ev').first();
    expect(block.find('a.original').attr('href')).toBe(ev.url);
    expect(block.find('a.archived').attr('href')).toBe(ev.archived);
    expect(block.find('a.archived').text()).toBe(stringsFor('zh').ev.archived);
    expect(block.find('code.sha').text()).toBe(ev.sha256);
    expect(block.find('time').attr('datetime')).toBe(ev.fetchedAt);
    expect(block.find('time').text()).toBe('2016-02-16 09:00 (UTC+8)');
    expect(block.text()).toContain(ev.shownDate);
    expect(block.text()).toContain('环境空气质量、1月');
  });

  it('shows near misses apart from the evidence that counts', () => {
    const row = zh('section#o-drug-sampling-quarterly tr[data-verdict="met"]');
    expect(row.find('.cands .ev')).toHaveLength(1);
    expect(row.find('.cands').text()).toContain('2015年第四季度药品抽验质量公告（补充）');
    expect(row.find('> td > .ev')).toHaveLength(1);
    expect(row.find('> td > .ev').text()).not.toContain('2015年第四季度');
    // A missing period with a near miss still says it has no evidence.
    const missing = zh('section#o-air-quality-monthly tr[data-verdict="missing"]');
    expect(missing.find('> td > .ev')).toHaveLength(0);
    expect(missing.find('.cands .ev')).toHaveLength(1);
  });

  it('marks manual evidence with who entered it', () => {
    const manual = zh('.ev-manual');
    expect(manual).toHaveLength(1);
    expect(manual.text()).toContain('人工录入');
    expect(manual.text()).toContain('李审核');
  });

  it('writes a document cited again in a later period once, the later period linking to it with its own reason', () => {
    const air = report.obligations.find((o) => o.id === 'air-quality-monthly')!;
    const first = air.periods[0]!;
    const ev = first.evidence[0]!;
    const again = [
      first,
      { ...air.periods[1]!, evidence: [{ ...ev, reason: 'still listed in its column on 2016-02-29' }] },
      { ...air.periods[3]!, evidence: [ev] },
    ];
    const $ = cheerio.load(
      renderHtml({
        ...report,
        obligations: report.obligations.map((o) => (o.id === air.id ? { ...air, periods: again } : o)),
      }),
    );
    const rows = $('section#o-air-quality-monthly tr[data-verdict]');
    const full = rows.eq(0).find('.ev-match');
    expect(full.find('code.sha').text()).toBe(ev.sha256);
    const id = full.attr('id')!;
    expect(id).toBeTruthy();
    for (const i of [1, 2]) {
      const ref = rows.eq(i).find('.ev-again');
      expect(ref.find('a').attr('href')).toBe(`#${id}`);
      expect(ref.find('a').text()).toBe(ev.title);
      expect(ref.text()).toContain(`同 ${first.label}`);
      expect(rows.eq(i).html()).not.toContain(ev.sha256!);
    }
    // A reason of its own stays; the same reason is not repeated.
    expect(rows.eq(1).find('.ev-again').text()).toContain('still listed in its column on 2016-02-29');
    expect(rows.eq(2).find('.ev-again').text()).not.toContain(ev.reason);
    // Cited once only: written out in full, without an id.
    expect($('section#o-budget-disclosure .ev-match').attr('id')).toBeUndefined();
  });

  it('collapses each obligation’s periods in a closed <details> with a captioned table', () => {
    const details = zh('section.obl details.periods');
    expect(details.length).toBe(report.obligations.filter((o) => o.periods.length > 0).length);
    details.each((_, d) => {
      expect(zh(d).attr('open')).toBeUndefined();
      expect(zh(d).find('caption').text()).not.toBe('');
      expect(zh(d).find('thead th[scope="col"]').length).toBe(6);
      expect(zh(d).find('tbody th[scope="row"]').length).toBe(zh(d).find('tbody tr').length);
    });
  });
});

describe('renderHtml: flags, waivers, warnings, sources', () => {
  it('lists flags with status and history', () => {
    const rows = zh('table.flags tbody tr');
    expect(rows).toHaveLength(3);
    const resolved = zh('table.flags tr[data-status="resolved"]');
    expect(resolved.text()).toContain('已补公开');
    expect(resolved.find('li')).toHaveLength(2);
    expect(resolved.find('a').attr('href')).toBe('#o-air-quality-monthly');
  });

  it('lists waivers with who, why and until when', () => {
    const row = zh('table.waivers tbody tr');
    expect(row).toHaveLength(1);
    expect(row.text()).toContain('王科长');
    expect(row.text()).toContain('省里统一发布，本市不单独公开');
    expect(row.text()).toContain('2016-12-31');
  });

  it('puts backdating warnings first and tags them, in the table and in the period row', () => {
    const first = zh('table.warnings tbody tr').first();
    expect(first.find('.tag').text()).toBe('倒签');
    expect(en('table.warnings tbody tr').first().find('.tag').text()).toBe('backdated');
    const row = zh('section#o-air-quality-monthly tr[data-verdict]').eq(3);
    expect(row.find('.warn .tag').text()).toBe('倒签');
  });

  it('names unreachable sources with their last error', () => {
    const troubled = zh('ul.troubled li');
    expect(troubled.text()).toContain('江门市旅游局网站');
    expect(troubled.text()).toContain('ECONNREFUSED');
    expect(zh('table.sources tr[data-last-ok="false"]').text()).toContain('无法访问');
    expect(zh('table.sources tr[data-last-ok="true"]')).toHaveLength(3);
  });
});

describe('renderHtml: overview', () => {
  it('shows the compliance rate per department in a semantic table', () => {
    const table = zh('table.departments');
    expect(table.find('caption').text()).toBe('各部门情况');
    // Unit, obligations, rate; rate and missing per kind of duty; missing, due soon, insufficient data, obligations missing.
    expect(table.find('thead th[scope="col"]').length).toBe(3 + 2 * report.groups.length + 4);
    const env = table.find('tbody tr').filter((_, tr) => zh(tr).find('th').text() === '市环境保护局');
    // Air quality 2 met, 1 late, 1 missing; the site's home-page rule 1 met.
    expect(env.find('td').eq(1).text()).toBe('60.0%');
  });

  it('draws the trend as an SVG with a title, and gives the same numbers as a table', () => {
    const svg = zh('svg.trend');
    expect(svg.attr('role')).toBe('img');
    expect(svg.find('title').first().text()).toBe('全年按时公开率变化');
    // The first sweep judged nothing: no rate, so the line starts at the second.
    expect(svg.find('polyline.rate').attr('points')?.split(' ')).toHaveLength(report.trend.length - 1);
    expect(svg.find('circle.dot')).toHaveLength(report.trend.length - 1);
    const rows = zh('details.trend-data tbody tr');
    expect(rows).toHaveLength(report.trend.length);
    expect(rows.first().find('td').first().text()).toBe('暂无可判定期次');
    expect(rows.last().find('td').first().text()).toBe('62.5%');
  });

  it('has labelled, keyboard-reachable filters for department, verdict, schedule kind and text', () => {
    for (const id of ['f-unit', 'f-verdict', 'f-kind', 'f-q']) {
      expect(zh(`label[for="${id}"]`).text()).not.toBe('');
      expect(zh(`#${id}`).is('select, input')).toBe(true);
    }
    // Every verdict kind, "all", and the periods resting on evidence since withdrawn.
    expect(zh('#f-verdict option')).toHaveLength(VERDICT_KINDS.length + 2);
    expect(
      zh('#f-kind option')
        .map((_, o) => zh(o).attr('value'))
        .get(),
    ).toEqual(['', 'once', 'monthly', 'weekly', 'quarterly', 'annual', 'unspecified', 'event']);
  });
});

describe('renderHtml: large reports', () => {
  it('renders 10,000 periods quickly, compactly and collapsed', () => {
    const large = largeReport(10_000, 200);
    const started = performance.now();
    const html = renderHtml(large, { lang: 'zh', lazy: false });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(3000);
    expect(html.length / 10_000).toBeLessThan(800);
    expect(html).not.toMatch(/<details class="periods" open/);
    expect(html.match(/<tr data-verdict=/g)).toHaveLength(10_000);
  });

  it('carries the rows of a large report compressed, every one of them, in a fraction of the bytes', () => {
    const large = largeReport(10_000, 200);
    const eager = renderHtml(large, { lang: 'zh', lazy: false });
    const html = renderHtml(large, { lang: 'zh' });
    expect(html.match(/<tr data-verdict=/g)).toBeNull();
    const $ = cheerio.load(html);
    const block = $('script#lazy-parts');
    expect(block.attr('type')).toBe('application/gzip+base64');
    const parts = JSON.parse(gunzipSync(Buffer.from(block.text(), 'base64')).toString('utf8')) as string[];
    expect(parts.join('').match(/<tr data-verdict=/g)).toHaveLength(10_000);
    expect($('tbody[data-lazy]')).toHaveLength(parts.length);
    // Putting each body back gives the eager page's bodies, in order.
    const $eager = cheerio.load(eager);
    const eagerBodies = $eager('tbody.pr, tbody.lz')
      .map((_, b) => $eager(b).html())
      .get();
    expect(parts).toEqual(eagerBodies);
    expect(Buffer.byteLength(html)).toBeLessThan(Buffer.byteLength(eager) * 0.3);
    // The first screen, departments and obligation headers stay in the markup.
    expect($('#now table.outstanding tbody tr').length).toBeGreaterThan(0);
    expect($('section.obl')).toHaveLength(large.obligations.length);
  });

  it('leaves a small report whole, and the page says what to do when a browser cannot inflate', () => {
    expect(cheerio.load(zhHtml)('script#lazy-parts')).toHaveLength(0);
    expect(zhHtml).not.toContain('data-lazy=');
    const forced = cheerio.load(renderHtml(report, { lang: 'zh', lazy: true }));
    expect(forced('script#lazy-parts').attr('data-failed')).toMatch(/report\.csv/);
  });
});
