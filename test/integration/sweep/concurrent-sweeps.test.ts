/**
 * Two sweeps for the same date running at once (a retried Step Functions execution next to the
 * scheduled one), then a third in sequence: each missing period gets one flag and each flag one
 * notification, and the verdicts do not depend on how many sweeps ran.
 */

import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadCatalogue, loadSources } from '../../../src/config';
import type { IsoDate } from '../../../src/core/dates';
import { DEFAULT_DEMO_DIR } from '../../../src/demo/content';
import { demoSweepDates } from '../../../src/demo/ground-truth';
import { loadDemoLedger } from '../../../src/demo/ledger';
import { type DemoPortal, startDemoPortal } from '../../../src/demo/portal';
import { applyDemoLedger, DEMO_CATALOGUE, SimulatedClock } from '../../../src/demo/run';
import { type LocalRuntime, openLocalRuntime } from '../../../src/local/local-runtime';
import { runSweepLocally } from '../../../src/local/sweep-runner';
import type { StoredVerdict } from '../../../src/store/ports';
import { judgedCatalogue } from '../../../src/tasks/judged-catalogue';
import { notifiedFlagKeys } from '../../support/demo-checks';

const LAST: IsoDate = '2016-03-07';

function verdictMap(verdicts: StoredVerdict[]): Map<string, string> {
  return new Map(verdicts.map((v) => [`${v.obligationId}|${v.periodKey}`, v.kind]));
}

describe('the same sweep run concurrently and again', () => {
  let dataDir: string;
  let portal: DemoPortal;
  let runtime: LocalRuntime;
  let beforeRepeat: Map<string, string>;
  let afterConcurrent: Map<string, string>;
  let afterSequential: Map<string, string>;
  let counts: unknown[];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'gongkai-concurrent-'));
    const dates = demoSweepDates(LAST);
    portal = await startDemoPortal({ date: dates[0]! });
    const clock = new SimulatedClock();
    clock.set(dates[0]!);
    runtime = await openLocalRuntime({
      dataDir,
      catalogue: await loadCatalogue(DEMO_CATALOGUE),
      sources: await loadSources(`${DEFAULT_DEMO_DIR}/sources.json`, { substitute: portal.substitutions }),
      now: clock.now,
      dynamoEndpoint: inject('dynamoEndpoint'),
      tableName: `gongkai-concurrent-${randomUUID().slice(0, 8)}`,
    });
    await applyDemoLedger(runtime.deps, await loadDemoLedger());
    const sweep = (asOf: IsoDate, runId: string) => {
      portal.setDate(asOf);
      clock.set(asOf);
      return runSweepLocally({ asOf, runId }, runtime.deps);
    };
    for (const asOf of dates) await sweep(asOf, `first-${asOf}`);
    beforeRepeat = verdictMap(await runtime.deps.stores.verdicts.listVerdicts());
    const concurrent = await Promise.all([sweep(LAST, 'repeat-a'), sweep(LAST, 'repeat-b')]);
    afterConcurrent = verdictMap(await runtime.deps.stores.verdicts.listVerdicts());
    const sequential = await sweep(LAST, 'repeat-c');
    afterSequential = verdictMap(await runtime.deps.stores.verdicts.listVerdicts());
    counts = [...concurrent, sequential].map((r) => (r.output.evaluation as { counts?: unknown }).counts);
  }, 150_000);

  afterAll(async () => {
    await runtime?.close();
    await portal?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('reaches a date with missing periods (otherwise the rest proves nothing)', () => {
    expect([...beforeRepeat.values()].filter((k) => k === 'missing').length).toBeGreaterThan(0);
  });

  it('raises exactly one flag per missing period (open, or lapsed for a past site-rule month)', async () => {
    const flags = await runtime.deps.stores.flags.listFlags();
    const keys = flags.map((f) => `${f.obligationId}|${f.periodKey}`);
    expect(new Set(keys).size).toBe(keys.length);
    const missing = [...afterSequential].filter(([, kind]) => kind === 'missing').map(([key]) => key);
    const open = flags
      .filter((f) => (f.status === 'open' || f.status === 'lapsed') && f.kind !== 'veto-warning')
      .map((f) => `${f.obligationId}|${f.periodKey}`);
    expect(open.sort()).toEqual(missing.sort());
  });

  it('raises exactly one veto warning per rule forecast to trip soon', async () => {
    const warnings = (await runtime.deps.stores.flags.listFlags())
      .filter((f) => f.kind === 'veto-warning' && f.status === 'open')
      .map((f) => `${f.obligationId}|${f.periodKey}`);
    const vetoes = new Set(
      judgedCatalogue(runtime.deps)
        .obligations.filter((o) => o.evidence.site?.veto)
        .map((o) => o.id),
    );
    const dueSoon = (await runtime.deps.stores.verdicts.listVerdicts())
      .filter((v) => v.kind === 'due-soon' && v.forecast && vetoes.has(v.obligationId))
      .map((v) => `${v.obligationId}|warning-${v.forecast}`);
    expect(warnings.sort()).toEqual(dueSoon.sort());
  });

  it('notifies each flag exactly once across the outbox', async () => {
    const flags = await runtime.deps.stores.flags.listFlags();
    const notified = await notifiedFlagKeys(dataDir);
    expect(new Set(notified).size).toBe(notified.length);
    expect(notified.sort()).toEqual(flags.map((f) => `${f.obligationId}|${f.periodKey}`).sort());
    expect(flags.every((f) => f.notifiedAt !== undefined)).toBe(true);
  });

  it('leaves the verdicts as one sweep left them, and every repeat counts the same', () => {
    expect(afterConcurrent).toEqual(beforeRepeat);
    expect(afterSequential).toEqual(beforeRepeat);
    expect(counts[1]).toEqual(counts[0]);
    expect(counts[2]).toEqual(counts[0]);
  });
});
