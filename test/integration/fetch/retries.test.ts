import { afterEach, describe, expect, it } from 'vitest';
import type { Fetcher } from '../../../src/crawl/fetch';
import { fetcherFor, html, pagePaths, recordingSleep, startServer, type TestServer } from './test-server';

describe('retries', () => {
  let server: TestServer;
  let fetcher: Fetcher;
  afterEach(async () => {
    await fetcher?.close();
    await server?.close();
  });

  const retrying = { attempts: 3, baseDelayMs: 200, maxDelayMs: 1_000 };

  it('waits as long as Retry-After asks on 429, then succeeds', async () => {
    let calls = 0;
    server = await startServer({
      '/busy': (req, res) => {
        if (++calls === 1) {
          res.writeHead(429, { 'retry-after': '2' });
          res.end();
          return;
        }
        html('<p>ok</p>')(req, res);
      },
    });
    const clock = recordingSleep();
    fetcher = fetcherFor([server], { retries: retrying, sleep: clock.sleep });
    const result = await fetcher.fetch(`${server.origin}/busy`);
    expect(result).toMatchObject({ ok: true, status: 200, attempts: 2 });
    expect(clock.waits).toEqual([2_000]);
    expect(fetcher.stats().retries).toBe(1);
  });

  it('reads Retry-After given as an HTTP date', async () => {
    const now = Date.parse('2026-03-02T08:00:00Z');
    let calls = 0;
    server = await startServer({
      '/later': (req, res) => {
        if (++calls === 1) {
          res.writeHead(503, { 'retry-after': new Date(now + 7_000).toUTCString() });
          res.end();
          return;
        }
        html('<p>ok</p>')(req, res);
      },
    });
    const clock = recordingSleep();
    fetcher = fetcherFor([server], { retries: retrying, sleep: clock.sleep, now: () => now });
    expect(await fetcher.fetch(`${server.origin}/later`)).toMatchObject({ ok: true, attempts: 2 });
    expect(clock.waits).toEqual([7_000]);
  });

  it('gives up at once when Retry-After asks for longer than the cap', async () => {
    server = await startServer({
      '/closed': (_req, res) => {
        res.writeHead(429, { 'retry-after': '3600' });
        res.end();
      },
    });
    const clock = recordingSleep();
    fetcher = fetcherFor([server], { retries: retrying, sleep: clock.sleep, maxRetryAfterMs: 30_000 });
    const result = await fetcher.fetch(`${server.origin}/closed`);
    expect(result).toMatchObject({ ok: false, reason: 'http-status', status: 429, attempts: 1 });
    if (!result.ok) expect(result.message).toContain('retry after 3600 s');
    expect(clock.waits).toEqual([]);
  });

  it('gives up on a 503 storm after the configured attempts, backing off with jitter', async () => {
    server = await startServer({
      '/down': (_req, res) => {
        res.writeHead(503);
        res.end('maintenance');
      },
    });
    const clock = recordingSleep();
    fetcher = fetcherFor([server], { retries: retrying, sleep: clock.sleep, random: () => 0.5 });
    const result = await fetcher.fetch(`${server.origin}/down`);
    expect(result).toMatchObject({ ok: false, reason: 'http-status', status: 503, attempts: 3 });
    expect(pagePaths(server)).toEqual(['/down', '/down', '/down']);
    // Full jitter: half of 200·2⁰, then half of 200·2¹.
    expect(clock.waits).toEqual([100, 200]);
  });

  it('retries a connection reset and succeeds', async () => {
    let calls = 0;
    server = await startServer({
      '/flaky': (req, res) => {
        if (++calls === 1) {
          req.socket.destroy();
          return;
        }
        html('<p>ok</p>')(req, res);
      },
    });
    const clock = recordingSleep();
    fetcher = fetcherFor([server], { retries: retrying, sleep: clock.sleep });
    expect(await fetcher.fetch(`${server.origin}/flaky`)).toMatchObject({ ok: true, attempts: 2 });
  });

  it('reports network when every attempt is reset', async () => {
    server = await startServer({
      '/gone': (req) => {
        req.socket.destroy();
      },
    });
    const clock = recordingSleep();
    fetcher = fetcherFor([server], { retries: retrying, sleep: clock.sleep });
    const result = await fetcher.fetch(`${server.origin}/gone`);
    expect(result).toMatchObject({ ok: false, reason: 'network', attempts: 3 });
    expect(fetcher.stats().failures.network).toBe(1);
  });

  it('does not retry a 404', async () => {
    server = await startServer({});
    fetcher = fetcherFor([server], { retries: retrying, sleep: recordingSleep().sleep });
    const result = await fetcher.fetch(`${server.origin}/missing`);
    expect(result).toMatchObject({ ok: false, reason: 'http-status', status: 404, attempts: 1 });
    expect(pagePaths(server)).toEqual(['/missing']);
  });
});
