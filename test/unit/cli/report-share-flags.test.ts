import { describe, expect, it } from 'vitest';
import { command } from '../../../src/cli/report';

describe('gongkai report --share', () => {
  it('is refused without --target aws, naming the flag, before anything is read', async () => {
    await expect(command.run(['--share'])).rejects.toThrow(/share.*needs --target aws/s);
  });

  it('does not go with --province', async () => {
    await expect(command.run(['--province', '/nonexistent', '--share'])).rejects.toThrow(/share/);
  });
});
