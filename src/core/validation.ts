import type { z } from 'zod';

/** Renders a JSON path the way editors and jq show it: obligations[3].schedule.kind */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(root)';
}

/** One line per problem, each starting with the path of what is wrong. */
export function formatIssues(error: z.ZodError, prefix = ''): string[] {
  return error.issues.map((issue) => `${prefix}${formatPath(issue.path)}: ${messageOf(issue)}`);
}

/** A missing field says "required" (with what it should be), not "expected number, received undefined". */
function messageOf(issue: z.core.$ZodIssue): string {
  const missing = /^Invalid input: expected (.+), received undefined$/.exec(issue.message);
  return missing ? `required (${missing[1]})` : issue.message;
}

/**
 * Thrown when input at a boundary is invalid; `problems` are path-first lines for the user. One
 * problem is one line (`what: problem`), which names what is wrong and what to do; several are a
 * list under `what is invalid:`.
 */
export class ValidationError extends Error {
  constructor(
    readonly what: string,
    readonly problems: string[],
  ) {
    super(
      problems.length === 1
        ? `${what}: ${problems[0]}`
        : `${what} is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ValidationError';
  }
}

/** Parses with a schema, throwing a ValidationError that names every wrong path. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(what, formatIssues(result.error));
  return result.data;
}
