/**
 * `gongkai migrate flags`: upgrades a table written before flags were sharded
 * (src/store/dynamo/migrate-flags.ts), on the local data directory or the deployed table.
 */
import { z } from 'zod';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/dynamo-local';
import { TABLE_NAME } from '../local/local-runtime';
import { createDynamoStores, type DynamoStores } from '../store/dynamo/create-stores';
import type { FlagMigrationReport } from '../store/dynamo/migrate-flags';
import type { Command } from './command';
import { parseFlags, UsageError } from './flags';
import { localSession, TARGET_FLAGS, TargetSchema } from './ledger-commands';
import { LOCAL_FLAGS, LocalFlagsSchema, withLocalRuntime } from './local-session';

const Schema = LocalFlagsSchema.extend(TargetSchema.shape).extend({
  'dry-run': z.boolean().default(false),
  _: z.tuple([z.literal('flags', { message: 'name the migration: flags (the one there is)' })]),
});

const USAGE =
  'gongkai migrate flags [--dry-run] [--data-dir .gongkai [--dynamo-endpoint URL] | --target aws --table NAME [--region R]]';

export const command: Command = {
  usage: USAGE,
  async run(argv) {
    const flags = parseFlags(
      argv,
      { ...LOCAL_FLAGS, ...TARGET_FLAGS, 'dry-run': { type: 'boolean' } },
      Schema,
    );
    const migrate = async (stores: DynamoStores) => {
      const report = await stores.flags.migrateOldLayout({ dryRun: flags['dry-run'] });
      console.log(describe(report, flags['dry-run']));
      return report.conflicts.length + report.invalid.length > 0 ? 1 : 0;
    };
    if (flags.target === 'aws') {
      const tableName = flags.table ?? process.env.GONGKAI_TABLE_NAME;
      if (!tableName) throw new UsageError('--target aws needs --table (the TableName stack output)');
      const stores = createDynamoStores({ tableName, ...(flags.region ? { region: flags.region } : {}) });
      try {
        return await migrate(stores);
      } finally {
        stores.close();
      }
    }
    return withLocalRuntime(localSession(flags), async (runtime) => {
      const stores = createDynamoStores({
        endpoint: runtime.endpoint,
        region: LOCAL_REGION,
        credentials: LOCAL_CREDENTIALS,
        tableName: TABLE_NAME,
      });
      try {
        return await migrate(stores);
      } finally {
        stores.close();
      }
    });
  },
};

/** What the run did (or, dry, would do), and what the operator must look at. */
export function describe(report: FlagMigrationReport, dryRun: boolean): string {
  const would = dryRun ? 'would be ' : '';
  const lines = [
    `${report.found} flag${report.found === 1 ? '' : 's'} in the old FLAG partition${dryRun ? ' (dry run: nothing written)' : ''}`,
    `  ${report.copied} ${would}copied to FLAG#<shard>, ${report.alreadyCopied} already there`,
    `  ${report.deleted} old item${report.deleted === 1 ? '' : 's'} ${would}deleted after the copy was confirmed`,
  ];
  for (const c of report.conflicts)
    lines.push(
      `  CONFLICT ${c.obligationId} ${c.periodKey}: FLAG#<shard> holds a different flag; old item FLAG/${c.sk} kept`,
    );
  for (const i of report.invalid) lines.push(`  INVALID FLAG/${i.sk}: ${i.problem}; kept`);
  return lines.join('\n');
}
