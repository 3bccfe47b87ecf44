import { afterEach, describe, expect, it } from 'vitest';
import type { Fetcher } from '../../../src/crawl/fetch';
import { fetcherFor, type Handler, html, pagePaths, startServer, type TestServer } from './test-server';

const robots =
  (text: string): Handler =>
  (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(text);
  };

describe('robots.txt', () => {
  let server: TestServer;
  let fetcher: Fetcher;
  afterEach(async () => {
    await fetcher?.close();
    await server?.close();
  });

  it('does not fetch disallowed paths and reads robots.txt once per host', async () => {
    server = await startServer({
      '/robots.txt': robots(
        'User-agent: *\nDisallow: /private/\n\nUser-agent: GongkaiMonitor\nDisallow: /admin/\n',
      ),
      '/public/a.htm': html('<p>a</p>'),
      '/private/b.htm': html('<p>b</p>'),
      '/admin/c.htm': html('<p>c</p>'),
    });
    fetcher = fetcherFor([server]);
    expect(await fetcher.fetch(`${server.origin}/public/a.htm`)).toMatchObject({ ok: true });
    // Our own group replaces the * group, so /private/ is allowed for us and /admin/ is not.
    expect(await fetcher.fetch(`${server.origin}/private/b.htm`)).toMatchObject({ ok: true });
    const blocked = await fetcher.fetch(`${server.origin}/admin/c.htm`);
    expect(blocked).toMatchObject({ ok: false, reason: 'blocked-robots', attempts: 0 });
    if (!blocked.ok) expect(blocked.message).toContain('robots.txt disallows it');
    expect(pagePaths(server)).toEqual(['/public/a.htm', '/private/b.htm']);
    expect(server.received.filter((r) => r.path === '/robots.txt')).toHaveLength(1);
    expect(fetcher.stats().robots).toEqual({ [`127.0.0.1:${server.port}`]: 'parsed' });
  });

  it('spaces requests to a host by its Crawl-delay', async () => {
    server = await startServer({
      '/robots.txt': robots('User-agent: *\nCrawl-delay: 0.3\n'),
      '/1': html('1'),
      '/2': html('2'),
      '/3': html('3'),
    });
    fetcher = fetcherFor([server], { perHostDelayMs: 50, perHostConcurrency: 1 });
    const results = await Promise.all(['/1', '/2', '/3'].map((p) => fetcher.fetch(`${server.origin}${p}`)));
    expect(results.every((r) => r.ok)).toBe(true);
    const pages = server.received.filter((r) => r.path !== '/robots.txt').map((r) => r.at);
    const gaps = pages.slice(1).map((at, i) => at - pages[i]!);
    // Timers may fire a millisecond early; the delay is 300 ms, the configured one only 50 ms.
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(295);
  });

  it('treats every path as allowed when robots.txt is missing', async () => {
    server = await startServer({ '/page': html('<p>ok</p>') });
    fetcher = fetcherFor([server]);
    expect(await fetcher.fetch(`${server.origin}/page`)).toMatchObject({ ok: true });
    expect(fetcher.stats().robots[`127.0.0.1:${server.port}`]).toBe('absent');
  });

  it('treats the host as disallowed when robots.txt answers 5xx', async () => {
    server = await startServer({
      '/robots.txt': (_req, res) => {
        res.writeHead(500);
        res.end();
      },
      '/page': html('<p>ok</p>'),
    });
    fetcher = fetcherFor([server]);
    const result = await fetcher.fetch(`${server.origin}/page`);
    expect(result).toMatchObject({ ok: false, reason: 'blocked-robots' });
    if (!result.ok) expect(result.message).toContain('robots.txt could not be read (HTTP 500)');
    expect(pagePaths(server)).toEqual([]);
    expect(fetcher.stats().robots[`127.0.0.1:${server.port}`]).toBe('unreachable');
  });

  it('ignores robots.txt when told to', async () => {
    server = await startServer({
      '/robots.txt': robots('User-agent: *\nDisallow: /\n'),
      '/page': html('<p>ok</p>'),
    });
    fetcher = fetcherFor([server], { respectRobots: false });
    expect(await fetcher.fetch(`${server.origin}/page`)).toMatchObject({ ok: true });
    expect(server.received.map((r) => r.path)).toEqual(['/page']);
  });

  it('treats robots.txt redirected to a host that is not a source as unreadable', async () => {
    server = await startServer({
      '/robots.txt': (_req, res) => {
        res.writeHead(301, { location: 'http://elsewhere.invalid/robots.txt' });
        res.end();
      },
      '/page': html('<p>ok</p>'),
    });
    fetcher = fetcherFor([server]);
    const result = await fetcher.fetch(`${server.origin}/page`);
    expect(result).toMatchObject({ ok: false, reason: 'blocked-robots' });
    if (!result.ok) expect(result.message).toContain('redirect to elsewhere.invalid refused');
    expect(fetcher.stats().robots[`127.0.0.1:${server.port}`]).toBe('unreachable');
  });
});
