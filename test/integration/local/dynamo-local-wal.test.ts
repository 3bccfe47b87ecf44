/**
 * DynamoDB Local on disk: a new data directory gets its SQLite database in write-ahead-log mode
 * (one sync per commit instead of several), and what was written is there after a restart.
 */
import { mkdtemp, open, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import {
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  SHARED_DB_FILE,
  startDynamoLocal,
} from '../../../src/local/dynamo-local';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gongkai-dynamo-wal-'));
  dirs.push(dir);
  return dir;
}

/** Bytes 18 and 19 of a SQLite file: 2 and 2 in WAL mode, 1 and 1 with a rollback journal. */
async function fileFormat(dir: string): Promise<number[]> {
  const file = await open(join(dir, SHARED_DB_FILE), 'r');
  try {
    const { buffer } = await file.read(Buffer.alloc(20), 0, 20, 0);
    return [buffer[18]!, buffer[19]!];
  } finally {
    await file.close();
  }
}

/** Starts DynamoDB Local on `dir`, runs `work` with a client, stops it. */
async function withDynamo<T>(dir: string, work: (client: DynamoDBClient) => Promise<T>): Promise<T> {
  const dynamo = await startDynamoLocal({ dataDir: dir });
  const client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  try {
    return await work(client);
  } finally {
    client.destroy();
    await dynamo.stop();
  }
}

const TABLE = 'wal-test';
const KEY = { pk: { S: 'a' } };

async function createAndPut(client: DynamoDBClient): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: TABLE,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    }),
  );
  await client.send(new PutItemCommand({ TableName: TABLE, Item: { ...KEY, value: { S: '公开' } } }));
}

const readBack = async (client: DynamoDBClient) =>
  (await client.send(new GetItemCommand({ TableName: TABLE, Key: KEY, ConsistentRead: true }))).Item?.value
    ?.S;

describe('DynamoDB Local on disk', () => {
  it('starts a new database in WAL mode and keeps its writes across a restart', async () => {
    const dir = await freshDir();
    await withDynamo(dir, createAndPut);
    expect(await fileFormat(dir)).toEqual([2, 2]);
    expect(await withDynamo(dir, readBack)).toBe('公开');
  }, 60_000);

  it('leaves an existing database, and its journal mode, as they are', async () => {
    const dir = await freshDir();
    // An empty file is a database SQLite opens in its default (rollback journal) mode.
    await writeFile(join(dir, SHARED_DB_FILE), '');
    await withDynamo(dir, createAndPut);
    expect(await fileFormat(dir)).toEqual([1, 1]);
    expect(await readdir(dir)).not.toContain(`${SHARED_DB_FILE}-wal`);
  }, 60_000);
});
