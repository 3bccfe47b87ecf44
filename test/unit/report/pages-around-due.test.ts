import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import type { HealthCheck } from '../../../src/core/health-check';
import type { Verdict } from '../../../src/core/verdict';
import { buildReport } from '../../../src/report/build-report';
import { departmentReport } from '../../../src/report/department';
import { buildNotice } from '../../../src/report/notice';
import { checksUpTo, MAX_PAGES_PER_SOURCE } from '../../../src/report/pages-around-due';
import { renderCsv } from '../../../src/report/render-csv';
import { renderHtml } from '../../../src/report/render-html';
import { renderNotice } from '../../../src/report/render-notice';
import { archivedPath, sha, siteVetoInput } from './site-veto-fixture';

function read(url: string, checkedAt: string, more: Partial<HealthCheck> = {}): HealthCheck {
  return {
    sourceId: 'jm-jia',
    url,
    checkedAt,
    ok: true,
    latencyMs: 100,
    itemCount: 6,
    newestItemDate: '2016-04-20',
    sha256: sha(`${url} ${checkedAt}`),
    ...more,
  };
}

const NEWS = 'http://jia.jiangmen.gov.cn/gzdt/';
const HOME = 'http://jia.jiangmen.gov.cn/';

describe('the pages read by a due date', () => {
  it('cites each page as last read on or before the due date (Beijing), never a later read', () => {
    const checks = [
      read(NEWS, '2016-04-20T02:00:00.000Z'),
      read(NEWS, '2016-04-29T15:30:00.000Z'), // 2016-04-29 23:30 in Beijing: the due day itself
      read(NEWS, '2016-04-30T02:00:00.000Z'),
      read(HOME, '2016-04-27T02:00:00.000Z'),
    ];
    const cited = checksUpTo('jm-jia', checks, '2016-04-29').map((c) => [c.check.url, c.check.checkedAt]);
    expect(cited).toEqual([
      [NEWS, '2016-04-29T15:30:00.000Z'],
      [HOME, '2016-04-27T02:00:00.000Z'],
    ]);
  });

  it('cites a failed last read with its error and the last read that succeeded before it', () => {
    const checks = [
      read(NEWS, '2016-04-10T02:00:00.000Z'),
      read(NEWS, '2016-04-20T02:00:00.000Z', { ok: false, error: 'timeout: no answer in 20000 ms' }),
      read(HOME, '2016-04-20T02:00:00.000Z', { notVisited: true, ok: false }),
    ];
    const cited = checksUpTo('jm-jia', checks, '2016-04-29').map((c) => [c.check.checkedAt, c.check.ok]);
    expect(cited).toEqual([
      ['2016-04-10T02:00:00.000Z', true],
      ['2016-04-20T02:00:00.000Z', false],
    ]);
  });

  it('keeps the most recently read pages of a site with very many columns', () => {
    const checks = Array.from({ length: MAX_PAGES_PER_SOURCE + 5 }, (_, i) =>
      read(`${HOME}c${i}/`, `2016-04-${String(i + 1).padStart(2, '0')}T02:00:00.000Z`),
    );
    const cited = checksUpTo('jm-jia', checks, '2016-04-29');
    expect(cited).toHaveLength(MAX_PAGES_PER_SOURCE);
    expect(cited[0]?.check.url).toBe(`${HOME}c5/`);
  });
});

