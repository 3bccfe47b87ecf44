/**
 * Hostile HTTP: real servers on 127.0.0.1 misbehaving the way government sites do, or the way an
 * attacker's would. Every case must end in a result with a reason and a message a person can act
 * on; the fetcher never throws, never waits unboundedly, never buffers past its limit, and never
 * sends a request anywhere but the loopback servers here (proved by comparing the fetcher's own
 * request count with what the servers received).
 */
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import {
  classifyContentType,
  type Fetcher,
  type FetcherOptions,
  type FetchFailureReason,
  type FetchResult,
} from '../../../src/crawl/fetch';
import { gzipBomb, pdfBytes } from '../../fixtures/hostile/generate';
import { fetcherFor, type Handler, recordingSleep, startServer, type TestServer } from '../fetch/test-server';

const PAGE =
  '<html><head><meta charset="utf-8"><title>通知公告</title></head><body>2016年预算公开</body></html>';

const redirect =
  (location: string, status = 302): Handler =>
  (_req, res) => {
    res.writeHead(status, { location });
    res.end();
  };

/** Streams `total` bytes in 64 KiB chunks, stopping as soon as the client goes away. */
function stream(
  res: ServerResponse,
  total: number,
  headers: Record<string, string | number> = {},
  [head, line]: Buffer[] = [],
): void {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers });
  const chunk = line ? Buffer.concat(Array.from({ length: 64 }, () => line)) : Buffer.alloc(64 * 1024, 0x61);
  let sent = 0;
  if (head) {
    res.write(head);
    sent += head.length;
  }
  const pump = (): void => {
    while (sent < total && !res.destroyed) {
      sent += chunk.length;
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) res.end();
  };
  res.on('close', () => res.removeAllListeners('drain'));
  pump();
}

interface HttpCase {
  id: string;
  what: string;
  routes: () => Record<string, Handler>;
  path: string;
  options?: Partial<FetcherOptions>;
  expected: { reason: FetchFailureReason } | { ok: true };
  message?: RegExp;
  check?: (
    result: FetchResult,
    server: TestServer,
    fetcher: Fetcher,
    waits: number[],
  ) => void | Promise<void>;
}

const BOMB_INFLATED = 64 * 1024 * 1024;
const bomb = gzipBomb(BOMB_INFLATED);
const pdf = pdfBytes();

