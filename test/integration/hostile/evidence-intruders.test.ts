/**
 * A hostile department site against the rule that evidence is what was fetched and archived. Every
 * list item below is titled like the budget disclosure; only one has a real page behind it. The
 * crawl (real HTTP server on 127.0.0.1, DynamoDB Local, a directory archive) must record why each
 * other one is not evidence, matching must keep them as candidates with that reason, and a page
 * retitled after the fact must not inherit the old page's first-seen date.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Document } from '../../../src/core/document';
import { columnChecksFrom, matchEvidence } from '../../../src/core/match';
import { type Source, SourceSchema } from '../../../src/core/source';
import { DirectoryArchive } from '../../../src/store/archive/directory-archive';
import type { DynamoStores } from '../../../src/store/dynamo/create-stores';
import { crawlOnce } from '../../support/crawl-once';
import { openTestStores } from '../../support/dynamo-test-stores';
import { obligation, periods } from '../../unit/match/builders';
import { startServer, type TestServer } from '../fetch/test-server';

let stores: DynamoStores;
let server: TestServer;
let archiveDir: string;
/** What the retitled item's list row and page say; changed between crawls. */
let renamed = {
  title: '春季植树活动',
  body: '<p>3月12日，局机关干部职工到圭峰山参加义务植树活动，共种植树苗200余株。</p>',
};

const page = (title: string, body: string) =>
  `<html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><div class="info">发布时间：2016-03-12</div>${body}</body></html>`;
const ARTICLE = '<p>根据《中华人民共和国预算法》，现将本局2016年部门预算公开如下，详见附件预算表。</p>';

const ROWS: [path: string, title: string][] = [
  ['/czj/tzgg/201603/t20160301_1.htm', '2016年部门预算公开（404）'],
  ['/czj/tzgg/201603/t20160302_2.htm', '2016年部门预算公开（软404）'],
  ['http://files.example.com/czj/t20160303_3.htm', '2016年部门预算公开（外站）'],
  ['/czj/tzgg/201603/ys2016.pdf', '2016年部门预算公开（登录页）'],
  ['/czj/tzgg/201603/t20160305_5.htm', '2016年部门预算公开（限流）'],
  ['/czj/tzgg/201603/t20160306_6.htm', '2016年部门预算公开（超大）'],
  ['/czj/tzgg/201603/t20160307_7.htm', '2016年部门预算公开'],
];

function listPage(): string {
  const rows = ROWS.map(
    ([path, title], i) => `<li><a href="${path}">${title}</a><span>2016-03-0${i + 1}</span></li>`,
  );
  rows.push(
    `<li><a href="/czj/tzgg/201603/t20160312_8.htm">${renamed.title}</a><span>2016-03-12</span></li>`,
  );
  return `<html><head><meta charset="utf-8"><title>通知公告</title></head><body><ul class="list">${rows.join('')}</ul></body></html>`;
}

beforeAll(async () => {
  stores = await openTestStores();
  archiveDir = await mkdtemp(join(tmpdir(), 'gongkai-evidence-intruders-'));
  const send = (status: number, type: string, body: string, extra: Record<string, string> = {}) =>
    ((_req, res) => {
      res
        .writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), ...extra })
        .end(body);
    }) as Parameters<typeof startServer>[0][string];
  const html = 'text/html; charset=utf-8';
  server = await startServer({
    '/': send(200, html, page('江门市财政局', '<a href="/czj/tzgg/">通知公告</a>')),
    '/czj/tzgg/': (req, res) => send(200, html, listPage())(req, res),
    '/czj/tzgg/201603/t20160301_1.htm': send(404, html, page('页面不存在', '<p>您访问的页面不存在</p>')),
    '/czj/tzgg/201603/t20160302_2.htm': send(
      200,
      html,
      page('页面不存在', '<p>您访问的页面不存在或已被删除。</p>'),
    ),
    '/czj/tzgg/201603/ys2016.pdf': send(
      200,
      'application/pdf',
      page(
        '统一身份认证平台',
        '<form>用户名<input name="u">密码<input type="password" name="p"><button>登录</button></form>',
      ),
    ),
    '/czj/tzgg/201603/t20160305_5.htm': send(429, html, 'slow down', { 'retry-after': '3600' }),
    '/czj/tzgg/201603/t20160306_6.htm': (_req, res) => {
      res.writeHead(200, { 'content-type': html, 'content-length': String(50 * 1024 * 1024) });
      res.write('<html>');
    },
    '/czj/tzgg/201603/t20160307_7.htm': send(200, html, page('2016年部门预算公开', ARTICLE)),
    '/czj/tzgg/201603/t20160312_8.htm': (req, res) =>
      send(200, html, page(renamed.title, renamed.body))(req, res),
  });
});

afterAll(async () => {
  stores?.close();
  await server?.close();
  if (archiveDir) await rm(archiveDir, { recursive: true, force: true });
});

const source = (): Source =>
  SourceSchema.parse({
    id: 'hostile-czj',
    units: ['市财政局'],
    name: '江门市财政局',
    homepage: `${server.origin}/`,
    allowPrivateNetwork: true,
    columns: [{ id: 'tzgg', name: '通知公告', url: `${server.origin}/czj/tzgg/`, kind: 'notice' }],
    limits: { perHostDelayMs: 0 },
  });

