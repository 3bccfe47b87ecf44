import { afterEach, describe, expect, it } from 'vitest';
import { createFetcher, type Fetcher } from '../../../src/crawl/fetch';
import { fetcherFor, type Handler, html, pagePaths, startServer, type TestServer } from './test-server';

const redirectTo =
  (location: string, status = 302): Handler =>
  (_req, res) => {
    res.writeHead(status, { location });
    res.end();
  };

describe('redirects', () => {
  const servers: TestServer[] = [];
  let fetcher: Fetcher;
  const start = async (...args: Parameters<typeof startServer>) => {
    const server = await startServer(...args);
    servers.push(server);
    return server;
  };
  afterEach(async () => {
    await fetcher?.close();
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  it('follows a redirect chain and reports every hop and the final URL', async () => {
    const server = await start({
      '/old': redirectTo('/moved', 301),
      '/moved': redirectTo('/new#section', 307),
      '/new': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<p>here</p>');
      },
    });
    fetcher = fetcherFor([server]);
    const result = await fetcher.fetch(`${server.origin}/old`);
    expect(result).toMatchObject({
      ok: true,
      status: 200,
      url: `${server.origin}/old`,
      finalUrl: `${server.origin}/new#section`,
      redirects: [`${server.origin}/moved`, `${server.origin}/new#section`],
    });
  });

  it('detects a redirect loop', async () => {
    const server = await start({ '/a': redirectTo('/b'), '/b': redirectTo('/a') });
    fetcher = fetcherFor([server]);
    const result = await fetcher.fetch(`${server.origin}/a`);
    expect(result).toMatchObject({ ok: false, reason: 'redirect-loop', status: 302 });
    if (!result.ok)
      expect(result.message).toContain(`${server.origin}/a → ${server.origin}/b → ${server.origin}/a`);
    expect(pagePaths(server)).toEqual(['/a', '/b']);
  });

  it('stops after the redirect limit', async () => {
    const routes: Record<string, Handler> = {};
    for (let i = 0; i < 10; i++) routes[`/hop/${i}`] = redirectTo(`/hop/${i + 1}`);
    const server = await start(routes);
    fetcher = fetcherFor([server], { maxRedirects: 3 });
    const result = await fetcher.fetch(`${server.origin}/hop/0`);
    expect(result).toMatchObject({ ok: false, reason: 'too-many-redirects' });
    expect(pagePaths(server)).toEqual(['/hop/0', '/hop/1', '/hop/2', '/hop/3']);
  });

  it('refuses a redirect to the cloud metadata address', async () => {
    const server = await start({ '/meta': redirectTo('http://169.254.169.254/latest/meta-data/') });
    fetcher = fetcherFor([server]);
    const result = await fetcher.fetch(`${server.origin}/meta`);
    expect(result).toMatchObject({
      ok: false,
      reason: 'blocked-ssrf',
      message: 'redirect to 169.254.169.254 refused: cloud metadata address',
      finalUrl: `${server.origin}/meta`,
    });
  });

  it('refuses a redirect to IPv6 loopback even when that host is listed, and never connects there', async () => {
    const target = await start({ '/': html('secret') }, { bind: '::1' });
    const server = await start({
      '/v6': redirectTo(`${target.origin}/`),
      '/mapped': redirectTo(`http://[::ffff:127.0.0.1]:${target.port}/`),
    });
    fetcher = createFetcher({
      hosts: [
        { host: server.host, allowPrivateNetwork: true },
        { host: target.host, allowPrivateNetwork: false },
        { host: `[::ffff:127.0.0.1]:${target.port}`, allowPrivateNetwork: false },
      ],
      perHostDelayMs: 0,
    });
    const v6 = await fetcher.fetch(`${server.origin}/v6`);
    expect(v6).toMatchObject({
      ok: false,
      reason: 'blocked-ssrf',
      message: 'redirect to ::1 refused: loopback address',
    });
    const mapped = await fetcher.fetch(`${server.origin}/mapped`);
    expect(mapped).toMatchObject({ ok: false, reason: 'blocked-ssrf' });
    if (!mapped.ok) expect(mapped.message).toContain('IPv4-mapped IPv6 address (127.0.0.1)');
    expect(target.connections()).toBe(0);
  });

  it('refuses a redirect to a host that is not a source', async () => {
    const server = await start({
      '/away': redirectTo('http://elsewhere.invalid/page'),
      '/ftp': redirectTo('ftp://files.invalid/x'),
    });
    fetcher = fetcherFor([server]);
    expect(await fetcher.fetch(`${server.origin}/away`)).toMatchObject({
      ok: false,
      reason: 'host-not-allowed',
      message: "redirect to elsewhere.invalid refused: not one of the sources' hosts",
    });
    expect(await fetcher.fetch(`${server.origin}/ftp`)).toMatchObject({ ok: false, reason: 'invalid-url' });
  });
});