describe('a missing plan period in the report', () => {
  function missingReport(kind: 'missing' | 'insufficient-data' = 'missing') {
    const input = siteVetoInput();
    const catalogue = {
      ...input.catalogue,
      obligations: input.catalogue.obligations.map((o) =>
        o.id === 'budget-disclosure' ? { ...o, units: ['市甲局'] } : o,
      ),
    };
    const missing: Verdict = {
      obligationId: 'budget-disclosure',
      periodKey: '2016-once-1',
      periodLabel: '2016-05-31',
      start: '2016-01-01',
      end: '2016-05-31',
      due: '2016-05-31',
      kind,
      reasons: [
        'no evidence published by the due date 2016-05-31; jm-jia read successfully 2 times in the window, last on 2016-05-30',
      ],
      evidence: [],
      candidates: [],
      warnings: [],
    };
    const before = [
      read(NEWS, '2016-05-30T02:00:00.000Z', { columnId: 'jia-news' }),
      read(HOME, '2016-05-30T02:00:00.000Z', {
        ok: false,
        status: 503,
        error: `http-status: ${HOME} answered HTTP 503`,
        sha256: undefined,
      }),
    ];
    const checks = new Map(input.checks);
    checks.set('jm-jia', [...before, ...(input.checks.get('jm-jia') ?? [])]);
    const archived = new Map(input.archived);
    archived.set(before[0]!.sha256!, archivedPath(before[0]!.sha256!));
    return buildReport({ ...input, catalogue, checks, archived, verdicts: [...input.verdicts, missing] });
  }

  it('links the columns read by the due date with hash and time, and the error a page answered', () => {
    const report = missingReport();
    const period = report.obligations.find((o) => o.id === 'budget-disclosure')!.periods[0]!;
    expect(period.pagesRead).toEqual([
      expect.objectContaining({
        url: NEWS,
        ok: true,
        siteName: '江门市甲局网站',
        sha256: sha(`${NEWS} 2016-05-30T02:00:00.000Z`),
        archived: archivedPath(sha(`${NEWS} 2016-05-30T02:00:00.000Z`)),
        checkedAt: '2016-05-30T02:00:00.000Z',
        columnId: 'jia-news',
      }),
      expect.objectContaining({ url: HOME, ok: false, status: 503, sha256: null, archived: null }),
    ]);
    // Site rules cite their own pages as read, not these.
    for (const o of report.obligations.filter((o) => o.site))
      for (const p of o.periods) expect(p.pagesRead).toBeUndefined();
  });

  it('shows them in the period row in Chinese and English, and in both CSVs', () => {
    const report = missingReport();
    const zh = cheerio.load(renderHtml(report, { lang: 'zh' }));
    const row = zh('#o-budget-disclosure .ev-read');
    expect(row.text()).toContain('截止日期前巡检所读页面');
    expect(row.find('a.archived').attr('href')).toBe(archivedPath(sha(`${NEWS} 2016-05-30T02:00:00.000Z`)));
    expect(row.find('code.sha').text()).toBe(sha(`${NEWS} 2016-05-30T02:00:00.000Z`));
    expect(row.find('li.read-failed').text()).toContain('HTTP 错误');
    const en = cheerio.load(renderHtml(report, { lang: 'en' }));
    expect(en('#o-budget-disclosure .ev-read').text()).toContain('Pages read by the due date');
    expect(en('#o-budget-disclosure li.read-failed').text()).toContain('answered HTTP 503');
    const line = (csv: string) => csv.split('\r\n').find((l) => l.startsWith('budget-disclosure'))!;
    expect(line(renderCsv(report, { lang: 'en' }))).toContain(
      `${NEWS},${archivedPath(sha(`${NEWS} 2016-05-30T02:00:00.000Z`))}`,
    );
    expect(line(renderCsv(report, { lang: 'en' }))).toContain(
      `${HOME} 2016-05-30T02:00:00.000Z: http-status: ${HOME} answered HTTP 503`,
    );
    expect(line(renderCsv(report, { lang: 'zh' }))).toContain('HTTP 错误');
  });

  it('gives in the 整改通知 the errors the sites answered for what cannot be verified', () => {
    const notice = (kind: 'insufficient-data') => {
      const report = departmentReport(missingReport(kind), '市甲局');
      return cheerio.load(renderNotice(buildNotice(report, '市甲局'), report, { lang: 'zh' }));
    };
    const unverified = notice('insufficient-data');
    const row = unverified('h2:contains("无法核实") + table tbody tr').first();
    expect(row.text()).toContain('江门市甲局网站');
    expect(row.text()).toContain('HTTP 错误');
  });
});