const unitSources = new Map([['市财政局', ['hostile-czj']]]);

async function documents(): Promise<Map<string, Document>> {
  const docs = await stores.documents.listDocuments({ sourceId: 'hostile-czj' });
  return new Map(docs.map((d) => [new URL(d.url).pathname, d]));
}

describe('evidence is what was fetched and archived (H19-01)', () => {
  it('H19-01a records why each broken item is not evidence, and keeps the one real page', async () => {
    await crawlOnce(source(), { stores, archiveDir, host: server.host, at: '2016-03-14T02:00:00Z' });
    const docs = await documents();
    const problem = (path: string) => docs.get(path)?.problem ?? null;
    expect(problem('/czj/tzgg/201603/t20160301_1.htm')).toEqual({
      reason: 'detail page answered HTTP 404',
      unread: false,
    });
    expect(problem('/czj/tzgg/201603/t20160302_2.htm')?.reason).toMatch(/error page \(“页面不存在”\)/);
    expect(problem('/czj/t20160303_3.htm')).toMatchObject({
      reason: expect.stringMatching(/not fetched: other host files\.example\.com/),
      unread: true,
    });
    expect(problem('/czj/tzgg/201603/ys2016.pdf')?.reason).toBe('file: login page served as PDF');
    expect(problem('/czj/tzgg/201603/t20160305_5.htm')).toMatchObject({
      reason: expect.stringMatching(/HTTP 429/),
      unread: true,
    });
    expect(problem('/czj/tzgg/201603/t20160306_6.htm')).toMatchObject({
      reason: expect.stringMatching(/too large/),
      unread: true,
    });
    const good = docs.get('/czj/tzgg/201603/t20160307_7.htm')!;
    expect(good.problem).toBeNull();
    expect(good.fetchedAt).toBe('2016-03-14T02:00:00.000Z');
    // Never fetched: no fetch time to show; fetched error pages are archived for the auditor.
    expect(docs.get('/czj/tzgg/201603/t20160301_1.htm')).toMatchObject({ fetchedAt: null, sha256: null });
    const soft = docs.get('/czj/tzgg/201603/t20160302_2.htm')!;
    expect(await new DirectoryArchive(archiveDir).get(soft.sha256!)).toBeDefined();
  });

  it('H19-01b matching counts only the real page; each other item is a candidate with its reason', async () => {
    const o = obligation('budget', { kind: 'once', dates: ['2016-03-31'] }, { keywords: ['部门预算'] }, [
      '市财政局',
    ]);
    const docs = [...(await documents()).values()];
    const result = matchEvidence({
      obligations: [o],
      periods: periods(o),
      documents: docs,
      unitSources,
      asOf: '2016-04-30',
    });
    expect(result.evidence.map((e) => new URL(e.url).pathname)).toEqual(['/czj/tzgg/201603/t20160307_7.htm']);
    const reasons = result.candidates.map((c) => c.reason);
    for (const why of [
      'HTTP 404',
      'error page',
      'other host',
      'login page served as PDF',
      'HTTP 429',
      'too large',
    ])
      expect(
        reasons.some((r) => r.startsWith('not evidence: ') && r.includes(why)),
        why,
      ).toBe(true);
    expect(result.candidates.filter((c) => c.unreadable).length).toBe(3);
  });
});

describe('a retitled page is a new document (H19-02)', () => {
  it('H19-02 restarts first-seen, keeps the old version, and the backdating check counts from the new one', async () => {
    const before = (await documents()).get('/czj/tzgg/201603/t20160312_8.htm')!;
    expect(before.title).toBe('春季植树活动');
    // A weekly check that read the column with the old title on it.
    await crawlOnce(source(), { stores, archiveDir, host: server.host, at: '2016-04-01T02:00:00Z' });
    renamed = { title: '2016年部门预算公开（调整）', body: ARTICLE };
    await crawlOnce(source(), { stores, archiveDir, host: server.host, at: '2016-05-02T02:00:00Z' });
    const after = (await documents()).get('/czj/tzgg/201603/t20160312_8.htm')!;
    expect(after.title).toBe('2016年部门预算公开(调整)');
    expect(after.firstSeen).toBe('2016-05-02T02:00:00.000Z');
    expect(after.sha256).not.toBe(before.sha256);
    expect(after.versions).toEqual([
      expect.objectContaining({ title: '春季植树活动', firstSeen: before.firstSeen, sha256: before.sha256 }),
    ]);
    const archive = new DirectoryArchive(archiveDir);
    expect(await archive.get(before.sha256!)).toBeDefined();
    expect(await archive.get(after.sha256!)).toBeDefined();

    const o = obligation(
      'budget',
      { kind: 'once', dates: ['2016-03-31'] },
      { keywords: ['部门预算'], required: ['调整'] },
      ['市财政局'],
    );
    const checks = await stores.health.listChecks('hostile-czj');
    const result = matchEvidence({
      obligations: [o],
      periods: periods(o),
      documents: [after],
      unitSources,
      asOf: '2016-05-02',
      columnChecks: columnChecksFrom(checks),
    });
    // Shows 2016-03-12, but the column was read on 2016-04-01 without this title: counted from 2016-05-02.
    expect(result.evidence).toMatchObject([{ publishedOn: '2016-05-02' }]);
    expect(result.evidence[0]!.reason).toMatch(/backdated/);
  });
});
