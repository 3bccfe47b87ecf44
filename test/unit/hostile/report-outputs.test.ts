/**
 * Strings taken from the web reach the reports: page titles, URLs, error messages. A title with
 * markup must render as text in the HTML report, a URL must become a link only when it is http(s),
 * and a title that starts like a formula must not run as one when the CSV is opened in a
 * spreadsheet.
 */
import { describe, expect, it } from 'vitest';
import { VERDICT_KINDS } from '../../../src/core/verdict';
import { type EvidenceRef, type Report, ReportSchema } from '../../../src/report/model';
import { csvField, renderCsv } from '../../../src/report/render-csv';
import { renderHtml } from '../../../src/report/render-html';
import { renderSummary } from '../../../src/report/render-summary';

const SCRIPT_TITLE = '<script>alert("x")</script>2016年预算公开';
const IMG_TITLE = '<img src=x onerror=alert(1)>部门预算';
const FORMULA_TITLE = '=HYPERLINK("http://evil.example/","点击")';

function evidence(title: string, url: string): EvidenceRef {
  return {
    kind: 'match',
    url,
    title,
    archived: 'sha256/ab/abc.html',
    sha256: 'ab'.repeat(32),
    fetchedAt: '2016-07-16T02:00:00Z',
    shownDate: '2016-07-15',
    publishedOn: '2016-07-15',
    terms: ['预算'],
    score: 1,
    reason: `title matches 预算: ${title}`,
  };
}

/** A one-obligation report whose every web-sourced string is hostile. */
function hostileReport(): Report {
  const counts = { ...Object.fromEntries(VERDICT_KINDS.map((kind) => [kind, 0])), met: 1 };
  return ReportSchema.parse({
    schemaVersion: 1,
    generatedAt: '2016-08-01T00:00:00Z',
    asOf: '2016-08-01',
    runId: 'run-1',
    plan: { issuer: '江门市', year: 2016, title: '<b>计划</b>' },
    totals: { obligations: 1, periods: 1, counts, complianceRate: 1 },
    departments: [{ unit: '市财政局', obligations: 1, counts, complianceRate: 1, missingObligations: 0 }],
    obligations: [
      {
        id: 'budget',
        item: 1,
        category: null,
        task: '公开预算',
        units: ['市财政局'],
        scheduleKind: 'once',
        schedule: '2016-07-31',
        deadlineText: null,
        verifiable: true,
        counts,
        periods: [
          {
            key: '2016-07-31',
            label: '2016-07-31',
            start: '2016-01-01',
            end: '2016-07-31',
            due: '2016-07-31',
            verdict: 'met',
            reasons: [`evidence: ${SCRIPT_TITLE}`],
            warnings: [FORMULA_TITLE],
            evidence: [
              evidence(SCRIPT_TITLE, 'http://www.jiangmen.gov.cn/czj/t20160715_1.htm'),
              evidence(FORMULA_TITLE, 'javascript:alert(document.cookie)'),
              evidence(IMG_TITLE, ' JaVa\tScRiPt:alert(2)'),
            ],
            candidates: [evidence("+cmd|' /C calc'!A0", '//evil.example/share')],
          },
        ],
      },
    ],
    flags: [],
    waivers: [],
    events: [],
    warnings: [{ obligationId: 'budget', periodKey: null, message: '<iframe src="http://evil.example/">' }],
    sources: [
      {
        id: 'finance',
        name: '江门市财政局',
        units: ['市财政局'],
        homepage: 'http://www.jiangmen.gov.cn/czj/',
        checks: 1,
        failedChecks: 1,
        lastCheckedAt: '2016-08-01T00:00:00Z',
        lastOk: false,
        lastError: '<script>alert("err")</script>',
        documents: 1,
      },
    ],
    trend: [],
  });
}

