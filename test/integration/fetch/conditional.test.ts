import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Fetcher } from '../../../src/crawl/fetch';
import { fetcherFor, startServer, type TestServer } from './test-server';

const PAGE = '<html><body>关于2016年政务公开工作要点的通知</body></html>';
const ETAG = '"v1-abc"';
const LAST_MODIFIED = 'Fri, 15 Jul 2016 03:00:00 GMT';

describe('conditional GET', () => {
  let server: TestServer;
  let fetcher: Fetcher;
  afterEach(async () => {
    await fetcher?.close();
    await server?.close();
  });

  const conditionalPage = () =>
    startServer({
      '/notice': (req, res) => {
        const matches =
          req.headers['if-none-match'] === ETAG || req.headers['if-modified-since'] === LAST_MODIFIED;
        if (matches) {
          res.writeHead(304, { etag: ETAG, 'last-modified': LAST_MODIFIED });
          res.end();
          return;
        }
        res.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          etag: ETAG,
          'last-modified': LAST_MODIFIED,
        });
        res.end(PAGE);
      },
    });

  it('returns validators and the body hash, then notModified when the etag still matches', async () => {
    server = await conditionalPage();
    fetcher = fetcherFor([server]);
    const first = await fetcher.fetch(`${server.origin}/notice`);
    expect(first).toMatchObject({
      ok: true,
      notModified: false,
      status: 200,
      etag: ETAG,
      lastModified: LAST_MODIFIED,
    });
    if (!first.ok || first.notModified) throw new Error('expected a body');
    expect(first.sha256).toBe(createHash('sha256').update(PAGE).digest('hex'));

    const second = await fetcher.fetch(`${server.origin}/notice`, { etag: first.etag });
    expect(second).toMatchObject({ ok: true, notModified: true, status: 304 });
    expect(second).not.toHaveProperty('body');
    expect(server.received.at(-1)?.headers['if-none-match']).toBe(ETAG);
    expect(fetcher.stats().notModified).toBe(1);
  });

  it('sends If-Modified-Since from the previous Last-Modified', async () => {
    server = await conditionalPage();
    fetcher = fetcherFor([server]);
    const result = await fetcher.fetch(`${server.origin}/notice`, { lastModified: LAST_MODIFIED });
    expect(result).toMatchObject({ ok: true, notModified: true });
    expect(server.received.at(-1)?.headers['if-modified-since']).toBe(LAST_MODIFIED);
  });

  it('returns the full body when the validator is stale', async () => {
    server = await conditionalPage();
    fetcher = fetcherFor([server]);
    const result = await fetcher.fetch(`${server.origin}/notice`, { etag: '"v0-old"' });
    expect(result).toMatchObject({ ok: true, notModified: false, status: 200, etag: ETAG });
  });
});
