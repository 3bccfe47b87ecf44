/**
 * `gongkai migrate flags` on DynamoDB Local: flags written in the old single `FLAG` partition move
 * to their shards, old items go only after their copy is confirmed, a dry run writes nothing, a run
 * cut short is finished by the next, a second run changes nothing, and flags that cannot be moved
 * safely (invalid, or a different flag already at the sharded key) stay and are reported.
 */
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describe as describeReport } from '../../../src/cli/migrate';
import type { DynamoStores } from '../../../src/store/dynamo/create-stores';
import { OLD_FLAG_PARTITION } from '../../../src/store/dynamo/migrate-flags';
import type { Flag } from '../../../src/store/ports';
import { openTestStores } from '../../support/dynamo-test-stores';

let stores: DynamoStores;
let client: DynamoDBDocumentClient;
beforeAll(async () => {
  stores = await openTestStores();
  client = DynamoDBDocumentClient.from(stores.client, { marshallOptions: { removeUndefinedValues: true } });
});
afterAll(() => stores?.close());

const flag = (obligationId: string, periodKey: string, extra: Partial<Flag> = {}): Flag => ({
  obligationId,
  periodKey,
  due: '2016-07-29',
  raisedOn: '2016-08-01',
  raisedAt: '2016-08-01T02:00:00.000Z',
  units: ['市食药监局'],
  status: 'open',
  history: [{ at: '2016-08-01T02:00:00.000Z', status: 'open', note: 'missing' }],
  ...extra,
});

/** An item as versions before sharding wrote it. */
async function putOld(item: Record<string, unknown>): Promise<void> {
  await client.send(
    new PutCommand({
      TableName: stores.tableName,
      Item: {
        pk: OLD_FLAG_PARTITION,
        sk: `${item.obligationId}#${item.periodKey}`,
        itemType: 'flag',
        ...item,
      },
    }),
  );
}

const oldItems = async () => (await queryOld()).map((i) => String(i.sk)).sort();
async function queryOld() {
  const { QueryCommand } = await import('@aws-sdk/lib-dynamodb');
  const out = await client.send(
    new QueryCommand({
      TableName: stores.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': OLD_FLAG_PARTITION },
      ConsistentRead: true,
    }),
  );
  return out.Items ?? [];
}

describe('migrating flags to their shards', () => {
  it('copies, confirms, then deletes; dry runs write nothing; runs again to the same end; keeps what it cannot move', async () => {
    const flags = Array.from({ length: 40 }, (_, i) =>
      flag(`ob-${i}`, `2016-Q${(i % 4) + 1}`, i % 3 === 0 ? { notifiedAt: '2016-08-01T03:00:00.000Z' } : {}),
    );
    for (const f of flags) await putOld({ ...f });
    // Invalid: no due date.
    await putOld({ ...flag('ob-bad', '2016-Q1'), due: undefined });
    // A sweep of the new version already raised a different flag for ob-0 at its sharded key.
    expect(await stores.flags.raiseFlag(flag('ob-0', '2016-Q1', { raisedOn: '2016-09-01' }))).toBe(true);

    const dry = await stores.flags.migrateOldLayout({ dryRun: true });
    expect(dry).toMatchObject({ found: 41, copied: 39, alreadyCopied: 0, deleted: 39 });
    expect(dry.conflicts.map((c) => c.obligationId)).toEqual(['ob-0']);
    expect(dry.invalid.map((i) => i.sk)).toEqual(['ob-bad#2016-Q1']);
    expect(dry.invalid[0]?.problem).toContain('due');
    expect(await oldItems()).toHaveLength(41);
    expect(await stores.flags.listFlags()).toHaveLength(1);

    // A run cut short: five flags were copied (as by an earlier run) but their old items remain.
    for (const f of flags.slice(1, 6)) expect(await stores.flags.raiseFlag(f)).toBe(true);
    const run = await stores.flags.migrateOldLayout();
    expect(run).toMatchObject({ found: 41, copied: 34, alreadyCopied: 5, deleted: 39 });
    expect(await oldItems()).toEqual(['ob-0#2016-Q1', 'ob-bad#2016-Q1']);
    const moved = await stores.flags.listFlags();
    expect(moved).toHaveLength(40);
    for (const f of flags.slice(1)) expect(moved).toContainEqual(f);
    expect(moved.find((f) => f.obligationId === 'ob-0')?.raisedOn).toBe('2016-09-01');
    expect(await stores.flags.listUnnotified()).toHaveLength(
      40 - flags.filter((f) => f.notifiedAt).length + 1,
    );

    const again = await stores.flags.migrateOldLayout();
    expect(again).toMatchObject({ found: 2, copied: 0, alreadyCopied: 0, deleted: 0 });
    expect(await stores.flags.listFlags()).toEqual(moved);
    expect(describeReport(again, false)).toContain('CONFLICT ob-0 2016-Q1');
    expect(describeReport(again, false)).toContain('INVALID FLAG/ob-bad#2016-Q1');
  });
});