describe('hostile strings in the HTML report', () => {
  for (const lang of ['zh', 'en'] as const) {
    it(`R01 renders titles, reasons, warnings and errors with markup as text (${lang})`, () => {
      const page = renderHtml(hostileReport(), { lang });
      const body = page.slice(page.indexOf('<body>'), page.lastIndexOf('<script>'));
      expect(body).not.toMatch(/<script/i);
      expect(body).not.toMatch(/<img|<iframe|<b>計劃|<b>计划/i);
      expect(body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;2016年预算公开');
      expect(body).toContain('&lt;img src=x onerror=alert(1)&gt;部门预算');
      // The report's own script is the only one in the page.
      expect(page.match(/<script/gi)).toHaveLength(1);
    });

    it(`R02 links only to http(s) URLs and relative archived copies (${lang})`, () => {
      const page = renderHtml(hostileReport(), { lang });
      const hrefs = [...page.matchAll(/href="([^"]*)"/g)].map((m) => m[1] ?? '');
      expect(hrefs).toContain('http://www.jiangmen.gov.cn/czj/t20160715_1.htm');
      for (const href of hrefs) {
        expect(href, href).not.toMatch(/^\s*j\s*a\s*v\s*a/i);
        expect(href, href).not.toMatch(/^\/\//);
      }
    });
  }
});

describe('hostile strings in the CSV report', () => {
  it('R03 neutralises cells that start like a formula (= + - @, tab, carriage return)', () => {
    for (const value of ['=1+1', '+cmd', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      const cell = csvField(value);
      expect(cell.replace(/^"/, ''), JSON.stringify(value)).toMatch(/^'/);
    }
    expect(csvField('2016年预算公开')).toBe('2016年预算公开');
  });

  it('R04 keeps a hostile title inside its own quoted cell and never starts a cell with a formula', () => {
    const csv = renderCsv(hostileReport());
    const row = csv.split('\r\n')[1] ?? '';
    expect(row).toContain(`"'${FORMULA_TITLE.replace(/"/g, '""')}"`);
    // Split on commas outside quotes: no cell may begin with a formula character.
    const cells = row.match(/("([^"]|"")*"|[^,]*)(,|$)/g) ?? [];
    for (const cell of cells) expect(cell.replace(/^"/, ''), cell).not.toMatch(/^[=+\-@]/);
  });
});

describe('bidirectional controls in any report text', () => {
  const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
  /** Fields a site or a hand-edited catalogue fills in; each gets an override or isolate in front. */
  const FREE_TEXT = new Set([
    'title',
    'task',
    'category',
    'units',
    'unit',
    'reasons',
    'reason',
    'warnings',
    'message',
    'lastError',
    'name',
    'issuer',
  ]);
  const controls = ['\u202e', '\u2067', '\u202b', '\u200f', '\u061c'];
  let n = 0;
  const poison = (value: unknown, key: string): unknown => {
    if (typeof value === 'string')
      return FREE_TEXT.has(key) ? `${controls[n++ % controls.length]}${value}` : value;
    if (Array.isArray(value)) return value.map((v) => poison(v, key));
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, poison(v, k)]));
    return value;
  };
  const report = () => ReportSchema.parse(poison(hostileReport(), '')) as Report;

  it('R05 drops U+202E and every other bidi control from titles, reasons, unit names, task text and source errors in the HTML report', () => {
    expect(JSON.stringify(report())).toMatch(BIDI);
    for (const lang of ['zh', 'en'] as const) {
      const page = renderHtml(report(), { lang });
      expect(page).not.toMatch(BIDI);
      expect(page).toContain('evidence: &lt;script&gt;');
      expect(page).toContain('公开预算');
    }
  });

  it('R06 drops them from every CSV cell, so a reversed "=…" cannot hide a formula either', () => {
    const csv = renderCsv(report());
    expect(csv).not.toMatch(BIDI);
    expect(csv).toContain('公开预算');
    expect(csvField('\u202e=1+1')).toBe("'=1+1");
    expect(csvField('\u202e2016年预算公开')).toBe('2016年预算公开');
  });

  it('R07 drops them from the plain-text summary printed after a run', () => {
    const summary = renderSummary(report());
    expect(summary).not.toMatch(BIDI);
    expect(summary).toContain('江门市财政局');
  });
});
