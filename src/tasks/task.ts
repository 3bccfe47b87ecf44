import type { z } from 'zod';
import { parseOrThrow } from '../core/validation';
import type { TaskStateName } from './contracts';
import type { TaskDeps } from './deps';

/** A task function bound to the ASL state that calls it, with the schema of that state's input. */
export interface TaskBinding<S extends z.ZodType = z.ZodType> {
  state: TaskStateName;
  input: S;
  run(input: z.infer<S>, deps: TaskDeps): Promise<unknown>;
}

export function task<S extends z.ZodType>(
  state: TaskStateName,
  input: S,
  run: (input: z.infer<S>, deps: TaskDeps) => Promise<unknown>,
): TaskBinding {
  return { state, input, run } as TaskBinding;
}

/** Validates the state's input (naming the wrong path) and runs the task. */
export async function runBinding(binding: TaskBinding, event: unknown, deps: TaskDeps): Promise<unknown> {
  const input = parseOrThrow(binding.input, event, `${binding.state} input`);
  return binding.run(input, deps);
}
