import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import {
  departmentFileNames,
  departmentReport,
  findUnit,
  unitFileName,
} from '../../../src/report/department';
import { renderDepartmentFiles } from '../../../src/report/department-files';
import { buildNotice } from '../../../src/report/notice';
import { renderHtml } from '../../../src/report/render-html';
import { renderNotice } from '../../../src/report/render-notice';
import { fixtureReport, HOSTILE_UNIT, PACK_TITLE } from '../../fixtures/reports/fixture-report';

const { report } = fixtureReport();

describe('a department report', () => {
  it('holds only the obligations, flags, outstanding items and sites of its unit', () => {
    const mine = departmentReport(report, '市环境保护局');
    expect(mine.obligations.map((o) => o.id).sort()).toEqual([
      'air-quality-monthly',
      'website-home-stale--hbj',
    ]);
    expect(mine.flags.every((f) => f.units.includes('市环境保护局'))).toBe(true);
    expect(mine.flags).toHaveLength(report.flags.filter((f) => f.units.includes('市环境保护局')).length);
    expect(mine.outstanding.map((i) => i.obligationId)).toEqual([
      'air-quality-monthly',
      'website-home-stale--hbj',
    ]);
    expect(mine.siteVetoes?.sites.map((s) => s.sourceId)).toEqual(['hbj']);
    expect(mine.sources.map((s) => s.id)).toEqual(['hbj']);
    expect(mine.departments.map((d) => d.unit)).toEqual(['市环境保护局']);
  });

  it('totals agree with its row in the city report', () => {
    for (const row of report.departments) {
      const mine = departmentReport(report, row.unit);
      expect(mine.totals.obligations).toBe(row.obligations);
      expect(mine.totals.counts).toEqual(row.counts);
      expect(mine.totals.complianceRate).toBe(row.complianceRate);
      // The fixture's rows carry no per-kind figures; a built report's do.
      for (const g of mine.groups)
        if (row.groups[g.group]) expect(g.counts).toEqual(row.groups[g.group]?.counts);
    }
  });

  it('keeps every verdict as the city report has it', () => {
    const mine = departmentReport(report, '市食品药品监督管理局');
    for (const o of mine.obligations) expect(o).toBe(report.obligations.find((x) => x.id === o.id));
  });

  it('refuses a unit the report does not name', () => {
    expect(() => departmentReport(report, '市不存在局')).toThrow(/no unit/);
  });
});

describe('finding the unit asked for', () => {
  it('takes the exact name, or the one name containing what was typed', () => {
    expect(findUnit(report, '市环境保护局')).toBe('市环境保护局');
    expect(findUnit(report, '环境保护')).toBe('市环境保护局');
    expect(findUnit(report, ' 市法制局 ')).toBe('市法制局');
  });

  it('does not guess between several, nor an abbreviation', () => {
    expect(findUnit(report, '局')).toBeNull();
    expect(findUnit(report, '市环保局')).toBeNull();
    expect(findUnit(report, '')).toBeNull();
  });

  it('makes a file name of any unit name', () => {
    expect(unitFileName(HOSTILE_UNIT)).toBe('市_测试__b_单位__b_');
    expect(unitFileName('../x')).not.toContain('/');
    expect(departmentFileNames('市环境保护局').notice('en', 'zh')).toBe('notice-市环境保护局.en.html');
  });
});

