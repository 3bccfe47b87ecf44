import { z } from 'zod';
import { IsoDateSchema } from '../core/dates';
import { ValidationError } from '../core/validation';
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

const STATE_MACHINE_ARN = /^arn:aws[\w-]*:states:([a-z]{2}(?:-[a-z]+)+-\d+):\d{12}:stateMachine:[\w-]{1,80}$/;

/** The region a state machine lives in, from its ARN; a malformed ARN is a usage error. */
export function regionOfArn(arn: string): string {
  const match = STATE_MACHINE_ARN.exec(arn);
  if (!match) {
    throw new ValidationError('--state-machine-arn', [
      `expected arn:aws:states:<region>:<account>:stateMachine:<name>, got ${arn}: copy StateMachineArn from the stack outputs (the region is read from it)`,
    ]);
  }
  return match[1]!;
}

export const command: Command = {
  usage: `gongkai run --catalogue FILE --sources FILE [--as-of YYYY-MM-DD] [--calendar FILE] [--data-dir .gongkai] [--json]
gongkai run --target aws --state-machine-arn ARN [--as-of YYYY-MM-DD] [--region R]

Locally: starts DynamoDB Local under --data-dir and executes the sweep state machine (the same ASL
deployed to AWS) with aws-local-stepfunctions; the report goes to <data-dir>/report/.
--calendar adds a calendar file (holidays and 调休 working days, see seeds/calendars/) to the built-in
data, overriding the catalogue's policy.calendar; years after the built-in data need one.
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
        throw new ValidationError('--target aws', [
          'needs --state-machine-arn ARN (or GONGKAI_STATE_MACHINE_ARN): copy StateMachineArn from the stack outputs',
        ]);
      // The state machine lives in the region its ARN names; --region only overrides it.
      const arnRegion = regionOfArn(arn);
      const region = flags.region ?? arnRegion;
      const { runOnAws } = await import('../aws/run-on-aws');
      let status: string;
      try {
        status = await runOnAws({ stateMachineArn: arn, asOf, runId, region });
      } catch (error) {
        const err = error as Error;
        console.error(
          `gongkai run: could not run ${arn} in ${region}: ${err.name}: ${err.message.split('\n')[0]} (check the AWS credentials, the region and the state machine ARN)`,
        );
        return 1;
      }
      return status === 'SUCCEEDED' ? 0 : 1;
    }
    if (!flags.sources) throw new UsageError('--sources FILE is required for a local run');
    return withLocalRuntime(
      {
        dataDir: flags['data-dir'],
        catalogue: flags.catalogue,
        sources: flags.sources,
        ...(flags.calendar ? { calendar: flags.calendar } : {}),
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
