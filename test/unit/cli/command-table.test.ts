import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli';
import { COMMANDS, type CommandEntry } from '../../../src/cli/commands';

afterEach(() => vi.restoreAllMocks());

function captured() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: unknown) => void out.push(String(line)));
  vi.spyOn(console, 'error').mockImplementation((line: unknown) => void err.push(String(line)));
  return { out, err };
}

describe('the command table', () => {
  it('names a module for every command that exports a runnable command with its usage', async () => {
    for (const [name, entry] of Object.entries(COMMANDS)) {
      const { command } = await entry.load();
      expect(command.usage, name).toContain(`gongkai ${name}`);
      expect(typeof command.run, name).toBe('function');
    }
  }, 60_000);

  it('lists every command with its summary in --help without loading any', async () => {
    const load = vi.fn(async () => ({ command: { usage: 'gongkai x', run: async () => 0 } }));
    const table: Record<string, CommandEntry> = {
      alpha: { summary: 'first thing', load },
      beta: { summary: 'second thing', load },
    };
    const { out } = captured();
    expect(await main(['--help'], table)).toBe(0);
    expect(out.join('\n')).toMatch(/alpha +first thing\n +beta +second thing/);
    expect(load).not.toHaveBeenCalled();
  });

  it('reports a command whose module fails to load, with exit code 1', async () => {
    const table: Record<string, CommandEntry> = {
      broken: {
        summary: 'cannot load',
        load: () => Promise.reject(new SyntaxError("Unexpected token 'export'")),
      },
    };
    const { err } = captured();
    expect(await main(['broken'], table)).toBe(1);
    expect(err.join('\n')).toContain("gongkai broken: SyntaxError: Unexpected token 'export'");
    expect(await main(['broken', '--help'], table)).toBe(1);
  });

  it('answers an unknown command with exit code 2, and no command with the help and 2', async () => {
    const { out, err } = captured();
    expect(await main(['nope'])).toBe(2);
    expect(err.join('\n')).toContain('unknown command "nope"');
    expect(await main([])).toBe(2);
    expect(out.join('\n')).toContain('Commands:');
  });
});
