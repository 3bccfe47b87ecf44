/**
 * Moves flags from the single `FLAG` partition of tables written before flags were sharded to
 * `FLAG#<obligationShard>` (same sort key). Each old item is validated, copied with a conditional
 * put, read back, and deleted only once the sharded copy is confirmed equal: a run stopped at any
 * point is resumed by running again, and a second run changes nothing. An old flag whose sharded key
 * already holds a different flag (a sweep of the new version raised it again) is left in place and
 * reported: which history to keep is the operator's call.
 */
import type { Flag } from '../ports';
import { FlagSchema } from '../record-schemas';
import type { DynamoGateway, Item } from './gateway';
import { fromItem, sameRecord, toItem } from './items';
import { keys } from './keys';

/** The partition flags lived in before sharding. */
export const OLD_FLAG_PARTITION = 'FLAG';

export interface FlagMigrationReport {
  /** Items found in the old partition. */
  found: number;
  /** Copied to their sharded key by this run (with --dry-run: would be). */
  copied: number;
  /** Already at their sharded key, equal (an earlier run copied them). */
  alreadyCopied: number;
  /** Old items deleted after their copy was confirmed (with --dry-run: would be). */
  deleted: number;
  /** Old items left in place: their sharded key holds a different flag. */
  conflicts: { sk: string; obligationId: string; periodKey: string }[];
  /** Old items that are not valid flags, with the path of what is wrong; left in place. */
  invalid: { sk: string; problem: string }[];
}

export async function migrateFlags(
  gateway: DynamoGateway,
  options: { dryRun?: boolean } = {},
): Promise<FlagMigrationReport> {
  const report: FlagMigrationReport = {
    found: 0,
    copied: 0,
    alreadyCopied: 0,
    deleted: 0,
    conflicts: [],
    invalid: [],
  };
  const old = await gateway.queryPartition(OLD_FLAG_PARTITION);
  report.found = old.length;
  const valid: { sk: string; flag: Flag }[] = [];
  for (const item of old) {
    const sk = String(item.sk);
    try {
      valid.push({ sk, flag: fromItem(FlagSchema, item) });
    } catch (error) {
      report.invalid.push({ sk, problem: (error as Error).message });
    }
  }
  const stored = await sharded(
    gateway,
    valid.map((v) => v.flag),
  );
  const confirmed: { sk: string; flag: Flag }[] = [];
  for (const { sk, flag } of valid) {
    let there = stored.get(shardedKey(flag));
    if (!there && options.dryRun) {
      report.copied += 1;
      report.deleted += 1;
      continue;
    }
    if (!there) {
      const key = keys.flag(flag.obligationId, flag.periodKey);
      if (await gateway.put(toItem(key, 'flag', flag), { ConditionExpression: 'attribute_not_exists(pk)' })) {
        report.copied += 1;
        there = flag;
      } else {
        // Refused: a sweep raised it meanwhile; what is there is compared below.
        there = (await sharded(gateway, [flag])).get(shardedKey(flag));
      }
    } else if (sameRecord(there, flag)) report.alreadyCopied += 1;
    if (there && sameRecord(there, flag)) confirmed.push({ sk, flag });
    else report.conflicts.push({ sk, obligationId: flag.obligationId, periodKey: flag.periodKey });
  }
  if (options.dryRun) {
    report.deleted += confirmed.length;
    return report;
  }
  // Read back with a consistent read: only a confirmed copy lets its old item go.
  const copies = await sharded(
    gateway,
    confirmed.map((c) => c.flag),
  );
  const safe = confirmed.filter((c) => {
    const copy = copies.get(shardedKey(c.flag));
    return copy !== undefined && sameRecord(copy, c.flag);
  });
  await gateway.batchDelete(safe.map((c) => ({ pk: OLD_FLAG_PARTITION, sk: c.sk })));
  report.deleted = safe.length;
  return report;
}

const shardedKey = (flag: Flag): string => {
  const key = keys.flag(flag.obligationId, flag.periodKey);
  return `${key.pk}\u0000${key.sk}`;
};

/** The flags stored at the sharded keys of `flags`, by `shardedKey` (a consistent BatchGetItem per 100 keys). */
async function sharded(gateway: DynamoGateway, flags: readonly Flag[]): Promise<Map<string, Flag>> {
  const items: Item[] = await gateway.batchGet(flags.map((f) => keys.flag(f.obligationId, f.periodKey)));
  return new Map(
    items.map((item) => [`${String(item.pk)}\u0000${String(item.sk)}`, fromItem(FlagSchema, item)]),
  );
}
