/**
 * Hostile sites against the bounds of one crawl (real HTTP servers on 127.0.0.1, DynamoDB Local, a
 * directory archive): a site that trickles every page, one that answers 429 with `Retry-After: 60`
 * on every page, and a list page with 100,000 links and endless pagination. Each crawl must end
 * within its bounds, keep what it read, and record why it stopped.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnChecksFrom } from '../../../src/core/match';
import { type Source, SourceSchema } from '../../../src/core/source';
import type { DynamoStores } from '../../../src/store/dynamo/create-stores';
import { crawlOnce } from '../../support/crawl-once';
import { openTestStores } from '../../support/dynamo-test-stores';
import { startServer, type TestServer } from '../fetch/test-server';

let stores: DynamoStores;
let server: TestServer;
let archiveDir: string;

const HTML = 'text/html; charset=utf-8';
const LINKS = 100_000;

/** Sends a page one byte every two seconds, for as long as the client listens. */
function trickle(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': HTML });
  const timer = setInterval(() => res.write('<'), 2000);
  res.on('close', () => clearInterval(timer));
}

function send(res: ServerResponse, status: number, body: string, extra: Record<string, string> = {}): void {
  res
    .writeHead(status, { 'content-type': HTML, 'content-length': Buffer.byteLength(body), ...extra })
    .end(body);
}

function list(rows: string[], next = ''): string {
  return `<html><head><meta charset="utf-8"><title>通知公告</title></head><body><ul class="list">${rows.join('')}</ul>${next}</body></html>`;
}

const SIX = Array.from(
  { length: 6 },
  (_, i) =>
    `<li><a href="/limited/t2016030${i + 1}_${i}.htm">2016年部门预算公开（${i + 1}）</a><span>2016-03-0${i + 1}</span></li>`,
);

// Built once: about 7 MB, under the 10 MiB body limit, so only the links cap bounds it.
const HUGE = list(
  Array.from(
    { length: LINKS },
    (_, i) => `<li><a href="/huge/t${i}.htm">第${i}号通知公告</a><span>2016-03-01</span></li>`,
  ),
  '<div class="page"><a href="/huge/?page=2">下一页</a></div>',
);

beforeAll(async () => {
  stores = await openTestStores();
  archiveDir = await mkdtemp(join(tmpdir(), 'gongkai-crawl-bounds-'));
  server = await startServer({
    '/trickle/': (_req, res) => trickle(res),
    '/trickle/list/': (_req, res) => trickle(res),
    '/limited/': (_req, res) => send(res, 200, list([])),
    '/limited/list/': (_req, res) => send(res, 200, list(SIX)),
    '/limited/other/': (_req, res) => send(res, 429, 'slow down', { 'retry-after': '60' }),
    ...Object.fromEntries(
      SIX.map((_, i) => [
        `/limited/t2016030${i + 1}_${i}.htm`,
        (_req: unknown, res: ServerResponse) => send(res, 429, 'slow down', { 'retry-after': '60' }),
      ]),
    ),
    '/huge/': (_req, res) => send(res, 200, list([])),
    '/huge/list/': (_req, res) => send(res, 200, HUGE),
    '/huge/?page=2': (_req, res) => send(res, 200, list([], '<a href="/huge/?page=3">下一页</a>')),
  });
});

afterAll(async () => {
  stores?.close();
  await server?.close();
  if (archiveDir) await rm(archiveDir, { recursive: true, force: true });
});

function source(id: string, columns: [id: string, path: string][], limits: Source['limits']): Source {
  return SourceSchema.parse({
    id,
    units: ['市财政局'],
    name: id,
    homepage: `${server.origin}/${id}/`,
    allowPrivateNetwork: true,
    columns: columns.map(([columnId, path]) => ({
      id: columnId,
      name: '通知公告',
      url: `${server.origin}${path}`,
      kind: 'notice',
    })),
    limits: { perHostDelayMs: 0, ...limits },
  });
}

const at = '2016-03-14T02:00:00Z';

