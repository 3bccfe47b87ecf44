import { Agent, request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createFetcher, type Fetcher } from '../../../src/crawl/fetch';
import { createGuardedConnector, SsrfRefusedError } from '../../../src/crawl/fetch/guarded-connector';
import { html, startServer, type TestServer } from './test-server';

describe('SSRF guard and host allowlist', () => {
  let server: TestServer;
  let fetcher: Fetcher;
  afterEach(async () => {
    await fetcher?.close();
    await server?.close();
  });

  it('refuses a host that is not in the allowlist, before any lookup', async () => {
    server = await startServer({ '/': html('<p>ok</p>') });
    fetcher = createFetcher({ hosts: [{ host: server.host, allowPrivateNetwork: true }] });
    const result = await fetcher.fetch('http://not-a-source.invalid/page');
    expect(result).toMatchObject({
      ok: false,
      reason: 'host-not-allowed',
      attempts: 0,
      message: "not-a-source.invalid refused: not one of the sources' hosts",
    });
    expect(fetcher.stats().failures['host-not-allowed']).toBe(1);
  });

  it('refuses a listed host name that resolves to a loopback address, after DNS and before connecting', async () => {
    server = await startServer({ '/': html('<p>ok</p>') });
    fetcher = createFetcher({
      hosts: [{ host: `localhost:${server.port}`, allowPrivateNetwork: false }],
      respectRobots: false,
      perHostDelayMs: 0,
    });
    const result = await fetcher.fetch(`http://localhost:${server.port}/`);
    expect(result).toMatchObject({ ok: false, reason: 'blocked-ssrf' });
    if (!result.ok)
      expect(result.message).toMatch(/localhost resolved to (127\.0\.0\.1|::1) \(loopback address\)/);
    expect(server.connections()).toBe(0);
  });

  it('connects to the same loopback host once the source opts in to private networks', async () => {
    server = await startServer({ '/': html('<p>ok</p>') });
    fetcher = createFetcher({
      hosts: [{ host: `localhost:${server.port}`, allowPrivateNetwork: true }],
      respectRobots: false,
      perHostDelayMs: 0,
    });
    expect(await fetcher.fetch(`http://localhost:${server.port}/`)).toMatchObject({ ok: true, status: 200 });
  });

  it('refuses loopback written in decimal, octal, hex and short forms', async () => {
    server = await startServer({ '/': html('<p>ok</p>') });
    fetcher = createFetcher({ hosts: [{ host: 'www.example.gov.cn', allowPrivateNetwork: false }] });
    for (const host of ['2130706433', '0177.0.0.1', '0x7f.0.0.1', '127.1', '[::ffff:7f00:1]']) {
      const result = await fetcher.fetch(`http://${host}:${server.port}/`);
      expect(result, host).toMatchObject({ ok: false, reason: 'blocked-ssrf' });
    }
    expect(server.connections()).toBe(0);
  });

  it('fetches only http and https URLs', async () => {
    fetcher = createFetcher({ hosts: [{ host: 'www.example.gov.cn' }] });
    expect(await fetcher.fetch('file:///etc/passwd')).toMatchObject({ ok: false, reason: 'invalid-url' });
    expect(await fetcher.fetch('not a url')).toMatchObject({ ok: false, reason: 'invalid-url' });
  });

  it('refuses a loopback address at the socket too, should a URL ever bypass the pre-check', async () => {
    server = await startServer({ '/': html('<p>ok</p>') });
    const agent = new Agent({
      connect: createGuardedConnector({ allowPrivateNetwork: false, connectTimeoutMs: 1_000 }),
    });
    try {
      await expect(request(`${server.origin}/`, { dispatcher: agent })).rejects.toBeInstanceOf(
        SsrfRefusedError,
      );
      await expect(request(`http://localhost:${server.port}/`, { dispatcher: agent })).rejects.toThrow(
        /localhost resolved to .* \(loopback address\)/,
      );
    } finally {
      await agent.close();
    }
    expect(server.connections()).toBe(0);
  });
});
