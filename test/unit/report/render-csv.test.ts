import { describe, expect, it } from 'vitest';
import { sourceErrorInChinese } from '../../../src/report/html/source-errors';
import { renderCsv } from '../../../src/report/render-csv';
import { fixtureReport, HOSTILE_UNIT } from '../../fixtures/reports/fixture-report';

const { report } = fixtureReport();

/** Splits a CSV line on commas outside quotes. */
function cells(line: string): string[] {
  return (line.match(/("([^"]|"")*"|[^,]*)(,|$)/g) ?? [])
    .filter((c, i, all) => i < all.length - 1 || c !== '')
    .map((c) =>
      c
        .replace(/,$/, '')
        .replace(/^"(.*)"$/s, '$1')
        .replace(/""/g, '"'),
    );
}

function table(csv: string): Record<string, string>[] {
  const [head = '', ...rows] = csv
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');
  const names = cells(head).map((h) => /\(([a-z_0-9]+)\)$/.exec(h)?.[1] ?? h);
  return rows.map((r) => Object.fromEntries(cells(r).map((c, i) => [names[i] ?? String(i), c])));
}

describe('the CSV', () => {
  it('heads each column in Chinese with its code in the zh file, with the codes alone in the en file', () => {
    const zh =
      renderCsv(report, { lang: 'zh' })
        .replace(/^\uFEFF/, '')
        .split('\r\n')[0] ?? '';
    expect(cells(zh).slice(0, 3)).toEqual(['任务编号 (obligation_id)', '项次 (item)', '责任单位 (units)']);
    expect(cells(zh)).toContain('结论 (verdict_label)');
    const en =
      renderCsv(report, { lang: 'en' })
        .replace(/^\uFEFF/, '')
        .split('\r\n')[0] ?? '';
    expect(cells(en).slice(-9)).toEqual([
      'verdict_label',
      'published_on',
      'first_seen',
      'fetched_at',
      'pages_read',
      'pages_read_archived',
      'pages_read_sha256',
      'pages_read_checked_at',
      'source_errors',
    ]);
  });

  it('labels each verdict in the file language beside its code', () => {
    const rows = table(renderCsv(report, { lang: 'zh' }));
    const missing = rows.find((r) => r.verdict === 'missing');
    expect(missing?.verdict_label).toBe('未公开');
    expect(
      table(renderCsv(report, { lang: 'en' })).find((r) => r.verdict === 'insufficient-data')?.verdict_label,
    ).toBe('Insufficient data');
  });

  it('gives each piece of evidence its published date, first-seen and fetch time, in the order of the URLs', () => {
    const rows = table(renderCsv(report));
    const withEvidence = report.obligations.flatMap((o) =>
      o.periods.filter((p) => p.evidence.length > 0).map((p) => ({ o, p })),
    );
    expect(withEvidence.length).toBeGreaterThan(0);
    for (const { o, p } of withEvidence) {
      const row = rows.find((r) => r.obligation_id === o.id && r.period === p.key);
      expect(row?.evidence_urls?.split(' ')).toHaveLength(p.evidence.length);
      expect(row?.published_on).toBe(p.evidence.map((e) => e.publishedOn ?? '-').join(' '));
      expect(row?.fetched_at).toBe(p.evidence.map((e) => e.fetchedAt ?? '-').join(' '));
      expect(row?.first_seen?.split(' ')).toHaveLength(p.evidence.length);
    }
    const none = rows.find((r) => r.evidence_urls === '');
    expect(none?.published_on).toBe('');
  });

  it('writes one row per responsible unit when asked, each naming one unit', () => {
    const shared = report.obligations.find((o) => o.units.length > 1);
    expect(shared?.units).toContain(HOSTILE_UNIT);
    const whole = table(renderCsv(report));
    const split = table(renderCsv(report, { unitPerRow: true }));
    const periods = report.obligations.reduce((n, o) => n + o.periods.length, 0);
    expect(whole).toHaveLength(periods);
    expect(split).toHaveLength(
      report.obligations.reduce((n, o) => n + o.periods.length * Math.max(1, o.units.length), 0),
    );
    const rowsOfShared = split.filter((r) => r.obligation_id === shared?.id);
    expect(new Set(rowsOfShared.map((r) => r.units))).toEqual(new Set(shared?.units));
    expect(split.every((r) => !r.units?.includes('、'))).toBe(true);
  });
});

describe('a source error in the Chinese report', () => {
  it('names the reason in Chinese and translates the message shapes it knows, keeping addresses', () => {
    expect(
      sourceErrorInChinese(
        'blocked-robots: http://a.gov.cn/ not fetched: robots.txt could not be read (HTTP 503); the host is treated as disallowed for this sweep',
      ),
    ).toBe(
      'robots.txt 禁止抓取：未抓取 http://a.gov.cn/：无法读取 robots.txt（HTTP 503），本次巡检视该网站为禁止抓取',
    );
    expect(sourceErrorInChinese('http-status: http://a.gov.cn/x answered HTTP 500')).toBe(
      'HTTP 错误：http://a.gov.cn/x 返回 HTTP 500',
    );
    expect(sourceErrorInChinese('timeout: gave up after 10 s')).toBe('响应超时：gave up after 10 s');
  });

  it('leaves an error of unknown shape as written', () => {
    expect(sourceErrorInChinese('something odd')).toBe('something odd');
    expect(sourceErrorInChinese('weird: thing')).toBe('weird: thing');
  });
});
