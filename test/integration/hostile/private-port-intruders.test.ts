/**
 * The private-network opt-in is a host and a port. A source whose homepage is `http://127.0.0.1/`
 * opts in port 80 of loopback, nothing else: an admin service on another loopback port stays out of
 * reach by link and by redirect, and the target server sees no connection at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SourceSchema } from '../../../src/core/source';
import { createFetcher } from '../../../src/crawl/fetch';
import { sourceHosts } from '../../../src/crawl/source-hosts';
import { html, startServer, type TestServer } from '../fetch/test-server';

let admin: TestServer;
let redirector: TestServer;

beforeAll(async () => {
  admin = await startServer({ '/admin/users': html('<p>internal admin</p>') });
  redirector = await startServer({
    '/go': (_req, res) => {
      res.writeHead(302, { location: `http://127.0.0.1:${admin.port}/admin/users` }).end();
    },
  });
});

afterAll(async () => {
  await Promise.all([admin?.close(), redirector?.close()]);
});

const source = SourceSchema.parse({
  id: 'loopback-site',
  units: ['市测试局'],
  name: '测试局',
  homepage: 'http://127.0.0.1/',
  allowPrivateNetwork: true,
  columns: [{ id: 'tzgg', name: '通知公告', kind: 'notice', url: 'http://127.0.0.1/tzgg/' }],
});

describe('the private-network opt-in names one port', () => {
  it('H19-05a pins a homepage without a port to its scheme’s default port', () => {
    expect(sourceHosts(source)).toEqual([{ host: '127.0.0.1:80', allowPrivateNetwork: true }]);
    expect(
      sourceHosts({ ...source, homepage: 'https://[::1]/', columns: [], allowPrivateNetwork: true }),
    ).toEqual([{ host: '[::1]:443', allowPrivateNetwork: true }]);
  });

  it('H19-05b refuses a link to another loopback port of an opted-in homepage', async () => {
    const fetcher = createFetcher({ hosts: sourceHosts(source), respectRobots: false, perHostDelayMs: 0 });
    try {
      const result = await fetcher.fetch(`http://127.0.0.1:${admin.port}/admin/users`);
      expect(result).toMatchObject({ ok: false, reason: 'blocked-ssrf', attempts: 0 });
      expect(admin.connections()).toBe(0);
    } finally {
      await fetcher.close();
    }
  });

  it('H19-05c refuses a redirect to another loopback port of an opted-in homepage', async () => {
    // The redirecting server stands in for the homepage's port 80, which a test cannot bind.
    const fetcher = createFetcher({
      hosts: [...sourceHosts(source), { host: redirector.host, allowPrivateNetwork: true }],
      respectRobots: false,
      perHostDelayMs: 0,
    });
    try {
      const result = await fetcher.fetch(`${redirector.origin}/go`);
      expect(result).toMatchObject({ ok: false, reason: 'blocked-ssrf' });
      expect(redirector.received).toHaveLength(1);
      expect(admin.connections()).toBe(0);
    } finally {
      await fetcher.close();
    }
  });
});
