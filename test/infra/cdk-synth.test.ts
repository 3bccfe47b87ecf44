import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { PDF_READER_FILE, PROJECT_ROOT } from '../../infra/lambda-bundling';
import { FIXTURE_CONTEXT } from './synth-stack';

const run = promisify(execFile);
const outdir = mkdtempSync(join(tmpdir(), 'gongkai-cdk-out-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** The environment minus every AWS credential and profile: synthesis must not need an account. */
function offlineEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('AWS_')) env[key] = value;
  return {
    ...env,
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    CDK_DISABLE_VERSION_CHECK: '1',
  };
}

describe('cdk synth (the real CLI, cdk.json app, NodejsFunction bundling)', () => {
  it('synthesizes offline without AWS credentials and bundles every task function', async () => {
    const context = Object.entries(FIXTURE_CONTEXT).flatMap(([key, value]) => ['-c', `${key}=${value}`]);
    const cli = resolve(PROJECT_ROOT, 'node_modules/aws-cdk/bin/cdk');
    await run(process.execPath, [cli, 'synth', '--quiet', '--no-notices', '-o', outdir, ...context], {
      cwd: PROJECT_ROOT,
      env: offlineEnv(),
      timeout: 240_000,
    });
    const template = JSON.parse(readFileSync(join(outdir, 'Gongkai.template.json'), 'utf8'));
    const functions = Object.values(
      template.Resources as Record<string, { Type: string; Properties: ReturnType<typeof JSON.parse> }>,
    ).filter((r) => r.Type === 'AWS::Lambda::Function' && r.Properties.Runtime?.startsWith('nodejs'));
    expect(functions).toHaveLength(8);
    for (const fn of functions) {
      const asset = join(outdir, `asset.${fn.Properties.Code.S3Key.replace(/\.zip$/, '')}`);
      expect(existsSync(join(asset, 'index.mjs')), asset).toBe(true);
      expect(readdirSync(asset)).toContain('index.mjs.map');
      // Only the crawler scans PDF attachments: its asset alone carries the PDF reader module.
      const crawler = String(fn.Properties.Description).includes('CrawlSource');
      expect(readdirSync(asset).includes(PDF_READER_FILE), fn.Properties.Description).toBe(crawler);
      // …and its bundle was told, through esbuild's define, to import it from beside itself.
      if (crawler) expect(readFileSync(join(asset, 'index.mjs'), 'utf8')).toContain(`./${PDF_READER_FILE}`);
    }
    expect(functions.filter((fn) => String(fn.Properties.Description).includes('CrawlSource'))).toHaveLength(
      1,
    );
  }, 240_000);
});
