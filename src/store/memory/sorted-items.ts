import type { ObligationFilter } from '../ports';

/**
 * A sorted collection keyed like the DynamoDB table (src/store/dynamo/keys.ts), so the in-memory
 * stores list records in the order the DynamoDB ones return them. Records are copied in and out:
 * a caller changing what it got back changes nothing stored, as with a real database.
 */
export class SortedItems<T> {
  private readonly items = new Map<string, T>();

  get(key: string): T | undefined {
    const item = this.items.get(key);
    return item === undefined ? undefined : structuredClone(item);
  }

  has(key: string): boolean {
    return this.items.has(key);
  }

  set(key: string, item: T): void {
    this.items.set(key, structuredClone(item));
  }

  /** Items whose key starts with `prefix` (all without one), in key order. */
  list(prefix = ''): T[] {
    return this.listWhere((key) => key.startsWith(prefix));
  }

  /** Items whose key passes `keep`, in key order. */
  listWhere(keep: (key: string) => boolean): T[] {
    return [...this.items.keys()]
      .filter(keep)
      .sort()
      .map((key) => structuredClone(this.items.get(key) as T));
  }
}

/**
 * Records of the obligations a filter names (all without one), in key order: the collections keyed
 * `<obligationId>#…` (verdicts, flags, evidence).
 */
export function byObligation<T>(items: SortedItems<T>, filter: ObligationFilter): T[] {
  if (filter.obligationIds === undefined) return items.list();
  const wanted = new Set(filter.obligationIds);
  return items.listWhere((key) => wanted.has(key.slice(0, key.indexOf('#'))));
}
