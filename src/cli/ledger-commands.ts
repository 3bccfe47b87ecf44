/**
 * `gongkai event add`, `gongkai evidence add`, `gongkai waive`: entries people make, appended to the
 * audit trail in the local store (or, with --target aws, the deployed table).
 */
import { z } from 'zod';
import { IsoDateSchema } from '../core/dates';
import type { TaskDeps } from '../tasks/deps';
import type { AppendOutcome } from '../tasks/ledger-entries';
import { parseFlags } from './flags';
import { LOCAL_FLAGS, LocalFlagsSchema, withLocalRuntime } from './local-session';

export const BY_FLAG = { by: { type: 'string' } } as const;

/** Who made the entry: --by, else the login name; the audit trail never records an anonymous entry. */
export const BySchema = z
  .string()
  .min(1)
  .default(process.env.USER ?? process.env.USERNAME ?? 'unknown');

export async function appendLocally(
  argv: string[],
  options: Parameters<typeof parseFlags>[1],
  schema: z.ZodType<z.infer<typeof LocalFlagsSchema>>,
  append: (deps: TaskDeps, flags: never) => Promise<AppendOutcome>,
): Promise<number> {
  const flags = parseFlags(argv, { ...LOCAL_FLAGS, ...options }, schema);
  return withLocalRuntime(
    {
      dataDir: flags['data-dir'],
      catalogue: flags.catalogue,
      ...(flags['dynamo-endpoint'] ? { dynamoEndpoint: flags['dynamo-endpoint'] } : {}),
    },
    async (runtime) => {
      const outcome = await append(runtime.deps, flags as never);
      console.log(
        outcome.appended ? `recorded ${outcome.id}` : `already recorded: ${outcome.id} (nothing changed)`,
      );
      return 0;
    },
  );
}

export { IsoDateSchema, LocalFlagsSchema };
