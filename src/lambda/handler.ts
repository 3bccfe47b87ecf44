/**
 * Turns a task into a Lambda handler: dependencies are built once per cold start and reused by
 * every invocation of that container. Each invocation logs through its own structured logger
 * carrying the run's correlation keys (runId, asOf, sourceId) and Lambda's request id.
 */
import type { TaskDeps } from '../tasks/deps';
import { runBinding, type TaskBinding } from '../tasks/task';
import { correlationKeys, jsonLog } from './json-log';

let deps: Promise<TaskDeps> | undefined;
let coldStart = true;

/** The part of Lambda's context object the handler reads. */
export interface LambdaContext {
  awsRequestId?: string;
  getRemainingTimeInMillis?: () => number;
}

export type LambdaHandler = ((event: unknown, context?: LambdaContext) => Promise<unknown>) & {
  binding: TaskBinding;
};

export function lambdaHandler(binding: TaskBinding): LambdaHandler {
  const handler = async (event: unknown, context?: LambdaContext): Promise<unknown> => {
    deps ??= import('./aws-deps').then((m) => m.awsDeps());
    const log = jsonLog({
      service: binding.state,
      level: process.env.LOG_LEVEL,
      keys: {
        ...correlationKeys(event),
        ...(context?.awsRequestId ? { requestId: context.awsRequestId } : {}),
        coldStart,
      },
    });
    coldStart = false;
    try {
      const remaining = context?.getRemainingTimeInMillis?.bind(context);
      return await runBinding(binding, event, {
        ...(await deps),
        log,
        ...(remaining ? { remainingTimeMs: remaining } : {}),
      });
    } catch (error) {
      // Step Functions records the error too; the log line ties it to the run and the source.
      log('task failed', { error }, 'error');
      throw error;
    }
  };
  return Object.assign(handler, { binding });
}
