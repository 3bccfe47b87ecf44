/**
 * The one DynamoDB table, described once: `ensureTable` creates it on DynamoDB Local from this
 * module and the CDK stack declares it from the same constants, so the two cannot drift.
 * docs/table-design.md explains every item type and access pattern.
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

export const DEFAULT_TABLE_NAME = 'gongkai';

/**
 * How long health checks are kept on AWS (the stack's default for `gongkai:healthRetentionDays`).
 * A sweep judges the plan year's periods until the following year's sweeps stop naming them: a
 * period's window reaches back to 1 January of the plan year (the website rules of January need
 * January's checks, and a missing period's reason counts the successful checks in its window),
 * and periods fall due up to the end of the following year (annual reports, second-half items with
 * late deadlines). Two years keep every check such a judgement reads; a month on top covers a
 * sweep delayed or re-run after year end. Shorter retention would turn old `missing` verdicts into
 * `insufficient-data` as their checks expire.
 */
export const HEALTH_RETENTION_DAYS = 760;

/** The least retention the judgement allows: a plan year of checks plus a quarter's margin. */
export const MIN_HEALTH_RETENTION_DAYS = 460;

/** Attribute types as DynamoDB spells them; CDK maps `S` to `AttributeType.STRING`. */
export type KeyAttributeType = 'S' | 'N' | 'B';

export interface KeyAttribute {
  name: string;
  type: KeyAttributeType;
}

export interface GlobalSecondaryIndexDesign {
  indexName: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  projection: 'ALL' | 'KEYS_ONLY';
}

export interface TableDesign {
  partitionKey: KeyAttribute;
  sortKey: KeyAttribute;
  billingMode: 'PAY_PER_REQUEST';
  /**
   * Epoch seconds after which DynamoDB may delete an item. Only health checks carry it, and only
   * when a retention is configured (simulated runs on past dates would otherwise expire at once).
   */
  timeToLiveAttribute: string;
  /**
   * None: every list a sweep reads right after writing it lives in a base-table partition read
   * with ConsistentRead, which a GSI (eventually consistent) could not give.
   */
  globalSecondaryIndexes: readonly GlobalSecondaryIndexDesign[];
}

export const TABLE_DESIGN: TableDesign = {
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  billingMode: 'PAY_PER_REQUEST',
  timeToLiveAttribute: 'expiresAt',
  globalSecondaryIndexes: [],
};

/** CreateTable input for `tableName`, derived from TABLE_DESIGN. */
export function createTableInput(
  tableName: string,
  design: TableDesign = TABLE_DESIGN,
): CreateTableCommandInput {
  const keyAttributes = [design.partitionKey, design.sortKey];
  for (const index of design.globalSecondaryIndexes) {
    keyAttributes.push(index.partitionKey);
    if (index.sortKey) keyAttributes.push(index.sortKey);
  }
  const attributeTypes = new Map(keyAttributes.map((attribute) => [attribute.name, attribute.type]));
  return {
    TableName: tableName,
    BillingMode: design.billingMode,
    KeySchema: [
      { AttributeName: design.partitionKey.name, KeyType: 'HASH' },
      { AttributeName: design.sortKey.name, KeyType: 'RANGE' },
    ],
    AttributeDefinitions: [...attributeTypes].map(([AttributeName, AttributeType]) => ({
      AttributeName,
      AttributeType,
    })),
    ...(design.globalSecondaryIndexes.length > 0
      ? {
          GlobalSecondaryIndexes: design.globalSecondaryIndexes.map((index) => ({
            IndexName: index.indexName,
            KeySchema: [
              { AttributeName: index.partitionKey.name, KeyType: 'HASH' as const },
              ...(index.sortKey ? [{ AttributeName: index.sortKey.name, KeyType: 'RANGE' as const }] : []),
            ],
            Projection: { ProjectionType: index.projection },
          })),
        }
      : {}),
  };
}
