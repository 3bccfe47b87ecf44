/**
 * `gongkai waive`, `evidence add`, `event add` as a person runs them: locally (DynamoDB Local under a
 * data directory) and against a deployed table (here DynamoDB Local standing in for AWS, reached
 * through the SDK's standard endpoint variable).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../src/local/dynamo-local';
import { createDynamoStores } from '../../src/store/dynamo/create-stores';
import { ensureTable } from '../../src/store/dynamo/ensure-table';

const exec = promisify(execFile);

async function gongkai(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await exec('node', ['bin/gongkai.mjs', ...args], {
      env: { ...process.env, ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('ledger commands', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'gongkai-ledger-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('records a waiver once, and says so when it is entered again', async () => {
    const args = [
      'waive',
      '--obligation',
      'jm2016-010',
      '--period',
      '2016-Q1',
      '--reason',
      '网站改版',
      '--until',
      '2016-06-30',
      '--by',
      '市政务公开办',
      '--data-dir',
      dataDir,
    ];
    const first = await gongkai(args);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^recorded waiver-/);
    const again = await gongkai(args);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^already recorded: waiver-.*nothing changed/);
  });

  it('refuses an obligation the catalogue does not have, naming it', async () => {
    const result = await gongkai([
      'event',
      'add',
      '--obligation',
      'jm2016-999',
      '--date',
      '2016-08-26',
      '--note',
      'x',
      '--data-dir',
      dataDir,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no obligation "jm2016-999"');
  });

  it('refuses manual evidence for a period the obligation does not have, listing its periods', async () => {
    const result = await gongkai([
      'evidence',
      'add',
      '--obligation',
      'jm2016-010',
      '--period',
      '2016-Q5',
      '--url',
      'https://www.jiangmen.gov.cn/x.htm',
      '--published',
      '2016-04-10',
      '--note',
      '公告栏',
      '--data-dir',
      dataDir,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/"2016-Q5" is not a period of jm2016-010 \(periods: 2016-Q1, 2016-Q2/);
  });

  it('writes to a deployed table with --target aws', async () => {
    const endpoint = inject('dynamoEndpoint');
    const tableName = `gongkai-ledger-${Date.now()}`;
    const stores = createDynamoStores({
      endpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
      tableName,
    });
    await ensureTable(stores.client, tableName);
    const env = {
      AWS_ENDPOINT_URL_DYNAMODB: endpoint,
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    };
    const result = await gongkai(
      [
        'event',
        'add',
        '--obligation',
        'jm2016-071',
        '--date',
        '2016-08-26',
        '--note',
        '市人大常委会审议通过',
        '--by',
        'auditor',
        '--target',
        'aws',
        '--table',
        tableName,
      ],
      env,
    );
    expect(result.code, result.stderr).toBe(0);
    const events = await stores.ledger.list('event');
    expect(events).toMatchObject([{ obligationId: 'jm2016-071', date: '2016-08-26', by: 'auditor' }]);
    stores.close();
  });
});
