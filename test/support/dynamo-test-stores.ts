/**
 * Stores over the DynamoDB Local the global setup started, on a table of the test file's own (one
 * DynamoDB Local serves every file, so each file keeps to a fresh table).
 */
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../src/local/dynamo-local';
import { createDynamoStores, type DynamoStores } from '../../src/store/dynamo/create-stores';
import { ensureTable } from '../../src/store/dynamo/ensure-table';

export async function openTestStores(prefix = 'gongkai-test'): Promise<DynamoStores> {
  const stores = createDynamoStores({
    endpoint: inject('dynamoEndpoint'),
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    tableName: `${prefix}-${randomUUID().slice(0, 8)}`,
  });
  await ensureTable(stores.client, stores.tableName);
  return stores;
}
