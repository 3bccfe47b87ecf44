import { afterEach, describe, expect, it } from 'vitest';
import { classifyContentType, DEFAULT_USER_AGENT, type Fetcher } from '../../../src/crawl/fetch';
import { fetcherFor, type Handler, html, startServer, type TestServer } from './test-server';

const slow =
  (ms: number): Handler =>
  (_req, res) => {
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<p>slow</p>');
    }, ms);
  };

describe('politeness and response metadata', () => {
  const servers: TestServer[] = [];
  let fetcher: Fetcher;
  afterEach(async () => {
    await fetcher?.close();
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  it('never has more requests in flight to one host than allowed', async () => {
    const routes: Record<string, Handler> = {};
    for (let i = 0; i < 8; i++) routes[`/p${i}`] = slow(80);
    const server = await startServer(routes);
    servers.push(server);
    fetcher = fetcherFor([server], { perHostConcurrency: 2, globalConcurrency: 10 });
    const results = await Promise.all(Object.keys(routes).map((p) => fetcher.fetch(`${server.origin}${p}`)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(server.maxInFlight()).toBe(2);
  });

  it('keeps the global limit across hosts', async () => {
    const a = await startServer({ '/1': slow(60), '/2': slow(60) });
    const b = await startServer({ '/1': slow(60), '/2': slow(60) });
    servers.push(a, b);
    fetcher = fetcherFor([a, b], { perHostConcurrency: 2, globalConcurrency: 1, respectRobots: false });
    const urls = [a, b].flatMap((s) => ['/1', '/2'].map((p) => `${s.origin}${p}`));
    const results = await Promise.all(urls.map((url) => fetcher.fetch(url)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(a.maxInFlight()).toBe(1);
    expect(b.maxInFlight()).toBe(1);
    // Requests never overlapped across hosts either: each started after the previous ended.
    const starts = [...a.received, ...b.received].map((r) => r.at).sort((x, y) => x - y);
    starts.slice(1).forEach((at, i) => {
      expect(at - starts[i]!).toBeGreaterThanOrEqual(50);
    });
  });

  it('waits the configured delay between requests to the same host', async () => {
    const server = await startServer({ '/1': html('1'), '/2': html('2'), '/3': html('3') });
    servers.push(server);
    fetcher = fetcherFor([server], { perHostDelayMs: 150, respectRobots: false });
    for (const p of ['/1', '/2', '/3']) await fetcher.fetch(`${server.origin}${p}`);
    const at = server.received.map((r) => r.at);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(145);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(145);
  });

  it('reports a non-HTML content type without rejecting it, and identifies itself', async () => {
    const pdf = Buffer.from('%PDF-1.4\n%âãÏÓ\n');
    const server = await startServer({
      '/report.pdf': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/pdf' });
        res.end(pdf);
      },
    });
    servers.push(server);
    fetcher = fetcherFor([server]);
    const result = await fetcher.fetch(`${server.origin}/report.pdf`);
    expect(result).toMatchObject({ ok: true, contentType: 'application/pdf' });
    if (result.ok && !result.notModified) {
      expect(Buffer.from(result.body).equals(pdf)).toBe(true);
      expect(classifyContentType(result.contentType, result.finalUrl)).toBe('pdf');
    }
    expect(server.received.every((r) => r.headers['user-agent'] === DEFAULT_USER_AGENT)).toBe(true);
  });
});