describe('the rectification notice (整改通知)', () => {
  const mine = departmentReport(report, '市环境保护局');

  it('lists periods with an open flag, not those already resolved, with since when', () => {
    const notice = buildNotice(mine, '市环境保护局', { replyDays: 7 });
    expect(notice.items.map((i) => i.obligation.id)).toEqual(['air-quality-monthly']);
    const item = notice.items[0];
    expect(item?.periods.map((p) => p.period.key)).toEqual(['2016-03']);
    expect(item?.since).toBe(item?.periods[0]?.period.due);
    expect(item?.periods[0]?.daysOverdue).toBeGreaterThan(100);
    expect(notice.replyBy).toBe('2016-10-24');
    expect(notice.dueSoon.map((d) => d.obligation.id)).toEqual([
      'air-quality-monthly',
      'website-home-stale--hbj',
    ]);
    // The site is warned, not tripped: nothing to put right yet.
    expect(notice.vetoes).toEqual([]);
  });

  it('lists an unverifiable obligation apart, and a tripped site', () => {
    const tourism = departmentReport(report, '市旅游局');
    const notice = buildNotice(tourism, '市旅游局', { replyBy: '2016-11-01' });
    expect(notice.items.map((i) => [i.obligation.id, i.state])).toEqual([
      ['tourism-complaints', 'insufficient-data'],
    ]);
    expect(notice.vetoes.map((v) => v.sourceId)).toEqual(['lyj']);
    const $ = load(renderNotice(notice, tourism, { lang: 'zh' }));
    expect(
      $('h2')
        .map((_, h) => $(h).text())
        .get(),
    ).toEqual(['一、网站无法访问、无法核实的事项', '二、已触发单项否决的网站']);
    expect($('body').text()).toContain('请于 2016-11-01 前完成整改');
  });

  it('names the unit, the rule, what to publish, the due date and the evidence, in Chinese', () => {
    const notice = buildNotice(mine, '市环境保护局');
    const $ = load(
      renderNotice(notice, mine, { lang: 'zh', departmentReport: 'department-市环境保护局.html' }),
    );
    expect($('h1').text()).toBe('政务公开整改通知');
    expect($('body').text()).toContain('市环境保护局：');
    const row = $('h2:contains("逾期未公开事项") + table tbody tr').first();
    const cells = row
      .find('td')
      .map((_, td) => $(td).text())
      .get();
    const o = mine.obligations.find((x) => x.id === 'air-quality-monthly');
    const period = o?.periods.find((p) => p.key === '2016-03');
    expect(cells[1]).toContain(o?.task);
    expect(cells[2]).toContain(`第 ${o?.item} 项`);
    expect(cells[3]).toContain(period?.label);
    expect(cells[4]).toBe(period?.due);
    expect(cells[5]).toMatch(/^逾期 \d+ 天$/);
    expect($('a[href="department-市环境保护局.html"]')).toHaveLength(1);
    // Only its own style: a notice runs no script.
    expect($('script')).toHaveLength(0);
  });

  it('cites the website inspection rule for a site rule, and reads English in English', () => {
    const tourism = departmentReport(report, '市旅游局');
    const html = renderNotice(buildNotice(tourism, '市旅游局'), tourism, { lang: 'en' });
    const $ = load(html);
    expect($('html').attr('lang')).toBe('en');
    expect($('h2').first().text()).toBe('1. Cannot be verified: site unreachable');
    expect(html).not.toMatch(/逾期|整改|请于/);
    // The site rule's month judged missing, with its flag open.
    const hbj = departmentReport(report, '市环境保护局');
    const rule = hbj.obligations.find((o) => o.group === 'website');
    const last = rule?.periods.at(-1);
    if (!rule || !last) throw new Error('fixture has no site rule');
    const missed = {
      ...hbj,
      obligations: hbj.obligations.map((o) =>
        o === rule
          ? { ...o, periods: o.periods.map((p) => (p === last ? { ...p, verdict: 'missing' as const } : p)) }
          : o,
      ),
      flags: [
        ...hbj.flags,
        {
          obligationId: rule.id,
          periodKey: last.key,
          due: last.due,
          units: rule.units,
          status: 'open' as const,
          raisedOn: last.due,
          notifiedAt: null,
          history: [],
        },
      ],
    };
    const site = renderNotice(buildNotice(missed, '市环境保护局'), missed, { lang: 'zh' });
    expect(site).toContain(PACK_TITLE);
  });

  it('escapes a hostile unit name', () => {
    const mine = departmentReport(report, HOSTILE_UNIT);
    const html = renderNotice(buildNotice(mine, HOSTILE_UNIT), mine, { lang: 'zh' });
    expect(html).not.toContain('<b>单位</b>');
    expect(load(html)('p strong').first().text()).toBe(`${HOSTILE_UNIT}：`);
  });
});

describe('the department files and the drill-down', () => {
  it('writes the report, CSV and notice of the unit in both languages, linked to each other', () => {
    const { files, summary } = renderDepartmentFiles(report, '市环境保护局', { lang: 'zh' });
    expect(files.map(([name]) => name)).toEqual([
      'department-市环境保护局.html',
      'notice-市环境保护局.html',
      'department-市环境保护局.en.html',
      'notice-市环境保护局.en.html',
      'department-市环境保护局.csv',
    ]);
    const page = load(files[0]?.[1] ?? '');
    expect(page('.dept-scope').text()).toBe('部门报告：市环境保护局');
    expect(
      page('p.links a')
        .map((_, a) => page(a).attr('href'))
        .get(),
    ).toEqual([
      'notice-市环境保护局.html',
      'report.html',
      'department-市环境保护局.en.html',
      'department-市环境保护局.csv',
    ]);
    expect(page('section.obl')).toHaveLength(2);
    const csv = files.find(([name]) => name.endsWith('.csv'))?.[1] ?? '';
    expect(csv.trim().split('\r\n')).toHaveLength(
      1 + departmentReport(report, '市环境保护局').totals.periods,
    );
    expect(summary).toMatch(
      /^市环境保护局: 1 overdue, 0 unverifiable, 0 sites with a veto tripped, 2 due soon; reply by 2016-10-27$/,
    );
  });

  it('links each department row to its own view, and to its files when they are written', () => {
    const $ = load(
      renderHtml(report, { lang: 'zh', departmentFiles: { units: ['市环境保护局'], main: 'zh' } }),
    );
    const row = $('#departments th[scope="row"]').filter(
      (_, th) => $(th).find('a[data-unit]').text() === '市环境保护局',
    );
    expect(row.find('a[data-unit]').attr('href')).toBe(`#unit=${encodeURIComponent('市环境保护局')}`);
    expect(
      row
        .find('.own-files a')
        .map((_, a) => $(a).attr('href'))
        .get(),
    ).toEqual(['department-市环境保护局.html', 'notice-市环境保护局.html']);
    expect($('.own-files')).toHaveLength(1);
    const en = load(
      renderHtml(report, { lang: 'en', departmentFiles: { units: ['市环境保护局'], main: 'zh' } }),
    );
    expect(en('.own-files a').first().attr('href')).toBe('department-市环境保护局.en.html');
  });
});
