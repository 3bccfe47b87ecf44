/**
 * A department publishes a subsidy list with ID numbers in its attachment, then fixes it in place:
 * the same page, the same attachment address, the numbers masked. The crawler reads a leaking
 * document again on every crawl until it is fixed, records the day of the fix, keeps what was
 * exposed, and stops reading it again; a read that fails claims no fix.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settledOn } from '../../../src/core/privacy';
import { xlsxFile } from '../../../src/demo/files';
import type { DynamoStores } from '../../../src/store/dynamo/create-stores';
import { crawlOnce } from '../../support/crawl-once';
import { openTestStores } from '../../support/dynamo-test-stores';
import { startServer, type TestServer } from '../fetch/test-server';
import { htmlHeaders, officeHeaders, oneColumnSource } from './one-column-site';

const ID = '440781198502020015';
const DETAIL = '/zwgk/gsgg/201607/t20160720_1.htm';
const FILE = '/zwgk/gsgg/201607/P020160720_1.xlsx';

let stores: DynamoStores;
let server: TestServer;
let archiveDir: string;
/** What the site serves for the attachment today. */
let attachment: 'leaking' | 'masked' | 'error' = 'leaking';

beforeAll(async () => {
  stores = await openTestStores();
  archiveDir = await mkdtemp(join(tmpdir(), 'gongkai-privacy-fix-'));
  server = await startServer({
    '/': (_req, res) => {
      const body = '<html><body><a href="/zwgk/gsgg/">公示公告</a></body></html>';
      res.writeHead(200, htmlHeaders(body)).end(body);
    },
    '/zwgk/gsgg/': (_req, res) => {
      const body = `<html><head><meta charset="utf-8"></head><body><ul class="list"><li><a href="${DETAIL}">2016年第二批就业补贴发放名单公示</a><span>2016-07-20</span></li></ul></body></html>`;
      res.writeHead(200, htmlHeaders(body)).end(body);
    },
    [DETAIL]: (_req, res) => {
      const body = `<html><head><meta charset="utf-8"><title>2016年第二批就业补贴发放名单公示</title></head><body><h1>2016年第二批就业补贴发放名单公示</h1><div class="info">发布时间：2016-07-20</div><div class="TRS_Editor"><p>现将补贴发放名单予以公示，公示期为5个工作日。</p><p>附件：<a href="${FILE}">补贴名单.xlsx</a></p></div></body></html>`;
      res.writeHead(200, htmlHeaders(body)).end(body);
    },
    [FILE]: (_req, res) => {
      if (attachment === 'error') {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      const id = attachment === 'leaking' ? ID : '4407**********0015';
      const body = xlsxFile('名单', [
        ['序号', '姓名', '身份证号'],
        ['1', '陈某', id],
      ]);
      res.writeHead(200, officeHeaders('xlsx', body)).end(body);
    },
  });
});

afterAll(async () => {
  stores?.close();
  await server?.close();
  if (archiveDir) await rm(archiveDir, { recursive: true, force: true });
});

const source = () =>
  oneColumnSource({
    id: 'hrss-fix',
    name: '人社局',
    origin: server.origin,
    column: { id: 'gsgg', name: '公示公告', path: '/zwgk/gsgg/' },
  });

async function crawlOn(day: string) {
  await crawlOnce(source(), { stores, archiveDir, host: server.host, at: `${day}T02:00:00Z` });
  const [doc] = await stores.documents.listDocuments({ sourceId: 'hrss-fix', columnId: 'gsgg' });
  return doc!;
}

const fileFetches = () => server.received.filter((r) => r.path === FILE).length;

describe('personal data fixed in place', () => {
  it('is read again while it leaks, marked fixed on the day it is masked, and then left alone', async () => {
    const first = await crawlOn('2016-07-21');
    expect(first.personalData?.findings.map((f) => [f.kind, f.masked])).toEqual([
      ['resident-id', '4407**********0015'],
    ]);
    expect(fileFetches()).toBe(1);

    const stillLeaking = await crawlOn('2016-07-22');
    expect(fileFetches()).toBe(2);
    expect(stillLeaking.personalData?.fixedAt).toBeUndefined();

    // The site fails on the day of a read: no fix is claimed, what was found is kept.
    attachment = 'error';
    const failed = await crawlOn('2016-07-23');
    expect(fileFetches()).toBe(3);
    expect(failed.personalData?.fixedAt).toBeUndefined();
    expect(failed.personalData?.findings).toHaveLength(1);
    expect(failed.firstSeen).toBe(first.firstSeen);

    attachment = 'masked';
    const fixed = await crawlOn('2016-07-25');
    expect(fixed.personalData?.fixedAt).toBe('2016-07-25T02:00:00.000Z');
    expect(fixed.personalData?.findings.map((f) => f.masked)).toEqual(['4407**********0015']);
    expect(fixed.firstSeen).toBe(first.firstSeen);
    expect(settledOn(fixed, '2016-07-31')).toEqual({ on: '2016-07-25', how: 'fixed' });

    await crawlOn('2016-07-26');
    expect(fileFetches()).toBe(4);
  });
});
