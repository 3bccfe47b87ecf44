/**
 * `gongkai run --calendar`: a 2027 plan, after the built-in holiday data ends, run as a child process
 * against the demo portal; the report's due dates follow the calendar file, and the report says in
 * red when a year has none.
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

async function gongkai(args: string[]) {
  try {
    const { stdout, stderr } = await exec('node', ['bin/gongkai.mjs', ...args], { timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const catalogue = {
  plan: { issuer: '江门市', year: 2027 },
  obligations: [
    {
      id: 'food-monthly',
      item: 1,
      category: null,
      task: '每月公开食品抽检信息',
      units: ['市食品药品监管局'],
      unitsCarried: false,
      deadlineText: null,
      schedule: { kind: 'monthly' },
      review: [],
      source: { lines: [1, 1] },
      evidence: { keywords: ['食品抽检月报'] },
    },
  ],
};

describe('run --calendar on a 2027 plan', () => {
  let portal: DemoPortal;
  let dir: string;

  beforeAll(async () => {
    portal = await startDemoPortal({ date: '2016-12-31' });
    dir = await mkdtemp(join(tmpdir(), 'gongkai-run-calendar-'));
    const template = JSON.parse(await readFile('seeds/jiangmen-2016/demo/sources.json', 'utf8')) as {
      sources: { id: string }[];
    };
    const one = { ...template, sources: template.sources.filter((s) => s.id === 'food-drug') };
    await writeFile(
      join(dir, 'sources.json'),
      fillPlaceholders(JSON.stringify(one), portal.substitutions, 'demo sources'),
    );
    await writeFile(join(dir, 'catalogue.json'), JSON.stringify(catalogue));
    // The template completed as its instructions say (here: nothing to add, then years set).
    const calendar = JSON.parse(await readFile('seeds/calendars/calendar-2027.template.json', 'utf8'));
    await writeFile(join(dir, 'calendar-2027.json'), JSON.stringify({ ...calendar, years: [2027] }));
  });

  afterAll(async () => {
    await portal.stop();
    await rm(dir, { recursive: true, force: true });
  });

  async function runAsOf(data: string, extra: string[]): Promise<Report> {
    const args = ['run', '--catalogue', join(dir, 'catalogue.json'), '--sources', join(dir, 'sources.json')];
    const result = await gongkai([
      ...args,
      '--data-dir',
      join(dir, data),
      '--as-of',
      '2027-03-01',
      '--json',
      ...extra,
    ]);
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(await readFile(join(dir, data, 'report', 'report.json'), 'utf8')) as Report;
  }

  const januaryDue = (report: Report) => report.obligations[0]!.periods.find((p) => p.key === '2027-01')!.due;

  it('counts due dates on the calendar file, and warns in red without one', {
    timeout: 240_000,
  }, async () => {
    const bare = await runAsOf('bare', []);
    expect(januaryDue(bare)).toBe('2027-02-12');
    expect(bare.calendarGaps?.map((g) => g.year)).toEqual([2027, 2028]);
    const html = await readFile(join(dir, 'bare', 'report', 'report.html'), 'utf8');
    expect(html).toContain('class="calendar-gap"');

    const covered = await runAsOf('covered', ['--calendar', join(dir, 'calendar-2027.json')]);
    expect(januaryDue(covered)).toBe('2027-02-16');
    expect(covered.calendarGaps?.map((g) => g.year)).toEqual([2028]);
  });
});
