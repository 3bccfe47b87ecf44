/**
 * `npm start`'s path end to end: the CLI starts DynamoDB Local and the demo portal, runs the sweep
 * state machine weekly through the plan year and writes the report. Every verdict must equal the
 * demo's ground truth, and a second run on the same data directory must change nothing.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSweepDates } from '../../src/demo/ground-truth';
import { DEMO_LAST_SWEEP } from '../../src/demo/run';
import { renderDepartmentFiles } from '../../src/report/department-files';
import type { Report } from '../../src/report/model';
import {
  demoPortalPort,
  forecastMismatches,
  groundTruthMismatches,
  notifiedFlagKeys,
  personalDataMismatches,
  reportVerdicts,
} from '../support/demo-checks';

const run = promisify(execFile);
const PORTAL_PORT = demoPortalPort(0);

/**
 * The second run repeats the year's last sweeps over the first run's data: re-sweeping dates already
 * swept must change nothing. (A whole year re-run over stored data is crash-resume.test.ts's.)
 */
const RERUN_FROM = demoSweepDates(DEMO_LAST_SWEEP).at(-6)!;

async function demo(dataDir: string, extra: string[] = []) {
  const { stdout } = await run(
    'node',
    [
      'bin/gongkai.mjs',
      'demo',
      '--data-dir',
      dataDir,
      '--portal-port',
      String(PORTAL_PORT),
      '--quiet',
      ...extra,
    ],
    {
      maxBuffer: 16 * 1024 * 1024,
      timeout: 480_000,
    },
  );
  const report = JSON.parse(await readFile(join(dataDir, 'report', 'report.json'), 'utf8')) as Report;
  return { stdout, report, notified: await notifiedFlagKeys(dataDir) };
}

