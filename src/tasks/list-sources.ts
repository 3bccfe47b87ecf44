import { shanghaiDate } from '../core/dates';
import type { ListSourcesOutput, SweepStart } from './contracts';
import { SweepStartSchema } from './contracts';
import type { TaskDeps } from './deps';
import { task } from './task';

/**
 * The first state: fixes the sweep's date (a scheduled start carries an instant, judged as the
 * Asia/Shanghai day it falls on) and lists the sources the Map state crawls — ids only, so the
 * state payload stays small.
 */
export async function listSources({ input }: SweepStart, deps: TaskDeps): Promise<ListSourcesOutput> {
  const asOf = input.asOf ?? shanghaiDate(input.scheduledTime!);
  return { asOf, runId: input.runId, sources: deps.sources.sources.map((source) => source.id) };
}

export const ListSourcesTask = task('ListSources', SweepStartSchema, listSources);
