/**
 * A department publishes a relief list whose Word attachment names each recipient with an ID number
 * and a home address, on a page whose footer gives the bureau's own address and its contact. The
 * crawl keeps the recipients' names and addresses as findings, masked everywhere it stores them, and
 * leaves the bureau's address and contact alone.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxFile } from '../../../src/demo/files';
import type { DynamoStores } from '../../../src/store/dynamo/create-stores';
import { crawlOnce } from '../../support/crawl-once';
import { openTestStores } from '../../support/dynamo-test-stores';
import { startServer, type TestServer } from '../fetch/test-server';
import { htmlHeaders, officeHeaders, oneColumnSource } from './one-column-site';

const ID = '440703199001011239';
const DETAIL = '/zwgk/gsgg/201608/t20160812_1.htm';
const FILE = '/zwgk/gsgg/201608/P020160812_1.docx';
const TITLE = '2016年临时救助对象名单公示';

let stores: DynamoStores;
let server: TestServer;
let archiveDir: string;

beforeAll(async () => {
  stores = await openTestStores();
  archiveDir = await mkdtemp(join(tmpdir(), 'gongkai-privacy-names-'));
  server = await startServer({
    '/': (_req, res) => {
      const body = '<html><body><a href="/zwgk/gsgg/">公示公告</a></body></html>';
      res.writeHead(200, htmlHeaders(body)).end(body);
    },
    '/zwgk/gsgg/': (_req, res) => {
      const body = `<html><head><meta charset="utf-8"></head><body><ul class="list"><li><a href="${DETAIL}">${TITLE}</a><span>2016-08-12</span></li></ul></body></html>`;
      res.writeHead(200, htmlHeaders(body)).end(body);
    },
    [DETAIL]: (_req, res) => {
      const body = `<html><head><meta charset="utf-8"><title>${TITLE}</title></head><body><h1>${TITLE}</h1><div class="info">发布时间：2016-08-12</div><div class="TRS_Editor"><p>现将临时救助对象名单予以公示。</p><p>附件：<a href="${FILE}">救助名单.docx</a></p></div><div class="footer"><p>主办：江门市民政局 地址：江门市蓬江区迎宾大道中116号</p><p>联系人：王小明 电话：0750-3501234</p></div></body></html>`;
      res.writeHead(200, htmlHeaders(body)).end(body);
    },
    [FILE]: (_req, res) => {
      const body = docxFile(
        [TITLE],
        [
          ['序号', '姓名', '身份证号码', '家庭住址'],
          ['1', '张三', ID, '江门市蓬江区某某路12号'],
          ['2', '陈某某', '440703199001011234', '江门市新会区会城街道某某村3巷5号'],
        ],
      );
      res.writeHead(200, officeHeaders('docx', body)).end(body);
    },
  });
});

afterAll(async () => {
  stores?.close();
  await server?.close();
  if (archiveDir) await rm(archiveDir, { recursive: true, force: true });
});

describe('names and home addresses in a list of persons', () => {
  it('are found beside the ID, masked in what is stored, the bureau footer left alone', async () => {
    const source = oneColumnSource({
      id: 'civil-names',
      name: '民政局',
      origin: server.origin,
      column: { id: 'gsgg', name: '公示公告', path: '/zwgk/gsgg/' },
    });
    await crawlOnce(source, { stores, archiveDir, host: server.host, at: '2016-08-13T02:00:00Z' });
    const [doc] = await stores.documents.listDocuments({ sourceId: 'civil-names', columnId: 'gsgg' });
    const findings = doc!.personalData?.findings ?? [];
    // Row 3: 陈某某 is already masked and its ID fails its checksum, so its address is no finding.
    expect(findings.map((f) => [f.kind, f.where, f.masked])).toEqual([
      ['name', 'table 1 row 2', '张*'],
      ['resident-id', 'table 1 row 2', '4407**********1239'],
      ['home-address', 'table 1 row 2', '江门市蓬江区****'],
    ]);
    expect(findings.every((f) => f.file === `${server.origin}${FILE}`)).toBe(true);
    const stored = JSON.stringify(doc);
    for (const clear of ['张三', '某某路12号', ID, '会城街道']) expect(stored).not.toContain(clear);
  });
});