const CASES: HttpCase[] = [
  {
    id: 'T01',
    what: 'a redirect loop between two pages',
    routes: () => ({ '/a': redirect('/b'), '/b': redirect('/a') }),
    path: '/a',
    expected: { reason: 'redirect-loop' },
    message: /^redirect loop: http:\/\/127\.0\.0\.1:\d+\/a → .*\/b → .*\/a$/,
  },
  {
    id: 'T02',
    what: 'a page that redirects to itself with a different fragment',
    routes: () => ({ '/self': redirect('/self#again', 301) }),
    path: '/self',
    expected: { reason: 'redirect-loop' },
    message: /redirect loop/,
  },
  {
    id: 'T03',
    what: 'an endless chain of fresh redirects',
    routes: () =>
      Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`/r${i}`, redirect(`/r${i + 1}`)])),
    path: '/r0',
    options: { maxRedirects: 5 },
    expected: { reason: 'too-many-redirects' },
    message: /^more than 5 redirects from /,
  },
  {
    id: 'T04',
    what: 'a redirect to the cloud metadata address',
    routes: () => ({ '/meta': redirect('http://169.254.169.254/latest/meta-data/iam/') }),
    path: '/meta',
    expected: { reason: 'blocked-ssrf' },
    message: /^redirect to 169\.254\.169\.254 refused: cloud metadata address$/,
  },
  {
    id: 'T05',
    what: 'a redirect to a private address',
    routes: () => ({ '/lan': redirect('http://10.0.0.1/admin') }),
    path: '/lan',
    expected: { reason: 'blocked-ssrf' },
    message: /^redirect to 10\.0\.0\.1 refused: private address$/,
  },
  {
    id: 'T06',
    what: 'a redirect to a file: URL',
    routes: () => ({ '/file': redirect('file:///etc/passwd') }),
    path: '/file',
    expected: { reason: 'invalid-url' },
    message: /scheme file: is not fetched/,
  },
  {
    id: 'T07',
    what: 'a redirect to a javascript: URL',
    routes: () => ({ '/js': redirect('javascript:alert(1)') }),
    path: '/js',
    expected: { reason: 'invalid-url' },
    message: /scheme javascript: is not fetched/,
  },
  {
    id: 'T08',
    what: 'a redirect without a Location header',
    routes: () => ({ '/nowhere': (_req, res) => void res.writeHead(302).end() }),
    path: '/nowhere',
    expected: { reason: 'http-status' },
    message: /answered HTTP 302 without a Location header/,
  },
  {
    id: 'T09',
    what: 'a gzip bomb (about 64 KB inflating to 64 MB)',
    routes: () => ({
      '/bomb': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
        res.end(bomb);
      },
    }),
    path: '/bomb',
    options: { maxBodyBytes: 1024 * 1024 },
    expected: { reason: 'too-large' },
    message: /body exceeds 1048576 bytes once decompressed \(compression bomb or oversized page\)/,
  },
  {
    id: 'T10',
    what: 'a 50 MB body without a declared length, at the default 10 MB limit',
    routes: () => ({ '/big': (_req, res) => stream(res, 50 * 1024 * 1024) }),
    path: '/big',
    options: { maxBodyBytes: undefined },
    expected: { reason: 'too-large' },
    message: /body exceeds 10485760 bytes/,
    check: (_r, _s, fetcher) => {
      // Reading stops at the limit: at most the limit plus what was in flight.
      expect(fetcher.stats().bytes).toBeLessThan(12 * 1024 * 1024);
    },
  },
  {
    id: 'T11',
    what: 'a declared 50 MB body',
    routes: () => ({
      '/declared': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html', 'content-length': 50 * 1024 * 1024 });
        res.write('<html>');
        setTimeout(() => res.destroy(), 200);
      },
    }),
    path: '/declared',
    expected: { reason: 'too-large' },
    message: /declares 52428800 bytes, over the 10485760-byte limit/,
    check: (_r, _s, fetcher) => expect(fetcher.stats().bytes).toBeLessThan(64 * 1024),
  },
  {
    id: 'T12',
    what: 'a body that stalls half-way',
    routes: () => ({
      '/stall': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html', 'content-length': 2048 });
        res.write('x'.repeat(1024));
        // The rest never comes; the socket is closed when the test server shuts down.
      },
    }),
    path: '/stall',
    options: { bodyTimeoutMs: 300 },
    expected: { reason: 'timeout' },
    message: /stalled mid-body: no data for 300 ms/,
  },
  {
    id: 'T13',
    what: 'response headers that never come',
    routes: () => ({ '/silent': () => {} }),
    path: '/silent',
    options: { headersTimeoutMs: 300 },
    expected: { reason: 'timeout' },
    message: /sent no response headers within 300 ms/,
  },
  {
    id: 'T14',
    what: 'a 429 storm with Retry-After: 1',
    routes: () => ({
      '/busy': (_req, res) => {
        res.writeHead(429, { 'retry-after': '1' });
        res.end('slow down');
      },
    }),
    path: '/busy',
    options: { retries: { attempts: 4, baseDelayMs: 10, maxDelayMs: 50 } },
    expected: { reason: 'http-status' },
    message: /answered HTTP 429$/,
    check: (result, server, _f, waits) => {
      expect(result.attempts).toBe(4);
      expect(server.received.filter((r) => r.path === '/busy')).toHaveLength(4);
      expect(waits).toEqual([1000, 1000, 1000]);
    },
  },
  {
    id: 'T15',
    what: 'a 429 asking to come back tomorrow',
    routes: () => ({
      '/tomorrow': (_req, res) => {
        res.writeHead(429, { 'retry-after': '86400' });
        res.end();
      },
    }),
    path: '/tomorrow',
    options: { retries: { attempts: 4, baseDelayMs: 10, maxDelayMs: 50 } },
    expected: { reason: 'http-status' },
    message: /asked to retry after 86400 s, longer than the 60 s the fetcher waits/,
    check: (result, server) => {
      expect(result.attempts).toBe(1);
      expect(server.received.filter((r) => r.path === '/tomorrow')).toHaveLength(1);
    },
  },
  {
    id: 'T16',
    what: 'a corrupt gzip body',
    routes: () => ({
      '/corrupt': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
        res.end(Buffer.from('this is not gzip at all'));
      },
    }),
    path: '/corrupt',
    expected: { reason: 'decompression-failed' },
    message: /gzip body is corrupt/,
  },
  {
    id: 'T17',
    what: 'an unknown content-encoding',
    routes: () => ({
      '/zstd': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'zstd' });
        res.end('whatever');
      },
    }),
    path: '/zstd',
    expected: { reason: 'decompression-failed' },
    message: /unsupported content-encoding "zstd"/,
  },
  {
    id: 'T18',
    what: 'a connection cut in the middle of the body',
    routes: () => ({
      '/cut': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html', 'content-length': 4096 });
        res.write('x'.repeat(100));
        setTimeout(() => res.socket?.destroy(), 20);
      },
    }),
    path: '/cut',
    expected: { reason: 'network' },
    message: /^127\.0\.0\.1:\d+: /,
  },
  {
    id: 'T19',
    what: 'a PDF served as text/html arrives byte for byte with its declared type, for the caller to judge',
    routes: () => ({
      '/t20160715_1.htm': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(pdf);
      },
    }),
    path: '/t20160715_1.htm',
    expected: { ok: true },
    check: (result) => {
      if (!result.ok || result.notModified) throw new Error('expected a body');
      expect(Buffer.from(result.body).equals(Buffer.from(pdf))).toBe(true);
      expect(result.contentType).toBe('text/html; charset=utf-8');
    },
  },
  {
    id: 'T20',
    what: 'an HTML list served as application/octet-stream is not classified as HTML without an .htm URL',
    routes: () => ({
      '/list': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        res.end(PAGE);
      },
    }),
    path: '/list',
    expected: { ok: true },
    check: (result) => {
      if (!result.ok || result.notModified) throw new Error('expected a body');
      expect(classifyContentType(result.contentType, result.finalUrl)).toBe('other');
      expect(classifyContentType(result.contentType, `${result.finalUrl}/index.htm`)).toBe('html');
    },
  },
  {
    id: 'T21',
    what: 'a robots.txt that is a gzip bomb: the site is treated as unreachable and nothing else is fetched',
    routes: () => ({
      '/robots.txt': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
        res.end(bomb);
      },
      '/page': (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE),
    }),
    path: '/page',
    options: { respectRobots: true },
    expected: { reason: 'blocked-robots' },
    message: /not fetched: /,
    check: (_r, server, fetcher) => {
      expect(server.received.map((r) => r.path)).toEqual(['/robots.txt']);
      expect(Object.values(fetcher.stats().robots)).toEqual(['unreachable']);
    },
  },
  {
    id: 'T22',
    what: '200 KB of response headers',
    routes: () => ({
      '/headers': (_req, res) => {
        const headers: Record<string, string> = { 'content-type': 'text/html' };
        for (let i = 0; i < 200; i++) headers[`x-junk-${i}`] = 'j'.repeat(1000);
        res.writeHead(200, headers);
        res.end(PAGE);
      },
    }),
    path: '/headers',
    expected: { reason: 'network' },
    message: /HEADERS_OVERFLOW|header/i,
  },
  {
    id: 'T23',
    what: 'a 50 MB robots.txt whose rules come first: read up to 500 KiB and obeyed, not "site unreachable"',
    routes: () => ({
      '/robots.txt': (_req, res) => {
        // The rules, then comment lines; the 500 KiB cap falls in the middle of one.
        const rules = Buffer.from('User-agent: *\nDisallow: /private/\n');
        const filler = Buffer.from(`# ${'x'.repeat(997)}\n`);
        stream(res, 50 * 1024 * 1024, { 'content-type': 'text/plain' }, [rules, filler]);
      },
      '/page': (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE),
      '/private/x': (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE),
    }),
    path: '/page',
    options: { respectRobots: true },
    expected: { ok: true },
    check: async (_r, server, fetcher) => {
      expect(Object.values(fetcher.stats().robots)).toEqual(['parsed']);
      const refused = await fetcher.fetch(`${server.origin}/private/x`);
      expect(refused).toMatchObject({ ok: false, reason: 'blocked-robots' });
      expect(server.received.map((r) => r.path)).toEqual(['/robots.txt', '/page']);
    },
  },
];

describe('hostile HTTP responses', () => {
  let server: TestServer | undefined;
  let fetcher: Fetcher | undefined;
  afterEach(async () => {
    await fetcher?.close();
    await server?.close();
    fetcher = undefined;
    server = undefined;
  });

  for (const c of CASES) {
    const outcome = 'ok' in c.expected ? 'delivered as is' : `${c.expected.reason}, with a specific message`;
    it(`${c.id} ${c.what}: ${outcome}`, async () => {
      server = await startServer(c.routes());
      const { sleep, waits } = recordingSleep();
      fetcher = fetcherFor([server], { respectRobots: false, sleep, ...c.options });
      const result = await fetcher.fetch(`${server.origin}${c.path}`);
      if ('ok' in c.expected) expect(result.ok).toBe(true);
      else {
        expect(result).toMatchObject({ ok: false, reason: c.expected.reason });
        if (!result.ok && c.message) expect(result.message).toMatch(c.message);
      }
      await c.check?.(result, server, fetcher, waits);
      // Every request the fetcher sent arrived here: nothing went to any other address.
      expect(fetcher.stats().requests).toBe(server.received.length);
    });
  }
});
