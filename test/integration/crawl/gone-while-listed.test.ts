/**
 * A page its column still lists but that answers 404: the crawler requests known pages again
 * `recheckAfterDays` after it last read them (a few per column and crawl), records since when one
 * answers 404 or 410 (its archived copy stays), and clears that when it answers again.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoStores } from '../../../src/store/dynamo/create-stores';
import { crawlOnce } from '../../support/crawl-once';
import { openTestStores } from '../../support/dynamo-test-stores';
import { startServer, type TestServer } from '../fetch/test-server';
import { htmlHeaders, oneColumnSource } from './one-column-site';

const ITEMS = 4;
let stores: DynamoStores;
let server: TestServer;
let archiveDir: string;
let gone = false;
const detailRequests = new Map<string, number>();
const requestsTo = (column: string) =>
  [...detailRequests.entries()].filter(([k]) => k.startsWith(`${column}/`)).map(([, n]) => n);

beforeAll(async () => {
  stores = await openTestStores();
  archiveDir = await mkdtemp(join(tmpdir(), 'gongkai-gone-'));
  const html = htmlHeaders;
  const routes: Parameters<typeof startServer>[0] = {
    '/': (_req, res) => {
      const body = '<html><body><a href="/tzgg/">通知公告</a></body></html>';
      res.writeHead(200, html(body)).end(body);
    },
  };
  for (const column of ['tzgg', 'gkml']) {
    const rows = Array.from(
      { length: ITEMS },
      (_, i) =>
        `<li><a href="/${column}/${i}.htm">关于第${i + 1}批政务公开事项的通知</a><span>2016-07-0${i + 1}</span></li>`,
    ).join('');
    routes[`/${column}/`] = (_req, res) => {
      const body = `<html><head><meta charset="utf-8"></head><body><ul class="list">${rows}</ul></body></html>`;
      res.writeHead(200, html(body)).end(body);
    };
    for (let i = 0; i < ITEMS; i++) {
      routes[`/${column}/${i}.htm`] = (_req, res) => {
        const key = `${column}/${i}`;
        detailRequests.set(key, (detailRequests.get(key) ?? 0) + 1);
        if (gone && column === 'tzgg' && i === 0) {
          res.writeHead(404, html('not found')).end('not found');
          return;
        }
        const body = `<html><head><meta charset="utf-8"><title>关于第${i + 1}批政务公开事项的通知</title></head><body><h1>关于第${i + 1}批政务公开事项的通知</h1><div>发布日期：2016-07-0${i + 1}</div><div class="TRS_Editor"><p>现将有关事项通知如下。</p></div></body></html>`;
        res.writeHead(200, html(body)).end(body);
      };
    }
  }
  server = await startServer(routes);
});

afterAll(async () => {
  stores?.close();
  await server?.close();
  if (archiveDir) await rm(archiveDir, { recursive: true, force: true });
});

describe('a listed page that answers 404', () => {
  it('is found gone by a re-check, keeps its archived copy, and is cleared when it answers again', async () => {
    const source = oneColumnSource({
      id: 'gone-site',
      name: '撤稿站点',
      origin: server.origin,
      column: { id: 'tzgg', name: '通知公告', path: '/tzgg/' },
      limits: { recheckAfterDays: 28, rechecksPerColumn: ITEMS },
    });
    const options = { stores, archiveDir, host: server.host };
    const first = async () =>
      (await stores.documents.listDocuments({ sourceId: 'gone-site' })).find((d) =>
        d.url.endsWith('/0.htm'),
      )!;

    await crawlOnce(source, { ...options, at: '2016-07-20T02:00:00Z' });
    const archived = (await first()).sha256;
    expect(archived).toMatch(/^[0-9a-f]{64}$/);
    gone = true;

    // A week later nothing is due: no page is requested again.
    await crawlOnce(source, { ...options, at: '2016-07-27T02:00:00Z' });
    expect(requestsTo('tzgg')).toEqual([1, 1, 1, 1]);
    expect((await first()).goneSince ?? null).toBeNull();

    // Four weeks after they were read, every listed page is requested again; one answers 404.
    await crawlOnce(source, { ...options, at: '2016-08-17T02:00:00Z' });
    expect(requestsTo('tzgg')).toEqual([2, 2, 2, 2]);
    let doc = await first();
    expect(doc.goneSince).toBe('2016-08-17T02:00:00.000Z');
    expect(doc.sha256).toBe(archived);
    expect(doc.problem ?? null).toBeNull();
    expect(doc.absences).toEqual([]);

    // Still gone four weeks later: the first day it was seen gone stays.
    await crawlOnce(source, { ...options, at: '2016-09-14T02:00:00Z' });
    expect((await first()).goneSince).toBe('2016-08-17T02:00:00.000Z');

    gone = false;
    await crawlOnce(source, { ...options, at: '2016-10-12T02:00:00Z' });
    doc = await first();
    expect(doc.goneSince ?? null).toBeNull();
    expect(doc.recheckedAt).toBe('2016-10-12T02:00:00.000Z');
  });

  it('re-checks no more pages per column and crawl than the limit allows, the longest unchecked first', async () => {
    const source = oneColumnSource({
      id: 'gone-site-limited',
      name: '撤稿站点（限额）',
      origin: server.origin,
      column: { id: 'gkml', name: '公开目录', path: '/gkml/' },
      limits: { recheckAfterDays: 28, rechecksPerColumn: 1 },
    });
    const options = { stores, archiveDir, host: server.host };
    await crawlOnce(source, { ...options, at: '2017-01-02T02:00:00Z' });
    await crawlOnce(source, { ...options, at: '2017-02-06T02:00:00Z' });
    await crawlOnce(source, { ...options, at: '2017-02-07T02:00:00Z' });
    // Read once each when new; then one re-check per crawl, never the same page twice.
    expect(requestsTo('gkml').reduce((a, b) => a + b, 0)).toBe(ITEMS + 2);
    expect(Math.max(...requestsTo('gkml'))).toBe(2);
  });
});
