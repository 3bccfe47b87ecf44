/**
 * Intruders against the SSRF guard. A target server listens on loopback (IPv4 and IPv6) at a port
 * no source opts in for; every spelling of "this machine" is tried against it directly and through
 * a redirect from a source that did opt in. The guard must refuse each one before connecting: the
 * target counts zero connections, and the fetcher sent no request the opted-in server did not see.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher, type Fetcher } from '../../../src/crawl/fetch';
import { html, startServer, type TestServer } from '../fetch/test-server';

let target4: TestServer;
let target6: TestServer;
let source: TestServer;
/** Where the opted-in source redirects: set per case, read by its handler. */
let redirectTo = '';

beforeAll(async () => {
  target4 = await startServer({ '/': html('<p>internal</p>'), '/secret': html('<p>internal</p>') });
  target6 = await startServer({ '/': html('<p>internal</p>') }, { bind: '::1' });
  source = await startServer({
    '/go': (_req, res) => {
      res.writeHead(302, { location: redirectTo });
      res.end();
    },
  });
});

afterAll(async () => {
  await Promise.all([target4?.close(), target6?.close(), source?.close()]);
});

/** Spellings of loopback (and of "any address", which reaches loopback on Linux) at the target's port. */
function loopbackForms(): { form: string; url: string }[] {
  const p4 = target4.port;
  const p6 = target6.port;
  return [
    { form: 'localhost (a name resolving to loopback)', url: `http://localhost:${p4}/secret` },
    { form: 'localhost. (trailing dot)', url: `http://localhost.:${p4}/secret` },
    { form: '127.0.0.1 on a port no source lists', url: `http://127.0.0.1:${p4}/secret` },
    { form: 'decimal 2130706433', url: `http://2130706433:${p4}/secret` },
    { form: 'octal 0177.0.0.1', url: `http://0177.0.0.1:${p4}/secret` },
    { form: 'hex 0x7f.0.0.1', url: `http://0x7f.0.0.1:${p4}/secret` },
    { form: 'short 127.1', url: `http://127.1:${p4}/secret` },
    { form: 'unspecified 0.0.0.0', url: `http://0.0.0.0:${p4}/secret` },
    { form: 'bare 0', url: `http://0:${p4}/secret` },
    {
      form: 'userinfo disguise www.jiangmen.gov.cn@127.0.0.1',
      url: `http://www.jiangmen.gov.cn@127.0.0.1:${p4}/secret`,
    },
    { form: 'IPv4-mapped [::ffff:127.0.0.1]', url: `http://[::ffff:127.0.0.1]:${p4}/secret` },
    { form: 'IPv6 [::1]', url: `http://[::1]:${p6}/` },
    { form: 'IPv6 long form [0:0:0:0:0:0:0:1]', url: `http://[0:0:0:0:0:0:0:1]:${p6}/` },
    { form: 'IPv6 unspecified [::]', url: `http://[::]:${p6}/` },
  ];
}

const REFUSED = ['blocked-ssrf', 'host-not-allowed'];

function connectionsToTargets(): number {
  return target4.connections() + target6.connections();
}

describe('SSRF intruders', () => {
  let fetcher: Fetcher;

  it('I01 refuses every loopback spelling asked for directly, when only a public host is listed', async () => {
    fetcher = createFetcher({
      hosts: [{ host: 'www.jiangmen.gov.cn' }],
      respectRobots: false,
      perHostDelayMs: 0,
      connectTimeoutMs: 500,
    });
    try {
      for (const { form, url } of loopbackForms()) {
        const result = await fetcher.fetch(url);
        expect(result, form).toMatchObject({ ok: false, attempts: 0 });
        if (!result.ok)
          expect(REFUSED, `${form}: ${result.reason} ${result.message}`).toContain(result.reason);
      }
      expect(fetcher.stats().requests).toBe(0);
      expect(connectionsToTargets()).toBe(0);
    } finally {
      await fetcher.close();
    }
  });

  it('I02 refuses every loopback spelling even when that exact host:port is listed without the private-network opt-in', async () => {
    // "localhost." does not resolve on every machine (ENOTFOUND here), so listing it proves nothing.
    const forms = loopbackForms().filter(({ form }) => !form.includes('trailing dot'));
    fetcher = createFetcher({
      hosts: forms.map(({ url }) => ({ host: new URL(url).host, allowPrivateNetwork: false })),
      respectRobots: false,
      perHostDelayMs: 0,
      connectTimeoutMs: 500,
    });
    try {
      for (const { form, url } of forms) {
        const result = await fetcher.fetch(url);
        expect(result, form).toMatchObject({ ok: false, reason: 'blocked-ssrf' });
        if (!result.ok) expect(result.message, form).toMatch(/loopback|unspecified|IPv4-mapped/);
      }
      expect(connectionsToTargets()).toBe(0);
    } finally {
      await fetcher.close();
    }
  });

  it('I03 refuses a redirect from an opted-in source to every loopback spelling on a host that did not opt in', async () => {
    fetcher = createFetcher({
      hosts: [
        { host: source.host, allowPrivateNetwork: true },
        // The targets are listed too, without the opt-in: being a known host is not enough.
        { host: `localhost:${target4.port}`, allowPrivateNetwork: false },
      ],
      respectRobots: false,
      perHostDelayMs: 0,
      connectTimeoutMs: 500,
    });
    try {
      // Refusals inside the connector count as requests in the fetcher's stats, though no byte left.
      let refusedAtConnect = 0;
      for (const { form, url } of loopbackForms()) {
        redirectTo = url;
        const before = source.received.length;
        const result = await fetcher.fetch(`${source.origin}/go`);
        expect(result, form).toMatchObject({ ok: false });
        if (!result.ok) {
          expect(REFUSED, `${form}: ${result.reason} ${result.message}`).toContain(result.reason);
          if (result.message.startsWith('connection refused by the SSRF guard')) refusedAtConnect++;
        }
        expect(source.received.length - before, form).toBe(1);
      }
      // Every request the fetcher sent was one of the redirects the source answered.
      expect(fetcher.stats().requests - refusedAtConnect).toBe(source.received.length);
      expect(refusedAtConnect).toBe(1);
      expect(connectionsToTargets()).toBe(0);
    } finally {
      await fetcher.close();
    }
  });

  it('I04 reaches the target once it is listed with the opt-in, so the refusals above are the guard’s doing', async () => {
    fetcher = createFetcher({
      hosts: [{ host: target4.host, allowPrivateNetwork: true }],
      respectRobots: false,
      perHostDelayMs: 0,
    });
    try {
      expect(await fetcher.fetch(`${target4.origin}/secret`)).toMatchObject({ ok: true, status: 200 });
      expect(target4.connections()).toBe(1);
    } finally {
      await fetcher.close();
    }
  });
});
