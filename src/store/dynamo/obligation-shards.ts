/**
 * Reads of the collections sharded by obligation (evidence, verdicts, flags; see keys.ts). A reader
 * that needs a few obligations asks for their sort-key prefixes in their shards; one that needs many
 * reads the shards they fall in; one that needs all reads every shard. No reader reads a partition
 * it does not need.
 */
import { byText } from '../../core/compare';
import type { DynamoGateway, Item, QueryOptions } from './gateway';
import { mapLimit } from './items';
import { ALL_OBLIGATION_SHARDS, obligationShard } from './keys';

/**
 * Past this many obligations per shard touched, reading the shards whole costs fewer requests than
 * one Query per obligation (a shard's Query returns up to 1 MB, hundreds of verdicts, per request).
 */
const PREFIX_QUERIES_PER_SHARD = 2;

const PARALLEL_QUERIES = 16;

/** Items of the obligations named (all when `obligationIds` is undefined), in sort-key order. */
export async function queryByObligation(
  gateway: DynamoGateway,
  partitionOf: (shard: string) => string,
  obligationIds: readonly string[] | undefined,
  extra: Partial<QueryOptions> = {},
): Promise<Item[]> {
  if (obligationIds === undefined) {
    return gateway.queryPartitions(ALL_OBLIGATION_SHARDS.map(partitionOf), undefined, extra);
  }
  const wanted = new Set(obligationIds);
  const shards = new Set([...wanted].map(obligationShard));
  if (wanted.size > shards.size * PREFIX_QUERIES_PER_SHARD) {
    const items = await gateway.queryPartitions([...shards].map(partitionOf), undefined, extra);
    return items.filter((item) => wanted.has(obligationOfKey(String(item.sk))));
  }
  const parts = await mapLimit([...wanted], PARALLEL_QUERIES, (id) =>
    gateway.queryPartition(partitionOf(obligationShard(id)), `${id}#`, extra),
  );
  return parts.flat().sort(byText((item) => String(item.sk)));
}

/** Sort keys of the sharded collections start with `<obligationId>#`. */
function obligationOfKey(sk: string): string {
  return sk.slice(0, sk.indexOf('#'));
}
