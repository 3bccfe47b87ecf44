/**
 * The `gongkai` command. Each subcommand lives in src/cli/<name>.ts and is loaded on demand, so
 * `gongkai extract` does not pay for the AWS SDK and `gongkai run` does not pay for ingest.
 */
import type { Command } from './cli/command';
import { UsageError } from './cli/flags';
import { ValidationError } from './core/validation';

const COMMANDS: Record<string, () => Promise<{ command: Command }>> = {
  demo: () => import('./cli/demo'),
  ingest: () => import('./cli/ingest'),
  catalogue: () => import('./cli/catalogue'),
  periods: () => import('./cli/periods'),
  extract: () => import('./cli/extract'),
  crawl: () => import('./cli/crawl'),
  run: () => import('./cli/run'),
  report: () => import('./cli/report'),
  verify: () => import('./cli/verify'),
  event: () => import('./cli/event'),
  evidence: () => import('./cli/evidence'),
  waive: () => import('./cli/waive'),
};

async function printHelp(): Promise<void> {
  const lines = [
    'gongkai — compliance monitor for government disclosure obligations (政务公开)',
    '',
    'Commands:',
  ];
  for (const [name, load] of Object.entries(COMMANDS)) {
    try {
      const { command } = await load();
      lines.push(`  ${name.padEnd(10)} ${command.summary}`);
    } catch {
      // A command whose module is missing is not listed.
    }
  }
  lines.push('', 'Run `gongkai <command> --help` for its flags.');
  console.log(lines.join('\n'));
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    await printHelp();
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    console.error(`gongkai: unknown command "${name}". Run \`gongkai --help\`.`);
    return 2;
  }
  const { command } = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.usage);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`gongkai ${name}: ${error.message}\n\n${command.usage}`);
      return 2;
    }
    if (error instanceof ValidationError) {
      console.error(`gongkai ${name}: ${error.message}`);
      return 2;
    }
    console.error(`gongkai ${name}: ${(error as Error).stack ?? String(error)}`);
    return 1;
  }
}
