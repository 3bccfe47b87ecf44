/** Turning port records into table items and back, with validation on both sides. */
import type { z } from 'zod';
import { formatIssues, ValidationError } from '../../core/validation';
import type { Item } from './gateway';
import type { ItemKey } from './keys';

/** Values of the `itemType` attribute: says what an item is in the console and in exports. */
export type ItemType =
  | 'document'
  | 'page-state'
  | 'health-check'
  | 'crawl-run'
  | 'evidence'
  | 'verdict'
  | 'summary'
  | 'flag'
  | 'ledger-entry'
  | 'ledger-id'
  | 'source'
  | 'crawl-shard'
  | 'crawl-cursor'
  | 'summary-units'
  | 'judgement-head'
  | 'judged-sources'
  | 'obligation-judgement';

/** A record as a table item: key, item type and the record's own fields (undefined ones dropped). */
export function toItem(key: ItemKey, itemType: ItemType, record: object, extra: Item = {}): Item {
  return { ...stripUndefined(record as Item), ...extra, ...key, itemType };
}

/**
 * Reads a record back from an item, dropping key and bookkeeping attributes. An item that no
 * longer fits the schema is reported with its key and the path of what is wrong.
 */
export function fromItem<S extends z.ZodType>(schema: S, item: Item): z.infer<S> {
  const result = schema.safeParse(item);
  if (!result.success) {
    throw new ValidationError(
      `table item ${String(item.pk)} / ${String(item.sk)}`,
      formatIssues(result.error),
    );
  }
  return result.data;
}

export function stripUndefined<T extends Item>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}

/** JSON with object keys sorted, so two records compare equal whatever order their keys came in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .filter((k) => v[k] !== undefined)
            .map((k) => [k, v[k]]),
        )
      : v,
  );
}

export function sameRecord(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** Runs `task` over `items` with at most `limit` in flight. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * An item's size as DynamoDB counts it, closely enough to check the 400 KB limit: attribute names
 * plus values, strings in UTF-8, binary values by their bytes (JSON would spell each byte out).
 */
export function itemBytes(value: unknown): number {
  if (value === null || value === undefined || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return Buffer.byteLength(value, 'utf8');
  if (typeof value === 'number' || typeof value === 'bigint') return String(value).length;
  if (value instanceof Uint8Array) return value.byteLength;
  if (Array.isArray(value)) return 3 + value.reduce((n: number, v) => n + 1 + itemBytes(v), 0);
  if (value instanceof Set) return [...value].reduce((n: number, v) => n + itemBytes(v), 0);
  return Object.entries(value as Record<string, unknown>).reduce(
    (n, [name, v]) => n + Buffer.byteLength(name, 'utf8') + itemBytes(v) + 1,
    3,
  );
}
