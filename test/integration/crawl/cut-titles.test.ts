/**
 * A list that cuts a title short with "..." and gives no title= attribute: the crawler stores the
 * whole title from the detail page it reads anyway, and the next sweep, seeing the same cut title
 * in the list, neither reads the page again nor counts it as retitled.
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

const FULL = '江门市食品药品监督管理局关于2016年第二季度食品安全监督抽检结果的通告';
const OTHER = '关于开展夏季食品安全专项检查的通知';

let stores: DynamoStores;
let server: TestServer;
let archiveDir: string;
let detailReads = 0;

beforeAll(async () => {
  stores = await openTestStores();
  archiveDir = await mkdtemp(join(tmpdir(), 'gongkai-cut-titles-'));
  const html = htmlHeaders;
  const page = (title: string) =>
    `<html><head><meta charset="utf-8"><title>${title}_江门市食品药品监督管理局</title></head><body><h1>${title}</h1><div>发布日期：2016-07-15</div><div class="TRS_Editor"><p>现将抽检结果通告如下。</p></div></body></html>`;
  server = await startServer({
    '/': (_req, res) => {
      const body = '<html><body><a href="/tzgg/">通知公告</a></body></html>';
      res.writeHead(200, html(body)).end(body);
    },
    '/tzgg/': (_req, res) => {
      const body = `<html><head><meta charset="utf-8"></head><body><ul class="list"><li><a href="/tzgg/1.htm">${FULL.slice(0, 20)}...</a><span>2016-07-15</span></li><li><a href="/tzgg/2.htm">${OTHER}</a><span>2016-07-08</span></li></ul></body></html>`;
      res.writeHead(200, html(body)).end(body);
    },
    '/tzgg/1.htm': (_req, res) => {
      detailReads += 1;
      const body = page(FULL);
      res.writeHead(200, html(body)).end(body);
    },
    '/tzgg/2.htm': (_req, res) => {
      const body = page(OTHER);
      res.writeHead(200, html(body)).end(body);
    },
  });
});

afterAll(async () => {
  stores?.close();
  await server?.close();
  if (archiveDir) await rm(archiveDir, { recursive: true, force: true });
});

describe('a title the list cuts short', () => {
  it('is stored whole from the detail page, and the next sweep keeps it as the same document', async () => {
    const source = oneColumnSource({
      id: 'cut-titles',
      name: '截断标题站点',
      origin: server.origin,
      column: { id: 'tzgg', name: '通知公告', path: '/tzgg/' },
    });
    const options = { stores, archiveDir, host: server.host };
    await crawlOnce(source, { ...options, at: '2016-07-20T02:00:00Z' });
    await crawlOnce(source, { ...options, at: '2016-07-27T02:00:00Z' });
    const docs = await stores.documents.listDocuments({ sourceId: 'cut-titles', columnId: 'tzgg' });
    const cut = docs.find((d) => d.url.endsWith('/tzgg/1.htm'))!;
    expect(cut.title).toBe(FULL);
    expect(cut.versions ?? []).toEqual([]);
    expect(cut.firstSeen).toBe('2016-07-20T02:00:00.000Z');
    expect(detailReads).toBe(1);
    expect(docs.find((d) => d.url.endsWith('/tzgg/2.htm'))?.title).toBe(OTHER);
  });
});
