/**
 * Creates the table on DynamoDB Local when it is missing. On AWS the CDK stack owns the table; this
 * is never called there.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { createTableInput, TABLE_DESIGN } from '../table-design';

/** Creates `tableName` from TABLE_DESIGN unless it exists, and resolves once it is ACTIVE. */
export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
  maxWaitSeconds = 60,
): Promise<void> {
  if (await isActive(client, tableName)) return;
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName)));
  } catch (error) {
    // Another process created it between our look and our create: that is the outcome we wanted.
    if ((error as Error).name !== 'ResourceInUseException') throw error;
  }
  await waitUntilTableExists(
    { client, maxWaitTime: maxWaitSeconds, minDelay: 1, maxDelay: 2 },
    { TableName: tableName },
  );
  try {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: TABLE_DESIGN.timeToLiveAttribute, Enabled: true },
      }),
    );
  } catch (error) {
    // Already enabled (a concurrent ensureTable) is fine; DynamoDB Local never deletes anyway.
    if ((error as Error).name !== 'ValidationException') throw error;
  }
}

async function isActive(client: DynamoDBClient, tableName: string): Promise<boolean> {
  try {
    const out = await client.send(new DescribeTableCommand({ TableName: tableName }));
    return out.Table?.TableStatus === 'ACTIVE';
  } catch (error) {
    if ((error as Error).name === 'ResourceNotFoundException') return false;
    throw error;
  }
}
