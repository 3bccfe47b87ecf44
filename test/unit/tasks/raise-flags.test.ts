import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { IsoDate } from '../../../src/core/dates';
import { CatalogueSchema } from '../../../src/core/obligation';
import { parseOrThrow } from '../../../src/core/validation';
import type { VerdictKind } from '../../../src/core/verdict';
import { createMemoryStores, type MemoryStores } from '../../../src/store/memory/create-stores';
import { MemoryReportSink } from '../../../src/store/memory/notifier';
import type { TaskDeps } from '../../../src/tasks/deps';
import { notify, raiseFlags } from '../../../src/tasks/raise-flags';

// RaiseFlags' and Notify's decisions over the in-memory stores: no DynamoDB, no state machine.
const catalogue = parseOrThrow(
  CatalogueSchema,
  JSON.parse(readFileSync(resolve(import.meta.dirname, '../../fixtures/catalogues/valid.json'), 'utf8')),
  'catalogue',
);

let stores: MemoryStores;
let deps: TaskDeps;
let clock: Date;

beforeEach(() => {
  stores = createMemoryStores();
  clock = new Date('2016-08-01T01:00:00Z');
  deps = {
    stores,
    catalogue,
    sources: { sources: [] },
    now: () => clock,
    reportSink: new MemoryReportSink(),
    log: () => {},
  };
});

async function judge(asOf: IsoDate, kind: VerdictKind, reasons: string[] = []) {
  await stores.verdicts.putVerdicts([
    {
      obligationId: 'budget-report',
      periodKey: '2016-07-31',
      asOf,
      kind,
      due: '2016-07-31',
      reasons,
      evidenceUrls: [],
    },
  ]);
  return raiseFlags({ asOf, runId: `sweep-${asOf}` }, deps);
}

const flagOf = async () => (await stores.flags.listFlags()).find((f) => f.obligationId === 'budget-report');

describe('RaiseFlags', () => {
  it('raises a missing obligation-period once, with the units the catalogue names', async () => {
    const first = await judge('2016-08-01', 'missing');
    expect(first.raised).toEqual([
      { obligationId: 'budget-report', periodKey: '2016-07-31', due: '2016-07-31', units: ['市财政局'] },
    ]);
    const again = await judge('2016-08-08', 'missing');
    expect(again.raisedCount).toBe(1); // still unnotified, so still handed to Notify
    expect(await stores.flags.listFlags()).toHaveLength(1);
    expect((await flagOf())?.raisedOn).toBe('2016-08-01');
  });

  it('raises nothing for a period that is pending, due soon or met', async () => {
    for (const kind of ['pending', 'due-soon', 'met'] as const)
      expect((await judge('2016-08-01', kind)).raised).toEqual([]);
    expect(await stores.flags.listFlags()).toEqual([]);
  });

  it('resolves an open flag once evidence is found, late or on time', async () => {
    for (const kind of ['late', 'met'] as const) {
      stores = createMemoryStores();
      deps = { ...deps, stores };
      await judge('2016-08-01', 'missing');
      const settled = await judge('2016-08-08', kind);
      expect(settled.raised).toEqual([]); // a resolved flag is not notified
      const flag = await flagOf();
      expect(flag?.status).toBe('resolved');
      expect(flag?.history.at(-1)?.note).toBe(`evidence found: ${kind}`);
    }
  });

  it('waives an open flag with the waiver’s reason', async () => {
    await judge('2016-08-01', 'missing');
    await judge('2016-08-08', 'waived', ['网站改版 (waived by 市政务公开办 until 2016-12-31)']);
    const flag = await flagOf();
    expect(flag?.status).toBe('waived');
    expect(flag?.history.map((h) => h.status)).toEqual(['open', 'waived']);
    expect(flag?.history.at(-1)?.note).toContain('网站改版');
  });

  it('leaves a settled flag settled: a period missing again is neither re-raised nor re-opened', async () => {
    await judge('2016-08-01', 'missing');
    await judge('2016-08-08', 'met');
    await judge('2016-08-15', 'missing');
    expect(await stores.flags.listFlags()).toHaveLength(1);
    expect((await flagOf())?.status).toBe('resolved');
  });
});

describe('Notify', () => {
  it('claims each flag once: a second or racing Notify sends nothing more', async () => {
    const { raised } = await judge('2016-08-01', 'missing');
    const input = { asOf: '2016-08-01' as const, runId: 'sweep', raised };
    const results = await Promise.all([notify(input, deps), notify(input, deps)]);
    expect(results.map((r) => r.notified).sort()).toEqual([0, 1]);
    expect(stores.notifier.sent).toHaveLength(1);
    expect(stores.notifier.sent[0]?.message).toContain(
      'budget-report 2016-07-31 (due 2016-07-31) (市财政局): 公开事项1',
    );
    expect((await judge('2016-08-08', 'missing')).raised).toEqual([]);
  });
});
