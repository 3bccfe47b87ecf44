import { afterEach, describe, expect, it } from 'vitest';
import type { Fetcher } from '../../../src/crawl/fetch';
import { fetcherFor, startServer, type TestServer } from './test-server';

describe('fetch timeouts', () => {
  let server: TestServer;
  let fetcher: Fetcher;
  const pending: NodeJS.Timeout[] = [];
  afterEach(async () => {
    pending.forEach(clearTimeout);
    await fetcher?.close();
    await server?.close();
  });

  it('gives up with a timeout when the first byte of the response is slow', async () => {
    server = await startServer({
      '/slow': (_req, res) => {
        pending.push(setTimeout(() => res.end('late'), 3_000));
      },
    });
    fetcher = fetcherFor([server], { headersTimeoutMs: 200 });
    const started = performance.now();
    const result = await fetcher.fetch(`${server.origin}/slow`);
    expect(result).toMatchObject({ ok: false, reason: 'timeout', attempts: 1 });
    if (!result.ok) expect(result.message).toContain('no response headers within 200 ms');
    expect(performance.now() - started).toBeLessThan(900);
  });

  it('gives up with a timeout when the body stalls mid-way', async () => {
    server = await startServer({
      '/stall': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.write('<html><body>first half');
        pending.push(setTimeout(() => res.end('</body></html>'), 3_000));
      },
    });
    fetcher = fetcherFor([server], { bodyTimeoutMs: 200 });
    const started = performance.now();
    const result = await fetcher.fetch(`${server.origin}/stall`);
    expect(result).toMatchObject({ ok: false, reason: 'timeout' });
    if (!result.ok) expect(result.message).toContain('stalled mid-body');
    expect(performance.now() - started).toBeLessThan(900);
  });

  it('enforces the overall deadline on a body that trickles but never stalls', async () => {
    server = await startServer({
      '/trickle': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        const tick = setInterval(() => res.write('.'), 30);
        res.on('close', () => clearInterval(tick));
      },
    });
    fetcher = fetcherFor([server], { bodyTimeoutMs: 1_000, totalTimeoutMs: 300 });
    const started = performance.now();
    const result = await fetcher.fetch(`${server.origin}/trickle`);
    expect(result).toMatchObject({ ok: false, reason: 'timeout' });
    if (!result.ok) expect(result.message).toContain('overall deadline');
    expect(performance.now() - started).toBeLessThan(900);
  });
});
