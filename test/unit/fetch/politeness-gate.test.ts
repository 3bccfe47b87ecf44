import { describe, expect, it } from 'vitest';
import { PolitenessGate, Semaphore } from '../../../src/crawl/fetch/politeness';

describe('semaphore', () => {
  it('admits up to the limit and hands freed slots to waiters in order', async () => {
    const semaphore = new Semaphore(2);
    const order: string[] = [];
    const a = await semaphore.acquire();
    await semaphore.acquire();
    const c = semaphore.acquire().then((release) => {
      order.push('c');
      return release;
    });
    const d = semaphore.acquire().then(() => order.push('d'));
    await Promise.resolve();
    expect(order).toEqual([]);
    a();
    a(); // releasing twice frees one slot only
    await c;
    await Promise.resolve();
    expect(order).toEqual(['c']);
    (await c)();
    await d;
    expect(order).toEqual(['c', 'd']);
  });
});

describe('politeness gate', () => {
  it('spaces starts at one host by the delay, on a simulated clock', async () => {
    let clock = 1_000;
    const waits: number[] = [];
    const gate = new PolitenessGate({
      globalConcurrency: 10,
      perHostConcurrency: 10,
      now: () => clock,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    const releases = await Promise.all([
      gate.enter('a:80', 500),
      gate.enter('a:80', 500),
      gate.enter('b:80', 500),
    ]);
    expect(waits).toEqual([500]);
    clock += 200;
    await gate.enter('a:80', 500);
    expect(waits).toEqual([500, 800]);
    for (const release of releases) release();
  });

  it('counts the delay from the end of a slow request, not only from its start', async () => {
    let clock = 0;
    const waits: number[] = [];
    const gate = new PolitenessGate({
      globalConcurrency: 10,
      perHostConcurrency: 1,
      now: () => clock,
      sleep: async (ms) => {
        waits.push(ms);
        clock += ms;
      },
    });
    const release = await gate.enter('a:80', 100);
    clock += 400; // the request takes 400 ms
    release();
    await gate.enter('a:80', 100);
    expect(waits).toEqual([100]);
  });
});