describe('npm start (gongkai demo)', () => {
  let dataDir: string;
  let first: Awaited<ReturnType<typeof demo>>;
  let second: Awaited<ReturnType<typeof demo>>;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'gongkai-demo-'));
    first = await demo(dataDir);
    second = await demo(dataDir, ['--from', RERUN_FROM]);
  }, 960_000);

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('prints counts per verdict, the departments with most missing, and the report path', () => {
    expect(first.stdout).toMatch(/missing\s+\d+/);
    expect(first.stdout).toContain('Departments with most missing');
    expect(first.stdout).toMatch(/Report: .*report\.html/);
  });

  it('reaches exactly the ground-truth verdict for every obligation-period', async () => {
    const { wrong, expected } = await groundTruthMismatches(first.report, DEMO_LAST_SWEEP);
    expect(wrong).toEqual([]);
    expect(reportVerdicts(first.report).size).toBe(expected);
  });

  it('forecasts the single vetoes of every site (政府网站单项否决预警) as the ground truth does', async () => {
    const { wrong, expected } = await forecastMismatches(first.report, DEMO_LAST_SWEEP);
    expect(wrong).toEqual([]);
    expect(first.report.siteVetoes?.sites).toHaveLength(expected);
  });

  it('judges every inspection veto and annual report the demo stages', () => {
    const verdicts = reportVerdicts(first.report);
    expect(verdicts.get('website-home-stale--inspect-home|2016-07')).toBe('missing');
    expect(verdicts.get('website-veto-stale-columns--inspect-stale|2016-06')).toBe('missing');
    expect(verdicts.get('website-veto-long-stale-columns--inspect-long|2016-07')).toBe('missing');
    expect(verdicts.get('website-veto-blank-columns--inspect-blank|2016-05')).toBe('missing');
    expect(verdicts.get('website-unreachable--inspect-down|2016-09')).toBe('missing');
    const model = [...verdicts].filter(([key]) => key.includes('--inspect-model|2016-'));
    expect(model.length).toBe(9 * 12); // 8 website-inspection rules and the privacy rule
    expect(new Set(model.map(([, kind]) => kind))).toEqual(new Set(['met']));
    expect(verdicts.get('annual-report-department--housing|2015')).toBe('late');
    expect(verdicts.get('annual-report-government|2015')).toBe('met');
  });

  it('finds every planted piece of personal data (隐私泄露), masked, and no look-alike', async () => {
    expect(await personalDataMismatches(first.report)).toEqual({ missed: [], extra: [] });
    const verdicts = reportVerdicts(first.report);
    expect(verdicts.get('privacy-personal-data--civil-affairs|2016-05')).toBe('missing');
    expect(verdicts.get('privacy-personal-data--civil-affairs|2016-06')).toBe('met');
    expect(verdicts.get('privacy-personal-data--hrss|2016-12')).toBe('missing');
    const leaks = first.report.personalData!.sites.flatMap((s) => s.leaks);
    expect(leaks.find((l) => l.title.includes('慰问金'))).toMatchObject({ status: 'taken down' });
    const json = JSON.stringify(first.report);
    for (const clear of ['440703199001011239', '6217001234567893', '15876543210', '4367420012345673'])
      expect(json).not.toContain(clear);
    expect(first.stdout).toContain('隐私泄露');
    const flags = first.report.flags.filter((f) => f.obligationId.startsWith('privacy-personal-data--'));
    expect(flags).toHaveLength(3);
    expect(flags.find((f) => f.obligationId.endsWith('--civil-affairs'))?.status).toBe('resolved');
  });

  it('covers every scenario the demo promises', () => {
    const kinds = new Set(reportVerdicts(first.report).values());
    for (const kind of ['met', 'late', 'missing', 'waived', 'unverifiable', 'insufficient-data'])
      expect(kinds).toContain(kind);
  });

  it('writes the demo year as a report.html of at most 1.5 MB (rows compressed) that carries every period', async () => {
    const html = await readFile(join(dataDir, 'report', 'report.html'));
    expect(html.byteLength).toBeLessThanOrEqual(1.5 * 1024 * 1024);
    const block = /<script type="application\/gzip\+base64" id="lazy-parts"[^>]*>([^<]+)<\/script>/.exec(
      html.toString('utf8'),
    )?.[1];
    const parts = JSON.parse(gunzipSync(Buffer.from(block ?? '', 'base64')).toString('utf8')) as string[];
    expect(parts.join('').match(/<tr data-verdict=/g)).toHaveLength(first.report.totals.periods);
  });

  it("prints the largest departments' own pages in at most 10 A4 pages, their notices in 2", async () => {
    const periods = (unit: string) =>
      first.report.obligations
        .filter((o) => o.units.includes(unit))
        .reduce((n, o) => n + o.periods.length, 0);
    const ranked = first.report.departments.filter((d) => !d.collective);
    const largest = [...ranked].sort((a, b) => periods(b.unit) - periods(a.unit))[0]?.unit;
    const mostMissing = [...ranked].sort((a, b) => (b.counts.missing ?? 0) - (a.counts.missing ?? 0))[0]
      ?.unit;
    const browser = await chromium.launch({
      executablePath: process.env.GONGKAI_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu'],
    });
    try {
      const page = await browser.newPage();
      for (const unit of new Set([largest, mostMissing])) {
        if (!unit) throw new Error('the demo report names no department');
        const { files } = renderDepartmentFiles(first.report, unit, { lang: 'zh' });
        for (const [name, content] of files) await writeFile(join(dataDir, 'report', name), content);
        for (const [name, most] of [
          [files[0]?.[0], 10],
          [files[1]?.[0], 2],
        ] as const) {
          await page.goto(pathToFileURL(join(dataDir, 'report', name ?? '')).href);
          await page.emulateMedia({ media: 'print' });
          const pdf = await page.pdf({ format: 'A4' });
          const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
          expect(pages, name).toBeGreaterThan(0);
          expect(pages, name).toBeLessThanOrEqual(most);
        }
      }
    } finally {
      await browser.close();
    }
  }, 120_000);

  it('is idempotent: sweeping the last weeks again gives the same verdicts, no duplicate flags or notifications', () => {
    expect(reportVerdicts(second.report)).toEqual(reportVerdicts(first.report));
    const keys = second.report.flags.map((f) => `${f.obligationId}|${f.periodKey}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(second.report.flags.length).toBe(first.report.flags.length);
    expect(second.notified.length).toBe(first.notified.length);
    const notified = second.notified;
    expect(new Set(notified).size).toBe(notified.length);
  });
});
