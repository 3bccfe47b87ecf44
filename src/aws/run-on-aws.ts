/**
 * `gongkai run --target aws`: starts an execution of the deployed sweep and follows it, printing
 * each state as it is entered, until the execution ends.
 */
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';

export interface RunOnAwsOptions {
  stateMachineArn: string;
  asOf: string;
  runId: string;
  region?: string;
  pollMs?: number;
  write?: (line: string) => void;
}

/** Starts the sweep and waits for it; returns the final execution status. */
export async function runOnAws(options: RunOnAwsOptions): Promise<string> {
  const client = new SFNClient(options.region ? { region: options.region } : {});
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const started = await client.send(
    new StartExecutionCommand({
      stateMachineArn: options.stateMachineArn,
      // Execution names must be unique per state machine for 90 days: the run id is.
      name: options.runId.replace(/[^\w-]/g, '-').slice(0, 80),
      input: JSON.stringify({ asOf: options.asOf, runId: options.runId }),
    }),
  );
  const executionArn = started.executionArn!;
  write(`started ${executionArn}`);
  let seen = 0;
  for (;;) {
    const history = await client.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
    const events = history.events ?? [];
    for (const event of events.slice(seen)) {
      const line = describe(event);
      if (line) write(line);
    }
    seen = events.length;
    const { status } = await client.send(new DescribeExecutionCommand({ executionArn }));
    if (status && status !== 'RUNNING') {
      write(`execution ${status}`);
      return status;
    }
    await new Promise((r) => setTimeout(r, options.pollMs ?? 2000));
  }
}

function describe(event: HistoryEvent): string | undefined {
  if (event.stateEnteredEventDetails) return `  → ${event.stateEnteredEventDetails.name}`;
  if (event.taskFailedEventDetails)
    return `  ✗ ${event.taskFailedEventDetails.error}: ${event.taskFailedEventDetails.cause ?? ''}`;
  if (event.mapIterationSucceededEventDetails)
    return `  ✓ source ${event.mapIterationSucceededEventDetails.index}`;
  return undefined;
}
