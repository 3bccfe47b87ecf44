/**
 * Runs the sweep state machine on one machine: aws-local-stepfunctions executes the same ASL that
 * CDK deploys, and every Task state is bound by name to the task function its Lambda would call.
 */
import './polyfills';
import { type SweepInput, TASK_STATES, type TaskStateName } from '../tasks/contracts';
import type { TaskDeps } from '../tasks/deps';
import { runTask } from '../tasks/index';
import { renderDefinition, stateForSubstitution, taskStates } from '../workflow/definition';
import {
  type AwsLimits,
  HISTORY_EVENTS_PER,
  LimitWatch,
  type LimitWatchReport,
  withLambdaTimeout,
} from './aws-limits';

const LOCAL_ARN = (state: string) => `arn:aws:lambda:ap-southeast-1:000000000000:function:gongkai-${state}`;

/** The sweep definition as the local runner sees it: placeholders replaced with local ARNs. */
export function localDefinition(): Record<string, unknown> {
  return renderDefinition((name) => LOCAL_ARN(stateForSubstitution(name)));
}

export interface LocalSweepOptions {
  /** Pause between retries, in ms; the ASL's seconds would make a local run crawl. */
  retryPauseMs?: number;
  onEvent?: (event: { type: string; state?: string; error?: string }) => void;
  /** AWS's limits the run enforces (src/local/aws-limits.ts); the defaults are AWS's own. */
  limits?: AwsLimits;
}

export interface LocalSweepResult {
  output: Record<string, unknown>;
  statesEntered: number;
  /** History events written and the largest payload seen, against AWS's limits. */
  limits: LimitWatchReport;
}

/** History events a logged event stands for (see HISTORY_EVENTS_PER). */
function historyEvents(event: { type: string; state?: { type: string } }): number {
  switch (event.type) {
    case 'StateEntered':
    case 'StateExited':
      return (
        HISTORY_EVENTS_PER.stateEvent +
        (event.state?.type === 'Map' || event.state?.type === 'Parallel'
          ? HISTORY_EVENTS_PER.mapOrParallelState / 2
          : 0)
      );
    case 'MapIterationStarted':
    case 'MapIterationSucceeded':
    case 'MapIterationFailed':
    case 'ParallelBranchStarted':
    case 'ParallelBranchSucceeded':
    case 'ParallelBranchFailed':
      return HISTORY_EVENTS_PER.iterationEvent;
    default:
      return 0;
  }
}

/**
 * A task handler whose attempts on the same input never overlap. When a state times out, the local
 * engine stops waiting but cannot stop the JavaScript it started; its retry would crawl the same
 * site a second time while the first crawl still runs. The retry waits for the earlier attempt to
 * settle before it starts (on AWS a timed-out Lambda invocation is stopped by its own timeout,
 * which equals the state's TimeoutSeconds).
 */
export function attemptsInTurn<I, O>(handler: (input: I) => Promise<O>): (input: I) => Promise<O> {
  const running = new Map<string, Promise<unknown>>();
  return async (input) => {
    const key = JSON.stringify(input);
    const earlier = running.get(key);
    if (earlier) await earlier.catch(() => undefined);
    const attempt = handler(input);
    running.set(key, attempt);
    try {
      return await attempt;
    } finally {
      if (running.get(key) === attempt) running.delete(key);
    }
  };
}

/** Executes one sweep with aws-local-stepfunctions and returns its final state output. */
export async function runSweepLocally(
  input: SweepInput & { writeReport?: boolean },
  deps: TaskDeps,
  options: LocalSweepOptions = {},
): Promise<LocalSweepResult> {
  const { StateMachine } = await import('aws-local-stepfunctions');
  const definition = localDefinition();
  const tasks = taskStates(definition as never);
  const handlers: Record<string, (input: unknown) => Promise<never>> = {};
  const retryPauses: Record<string, number> = {};
  const watch = new LimitWatch(options.limits);
  let abort = () => {};
  for (const state of tasks.keys()) {
    if (!(TASK_STATES as readonly string[]).includes(state)) {
      throw new Error(`Task state "${state}" has no local binding`);
    }
    const name = state as TaskStateName;
    handlers[state] = attemptsInTurn(async (taskInput) => {
      if (watch.history(state, HISTORY_EVENTS_PER.taskAttempt)) abort();
      const timeoutSeconds = watch.limits.taskTimeoutSeconds[name];
      // As Lambda's context does, the crawl can ask how long it has left (it pauses before then).
      // Only the crawl: the assessment tasks share work through the very deps object they are given.
      const endsAt = Date.now() + timeoutSeconds * 1000;
      const taskDeps =
        name === 'CrawlSource' ? { ...deps, remainingTimeMs: () => endsAt - Date.now() } : deps;
      const work = runTask(name, taskInput, taskDeps);
      const result = await withLambdaTimeout(work, timeoutSeconds, state);
      // A result over the limit fails the execution, whatever the state's Catch says.
      if (watch.payload(state, 'task result', result)) abort();
      return result as never;
    });
    retryPauses[state] = options.retryPauseMs ?? 20;
  }
  const machine = new StateMachine(definition as never, {});
  const execution = machine.run(input, {
    overrides: { taskResourceLocalHandlers: handlers, retryIntervalOverrides: retryPauses },
  });
  abort = execution.abort;
  let statesEntered = 0;
  const logs = (async () => {
    for await (const event of execution.eventLogs) {
      if (event.type === 'StateEntered') statesEntered += 1;
      const state = 'state' in event ? event.state.name : undefined;
      const error = 'Error' in event ? event.Error : undefined;
      if ('state' in event) {
        if (event.type === 'StateEntered') watch.payload(event.state.name, 'state input', event.state.input);
        if (event.type === 'StateExited') watch.payload(event.state.name, 'state output', event.state.output);
      }
      if (watch.history(state ?? 'execution', historyEvents(event as never))) abort();
      if (watch.violation) abort();
      options.onEvent?.({ type: event.type, state, error });
    }
  })();
  try {
    const output = (await execution.result) as Record<string, unknown>;
    await logs.catch(() => undefined);
    if (watch.violation) throw watch.violation;
    return { output, statesEntered, limits: watch.report() };
  } catch (error) {
    await logs.catch(() => undefined);
    throw watch.violation ?? error;
  }
}
