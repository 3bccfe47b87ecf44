import { createHash } from 'node:crypto';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { Fetcher } from '../../../src/crawl/fetch';
import { fetcherFor, startServer, type TestServer } from './test-server';

const MiB = 1024 * 1024;

describe('body size limits and content encodings', () => {
  let server: TestServer;
  let fetcher: Fetcher;
  afterEach(async () => {
    await fetcher?.close();
    await server?.close();
  });

  it('stops reading a 50 MB page soon after the limit', async () => {
    let written = 0;
    server = await startServer({
      '/huge': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        const chunk = Buffer.alloc(64 * 1024, 'a');
        const pump = () => {
          while (written < 50 * MiB && !res.destroyed) {
            written += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        pump();
      },
    });
    fetcher = fetcherFor([server], { maxBodyBytes: 1 * MiB });
    const result = await fetcher.fetch(`${server.origin}/huge`);
    expect(result).toMatchObject({ ok: false, reason: 'too-large', attempts: 1 });
    const received = fetcher.stats().bytes;
    expect(received).toBeGreaterThan(1 * MiB);
    expect(received).toBeLessThan(1 * MiB + 256 * 1024);
    // The socket was closed: the server never got to write the whole 50 MB.
    expect(written).toBeLessThan(20 * MiB);
  });

  it('refuses a body whose declared length is over the limit without reading it', async () => {
    server = await startServer({
      '/declared': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': String(50 * MiB) });
        res.write(Buffer.alloc(1024));
      },
    });
    fetcher = fetcherFor([server], { maxBodyBytes: 1 * MiB });
    const result = await fetcher.fetch(`${server.origin}/declared`);
    expect(result).toMatchObject({ ok: false, reason: 'too-large', status: 200 });
    if (!result.ok) expect(result.message).toContain(`declares ${50 * MiB} bytes`);
    expect(fetcher.stats().bytes).toBe(0);
  });

  it('cuts off a gzip bomb at the decompressed limit', async () => {
    // 64 gzip members of 1 MiB of zeros each: ~64 MiB once inflated, ~70 KB on the wire.
    const bomb = Buffer.concat(new Array(64).fill(gzipSync(Buffer.alloc(MiB))));
    expect(bomb.length).toBeLessThan(MiB / 4);
    server = await startServer({
      '/bomb': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
        res.end(bomb);
      },
    });
    fetcher = fetcherFor([server], { maxBodyBytes: 1 * MiB });
    const result = await fetcher.fetch(`${server.origin}/bomb`);
    expect(result).toMatchObject({ ok: false, reason: 'too-large' });
    if (!result.ok) expect(result.message).toContain('once decompressed');
    expect(fetcher.stats().bytes).toBeLessThanOrEqual(bomb.length);
  });

  it('decodes gzip, deflate and br bodies and hashes the decoded bytes', async () => {
    const page = Buffer.from('<html><body>' + '政务公开 '.repeat(2_000) + '</body></html>');
    const encoded = { gzip: gzipSync(page), deflate: deflateSync(page), br: brotliCompressSync(page) };
    server = await startServer(
      Object.fromEntries(
        Object.entries(encoded).map(([coding, bytes]) => [
          `/${coding}`,
          (_req, res) => {
            res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': coding });
            res.end(bytes);
          },
        ]),
      ),
    );
    fetcher = fetcherFor([server]);
    const expected = createHash('sha256').update(page).digest('hex');
    for (const coding of Object.keys(encoded)) {
      const result = await fetcher.fetch(`${server.origin}/${coding}`);
      expect(result.ok && !result.notModified && result.sha256, coding).toBe(expected);
      if (result.ok && !result.notModified) expect(Buffer.from(result.body).equals(page)).toBe(true);
    }
    expect(server.received[1]?.headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it('reports a corrupt gzip body as decompression-failed', async () => {
    server = await startServer({
      '/corrupt': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
        res.end(Buffer.from('this is not gzip at all'));
      },
    });
    fetcher = fetcherFor([server]);
    const result = await fetcher.fetch(`${server.origin}/corrupt`);
    expect(result).toMatchObject({ ok: false, reason: 'decompression-failed' });
  });

  it('honours a smaller per-request body limit', async () => {
    server = await startServer({
      '/page': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(Buffer.alloc(10_000, 'x'));
      },
    });
    fetcher = fetcherFor([server]);
    expect(await fetcher.fetch(`${server.origin}/page`, { maxBodyBytes: 5_000 })).toMatchObject({
      ok: false,
      reason: 'too-large',
    });
    expect(await fetcher.fetch(`${server.origin}/page`)).toMatchObject({ ok: true, status: 200 });
  });
});
