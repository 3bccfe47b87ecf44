/**
 * The one place that talks to DynamoDB. Every store goes through it, so pagination, batch retry,
 * throttling translation and the request/capacity counters are done once and done the same way.
 */
import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  type PutCommandInput,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { backoffDelayMs } from '../../core/backoff';
import { byText } from '../../core/compare';
import {
  isConditionalCheckFailed,
  isTransactionConditionFailure,
  ThrottlingError,
  translateError,
} from './errors';
import type { ItemKey } from './keys';
import { emptyMetrics, type Metered, type StoreMetrics } from './metrics';

export type Item = Record<string, unknown>;

/** BatchWriteItem takes at most 25 requests, BatchGetItem 100 keys. */
const BATCH_WRITE_LIMIT = 25;
const BATCH_GET_LIMIT = 100;

export interface GatewayOptions {
  /** Rounds of re-sending UnprocessedItems/UnprocessedKeys before giving up with a ThrottlingError. */
  batchRetries?: number;
  /** First back-off between those rounds; doubles each round. */
  batchBackoffMs?: number;
}

type PutOptions = Pick<
  PutCommandInput,
  'ConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'
>;
export type QueryOptions = Omit<
  QueryCommandInput,
  'TableName' | 'ExclusiveStartKey' | 'ReturnConsumedCapacity'
>;
type UpdateOptions = Omit<UpdateCommandInput, 'TableName' | 'Key' | 'ReturnConsumedCapacity'>;
type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

export class DynamoGateway implements Metered {
  private counters = emptyMetrics();
  private readonly batchRetries: number;
  private readonly batchBackoffMs: number;

  constructor(
    readonly client: DynamoDBDocumentClient,
    readonly tableName: string,
    options: GatewayOptions = {},
  ) {
    this.batchRetries = options.batchRetries ?? 8;
    this.batchBackoffMs = options.batchBackoffMs ?? 50;
  }

  metrics(): StoreMetrics {
    return structuredClone(this.counters);
  }

  resetMetrics(): void {
    this.counters = emptyMetrics();
  }

  /** Strongly consistent read of one item. */
  async get(key: ItemKey): Promise<Item | undefined> {
    const out = await this.call('GetItem', 'read', () =>
      this.client.send(
        new GetCommand({
          TableName: this.tableName,
          Key: key,
          ConsistentRead: true,
          ReturnConsumedCapacity: 'TOTAL',
        }),
      ),
    );
    return out.Item;
  }

