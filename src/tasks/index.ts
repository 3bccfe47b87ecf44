/**
 * The sweep's task functions, keyed by the name of the ASL state that calls them. Lambda handlers
 * (functions/) and the local runner (src/local/sweep-runner.ts) both dispatch through this table, so
 * a state cannot be bound to different code locally and on AWS.
 */
import type { z } from 'zod';
import { parseOrThrow } from '../core/validation';
import {
  CrawlFailureInputSchema,
  CrawlSourceInputSchema,
  EvaluateInputSchema,
  NotifyInputSchema,
  SweepInputSchema,
  SweepStartSchema,
  type TaskStateName,
  WriteReportInputSchema,
} from './contracts';
import type { TaskDeps } from './deps';

interface TaskBinding<S extends z.ZodType> {
  input: S;
  run(input: z.infer<S>, deps: TaskDeps): Promise<unknown>;
}

function bind<S extends z.ZodType>(input: S, run: (input: z.infer<S>, deps: TaskDeps) => Promise<unknown>) {
  return { input, run } as TaskBinding<z.ZodType>;
}

const lazy =
  <K extends string>(
    load: () => Promise<Record<K, (input: never, deps: TaskDeps) => Promise<unknown>>>,
    name: K,
  ) =>
  async (input: unknown, deps: TaskDeps) =>
    (await load())[name](input as never, deps);

export const TASKS: Record<TaskStateName, TaskBinding<z.ZodType>> = {
  ListSources: bind(
    SweepStartSchema,
    lazy(() => import('./list-sources'), 'listSources'),
  ),
  CrawlSource: bind(
    CrawlSourceInputSchema,
    lazy(() => import('./crawl-source'), 'crawlSource'),
  ),
  RecordCrawlFailure: bind(
    CrawlFailureInputSchema,
    lazy(() => import('./crawl-source'), 'recordCrawlFailure'),
  ),
  MatchEvidence: bind(
    SweepInputSchema,
    lazy(() => import('./match-evidence'), 'matchEvidence'),
  ),
  EvaluateVerdicts: bind(
    EvaluateInputSchema,
    lazy(() => import('./evaluate-verdicts'), 'evaluateVerdicts'),
  ),
  RaiseFlags: bind(
    SweepInputSchema,
    lazy(() => import('./raise-flags'), 'raiseFlags'),
  ),
  Notify: bind(
    NotifyInputSchema,
    lazy(() => import('./raise-flags'), 'notify'),
  ),
  WriteReport: bind(
    WriteReportInputSchema,
    lazy(() => import('./write-report'), 'writeReport'),
  ),
};

/** Validates a state's input (naming the wrong path) and runs its task. */
export async function runTask(name: TaskStateName, event: unknown, deps: TaskDeps): Promise<unknown> {
  const task = TASKS[name];
  const input = parseOrThrow(task.input, event, `${name} input`);
  return task.run(input, deps);
}
