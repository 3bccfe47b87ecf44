import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The project root, where `bin/gongkai.mjs` is run from. */
export const projectRoot = new URL('../..', import.meta.url).pathname;

/** Runs `gongkai` as a user would, returning its exit code and output (never throwing on exit ≠ 0). */
export async function gongkai(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', ['bin/gongkai.mjs', ...args], { cwd: projectRoot });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
