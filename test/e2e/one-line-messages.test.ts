/**
 * Operator mistakes that once ended in a stack trace (issue 19, item 14): each must print exactly
 * one line on stderr that says what is wrong and what to do, and exit 2 (bad input) or 1 (AWS
 * refused), as `gongkai` runs for a person.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../support/gongkai-cli';

interface Run {
  code: number;
  stderr: string;
}

/** `gongkai` with no AWS region or credentials in its environment and the metadata endpoint off. */
function gongkai(args: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, AWS_EC2_METADATA_DISABLED: 'true' };
  for (const name of [
    'AWS_REGION',
    'AWS_DEFAULT_REGION',
    'AWS_PROFILE',
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
  ])
    delete env[name];
  return new Promise((resolve) => {
    execFile(
      'node',
      ['bin/gongkai.mjs', ...args],
      { cwd: projectRoot, env, timeout: 60_000 },
      (error, _out, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stderr });
      },
    );
  });
}

const CATALOGUE = 'test/fixtures/catalogues/valid.json';
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'gongkai-one-line-'));
  await writeFile(join(scratch, 'a-file'), 'not a folder\n');
  await writeFile(
    join(scratch, 'binary.json'),
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]),
  );
  const source = (homepage: string) =>
    JSON.stringify({
      sources: [{ id: 'finance', units: ['市财政局'], name: '财政局', homepage, allowPrivateNetwork: true }],
    });
  await writeFile(join(scratch, 'zone.json'), source('http://[fe80::1%25eth0]/'));
  await writeFile(join(scratch, 'ok.json'), source('http://127.0.0.1:9/'));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

const CASES: { what: string; args: () => string[]; code: number; says: RegExp }[] = [
  {
    what: 'catalogue check /dev/zero',
    args: () => ['catalogue', 'check', '/dev/zero'],
    code: 2,
    says: /^catalogue \/dev\/zero: cannot be read: not a regular file .*: give a file$/,
  },
  {
    what: 'catalogue check of a binary file (the JSON error once quoted its bytes and line breaks)',
    args: () => ['catalogue', 'check', join(scratch, 'binary.json')],
    code: 2,
    says: /^catalogue .*binary\.json: invalid JSON: Unexpected token '\\ufffd': the file is not JSON$/,
  },
  {
    what: 'a sources file whose homepage carries an IPv6 zone id',
    args: () => [
      'run',
      '--catalogue',
      CATALOGUE,
      '--sources',
      join(scratch, 'zone.json'),
      '--data-dir',
      join(scratch, 'd1'),
    ],
    code: 2,
    says: /^gongkai run: sources file .*zone\.json: sources\[0\]\.homepage: .*IPv6 zone id .*give the site's public address$/,
  },
  {
    what: 'catalogue check --sources with an IPv6 zone id',
    args: () => ['catalogue', 'check', CATALOGUE, '--sources', join(scratch, 'zone.json')],
    code: 2,
    says: /sources\[0\]\.homepage: .*IPv6 zone id/,
  },
  {
    what: 'extract of a URL with an IPv6 zone id',
    args: () => ['extract', 'http://[fe80::1%eth0]/list.htm'],
    code: 2,
    says: /^gongkai extract: .*: is not a valid URL: an IPv6 zone id .*public address$/,
  },
  {
    what: '--data-dir that is a file',
    args: () => [
      'run',
      '--catalogue',
      CATALOGUE,
      '--sources',
      join(scratch, 'ok.json'),
      '--data-dir',
      join(scratch, 'a-file'),
    ],
    code: 2,
    says: /^gongkai run: --data-dir .*a-file: is a file, not a folder: give a folder/,
  },
  {
    what: '--data-dir below a file',
    args: () => [
      'run',
      '--catalogue',
      CATALOGUE,
      '--sources',
      join(scratch, 'ok.json'),
      '--data-dir',
      join(scratch, 'a-file', 'sub'),
    ],
    code: 2,
    says: /^gongkai run: --data-dir .*: cannot be created: a folder on its path is a file: give a folder you can write to$/,
  },
  {
    what: 'run --target aws with no region and no state machine ARN',
    args: () => ['run', '--target', 'aws'],
    code: 2,
    says: /^gongkai run: --target aws: needs --state-machine-arn .*stack outputs$/,
  },
  {
    what: 'run --target aws with no region and an ARN that names none',
    args: () => ['run', '--target', 'aws', '--state-machine-arn', 'gongkai-sweep'],
    code: 2,
    says: /^gongkai run: --state-machine-arn: expected arn:aws:states:<region>.*stack outputs \(the region is read from it\)$/,
  },
  {
    what: 'run --target aws with no region configured: the ARN supplies it, and AWS refusing is one line',
    args: () => [
      'run',
      '--target',
      'aws',
      '--state-machine-arn',
      'arn:aws:states:ap-southeast-1:123456789012:stateMachine:gongkai',
    ],
    code: 1,
    says: /^gongkai run: could not run .* in ap-southeast-1: .*\(check the AWS credentials, the region and the state machine ARN\)$/,
  },
];

describe.concurrent('an operator mistake is one line on stderr, never a stack trace', () => {
  for (const c of CASES) {
    it(c.what, async () => {
      const run = await gongkai(c.args());
      const lines = run.stderr.trimEnd().split('\n');
      expect(lines, run.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(c.says);
      expect(run.code).toBe(c.code);
    }, 70_000);
  }
});
