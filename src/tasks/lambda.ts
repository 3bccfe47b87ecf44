/**
 * Turns a task into a Lambda handler: dependencies are built once per cold start and reused by
 * every invocation of that container.
 */
import type { TaskStateName } from './contracts';
import type { TaskDeps } from './deps';
import { runTask } from './index';

let deps: Promise<TaskDeps> | undefined;

export function lambdaHandler(name: TaskStateName) {
  return async (event: unknown): Promise<unknown> => {
    deps ??= import('./aws-deps').then((m) => m.awsDeps());
    return runTask(name, event, await deps);
  };
}
