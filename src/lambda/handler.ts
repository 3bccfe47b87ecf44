/**
 * Turns a task into a Lambda handler: dependencies are built once per cold start and reused by
 * every invocation of that container.
 */
import type { TaskDeps } from '../tasks/deps';
import { runBinding, type TaskBinding } from '../tasks/task';

let deps: Promise<TaskDeps> | undefined;

export type LambdaHandler = ((event: unknown) => Promise<unknown>) & { binding: TaskBinding };

export function lambdaHandler(binding: TaskBinding): LambdaHandler {
  const handler = async (event: unknown): Promise<unknown> => {
    deps ??= import('./aws-deps').then((m) => m.awsDeps());
    return runBinding(binding, event, await deps);
  };
  return Object.assign(handler, { binding });
}
