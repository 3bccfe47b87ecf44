/** How ListSources shards the sources, and how long a crawl invocation may read before it pauses. */
import { describe, expect, it } from 'vitest';
import { MAX_SHARDS } from '../../../src/core/source';
import { createMemoryStores } from '../../../src/store/memory/create-stores';
import { passBudgetAt } from '../../../src/tasks/crawl-source';
import type { TaskDeps } from '../../../src/tasks/deps';
import { shardSourceIds } from '../../../src/tasks/list-sources';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `s${i}`);

describe('shardSourceIds', () => {
  it('keeps file order in shards of the configured size, the last one shorter', () => {
    expect(shardSourceIds(ids(10), 4)).toEqual([
      ['s0', 's1', 's2', 's3'],
      ['s4', 's5', 's6', 's7'],
      ['s8', 's9'],
    ]);
    expect(shardSourceIds([], 4)).toEqual([]);
  });

  it('makes shards larger rather than more than the most the history allows', () => {
    const shards = shardSourceIds(ids(20_000), 4);
    expect(shards).toHaveLength(MAX_SHARDS);
    expect(shards.every((s) => s.length === 25)).toBe(true);
    expect(shards.flat()).toEqual(ids(20_000));
    expect(shardSourceIds(ids(3_201), 4, 800)).toHaveLength(641);
  });
});

describe('passBudgetAt', () => {
  const deps = (sweep: Record<string, unknown>, remaining?: number): TaskDeps => ({
    stores: createMemoryStores(),
    catalogue: {} as never,
    sources: { sources: [], sweep },
    now: () => new Date(0),
    reportSink: {} as never,
    log: () => undefined,
    ...(remaining !== undefined ? { remainingTimeMs: () => remaining } : {}),
  });

  it('is unknown without a Lambda context or a configured budget: the crawl runs to its deadline', () => {
    expect(passBudgetAt(deps({}), 1_000)).toBeUndefined();
  });

  it('leaves a minute of the remaining time to commit, or half of a short remainder', () => {
    expect(passBudgetAt(deps({}, 900_000), 1_000)).toBe(1_000 + 840_000);
    expect(passBudgetAt(deps({}, 80_000), 1_000)).toBe(1_000 + 40_000);
  });

  it('takes a shorter configured budget, and refuses a budget that is not a positive integer', () => {
    expect(passBudgetAt(deps({ crawlBudgetMs: 500 }, 900_000), 1_000)).toBe(1_500);
    expect(passBudgetAt(deps({ crawlBudgetMs: 500 }), 1_000)).toBe(1_500);
    expect(() => passBudgetAt(deps({ crawlBudgetMs: -5 }), 1_000)).toThrow(/crawlBudgetMs/);
  });
});
