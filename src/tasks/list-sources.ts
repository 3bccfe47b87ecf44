import type { ListSourcesOutput, SweepInput } from './contracts';
import type { TaskDeps } from './deps';

/** The sources the sweep's Map state crawls: ids only, so the state payload stays small. */
export async function listSources(_input: SweepInput, deps: TaskDeps): Promise<ListSourcesOutput> {
  return { sources: deps.sources.sources.map((source) => source.id) };
}
