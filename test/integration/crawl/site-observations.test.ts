/**
 * What the website-inspection rules need from a crawl: the home page read as a list (newest dated
 * item, item count, undated items), every column's statistics at every check — also when the column
 * answers 304 — and the hash of each page as read, which finds its archived copy.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Source, SourceSchema } from '../../../src/core/source';
import { DirectoryArchive } from '../../../src/store/archive/directory-archive';
import type { DynamoStores } from '../../../src/store/dynamo/create-stores';
import { crawlOnce } from '../../support/crawl-once';
import { openTestStores } from '../../support/dynamo-test-stores';
import { startServer, type TestServer } from '../fetch/test-server';

const HOME = `<html><head><meta charset="utf-8"><title>江门市测试局</title></head><body>
<ul class="news"><li><a href="/xwdt/1.htm">局领导调研政务公开工作</a><span>2016-03-02</span></li>
<li><a href="/xwdt/2.htm">召开政务公开专题会议</a><span>2016-02-20</span></li>
<li><a href="/tzgg/3.htm">关于做好信息公开的通知</a></li>
<li><a href="/tzgg/4.htm">关于开展专项检查的通知</a></li></ul></body></html>`;
const LIST = `<html><head><meta charset="utf-8"><title>通知公告</title></head><body><ul class="list">
<li><a href="/tzgg/t20160115_1.htm">关于春节值班安排的通知</a><span>2016-01-15</span></li></ul></body></html>`;
const DETAIL = '<html><head><meta charset="utf-8"><title>通知</title></head><body><p>正文</p></body></html>';
const ETAG = '"list-v1"';

let stores: DynamoStores;
let server: TestServer;
let archiveDir: string;

beforeAll(async () => {
  stores = await openTestStores();
  archiveDir = await mkdtemp(join(tmpdir(), 'gongkai-site-observations-'));
  const html = { 'content-type': 'text/html; charset=utf-8' };
  server = await startServer({
    '/': (_req, res) => {
      res.writeHead(200, html).end(HOME);
    },
    '/tzgg/': (req, res) => {
      if (req.headers['if-none-match'] === ETAG) res.writeHead(304, { etag: ETAG }).end();
      else res.writeHead(200, { ...html, etag: ETAG }).end(LIST);
    },
    '/robots.txt': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /nbgl/\n');
    },
    '/tzgg/t20160115_1.htm': (_req, res) => {
      res.writeHead(200, html).end(DETAIL);
    },
  });
});

afterAll(async () => {
  stores?.close();
  await server?.close();
  if (archiveDir) await rm(archiveDir, { recursive: true, force: true });
});

const crawl = (source: Source, at: string) =>
  crawlOnce(source, { stores, archiveDir, host: server.host, at });

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('checks the inspection rules read', () => {
  it('record the home page as a list and each column at every check, with the hash of the page read', async () => {
    const source = SourceSchema.parse({
      id: 'test-bureau',
      units: ['市测试局'],
      name: '江门市测试局',
      homepage: `${server.origin}/`,
      allowPrivateNetwork: true,
      columns: [{ id: 'tzgg', name: '通知公告', url: `${server.origin}/tzgg/`, kind: 'notice' }],
      limits: { perHostDelayMs: 0 },
    });
    await crawl(source, '2016-03-07T02:00:00.000Z');
    await crawl(source, '2016-03-14T02:00:00.000Z');
    const checks = await stores.health.listChecks('test-bureau');
    const home = checks.filter((c) => c.columnId === undefined);
    const column = checks.filter((c) => c.columnId === 'tzgg');
    expect(home).toHaveLength(2);
    expect(home[0]).toMatchObject({
      ok: true,
      itemCount: 4,
      undatedCount: 2,
      newestItemDate: '2016-03-02',
      sha256: sha(HOME),
    });
    expect(
      column.map((c) => c.status),
      JSON.stringify(column),
    ).toEqual([200, 304]);
    for (const check of column) {
      expect(check).toMatchObject({
        ok: true,
        itemCount: 1,
        undatedCount: 0,
        newestItemDate: '2016-01-15',
        sha256: sha(LIST),
      });
    }
    const archive = new DirectoryArchive(archiveDir);
    expect(Buffer.from((await archive.get(sha(HOME)))!).toString('utf8')).toBe(HOME);
    expect(Buffer.from((await archive.get(sha(LIST)))!).toString('utf8')).toBe(LIST);
  });

  it('mark a column robots.txt forbids as not visited, so it does not count against availability', async () => {
    const source = SourceSchema.parse({
      id: 'robots-bureau',
      units: ['市规则局'],
      name: '江门市规则局',
      homepage: `${server.origin}/`,
      allowPrivateNetwork: true,
      columns: [{ id: 'nbgl', name: '内部管理', url: `${server.origin}/nbgl/`, kind: 'other' }],
      limits: { perHostDelayMs: 0 },
    });
    await crawl(source, '2016-03-21T02:00:00.000Z');
    const checks = await stores.health.listChecks('robots-bureau');
    expect(checks.find((c) => c.columnId === 'nbgl')).toMatchObject({ ok: false, notVisited: true });
    expect(checks.find((c) => c.columnId === undefined)).toMatchObject({ ok: true });
    expect(checks.find((c) => c.columnId === undefined)?.notVisited).toBeUndefined();
  });
});
