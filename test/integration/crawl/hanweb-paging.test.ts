/**
 * A Hanweb (大汉) JCMS column: the page embeds its first group of records in a `<datastore>` and
 * names its paging endpoint in `<nextgroup>`; `dataproxy.jsp?page=N` answers XML with `<totalpage>`.
 * The crawler follows the endpoint and stores every record of every page, once.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoStores } from '../../../src/store/dynamo/create-stores';
import { crawlOnce } from '../../support/crawl-once';
import { openTestStores } from '../../support/dynamo-test-stores';
import { type Handler, startServer, type TestServer } from '../fetch/test-server';
import { htmlHeaders, oneColumnSource } from './one-column-site';

const PER_PAGE = 5;
const PAGES = 3;
const TOTAL = PER_PAGE * PAGES - 2;
const PROXY = '/module/web/jpage/dataproxy.jsp';
const PARAMS = 'appid=1&webid=1&path=/&columnid=100&unitid=7&webname=%E6%9F%90%E5%B8%82&permissiontype=0';

let stores: DynamoStores;
let server: TestServer;
let archiveDir: string;
const proxyPages: string[] = [];

const day = (n: number) => `2016-07-${String(28 - n).padStart(2, '0')}`;
const record = (n: number) =>
  `<record><![CDATA[\n<li><a target="_blank" href="/art/${day(n).replaceAll('-', '/')}/art_100_${n}.html" title="关于第${n}项政务公开事项的通知">关于第${n}项政务公开事项的...</a><b>${day(n)}</b></li>]]></record>`;
const records = (page: number) => {
  const out: string[] = [];
  for (let n = (page - 1) * PER_PAGE + 1; n <= Math.min(page * PER_PAGE, TOTAL); n++) out.push(record(n));
  return out.join('\n');
};

beforeAll(async () => {
  stores = await openTestStores();
  archiveDir = await mkdtemp(join(tmpdir(), 'gongkai-hanweb-'));
  const column: Handler = (_req, res) => {
    const body = `<html><head><meta charset="utf-8"></head><body><div id="100">
<script type="text/xml"><datastore><nextgroup><![CDATA[<a href="${PROXY}?page=1&${PARAMS}"></a>]]></nextgroup>
<recordset>${records(1)}</recordset></datastore></script></div></body></html>`;
    res.writeHead(200, htmlHeaders(body)).end(body);
  };
  const proxy: Handler = (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    proxyPages.push(url.searchParams.get('page') ?? '?');
    const page = Number(url.searchParams.get('page'));
    if (url.searchParams.get('columnid') !== '100' || !(page >= 1 && page <= PAGES)) {
      res.writeHead(200, { 'content-type': 'text/xml;charset=UTF-8' }).end('<datastore></datastore>');
      return;
    }
    const body = `<?xml version="1.0" encoding="UTF-8"?><datastore><totalrecord>${TOTAL}</totalrecord><totalpage>${PAGES}</totalpage><recordset>${records(page)}</recordset></datastore>`;
    res.writeHead(200, { 'content-type': 'text/xml;charset=UTF-8' }).end(body);
  };
  const detail: Handler = (req, res) => {
    const n = Number(/art_100_(\d+)\.html$/.exec(req.url ?? '')?.[1]);
    const body = `<html><head><meta charset="utf-8"><title>关于第${n}项政务公开事项的通知</title></head><body><h1>关于第${n}项政务公开事项的通知</h1><div>发布日期：${day(n)}</div></body></html>`;
    res.writeHead(200, htmlHeaders(body)).end(body);
  };
  // Routes are keyed by path and query; the paging endpoint and the articles answer for any.
  const home: Handler = (_req, res) => {
    const body = '<html><body><a href="/col/col100/index.html">通知公告</a></body></html>';
    res.writeHead(200, htmlHeaders(body)).end(body);
  };
  const routes = new Proxy({ '/': home, '/col/col100/index.html': column } as Record<string, Handler>, {
    get: (target, key: string) =>
      target[key] ?? (key.startsWith(`${PROXY}?`) ? proxy : key.startsWith('/art/') ? detail : undefined),
  });
  server = await startServer(routes);
});

afterAll(async () => {
  stores?.close();
  await server?.close();
  if (archiveDir) await rm(archiveDir, { recursive: true, force: true });
});

describe('a Hanweb column paged through dataproxy.jsp', () => {
  it('stores every record of every page once, with its whole title and its date', async () => {
    const source = oneColumnSource({
      id: 'hanweb-site',
      name: '大汉站点',
      origin: server.origin,
      column: { id: 'col100', name: '通知公告', path: '/col/col100/index.html' },
      limits: { maxPages: 10 },
    });
    const summary = await crawlOnce(source, {
      stores,
      archiveDir,
      host: server.host,
      at: '2016-07-29T02:00:00Z',
    });
    expect(summary.errors ?? 0).toBe(0);
    expect(proxyPages.sort()).toEqual(['1', '2', '3']);
    const documents = await stores.documents.listDocuments({ sourceId: 'hanweb-site' });
    expect(documents.map((d) => d.url.replace(server.origin, '')).sort()).toEqual(
      Array.from(
        { length: TOTAL },
        (_, i) => `/art/${day(i + 1).replaceAll('-', '/')}/art_100_${i + 1}.html`,
      ).sort(),
    );
    const third = documents.find((d) => d.url.endsWith('/art_100_13.html'))!;
    expect([third.title, third.date]).toEqual(['关于第13项政务公开事项的通知', day(13)]);
    // Where its copy was archived is recorded, so a report links it without a lookup.
    expect(third.archiveKey).toBe(`sha256/${third.sha256!.slice(0, 2)}/${third.sha256}.html`);
  });
});
