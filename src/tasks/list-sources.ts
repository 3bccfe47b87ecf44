import { shanghaiDate } from '../core/dates';
import { SweepLimitsSchema } from '../core/source';
import type { ListSourcesOutput, SweepStart } from './contracts';
import { SweepStartSchema } from './contracts';
import type { TaskDeps } from './deps';
import { task } from './task';

/**
 * The first state: fixes the sweep's date (a scheduled start carries an instant, judged as the
 * Asia/Shanghai day it falls on), lists the sources the Map state crawls — ids only, so the
 * state payload stays small — and fixes the instant the sweep's crawling ends.
 */
export async function listSources({ input }: SweepStart, deps: TaskDeps): Promise<ListSourcesOutput> {
  const asOf = input.asOf ?? shanghaiDate(input.scheduledTime!);
  const { crawlDeadlineMs } = SweepLimitsSchema.parse(deps.sources.sweep ?? {});
  // Wall time, not deps.now(): a simulated run's clock stands on the day it judges.
  const crawlUntil = new Date(Date.now() + crawlDeadlineMs).toISOString();
  return {
    asOf,
    runId: input.runId,
    sources: deps.sources.sources.map((source) => source.id),
    crawlUntil,
    // Carried in the state for the ReportWanted Choice; only `false` is carried, absent means write.
    ...(input.writeReport === false ? { writeReport: false } : {}),
  };
}

export const ListSourcesTask = task('ListSources', SweepStartSchema, listSources);
