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
import { loadCatalogue } from '../../src/config';
import { WorkingDayCalendar } from '../../src/core/calendar';
import { DEFAULT_POLICY } from '../../src/core/policy';
import { loadDemoContent } from '../../src/local/demo-content';
import { explainGroundTruth } from '../../src/local/demo-ground-truth';
import { loadDemoLedger } from '../../src/local/demo-ledger';
import { DEMO_CATALOGUE, DEMO_LAST_SWEEP } from '../../src/local/demo-run';
import type { Report } from '../../src/report/model';

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
  const outbox = (await readFile(join(dataDir, 'outbox.jsonl'), 'utf8').catch(() => ''))
    .split('\n')
    .filter(Boolean);
  return { stdout, report, outbox };
}

function verdictsOf(report: Report): Map<string, string> {
  const out = new Map<string, string>();
  for (const o of report.obligations) for (const p of o.periods) out.set(`${o.id}|${p.key}`, p.verdict);
  return out;
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
    const catalogue = await loadCatalogue(DEMO_CATALOGUE);
    const expected = explainGroundTruth({
      catalogue,
      content: await loadDemoContent(),
      ledger: await loadDemoLedger(),
      asOf: DEMO_LAST_SWEEP,
      calendar: WorkingDayCalendar.chinese(),
      policy: catalogue.policy ?? DEFAULT_POLICY,
    });
    const actual = verdictsOf(first.report);
    const wrong = expected
      .filter((e) => actual.get(`${e.obligation.id}|${e.period.key}`) !== e.verdict.kind)
      .map(
        (e) =>
          `${e.obligation.id} ${e.period.key}: expected ${e.verdict.kind} (${e.verdict.reason}), got ${actual.get(`${e.obligation.id}|${e.period.key}`)}`,
      );
    expect(wrong).toEqual([]);
    expect(actual.size).toBe(expected.length);
  });

  it('covers every scenario the demo promises', () => {
    const kinds = new Set(verdictsOf(first.report).values());
    for (const kind of ['met', 'late', 'missing', 'waived', 'unverifiable', 'insufficient-data'])
      expect(kinds).toContain(kind);
  });

  it('is idempotent: the same verdicts, no duplicate flags, no duplicate notifications', () => {
    expect(verdictsOf(second.report)).toEqual(verdictsOf(first.report));
    const keys = second.report.flags.map((f) => `${f.obligationId}|${f.periodKey}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(second.report.flags.length).toBe(first.report.flags.length);
    expect(second.outbox.length).toBe(first.outbox.length);
    const notified = second.outbox.flatMap((line) =>
      (
        JSON.parse(JSON.parse(line).message.default) as {
          flags: { obligationId: string; periodKey: string }[];
        }
      ).flags.map((f) => `${f.obligationId}|${f.periodKey}`),
    );
    expect(new Set(notified).size).toBe(notified.length);
  });
});
