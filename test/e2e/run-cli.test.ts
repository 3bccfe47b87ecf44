/**
 * The commands an operator uses on real sites — `crawl`, `run`, `report` — run as child processes
 * against the demo portal (served as of the end of the plan year) with a sources file like a real one.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillPlaceholders } from '../../src/config';
import { type DemoPortal, startDemoPortal } from '../../src/demo/portal';
import type { Report } from '../../src/report/model';

const exec = promisify(execFile);
const CHROMIUM = process.env.GONGKAI_CHROMIUM ?? '/usr/bin/chromium';

async function gongkai(args: string[]) {
  try {
    const { stdout, stderr } = await exec('node', ['bin/gongkai.mjs', ...args], {
      timeout: 120_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('crawl, run and report on a sources file', () => {
  let portal: DemoPortal;
  let dir: string;
  let sources: string;

  beforeAll(async () => {
    portal = await startDemoPortal({ date: '2016-12-31' });
    dir = await mkdtemp(join(tmpdir(), 'gongkai-run-'));
    sources = join(dir, 'sources.json');
    const template = await readFile('seeds/jiangmen-2016/demo/sources.json', 'utf8');
    await writeFile(sources, fillPlaceholders(template, portal.substitutions, 'demo sources'));
  });

  afterAll(async () => {
    await portal.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('crawl stores what it finds and exits 3 when a site is down', async () => {
    const result = await gongkai(['crawl', '--sources', sources, '--data-dir', join(dir, 'data'), '--json']);
    expect(result.code, result.stderr).toBe(3);
    const out = JSON.parse(result.stdout) as {
      sources: { sourceId: string; reachable: boolean; newDocuments: number }[];
    };
    expect(out.sources.find((s) => s.sourceId === 'sasac')?.reachable).toBe(false);
    expect(out.sources.reduce((n, s) => n + s.newDocuments, 0)).toBeGreaterThan(100);
  });

  it('run executes one sweep and writes the report', async () => {
    const result = await gongkai(['run', '--sources', sources, '--data-dir', join(dir, 'data'), '--json']);
    expect(result.code, result.stderr).toBe(0);
    const output = JSON.parse(result.stdout) as {
      evaluation: { counts: Record<string, number> };
      report: { location: string };
    };
    expect(output.evaluation.counts.met).toBeGreaterThan(0);
    const report = JSON.parse(await readFile(join(dir, 'data', 'report', 'report.json'), 'utf8')) as Report;
    expect(report.totals.periods).toBeGreaterThan(500);
  });

  it('report rebuilds the report in English from stored data, without being told the sources again', async () => {
    const out = join(dir, 'english');
    const result = await gongkai(['report', '--data-dir', join(dir, 'data'), '--lang', 'en', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    const html = await readFile(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<html lang="en"');
    expect(await readFile(join(out, 'report.zh.html'), 'utf8')).toContain('<html lang="zh');
    expect(await readFile(join(out, 'report.csv'), 'utf8')).toMatch(/^\uFEFF任务编号 \(obligation_id\),/);
    expect(await readFile(join(out, 'report.en.csv'), 'utf8')).toMatch(/^\uFEFFobligation_id,/);
  });

  const noticePdf = (chromium: string, ...more: string[]) =>
    gongkai([
      'report',
      '--data-dir',
      join(dir, 'data'),
      '--department',
      '市环境保护局',
      '--pdf',
      '--chromium',
      chromium,
      ...more,
    ]);

  it('report --department --pdf prints the unit’s 整改通知 to a PDF of at most two A4 pages', async () => {
    const out = join(dir, 'notice');
    // The plan year's last day: the notice a supervisor would send then.
    const result = await noticePdf(CHROMIUM, '--as-of', '2016-12-31', '--out', out);
    expect(result.code, result.stderr).toBe(0);
    for (const name of ['notice-市环境保护局.pdf', 'notice-市环境保护局.en.pdf']) {
      const pdf = await readFile(join(out, name));
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.subarray(-8).toString('latin1')).toContain('%%EOF');
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      expect(pages).toBeGreaterThan(0);
      expect(pages).toBeLessThanOrEqual(2);
      expect(result.stdout).toContain(join(out, name));
    }
  }, 120_000);

  it('report --pdf says plainly when there is no browser, and what to do', async () => {
    const result = await noticePdf(join(dir, 'no-such-browser'));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`no browser at ${join(dir, 'no-such-browser')}`);
    const alone = await gongkai(['report', '--data-dir', join(dir, 'data'), '--pdf']);
    expect(alone.code).not.toBe(0);
    expect(alone.stderr).toContain('--pdf');
    expect(alone.stderr).toContain('needs --department');
  });
});
