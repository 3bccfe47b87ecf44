import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('DynamoDB Local launcher', () => {
  it('stops DynamoDB Local when the process that started it is killed with SIGKILL', async () => {
    const child = spawn('node', ['--import', 'tsx', 'test/fixtures/local/start-dynamo.ts'], {
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /READY (\d+)/.exec(out);
        if (match) resolve(Number(match[1]));
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
    });
    expect(await accepts(port)).toBe(true);
    child.kill('SIGKILL');
    let open = true;
    for (let i = 0; i < 100 && open; i++) {
      await new Promise((r) => setTimeout(r, 100));
      open = await accepts(port);
    }
    expect(open).toBe(false);
  }, 60_000);
});
