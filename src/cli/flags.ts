import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { z } from 'zod';
import { formatIssues, ValidationError } from '../core/validation';

/** A mistake in how a command was called: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses argv with node:util and validates the result with zod, so `--year abc` reports
 * "--year: expected a number" instead of failing later. Positionals arrive as `_`.
 */
export function parseFlags<S extends z.ZodType>(argv: string[], options: Options, schema: S): z.infer<S> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const result = schema.safeParse({ ...parsed.values, _: parsed.positionals });
  if (!result.success) {
    const lines = formatIssues(result.error).map((line) => (line.startsWith('_') ? line : `--${line}`));
    throw new ValidationError('command line', lines);
  }
  return result.data;
}
