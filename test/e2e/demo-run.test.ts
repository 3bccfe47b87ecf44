/**
 * `npm start`'s path end to end: the CLI starts DynamoDB Local and the demo portal, runs the sweep
 * state machine weekly through the plan year and writes the report. Every verdict must equal the
 * demo's ground truth, and a second run on the same data directory must change nothing.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LAST_SWEEP } from '../../src/local/demo-run';
import type { Report } from '../../src/report/model';
import { groundTruthMismatches, notifiedFlagKeys, reportVerdicts } from '../support/demo-checks';

const run = promisify(execFile);
// Below the ephemeral range (32768+), so no outgoing connection can hold one of the portal ports.
const PORTAL_PORT = 20_000 + Math.floor(Math.random() * 250) * 50;

async function demo(dataDir: string) {
  const { stdout } = await run(
    'node',
    ['bin/gongkai.mjs', 'demo', '--data-dir', dataDir, '--portal-port', String(PORTAL_PORT), '--quiet'],
    {
      maxBuffer: 16 * 1024 * 1024,
      timeout: 240_000,
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
    second = await demo(dataDir);
  }, 600_000);

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

  it('covers every scenario the demo promises', () => {
    const kinds = new Set(reportVerdicts(first.report).values());
    for (const kind of ['met', 'late', 'missing', 'waived', 'unverifiable', 'insufficient-data'])
      expect(kinds).toContain(kind);
  });

  it('is idempotent: the same verdicts, no duplicate flags, no duplicate notifications', () => {
    expect(reportVerdicts(second.report)).toEqual(reportVerdicts(first.report));
    const keys = second.report.flags.map((f) => `${f.obligationId}|${f.periodKey}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(second.report.flags.length).toBe(first.report.flags.length);
    expect(second.notified.length).toBe(first.notified.length);
    const notified = second.notified;
    expect(new Set(notified).size).toBe(notified.length);
  });
});