describe('a deadline for a whole crawl (B04)', () => {
  it('B04a ends a site that trickles every page 1 byte / 2 s within the deadline, recorded as cut short', async () => {
    const started = Date.now();
    const summary = await crawlOnce(
      source('trickle', [['tzgg', '/trickle/list/']], { crawlDeadlineMs: 2000 }),
      {
        stores,
        archiveDir,
        host: server.host,
        at,
      },
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(summary.cutShort).toMatch(/crawl deadline of 2 s passed/);
    const checks = await stores.health.listChecks('trickle');
    expect(checks.length).toBeGreaterThanOrEqual(2);
    // No check says the site was read: its periods are insufficient-data, never missing.
    expect(checks.every((c) => !c.ok)).toBe(true);
    expect(columnChecksFrom(checks).size).toBe(0);
  });

  it('B04b does not sit out Retry-After: 60 on every page, and keeps the items it found as unread', async () => {
    const started = Date.now();
    const summary = await crawlOnce(
      source(
        'limited',
        [
          ['tzgg', '/limited/list/'],
          ['other', '/limited/other/'],
        ],
        { crawlDeadlineMs: 2000 },
      ),
      { stores, archiveDir, host: server.host, at },
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(summary.cutShort).toMatch(/deadline/);
    const docs = await stores.documents.listDocuments({ sourceId: 'limited' });
    expect(docs).toHaveLength(6);
    for (const doc of docs) {
      expect(doc.fetchedAt).toBeNull();
      expect(doc.problem).toMatchObject({ unread: true });
      expect(doc.problem?.reason).toMatch(/deadline/);
    }
    const checks = await stores.health.listChecks('limited');
    expect(checks.every((c) => !c.ok)).toBe(true);
    const other = checks.find((c) => c.columnId === 'other');
    expect(other?.error).toMatch(/retry would pass the crawl's deadline/);
  });

  it('B04c leaves a crawl within its deadline as it was: nothing is recorded as cut short', async () => {
    const summary = await crawlOnce(source('huge', [], { crawlDeadlineMs: 60_000 }), {
      stores,
      archiveDir,
      host: server.host,
      at,
    });
    expect(summary.cutShort).toBeUndefined();
    expect((await stores.health.listChecks('huge')).every((c) => c.ok)).toBe(true);
  });
});

describe('caps on links per list page and list pages per column (B05)', () => {
  it('B05a serves the generated page whole: 100,000 links, about 7 MB, one request', async () => {
    const response = await fetch(`${server.origin}/huge/list/`);
    const text = await response.text();
    expect(text.match(/<a /g)?.length).toBe(LINKS + 1);
    expect(text.length).toBeGreaterThan(5_000_000);
  });

  it('B05 reads a 100,000-link list page within the cap and records both caps', async () => {
    const heapBefore = process.memoryUsage().heapUsed;
    const summary = await crawlOnce(
      source('huge', [['tzgg', '/huge/list/']], { fetchDetails: false, maxPages: 1 }),
      { stores, archiveDir, host: server.host, at: '2016-03-15T02:00:00Z' },
    );
    const grew = process.memoryUsage().heapUsed - heapBefore;
    expect(grew).toBeLessThan(512 * 1024 * 1024);
    expect(summary.limitsHit).toEqual([
      // The page is cut by a scan of its text before parsing: what is parsed, and held, is bounded
      // by the cap, not by the page (before, the whole page was parsed: 1.8 GB at 100,000 links).
      expect.stringMatching(
        /holds 100001 links; only the first 2000 items were read \(maxLinksPerPage\): the page was parsed up to its 4500th link and no further/,
      ),
      expect.stringMatching(/column tzgg has more than 1 list pages; the rest were not read \(maxPages\)/),
    ]);
    expect(server.received.some((r) => r.path === '/huge/?page=2')).toBe(false);
    const docs = await stores.documents.listDocuments({ sourceId: 'huge', columnId: 'tzgg' });
    expect(docs).toHaveLength(2000);
    const checks = await stores.health.listChecks('huge');
    const column = checks.find((c) => c.columnId === 'tzgg' && c.checkedAt.startsWith('2016-03-15'));
    expect(column).toMatchObject({ ok: true, itemCount: 2000 });
    expect(column?.limitHit).toMatch(/maxLinksPerPage.*maxPages/);
  }, 60_000);
});
