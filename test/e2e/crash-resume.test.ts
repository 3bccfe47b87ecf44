/**
 * A demo run killed with SIGKILL in the middle of its sweeps (no cleanup, no flush) and started
 * again on the same data directory must end where an uninterrupted run ends: the ground-truth
 * verdicts, one flag per missing period, no flag notified twice.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IsoDate } from '../../src/core/dates';
import { demoSweepDates } from '../../src/demo/ground-truth';
import type { Report } from '../../src/report/model';
import {
  demoPortalPort,
  groundTruthMismatches,
  notifiedFlagKeys,
  reportVerdicts,
} from '../support/demo-checks';

// The first 28 weekly sweeps of the plan year (2016-01-04 … 2016-07-11), past the first half-year's
// end: the ground truth is defined for any sweep date. The whole year, uninterrupted, is
// demo-run.test.ts's.
const TO: IsoDate = '2016-07-11';
// Killed after the 20th sweep (2016-05-16), once the demo's waivers have been entered (the ground
// truth counts a waiver from the start, the monitor from the day it is entered): the report the
// killed run left is judged then too, with a continuous window running, half-year periods open and
// events yet to come. The run started again sweeps every date from the first over the stored data,
// then the weeks the killed run never reached.
const KILL_AFTER_SWEEPS = 20;
const PORTAL_PORT = demoPortalPort(1);
const run = promisify(execFile);

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  sweepLines: string[];
  stderr: string;
}

/** Runs the demo; with `killAfter`, sends SIGKILL once that many sweep progress lines were printed. */
function demo(dataDir: string, killAfter?: number): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'node',
      ['bin/gongkai.mjs', 'demo', '--data-dir', dataDir, '--portal-port', String(PORTAL_PORT), '--to', TO],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const timer = setTimeout(() => child.kill('SIGKILL'), 480_000);
    let stderr = '';
    const sweepLines: string[] = [];
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      const lines = stderr.split('\n').filter((l) => /^\[\s*\d+\/\d+\]/.test(l));
      sweepLines.splice(0, sweepLines.length, ...lines);
      if (killAfter !== undefined && sweepLines.length >= killAfter) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, sweepLines, stderr });
    });
  });
}

/** The date of the last sweep a run printed as finished. */
function lastSwept(run: Finished): IsoDate {
  const date = /\]\s+(\d{4}-\d{2}-\d{2})\s/.exec(run.sweepLines.at(-1) ?? '')?.[1];
  if (!date) throw new Error(`no finished sweep in: ${run.stderr.slice(-500)}`);
  return date as IsoDate;
}

/**
 * The report of what a data directory holds as of `asOf`, built by `gongkai report` from the stored
 * facts. The demo renders its report only at its last sweep (the earlier ones start with
 * writeReport false), so a killed run leaves judged, flagged facts but no report of its own.
 */
async function reportAsOf(dataDir: string, asOf: IsoDate): Promise<Report> {
  const out = join(dataDir, `report-${asOf}`);
  await run('node', ['bin/gongkai.mjs', 'report', '--data-dir', dataDir, '--as-of', asOf, '--out', out], {
    maxBuffer: 16 * 1024 * 1024,
    timeout: 240_000,
  });
  return JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as Report;
}

describe('gongkai demo killed mid-run and started again', () => {
  let dataDir: string;
  let killed: Finished;
  let resumed: Finished;
  let report: Report;
  let reportWhenKilled: Report;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'gongkai-crash-'));
    killed = await demo(dataDir, KILL_AFTER_SWEEPS);
    reportWhenKilled = await reportAsOf(dataDir, lastSwept(killed));
    resumed = await demo(dataDir);
    report = JSON.parse(await readFile(join(dataDir, 'report', 'report.json'), 'utf8')) as Report;
  }, 960_000);

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('was killed part-way, then finished on the same data directory', () => {
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.sweepLines.length).toBeGreaterThanOrEqual(KILL_AFTER_SWEEPS);
    expect(killed.sweepLines.length).toBeLessThan(demoSweepDates(TO).length);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.sweepLines.length).toBe(demoSweepDates(TO).length);
  });

  it('had stored, by the sweep it was killed after, the ground-truth verdicts as of that sweep', async () => {
    const asOf = reportWhenKilled.asOf;
    expect(demoSweepDates(TO).indexOf(asOf) + 1).toBeGreaterThanOrEqual(KILL_AFTER_SWEEPS);
    const { wrong, expected } = await groundTruthMismatches(reportWhenKilled, asOf);
    expect(wrong).toEqual([]);
    expect(reportVerdicts(reportWhenKilled).size).toBe(expected);
    expect([...reportVerdicts(reportWhenKilled).values()]).toEqual(
      expect.arrayContaining(['met', 'missing', 'pending']),
    );
  });

  it('reaches exactly the ground-truth verdict for every obligation-period', async () => {
    const { wrong, expected } = await groundTruthMismatches(report, TO);
    expect(wrong).toEqual([]);
    const actual = reportVerdicts(report);
    expect(actual.size).toBe(expected);
    expect([...actual.values()]).toContain('missing');
  });

  it('keeps one flag per period and notifies no flag twice', async () => {
    const keys = report.flags.map((f) => `${f.obligationId}|${f.periodKey}`);
    expect(keys.length).toBeGreaterThan(0);
    expect(new Set(keys).size).toBe(keys.length);
    const notified = await notifiedFlagKeys(dataDir);
    expect(new Set(notified).size).toBe(notified.length);
    for (const key of notified) expect(keys).toContain(key);
  });
});
