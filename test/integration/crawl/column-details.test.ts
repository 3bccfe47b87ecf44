/**
 * A source with one busy column: its list pages and the detail pages of its new items are fetched
 * in parallel up to the host's limit, never beyond it, and every item ends up a document.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Source, SourceSchema } from '../../../src/core/source';
import type { DynamoStores } from '../../../src/store/dynamo/create-stores';
import { crawlOnce } from '../../support/crawl-once';
import { openTestStores } from '../../support/dynamo-test-stores';
import { startServer, type TestServer } from '../fetch/test-server';

const ITEMS = 12;
const PER_HOST = 3;
/** The paged column: a TRS list of 7 pages (index.htm, index_1.htm … index_6.htm), 2 items each. */
const LIST_PAGES = 7;

let stores: DynamoStores;
let server: TestServer;
let archiveDir: string;
let detailsInFlight = 0;
let maxDetailsInFlight = 0;
let listsInFlight = 0;
let maxListsInFlight = 0;

const detailPath = (i: number) => `/zwgk/tzgg/201607/t201607${String(10 + i)}_${i}.htm`;

function listPage(): string {
  const rows = Array.from(
    { length: ITEMS },
    (_, i) =>
      `<li><a href="${detailPath(i)}">关于第${i + 1}批政务公开事项的通知</a><span>2016-07-${10 + i}</span></li>`,
  );
  return `<html><head><meta charset="utf-8"><title>通知公告</title></head><body><ul class="list">${rows.join('')}</ul></body></html>`;
}

/** Page `n` of the paged column: two undated-in-list items whose dates are in their URLs. */
function pagedListPage(n: number): string {
  const rows = [0, 1].map(
    (k) =>
      `<li><a href="/zwgk/zcwj/201608/t201608${String(10 + n)}_${n * 2 + k}.htm">政策文件 第${n + 1}页 第${k + 1}条</a><span>2016-08-${10 + n}</span></li>`,
  );
  return `<html><head><meta charset="utf-8"><title>政策文件</title></head><body><ul class="list">${rows.join('')}</ul><script>createPageHTML(${LIST_PAGES}, ${n}, "index", "htm");</script></body></html>`;
}

function detailPage(i: number): string {
  return `<html><head><meta charset="utf-8"><title>关于第${i + 1}批政务公开事项的通知</title></head><body><h1>关于第${i + 1}批政务公开事项的通知</h1><div class="info">发布时间：2016-07-${10 + i}</div><div class="TRS_Editor"><p>根据政务公开工作要点，现将有关事项通知如下。</p></div></body></html>`;
}

beforeAll(async () => {
  stores = await openTestStores();
  archiveDir = await mkdtemp(join(tmpdir(), 'gongkai-column-details-'));
  const html = (body: string) => ({
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  const routes: Parameters<typeof startServer>[0] = {
    '/': (_req, res) => {
      const body = '<html><body><a href="/zwgk/tzgg/">通知公告</a></body></html>';
      res.writeHead(200, html(body)).end(body);
    },
    '/zwgk/tzgg/': (_req, res) => {
      const body = listPage();
      res.writeHead(200, html(body)).end(body);
    },
  };
  for (let i = 0; i < ITEMS; i++) {
    routes[detailPath(i)] = async (_req, res) => {
      detailsInFlight += 1;
      maxDetailsInFlight = Math.max(maxDetailsInFlight, detailsInFlight);
      // Slow enough that requests sent together overlap at the server.
      await new Promise((resolve) => setTimeout(resolve, 40));
      detailsInFlight -= 1;
      const body = detailPage(i);
      res.writeHead(200, html(body)).end(body);
    };
  }
  for (let n = 0; n < LIST_PAGES; n++) {
    routes[n === 0 ? '/zwgk/zcwj/index.htm' : `/zwgk/zcwj/index_${n}.htm`] = async (_req, res) => {
      listsInFlight += 1;
      maxListsInFlight = Math.max(maxListsInFlight, listsInFlight);
      await new Promise((resolve) => setTimeout(resolve, 40));
      listsInFlight -= 1;
      const body = pagedListPage(n);
      res.writeHead(200, html(body)).end(body);
    };
  }
  server = await startServer(routes);
});

afterAll(async () => {
  stores?.close();
  await server?.close();
  if (archiveDir) await rm(archiveDir, { recursive: true, force: true });
});

describe('a column with many new items', () => {
  it('fetches their detail pages in parallel up to the per-host limit and records every one', async () => {
    const source: Source = SourceSchema.parse({
      id: 'busy-site',
      units: ['市政务服务数据管理局'],
      name: '单栏目站点',
      homepage: `${server.origin}/`,
      allowPrivateNetwork: true,
      columns: [{ id: 'tzgg', name: '通知公告', url: `${server.origin}/zwgk/tzgg/`, kind: 'notice' }],
      limits: { perHostConcurrency: PER_HOST, perHostDelayMs: 0 },
    });
    const summary = await crawlOnce(source, {
      stores,
      archiveDir,
      host: server.host,
      at: '2016-07-25T02:00:00Z',
      runId: 'column-details',
      perHostConcurrency: PER_HOST,
    });
    expect(summary).toMatchObject({ reachable: true, newDocuments: ITEMS, errors: 0 });
    expect(maxDetailsInFlight).toBe(PER_HOST);
    const docs = await stores.documents.listDocuments({ sourceId: 'busy-site', columnId: 'tzgg' });
    expect(docs).toHaveLength(ITEMS);
    for (const doc of docs) {
      expect(doc.sha256, doc.url).toMatch(/^[0-9a-f]{64}$/);
      expect(doc.date, doc.url).toMatch(/^2016-07-\d\d$/);
    }
  });

  it('fetches the list pages a pager announces in parallel, up to the per-host limit, and reads every item on them', async () => {
    const source: Source = SourceSchema.parse({
      id: 'paged-site',
      units: ['市司法局'],
      name: '分页栏目站点',
      homepage: `${server.origin}/`,
      allowPrivateNetwork: true,
      columns: [
        { id: 'zcwj', name: '政策文件', url: `${server.origin}/zwgk/zcwj/index.htm`, kind: 'policy' },
      ],
      limits: { perHostConcurrency: PER_HOST, perHostDelayMs: 0, fetchDetails: false },
    });
    const summary = await crawlOnce(source, {
      stores,
      archiveDir,
      host: server.host,
      at: '2016-08-25T02:00:00Z',
      runId: 'paged-column',
      perHostConcurrency: PER_HOST,
    });
    expect(summary).toMatchObject({
      reachable: true,
      pages: 1 + LIST_PAGES,
      newDocuments: LIST_PAGES * 2,
      errors: 0,
    });
    expect(maxListsInFlight).toBe(PER_HOST);
    const listed = server.received.map((r) => r.path).filter((path) => path.startsWith('/zwgk/zcwj/'));
    expect(listed).toHaveLength(LIST_PAGES);
    const docs = await stores.documents.listDocuments({ sourceId: 'paged-site', columnId: 'zcwj' });
    expect(docs.map((d) => d.title).sort()).toEqual(
      Array.from(
        { length: LIST_PAGES * 2 },
        (_, i) => `政策文件 第${Math.floor(i / 2) + 1}页 第${(i % 2) + 1}条`,
      ).sort(),
    );
    const state = await stores.documents.getPageState(`${server.origin}/zwgk/zcwj/index.htm`);
    expect(state).toMatchObject({ itemCount: LIST_PAGES * 2, undatedCount: 0, newestItemDate: '2016-08-16' });
  });
});
