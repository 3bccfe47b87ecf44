import { z } from 'zod';
import { IsoDateSchema } from '../core/dates';
import { VERDICT_KINDS } from '../core/verdict';
import { runSweepLocally } from '../local/sweep-runner';
import type { Command } from './command';
import { parseFlags, UsageError } from './flags';
import { LOCAL_FLAGS, LocalFlagsSchema, today, withLocalRuntime } from './local-session';

const FlagsSchema = LocalFlagsSchema.extend({
  'as-of': IsoDateSchema.optional(),
  'run-id': z
    .string()
    .regex(/^[\w.:-]+$/)
    .optional(),
  target: z.enum(['local', 'aws']).default('local'),
  'state-machine-arn': z.string().optional(),
  region: z.string().optional(),
  json: z.boolean().default(false),
  _: z.array(z.string()).max(0, 'run takes no positional arguments'),
});

export const command: Command = {
  usage: `gongkai run --catalogue FILE --sources FILE [--as-of YYYY-MM-DD] [--data-dir .gongkai] [--json]
gongkai run --target aws --state-machine-arn ARN [--as-of YYYY-MM-DD] [--region R]

Locally: starts DynamoDB Local under --data-dir and executes the sweep state machine (the same ASL
deployed to AWS) with aws-local-stepfunctions; the report goes to <data-dir>/report/.
On AWS: starts an execution of the deployed state machine and follows it until it ends.`,
  async run(argv) {
    const flags = parseFlags(
      argv,
      {
        ...LOCAL_FLAGS,
        'as-of': { type: 'string' },
        'run-id': { type: 'string' },
        target: { type: 'string' },
        'state-machine-arn': { type: 'string' },
        region: { type: 'string' },
        json: { type: 'boolean' },
      },
      FlagsSchema,
    );
    const asOf = flags['as-of'] ?? today();
    const runId = flags['run-id'] ?? `run-${asOf}-${Date.now().toString(36)}`;
    if (flags.target === 'aws') {
      const arn = flags['state-machine-arn'] ?? process.env.GONGKAI_STATE_MACHINE_ARN;
      if (!arn)
        throw new UsageError(
          '--target aws needs --state-machine-arn (or GONGKAI_STATE_MACHINE_ARN), from the stack outputs',
        );
      const { runOnAws } = await import('../aws/run-on-aws');
      const status = await runOnAws({
        stateMachineArn: arn,
        asOf,
        runId,
        ...(flags.region ? { region: flags.region } : {}),
      });
      return status === 'SUCCEEDED' ? 0 : 1;
    }
    if (!flags.sources) throw new UsageError('--sources FILE is required for a local run');
    return withLocalRuntime(
      {
        dataDir: flags['data-dir'],
        catalogue: flags.catalogue,
        sources: flags.sources,
        ...(flags['dynamo-endpoint'] ? { dynamoEndpoint: flags['dynamo-endpoint'] } : {}),
        log: (message, detail) => {
          if (!flags.json) process.stderr.write(`${message} ${detail ? JSON.stringify(detail) : ''}\n`);
        },
      },
      async (runtime) => {
        const { output } = await runSweepLocally({ asOf, runId }, runtime.deps);
        if (flags.json) {
          console.log(JSON.stringify(output, null, 2));
        } else {
          const counts = (output.evaluation as { counts: Record<string, number> }).counts;
          console.log(`Sweep ${runId} as of ${asOf}:`);
          for (const k of VERDICT_KINDS) if (counts[k]) console.log(`  ${k.padEnd(18)} ${counts[k]}`);
          console.log(`Report: ${runtime.reportDir}/report.html`);
        }
        return 0;
      },
    );
  },
};
