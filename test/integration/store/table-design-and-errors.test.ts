// Pure parts of the DynamoDB adapter: the table definition, key building and error translation.
import { describe, expect, it } from 'vitest';
import { isThrottling, ThrottlingError, translateError } from '../../../src/store/dynamo/errors';
import { keys, urlKey } from '../../../src/store/dynamo/keys';
import { createTableInput, DEFAULT_TABLE_NAME, TABLE_DESIGN } from '../../../src/store/table-design';

describe('table design', () => {
  it('derives CreateTable input from the one design', () => {
    const input = createTableInput(DEFAULT_TABLE_NAME);
    expect(input.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(input.AttributeDefinitions).toEqual([
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'S' },
    ]);
    expect(input.BillingMode).toBe('PAY_PER_REQUEST');
    expect(input.GlobalSecondaryIndexes).toBeUndefined();
  });

  it('declares every GSI key attribute once when a design has indexes', () => {
    const input = createTableInput('t', {
      ...TABLE_DESIGN,
      globalSecondaryIndexes: [
        {
          indexName: 'g1',
          partitionKey: { name: 'g', type: 'S' },
          sortKey: { name: 'sk', type: 'S' },
          projection: 'ALL',
        },
      ],
    });
    expect(input.AttributeDefinitions?.map((a) => a.AttributeName)).toEqual(['pk', 'sk', 'g']);
    expect(input.GlobalSecondaryIndexes?.[0]?.KeySchema).toEqual([
      { AttributeName: 'g', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
  });
});

describe('keys', () => {
  it('keeps sort keys within 1024 bytes for any URL, distinct for distinct URLs', () => {
    const a = `http://127.0.0.1/?q=${'公开'.repeat(2000)}a`;
    const b = `http://127.0.0.1/?q=${'公开'.repeat(2000)}b`;
    expect(
      Buffer.byteLength(keys.evidence({ obligationId: 'o', periodKey: 'p', kind: 'match', url: a }).sk),
    ).toBeLessThan(1024);
    expect(urlKey(a)).not.toBe(urlKey(b));
    expect(urlKey('http://127.0.0.1/short.htm')).toBe('http://127.0.0.1/short.htm');
  });
});

describe('throttling errors', () => {
  const named = (name: string, extra: object = {}) => Object.assign(new Error(name), { name, ...extra });

  it('become a ThrottlingError that keeps the original as cause', () => {
    for (const name of [
      'ProvisionedThroughputExceededException',
      'ThrottlingException',
      'RequestLimitExceeded',
    ]) {
      const original = named(name);
      const translated = translateError(original, 'PutItem') as Error;
      expect(translated).toBeInstanceOf(ThrottlingError);
      expect(translated.name).toBe('ThrottlingError');
      expect(translated.cause).toBe(original);
    }
  });

  it('include transactions cancelled for throttling, not for a failed condition', () => {
    expect(
      isThrottling(
        named('TransactionCanceledException', { CancellationReasons: [{ Code: 'ThrottlingError' }] }),
      ),
    ).toBe(true);
    expect(
      isThrottling(
        named('TransactionCanceledException', { CancellationReasons: [{ Code: 'ConditionalCheckFailed' }] }),
      ),
    ).toBe(false);
  });

  it('leave other errors untouched', () => {
    const other = named('ValidationException');
    expect(translateError(other, 'Query')).toBe(other);
  });
});
