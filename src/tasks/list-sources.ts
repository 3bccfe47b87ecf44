import { shanghaiDate } from '../core/dates';
import { MAX_SHARDS, SweepLimitsSchema } from '../core/source';
import type { ListSourcesOutput, SweepStart } from './contracts';
import { SweepStartSchema } from './contracts';
import type { TaskDeps } from './deps';
import { task } from './task';

/**
 * Splits source ids into shards of `perShard` in file order, or larger ones when that would make
 * more than `maxShards`: the Map's iterations, and so the sweep's history, stay bounded.
 */
export function shardSourceIds(ids: readonly string[], perShard: number, maxShards = MAX_SHARDS): string[][] {
  const size = Math.max(perShard, Math.ceil(ids.length / maxShards));
  const shards: string[][] = [];
  for (let i = 0; i < ids.length; i += size) shards.push(ids.slice(i, i + size));
  return shards;
}

/**
 * The first state: fixes the sweep's date (a scheduled start carries an instant, judged as the
 * Asia/Shanghai day it falls on), writes the sources the Map state crawls as shards in DynamoDB,
 * returns only the shards' indices, so the state stays small however many sources there are, and
 * fixes the instant the sweep's crawling ends.
 */
export async function listSources({ input }: SweepStart, deps: TaskDeps): Promise<ListSourcesOutput> {
  const asOf = input.asOf ?? shanghaiDate(input.scheduledTime!);
  const limits = SweepLimitsSchema.parse(deps.sources.sweep ?? {});
  const ids = deps.sources.sources.map((source) => source.id);
  const shards = shardSourceIds(ids, limits.sourcesPerShard);
  await deps.stores.crawl.putShards(input.runId, shards);
  // Wall time, not deps.now(): a simulated run's clock stands on the day it judges.
  const crawlUntil = new Date(Date.now() + limits.crawlDeadlineMs).toISOString();
  return {
    asOf,
    runId: input.runId,
    shards: shards.map((_, i) => i),
    sourceCount: ids.length,
    maxPasses: limits.crawlPasses,
    crawlUntil,
    // Carried in the state for the ReportWanted Choice; only `false` is carried, absent means write.
    ...(input.writeReport === false ? { writeReport: false } : {}),
  };
}

export const ListSourcesTask = task('ListSources', SweepStartSchema, listSources);
