import { describe, expect, it } from 'vitest';
import { backoffDelayMs, isRetryableStatus, parseRetryAfter } from '../../../src/crawl/fetch/retry-policy';

const policy = { attempts: 5, baseDelayMs: 100, maxDelayMs: 1_000 };

describe('backoff', () => {
  it('doubles the ceiling per retry and caps it', () => {
    const ceilings = [1, 2, 3, 4, 5, 6].map((n) => backoffDelayMs(policy, n, 0.999_999));
    expect(ceilings).toEqual([99, 199, 399, 799, 999, 999]);
  });

  it('draws the wait uniformly below the ceiling (full jitter)', () => {
    expect(backoffDelayMs(policy, 3, 0)).toBe(0);
    expect(backoffDelayMs(policy, 3, 0.5)).toBe(200);
  });
});

describe('Retry-After', () => {
  const now = Date.parse('2026-03-02T08:00:00Z');

  it('reads delta seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP date relative to now, never negative', () => {
    expect(parseRetryAfter('Mon, 02 Mar 2026 08:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 02 Mar 2026 07:00:00 GMT', now)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-5', now)).toBeNull();
    expect(parseRetryAfter('5 minutes', now)).toBeNull();
  });

  it('retries only statuses that mean "later"', () => {
    expect([429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 403, 404, 410, 501, 505].some(isRetryableStatus)).toBe(false);
  });
});
