import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  citedFiles,
  resolveArchivedLink,
  VerifiableReportSchema,
  type VerifyResult,
  verified,
  verifySummary,
} from '../../../src/audit/verify-report';
import { fixtureReport } from '../../fixtures/reports/fixture-report';

const reportDir = resolve('/srv/gongkai/report');

/** A result with nothing checked, nothing wrong, except what `parts` says. */
function resultWith(parts: Partial<VerifyResult>): VerifyResult {
  return {
    reportDir,
    checked: 0,
    matched: [],
    mismatched: [],
    missing: [],
    skipped: [],
    notArchived: [],
    outside: [],
    refused: [],
    damagedLogLines: [],
    ...parts,
  };
}

describe('resolveArchivedLink', () => {
  it('resolves a relative link against the report directory, as the browser does from report.html', () => {
    expect(resolveArchivedLink('../archive/sha256/ab/ab12.html', reportDir)).toEqual({
      path: join('/srv/gongkai', 'archive/sha256/ab/ab12.html'),
    });
  });

  it('decodes percent-escapes and ignores query and fragment', () => {
    expect(resolveArchivedLink('copies/%E5%A4%87%E4%BB%BD.html?x=1#top', reportDir)).toEqual({
      path: join(reportDir, 'copies/备份.html'),
    });
  });

  it('skips remote copies (presigned URLs) and other schemes instead of fetching them', () => {
    expect(
      resolveArchivedLink('https://bucket.s3.amazonaws.com/sha256/ab/ab.html?X-Amz-Signature=1', reportDir),
    ).toEqual({
      skip: 'remote',
    });
    expect(resolveArchivedLink('s3://bucket/sha256/ab/ab.html', reportDir)).toEqual({
      skip: 'unsupported-scheme',
    });
    expect(resolveArchivedLink('file://server/share/x.html', reportDir)).toEqual({
      skip: 'unsupported-scheme',
    });
  });
});

describe('citedFiles', () => {
  it('lists every archived copy cited as evidence or near miss, once per file, with every citation', () => {
    const fixture = fixtureReport();
    const { files, skipped, notArchived } = citedFiles(
      VerifiableReportSchema.parse(fixture.report),
      reportDir,
    );
    expect(files.map((f) => f.expected).sort()).toEqual(fixture.pages.map((p) => p.sha256).sort());
    expect(skipped).toEqual([]);
    expect(notArchived).toEqual([]);
    const notice = files.find((f) =>
      f.citedBy.some((c) => c.role === 'candidate' && c.periodKey === '2016-03'),
    );
    expect(notice?.citedBy).toEqual([
      {
        obligationId: 'air-quality-monthly',
        periodKey: '2016-03',
        role: 'candidate',
        url: 'http://hbj.jiangmen.gov.cn/tzgg/201603/t20160318_3350.html',
      },
    ]);
    for (const f of files) expect(f.path.startsWith(join('/srv/gongkai', 'archive/sha256/'))).toBe(true);
  });

  it('reports evidence whose page has a digest but no archived copy, and links without a digest', () => {
    const { report } = fixtureReport();
    const period = report.obligations[0]!.periods[0]!;
    period.evidence.push({
      ...period.evidence[0]!,
      url: 'http://czj.jiangmen.gov.cn/a.html',
      archived: null,
    });
    period.evidence.push({ ...period.evidence[0]!, url: 'http://czj.jiangmen.gov.cn/b.html', sha256: null });
    const { skipped, notArchived } = citedFiles(VerifiableReportSchema.parse(report), reportDir);
    expect(notArchived.map((c) => c.url)).toEqual(['http://czj.jiangmen.gov.cn/a.html']);
    expect(skipped.map((s) => s.reason)).toEqual(['no-sha256']);
  });

  it('names crawled evidence with neither digest nor copy as not archived (H19-01)', () => {
    const { report } = fixtureReport();
    const period = report.obligations[0]!.periods[0]!;
    const first = period.evidence.find((e) => e.kind === 'match')!;
    period.evidence.push({
      ...first,
      url: 'http://czj.jiangmen.gov.cn/c.html',
      sha256: null,
      archived: null,
    });
    const { notArchived } = citedFiles(VerifiableReportSchema.parse(report), reportDir);
    expect(notArchived.map((c) => c.url)).toEqual(['http://czj.jiangmen.gov.cn/c.html']);
  });

  it('refuses links outside the archive without reading them: /dev/zero, a path escape, another digest (H19-01)', () => {
    const { report } = fixtureReport();
    const period = report.obligations[0]!.periods[0]!;
    const first = period.evidence.find((e) => e.archived)!;
    const sha = first.sha256!;
    const other = `../archive/sha256/${sha.slice(0, 2)}/${'0'.repeat(64)}.html`;
    const links = ['/dev/zero', '../../../etc/passwd', other];
    for (const [i, archived] of links.entries())
      period.evidence.push({ ...first, url: `http://czj.jiangmen.gov.cn/${i}.html`, archived });
    const { outside, files } = citedFiles(VerifiableReportSchema.parse(report), reportDir);
    expect(outside.map((o) => o.archived).sort()).toEqual([...links].sort());
    expect(files.some((f) => f.path === '/dev/zero')).toBe(false);
  });
});

describe('verifySummary', () => {
  it('says how many files were checked, mismatched and missing', () => {
    const file = { archived: 'a', path: '/a', expected: 'e', citedBy: [] };
    expect(
      verifySummary({
        reportDir,
        checked: 3,
        matched: [file],
        mismatched: [{ ...file, actual: 'x' }],
        missing: [file],
        refused: [],
        skipped: [],
        notArchived: [],
        outside: [],
        damagedLogLines: [],
      }),
    ).toBe('3 files checked, 1 mismatched, 1 missing');
  });

  it('counts citations with no archived copy and links outside the archive as failures (H19-01)', () => {
    const file = { archived: 'a', path: '/a', expected: 'e', citedBy: [] };
    const citation = { obligationId: 'o', periodKey: 'p', role: 'evidence' as const, url: 'http://x/' };
    const result = resultWith({ notArchived: [citation], outside: [file] });
    expect(verifySummary(result)).toBe(
      '0 files checked, 0 mismatched, 0 missing, 1 not archived, 1 outside the archive',
    );
    expect(verified(result)).toBe(false);
  });

  it('fails on a torn fetch-log line until a run has set it aside (H19-08)', () => {
    const torn = {
      log: '/archive/sha256/ab/fetches.jsonl',
      line: 3,
      offset: 400,
      problem: 'cut short (not JSON, no checksum)',
      unterminated: true,
      recovered: false,
      setAside: false,
    };
    const result = resultWith({ damagedLogLines: [torn] });
    expect(verifySummary(result)).toBe('0 files checked, 0 mismatched, 0 missing, 1 damaged fetch-log lines');
    expect(verified(result)).toBe(false);
    const setAside = { ...result, damagedLogLines: [{ ...torn, unterminated: false, setAside: true }] };
    expect(verifySummary(setAside)).toBe('0 files checked, 0 mismatched, 0 missing');
    expect(verified(setAside)).toBe(true);
  });
});
