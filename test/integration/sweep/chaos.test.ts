/**
 * The demo under chaos: the portal faults a seeded tenth of its requests (503, 500, 429 with
 * Retry-After, resets, truncated and stalled bodies). A fault may cost the monitor its certainty
 * (`insufficient-data`), never its correctness: no met or missing may differ from a calm run.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IsoDate } from '../../../src/core/dates';
import { type DemoResult, runDemo } from '../../../src/demo/run';
import type { Report } from '../../../src/report/model';

const TO: IsoDate = '2016-03-07';
const SEED = 20160307;

function verdictsOf(report: Report): Map<string, string> {
  const out = new Map<string, string>();
  for (const o of report.obligations) for (const p of o.periods) out.set(`${o.id}|${p.key}`, p.verdict);
  return out;
}

/** Obligation-periods of the availability rule (website-unreachable--<site>|<month>). */
const availability = (key: string) => key.startsWith('website-unreachable--');

describe('gongkai demo --chaos', () => {
  const dirs: string[] = [];
  let calm: DemoResult;
  let chaotic: DemoResult;

  beforeAll(async () => {
    const dir = async (name: string) => {
      const d = await mkdtemp(join(tmpdir(), `gongkai-${name}-`));
      dirs.push(d);
      return d;
    };
    // Separate data directories, so each run has its own DynamoDB Local and its own tables.
    [calm, chaotic] = await Promise.all([
      runDemo({ dataDir: await dir('calm'), to: TO }),
      runDemo({ dataDir: await dir('chaos'), to: TO, chaos: { seed: SEED, rate: 0.1 } }),
    ]);
  }, 300_000);

  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('injects every kind of fault and makes the crawler retry', () => {
    const figures = chaotic.chaos!;
    console.log(`chaos figures: ${JSON.stringify(figures)}`);
    for (const [name, count] of Object.entries(figures.injected)) expect(count, name).toBeGreaterThan(0);
    expect(figures.retries).toBeGreaterThan(0);
    expect(figures.throttledStoreRequests).toBeGreaterThan(0);
    expect(calm.chaos).toBeUndefined();
  });

  it('judges the same obligation-periods', () => {
    expect([...verdictsOf(chaotic.report).keys()].sort()).toEqual([...verdictsOf(calm.report).keys()].sort());
  });

  it('never turns a verdict into a different one, only into insufficient-data', () => {
    const chaos = verdictsOf(chaotic.report);
    const differences = [...verdictsOf(calm.report)]
      .filter(([key]) => !availability(key))
      .filter(([key, kind]) => chaos.get(key) !== kind && chaos.get(key) !== 'insufficient-data')
      .map(([key, kind]) => `${key}: ${kind} without chaos, ${chaos.get(key)} with`);
    const degraded = [...verdictsOf(calm.report)].filter(
      ([key, kind]) => chaos.get(key) !== kind && chaos.get(key) === 'insufficient-data',
    );
    console.log(`verdicts degraded to insufficient-data under chaos: ${degraded.length}`);
    expect(differences).toEqual([]);
  });

  it('lets failed visits trip the availability rule, and never clear it', () => {
    // Failed checks are the availability rule's evidence: chaos may turn met into missing, not back.
    const chaos = verdictsOf(chaotic.report);
    const cleared = [...verdictsOf(calm.report)]
      .filter(([key, kind]) => availability(key) && kind === 'missing' && chaos.get(key) !== 'missing')
      .map(([key]) => key);
    expect(cleared).toEqual([]);
    const tripped = [...verdictsOf(calm.report)].filter(
      ([key, kind]) => availability(key) && kind === 'met' && chaos.get(key) === 'missing',
    );
    expect(tripped.length).toBeGreaterThan(0);
  });

  it('still reaches met and missing verdicts under chaos (the comparison is not vacuous)', () => {
    const kinds = [...verdictsOf(chaotic.report).values()];
    expect(kinds).toContain('met');
    expect(kinds).toContain('missing');
  });
});