  /** Puts an item; with a condition, returns false (and writes nothing) when DynamoDB refuses it. */
  async put(item: Item, options: PutOptions = {}): Promise<boolean> {
    try {
      await this.call('PutItem', 'write', () =>
        this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: item,
            ReturnConsumedCapacity: 'TOTAL',
            ...options,
          }),
        ),
      );
      this.counters.itemsWritten += 1;
      return true;
    } catch (error) {
      if (options.ConditionExpression && isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  /**
   * Updates an item. A refused condition returns `{ ok: false, old }` where `old` is the stored item
   * (undefined when there is none), so callers can tell "already done" from "not there".
   */
  async update(
    key: ItemKey,
    input: UpdateOptions,
  ): Promise<{ ok: true } | { ok: false; old: Item | undefined }> {
    try {
      await this.call('UpdateItem', 'write', () =>
        this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: key,
            ReturnConsumedCapacity: 'TOTAL',
            ...(input.ConditionExpression ? { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } : {}),
            ...input,
          }),
        ),
      );
      this.counters.itemsWritten += 1;
      return { ok: true };
    } catch (error) {
      if (input.ConditionExpression && isConditionalCheckFailed(error)) {
        const old = (error as { Item?: Item }).Item;
        return { ok: false, old: old && Object.keys(old).length > 0 ? old : undefined };
      }
      throw error;
    }
  }

  /** Every item of a query, following LastEvaluatedKey across 1 MB pages. Strongly consistent. */
  async queryAll(input: QueryOptions): Promise<Item[]> {
    const items: Item[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const out = await this.call('Query', 'read', () =>
        this.client.send(
          new QueryCommand({
            ConsistentRead: true,
            ...input,
            TableName: this.tableName,
            ExclusiveStartKey: startKey,
            ReturnConsumedCapacity: 'TOTAL',
          }),
        ),
      );
      items.push(...((out.Items ?? []) as Item[]));
      startKey = out.LastEvaluatedKey;
    } while (startKey);
    return items;
  }

  /** Every item of a partition, optionally limited to sort keys starting with `skPrefix`. */
  async queryPartition(pk: string, skPrefix?: string, extra: Partial<QueryOptions> = {}): Promise<Item[]> {
    return this.queryAll({
      ...extra,
      KeyConditionExpression:
        skPrefix === undefined ? '#pk = :pk' : '#pk = :pk AND begins_with(#sk, :prefix)',
      ExpressionAttributeNames: {
        '#pk': 'pk',
        ...(skPrefix === undefined ? {} : { '#sk': 'sk' }),
        ...extra.ExpressionAttributeNames,
      },
      ExpressionAttributeValues: {
        ':pk': pk,
        ...(skPrefix === undefined ? {} : { ':prefix': skPrefix }),
        ...extra.ExpressionAttributeValues,
      },
    });
  }

  /**
   * Every item of several partitions (a sharded collection), read in parallel and merged in
   * sort-key order, so a sharded listing comes back in the order one partition would give.
   */
  async queryPartitions(
    pks: readonly string[],
    skPrefix?: string,
    extra: Partial<QueryOptions> = {},
  ): Promise<Item[]> {
    const parts = await Promise.all(pks.map((pk) => this.queryPartition(pk, skPrefix, extra)));
    return parts.flat().sort(byText((item) => String(item.sk)));
  }

  /** Strongly consistent BatchGetItem of any number of keys, re-asking for UnprocessedKeys. */
  async batchGet(keyList: ItemKey[], projection?: string[]): Promise<Item[]> {
    const found: Item[] = [];
    for (let i = 0; i < keyList.length; i += BATCH_GET_LIMIT) {
      let pending: Record<string, unknown>[] = keyList.slice(i, i + BATCH_GET_LIMIT).map((k) => ({ ...k }));
      for (let round = 0; pending.length > 0; round++) {
        if (round > this.batchRetries) throw this.exhausted('BatchGetItem', pending.length);
        if (round > 0) await this.backoff(round);
        const request = {
          Keys: pending,
          ConsistentRead: true,
          ...(projection
            ? {
                ProjectionExpression: projection.map((_, n) => `#p${n}`).join(', '),
                ExpressionAttributeNames: Object.fromEntries(projection.map((name, n) => [`#p${n}`, name])),
              }
            : {}),
        };
        const out = await this.call('BatchGetItem', 'read', () =>
          this.client.send(
            new BatchGetCommand({
              RequestItems: { [this.tableName]: request },
              ReturnConsumedCapacity: 'TOTAL',
            }),
          ),
        );
        found.push(...((out.Responses?.[this.tableName] ?? []) as Item[]));
        pending = (out.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Record<string, unknown>[];
      }
    }
    return found;
  }

  /** Puts any number of items with BatchWriteItem, re-sending UnprocessedItems with back-off. */
  async batchPut(items: Item[]): Promise<void> {
    await this.batchWrite(items.map((Item) => ({ PutRequest: { Item } })));
  }

  /** Deletes any number of items with BatchWriteItem, re-sending UnprocessedItems with back-off. */
  async batchDelete(keyList: ItemKey[]): Promise<void> {
    await this.batchWrite(keyList.map((k) => ({ DeleteRequest: { Key: { ...k } } })));
  }

  private async batchWrite(
    requests: ({ PutRequest: { Item: Item } } | { DeleteRequest: { Key: Item } })[],
  ): Promise<void> {
    for (let i = 0; i < requests.length; i += BATCH_WRITE_LIMIT) {
      let pending = requests.slice(i, i + BATCH_WRITE_LIMIT);
      for (let round = 0; pending.length > 0; round++) {
        if (round > this.batchRetries) throw this.exhausted('BatchWriteItem', pending.length);
        if (round > 0) await this.backoff(round);
        const out = await this.call('BatchWriteItem', 'write', () =>
          this.client.send(
            new BatchWriteCommand({
              RequestItems: { [this.tableName]: pending },
              ReturnConsumedCapacity: 'TOTAL',
            }),
          ),
        );
        const unprocessed = (out.UnprocessedItems?.[this.tableName] ?? []) as typeof pending;
        this.counters.itemsWritten += pending.length - unprocessed.length;
        pending = unprocessed;
      }
    }
  }

  /** Puts all items or none (TransactWriteItems); returns false when a condition cancelled it. */
  async transactPut(puts: ({ item: Item } & PutOptions)[]): Promise<boolean> {
    const TransactItems: TransactItems = puts.map(({ item, ...options }) => ({
      Put: { TableName: this.tableName, Item: item, ...options },
    }));
    try {
      await this.call('TransactWriteItems', 'write', () =>
        this.client.send(new TransactWriteCommand({ TransactItems, ReturnConsumedCapacity: 'TOTAL' })),
      );
      this.counters.itemsWritten += puts.length;
      return true;
    } catch (error) {
      if (isTransactionConditionFailure(error)) return false;
      throw error;
    }
  }

  private async call<T extends { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] }>(
    operation: string,
    kind: 'read' | 'write',
    send: () => Promise<T>,
  ): Promise<T> {
    this.counters.operations[operation] = (this.counters.operations[operation] ?? 0) + 1;
    if (kind === 'read') this.counters.readRequests += 1;
    else this.counters.writeRequests += 1;
    try {
      const out = await send();
      this.recordCapacity(kind, out.ConsumedCapacity);
      return out;
    } catch (error) {
      this.recordCapacity(kind, (error as { ConsumedCapacity?: ConsumedCapacity }).ConsumedCapacity);
      if (isConditionalCheckFailed(error) || isTransactionConditionFailure(error))
        this.counters.conditionalFailures += 1;
      const translated = translateError(error, operation);
      if (translated instanceof ThrottlingError) this.counters.throttled += 1;
      throw translated;
    }
  }

  private recordCapacity(
    kind: 'read' | 'write',
    consumed: ConsumedCapacity | ConsumedCapacity[] | undefined,
  ): void {
    for (const c of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) {
      const reads = c.ReadCapacityUnits ?? 0;
      const writes = c.WriteCapacityUnits ?? 0;
      if (reads > 0 || writes > 0) {
        this.counters.readCapacityUnits += reads;
        this.counters.writeCapacityUnits += writes;
      } else if (c.CapacityUnits) {
        // Some responses give only the total: it is of the operation's own kind.
        this.counters[kind === 'write' ? 'writeCapacityUnits' : 'readCapacityUnits'] += c.CapacityUnits;
      }
    }
  }

  private exhausted(operation: string, left: number): ThrottlingError {
    this.counters.throttled += 1;
    return new ThrottlingError(
      `DynamoDB ${operation}: ${left} request(s) still unprocessed after ${this.batchRetries} retries`,
    );
  }

  private backoff(round: number): Promise<void> {
    const ms = backoffDelayMs({ baseDelayMs: this.batchBackoffMs, maxDelayMs: 2_000 }, round, Math.random());
    return new Promise((resolve) => setTimeout(resolve, ms));
  }
}
