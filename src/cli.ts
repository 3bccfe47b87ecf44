/**
 * The `gongkai` command. Each subcommand lives in src/cli/<name>.ts and is loaded on demand (the
 * table in src/cli/commands.ts), so `gongkai --help` loads no command, `gongkai extract` does not
 * pay for the AWS SDK and `gongkai run` does not pay for ingest.
 */
import type { Command } from './cli/command';
import { COMMANDS, type CommandEntry } from './cli/commands';
import { UsageError } from './cli/flags';
import { ValidationError } from './core/validation';

function help(commands: Record<string, CommandEntry>): string {
  const lines = [
    'gongkai — compliance monitor for government disclosure obligations (政务公开)',
    '',
    'Commands:',
  ];
  for (const [name, entry] of Object.entries(commands)) lines.push(`  ${name.padEnd(10)} ${entry.summary}`);
  lines.push('', 'Run `gongkai <command> --help` for its flags.');
  return lines.join('\n');
}

/** Runs one command line; `commands` is the table of src/cli/commands.ts. */
export async function main(
  argv: string[],
  commands: Record<string, CommandEntry> = COMMANDS,
): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(help(commands));
    return name ? 0 : 2;
  }
  const entry = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!entry) {
    console.error(`gongkai: unknown command "${name}". Run \`gongkai --help\`.`);
    return 2;
  }
  let command: Command | undefined;
  try {
    ({ command } = await entry.load());
    if (rest.includes('--help') || rest.includes('-h')) {
      console.log(command.usage);
      return 0;
    }
    return await command.run(rest);
  } catch (error) {
    if (command && error instanceof UsageError) {
      console.error(`gongkai ${name}: ${error.message}\n\n${command.usage}`);
      return 2;
    }
    if (error instanceof ValidationError) {
      console.error(`gongkai ${name}: ${error.message}`);
      return 2;
    }
    // A command that fails to load (a missing module, a syntax error) is reported like any failure.
    console.error(`gongkai ${name}: ${(error as Error).stack ?? String(error)}`);
    return 1;
  }
}
