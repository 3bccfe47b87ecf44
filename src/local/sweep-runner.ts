/**
 * Runs the sweep state machine on one machine: aws-local-stepfunctions executes the same ASL that
 * CDK deploys, and every Task state is bound by name to the task function its Lambda would call.
 */
import './polyfills';
import { type SweepInput, TASK_STATES, type TaskStateName } from '../tasks/contracts';
import type { TaskDeps } from '../tasks/deps';
import { runTask } from '../tasks/index';
import { renderDefinition, stateForSubstitution, taskStates } from '../workflow/definition';

const LOCAL_ARN = (state: string) => `arn:aws:lambda:ap-southeast-1:000000000000:function:gongkai-${state}`;

/** The sweep definition as the local runner sees it: placeholders replaced with local ARNs. */
export function localDefinition(): Record<string, unknown> {
  return renderDefinition((name) => LOCAL_ARN(stateForSubstitution(name)));
}

export interface LocalSweepOptions {
  /** Pause between retries, in ms; the ASL's seconds would make a local run crawl. */
  retryPauseMs?: number;
  onEvent?: (event: { type: string; state?: string; error?: string }) => void;
}

export interface LocalSweepResult {
  output: Record<string, unknown>;
  statesEntered: number;
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
  input: SweepInput,
  deps: TaskDeps,
  options: LocalSweepOptions = {},
): Promise<LocalSweepResult> {
  const { StateMachine } = await import('aws-local-stepfunctions');
  const definition = localDefinition();
  const tasks = taskStates(definition as never);
  const handlers: Record<string, (input: unknown) => Promise<never>> = {};
  const retryPauses: Record<string, number> = {};
  for (const state of tasks.keys()) {
    if (!(TASK_STATES as readonly string[]).includes(state)) {
      throw new Error(`Task state "${state}" has no local binding`);
    }
    handlers[state] = attemptsInTurn(
      async (taskInput) => (await runTask(state as TaskStateName, taskInput, deps)) as never,
    );
    retryPauses[state] = options.retryPauseMs ?? 20;
  }
  const machine = new StateMachine(definition as never, {});
  const execution = machine.run(input, {
    overrides: { taskResourceLocalHandlers: handlers, retryIntervalOverrides: retryPauses },
  });
  let statesEntered = 0;
  const logs = (async () => {
    for await (const event of execution.eventLogs) {
      if (event.type === 'StateEntered') statesEntered += 1;
      const state = 'state' in event ? event.state.name : undefined;
      const error = 'Error' in event ? event.Error : undefined;
      options.onEvent?.({ type: event.type, state, error });
    }
  })();
  const output = (await execution.result) as Record<string, unknown>;
  await logs.catch(() => undefined);
  return { output, statesEntered };
}
