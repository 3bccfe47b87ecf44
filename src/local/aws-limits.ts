/**
 * AWS's hard limits, enforced by the local runner so a local sweep fails where a deployed one
 * would: 256 KiB per state input and output and per task result (Step Functions raises
 * States.DataLimitExceeded, which no Catch handles), 25,000 events in an execution's history, and
 * each Lambda's timeout from the stack's own table (infra/task-access.ts). SNS's 256 KiB is checked
 * by the notification builder both notifiers share, DynamoDB's 400 KB by the store gateway.
 */
import { TASK_ACCESS } from '../../infra/task-access';
import type { TaskStateName } from '../tasks/contracts';

export interface AwsLimits {
  /** Step Functions: a state's input or output, a task's result (bytes of UTF-8 JSON). */
  statePayloadBytes: number;
  /** Step Functions Standard: events in one execution's history. */
  historyEvents: number;
  /** Lambda: each task function's timeout, in seconds, from the stack's configuration. */
  taskTimeoutSeconds: Record<TaskStateName, number>;
}

export const AWS_LIMITS: AwsLimits = {
  statePayloadBytes: 256 * 1024,
  historyEvents: 25_000,
  taskTimeoutSeconds: Object.fromEntries(
    Object.entries(TASK_ACCESS).map(([state, access]) => [state, access.timeoutSeconds]),
  ) as Record<TaskStateName, number>,
};

/** A limit the execution crossed: it fails with `error`, as the deployed state machine would. */
export class AwsLimitExceededError extends Error {
  override name = 'AwsLimitExceededError';
  constructor(
    readonly error: 'States.DataLimitExceeded' | 'States.HistoryLimitExceeded',
    readonly state: string,
    detail: string,
  ) {
    super(`${error} at ${state}: ${detail}`);
  }
}

/** A task that ran past its Lambda timeout; Step Functions sees the error `Sandbox.Timedout`. */
export class LambdaTimeoutError extends Error {
  override name = 'Sandbox.Timedout';
}

/** The size Step Functions counts: the UTF-8 bytes of the JSON text. */
export function payloadBytes(value: unknown): number {
  return value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value));
}

/**
 * History events an execution writes, counted as Step Functions writes them: one per state entered
 * and exited, per Map or Parallel start and end, per iteration start and end, and three per Lambda
 * attempt (scheduled, started, then succeeded, failed or timed out).
 */
export const HISTORY_EVENTS_PER = {
  stateEvent: 1,
  mapOrParallelState: 2,
  iterationEvent: 1,
  taskAttempt: 3,
} as const;

export interface LimitWatchReport {
  historyEvents: number;
  largestPayload: { bytes: number; state: string };
}

/** Keeps the running counts of one execution and says when a limit is crossed. */
export class LimitWatch {
  private events = 1; // ExecutionStarted
  private largest = { bytes: 0, state: '' };
  violation: AwsLimitExceededError | undefined;

  constructor(readonly limits: AwsLimits = AWS_LIMITS) {}

  /** A payload seen at `state` (input, output or task result); records the first violation. */
  payload(state: string, what: string, value: unknown): AwsLimitExceededError | undefined {
    const bytes = payloadBytes(value);
    if (bytes > this.largest.bytes) this.largest = { bytes, state: `${state} ${what}` };
    if (bytes <= this.limits.statePayloadBytes) return undefined;
    this.violation ??= new AwsLimitExceededError(
      'States.DataLimitExceeded',
      state,
      `${what} is ${bytes} bytes; the limit is ${this.limits.statePayloadBytes}`,
    );
    return this.violation;
  }

  /** Adds history events; records the first violation. */
  history(state: string, events: number): AwsLimitExceededError | undefined {
    this.events += events;
    if (this.events <= this.limits.historyEvents) return undefined;
    this.violation ??= new AwsLimitExceededError(
      'States.HistoryLimitExceeded',
      state,
      `${this.events} history events; the limit is ${this.limits.historyEvents}`,
    );
    return this.violation;
  }

  report(): LimitWatchReport {
    return { historyEvents: this.events, largestPayload: { ...this.largest } };
  }
}

/** Runs `work`, rejecting with LambdaTimeoutError once `seconds` have passed (the work is not stopped). */
export async function withLambdaTimeout<T>(work: Promise<T>, seconds: number, state: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new LambdaTimeoutError(`${state}: Task timed out after ${seconds} seconds`)),
      seconds * 1000,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
