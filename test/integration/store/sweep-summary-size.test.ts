/**
 * A province's sweep summary on DynamoDB Local: with 20,000 units (one item would pass 400 KB near
 * 9,500) every item stays under 400 KB, the summary reads back whole, its totals are the sums of
 * its units' counts, and re-running the sweep with fewer units leaves no stale units behind.
 */
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VerdictKind } from '../../../src/core/verdict';
import type { DynamoStores } from '../../../src/store/dynamo/create-stores';
import { itemBytes } from '../../../src/store/dynamo/items';
import type { SweepSummary } from '../../../src/store/ports';
import { openTestStores } from '../../support/dynamo-test-stores';

let stores: DynamoStores;
beforeAll(async () => {
  stores = await openTestStores();
});
afterAll(() => stores?.close());

const KINDS: VerdictKind[] = ['met', 'late', 'missing', 'due-soon', 'pending', 'insufficient-data'];

function summary(units: number, runId: string): SweepSummary {
  const byUnit: SweepSummary['byUnit'] = {};
  const counts: Partial<Record<VerdictKind, number>> = {};
  for (let i = 0; i < units; i++) {
    const unit = `广东省第${Math.floor(i / 25) + 1}市第${(i % 25) + 1}个部门（含下属事业单位）`;
    const row: Partial<Record<VerdictKind, number>> = {};
    for (const [k, kind] of KINDS.entries()) row[kind] = ((i * 7 + k * 13) % 40) + 1;
    byUnit[unit] = row;
    for (const [kind, n] of Object.entries(row))
      counts[kind as VerdictKind] = (counts[kind as VerdictKind] ?? 0) + n;
  }
  return {
    asOf: '2016-10-10',
    runId,
    counts,
    byUnit,
    byGroup: { plan: counts },
    recordedAt: '2016-10-10T02:00:00.000Z',
  };
}

async function largestItem(): Promise<{ bytes: number; pk: string }> {
  let largest = { bytes: 0, pk: '' };
  let start: Record<string, unknown> | undefined;
  do {
    const out = await stores.client.send(
      new ScanCommand({ TableName: stores.tableName, ExclusiveStartKey: start as never }),
    );
    for (const raw of out.Items ?? []) {
      const item = unmarshall(raw);
      const bytes = itemBytes(item);
      if (bytes > largest.bytes) largest = { bytes, pk: String(item.pk) };
    }
    start = out.LastEvaluatedKey;
  } while (start);
  return largest;
}

describe('sweep summary of a province', () => {
  it('keeps every item under 400 KB with 20,000 units and reads the same totals back', async () => {
    const written = summary(20_000, 'province');
    // The summary as one item would not fit: the split is what keeps it under the limit.
    expect(itemBytes(written)).toBeGreaterThan(400_000);
    await stores.verdicts.putSummary(written);
    const largest = await largestItem();
    expect(largest.bytes).toBeLessThan(400_000);
    const [read] = await stores.verdicts.listSummaries();
    expect(read).toEqual(written);
    const sums: Partial<Record<VerdictKind, number>> = {};
    for (const row of Object.values(read!.byUnit))
      for (const [kind, n] of Object.entries(row))
        sums[kind as VerdictKind] = (sums[kind as VerdictKind] ?? 0) + n;
    expect(sums).toEqual(read!.counts);
  }, 120_000);

  it('re-running the sweep with fewer units reads only the new units', async () => {
    const again = summary(30, 'province');
    await stores.verdicts.putSummary(again);
    expect(await stores.verdicts.listSummaries()).toEqual([again]);
  });
});
