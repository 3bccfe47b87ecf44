/**
 * `gongkai event add`, `gongkai evidence add`, `gongkai waive`: entries people make, appended to the
 * audit trail in the local store (or, with --target aws, the deployed table).
 */
import { z } from 'zod';
import { loadCatalogue } from '../config';
import { IsoDateSchema } from '../core/dates';
import { createDynamoStores } from '../store/dynamo/create-stores';
import type { Archive, Notifier } from '../store/ports';
import type { TaskDeps } from '../tasks/deps';
import type { AppendOutcome } from '../tasks/ledger-entries';
import { parseFlags, UsageError } from './flags';
import { LOCAL_FLAGS, LocalFlagsSchema, withLocalRuntime } from './local-session';

/** Where the entry goes: the local data directory, or the deployed table (--target aws --table T). */
export const TARGET_FLAGS = {
  target: { type: 'string' },
  table: { type: 'string' },
  region: { type: 'string' },
} as const;
export const TargetSchema = z.object({
  target: z.enum(['local', 'aws']).default('local'),
  table: z.string().min(3).optional(),
  region: z.string().optional(),
});

const notForLedger = (what: string) => () => {
  throw new Error(`${what} is not used when recording a ledger entry`);
};

export const BY_FLAG = { by: { type: 'string' } } as const;

/** Who made the entry: --by, else the login name; the audit trail never records an anonymous entry. */
export const BySchema = z
  .string()
  .min(1)
  .default(process.env.USER ?? process.env.USERNAME ?? 'unknown');

/** Flags every ledger command takes: where to write, which obligation, and who enters it. */
export const EntryFlagsSchema = LocalFlagsSchema.extend(TargetSchema.shape).extend({
  obligation: z.string().min(1),
  by: BySchema,
});
const ENTRY_FLAGS = { obligation: { type: 'string' }, ...BY_FLAG } as const;
export const WHERE_USAGE =
  '[--by NAME] [--catalogue FILE] [--data-dir .gongkai | --target aws --table NAME [--region R]]';

export async function appendLocally(
  argv: string[],
  options: Parameters<typeof parseFlags>[1],
  schema: z.ZodType<z.infer<typeof EntryFlagsSchema>>,
  append: (deps: TaskDeps, flags: never) => Promise<AppendOutcome>,
): Promise<number> {
  const flags = parseFlags(argv, { ...LOCAL_FLAGS, ...TARGET_FLAGS, ...ENTRY_FLAGS, ...options }, schema);
  const report = (outcome: AppendOutcome) => {
    console.log(
      outcome.appended ? `recorded ${outcome.id}` : `already recorded: ${outcome.id} (nothing changed)`,
    );
    return 0;
  };
  if (flags.target === 'aws') {
    const tableName = flags.table ?? process.env.GONGKAI_TABLE_NAME;
    if (!tableName) throw new UsageError('--target aws needs --table (the TableName stack output)');
    const stores = createDynamoStores({ tableName, ...(flags.region ? { region: flags.region } : {}) });
    try {
      const deps: TaskDeps = {
        stores: {
          ...stores,
          archive: {
            put: notForLedger('the archive'),
            get: notForLedger('the archive'),
            locate: notForLedger('the archive'),
          } as Archive,
          notifier: { notify: notForLedger('the notifier') } as Notifier,
        },
        catalogue: await loadCatalogue(flags.catalogue),
        sources: { sources: [] },
        now: () => new Date(),
        reportSink: { write: notForLedger('the report sink') },
        log: () => undefined,
      };
      return report(await append(deps, flags as never));
    } finally {
      stores.close();
    }
  }
  return withLocalRuntime(localSession(flags), async (runtime) =>
    report(await append(runtime.deps, flags as never)),
  );
}

/** The local runtime a command that writes the table opens: its data directory and catalogue. */
export function localSession(flags: z.infer<typeof LocalFlagsSchema>) {
  return {
    dataDir: flags['data-dir'],
    catalogue: flags.catalogue,
    ...(flags['dynamo-endpoint'] ? { dynamoEndpoint: flags['dynamo-endpoint'] } : {}),
  };
}

export { IsoDateSchema, LocalFlagsSchema };
