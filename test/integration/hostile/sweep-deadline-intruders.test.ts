/**
 * A deadline for a whole sweep (sources.sweep.crawlDeadlineMs), through the real workflow: the
 * sweep's ASL run by aws-local-stepfunctions, DynamoDB Local, real HTTP servers on 127.0.0.1.
 * Ten sites trickle every page 1 byte / 2 s and no source sets a crawl deadline of its own (the
 * default, the CrawlSource task's budget, is 14 minutes): without a bound on the sweep, crawling
 * alone would take that long per wave of eight. One site answers at once. The sweep must end soon
 * after its deadline with a report, every trickling or never-started source judged
 * `insufficient-data` with the reason, and the site read in time judged on its evidence.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CatalogueSchema } from '../../../src/core/obligation';
import { SourcesFileSchema } from '../../../src/core/source';
import { parseOrThrow } from '../../../src/core/validation';
import { SimulatedClock } from '../../../src/demo/run';
import { type LocalRuntime, openLocalRuntime } from '../../../src/local/local-runtime';
import { runSweepLocally } from '../../../src/local/sweep-runner';
import { startServer, type TestServer } from '../fetch/test-server';

const HTML = { 'content-type': 'text/html; charset=utf-8' };
const SLOW = Array.from({ length: 10 }, (_, i) => `slow${i}`);
const DEADLINE_MS = 3000;

function trickle(res: ServerResponse): void {
  res.writeHead(200, HTML);
  const timer = setInterval(() => res.write('<'), 2000);
  res.on('close', () => clearInterval(timer));
}

const LIST = `<html><head><meta charset="utf-8"></head><body><ul class="list">
<li><a href="/quick/tzgg/1.htm">2016年部门预算公开</a><span>2016-03-01</span></li></ul></body></html>`;
const DETAIL = `<html><head><meta charset="utf-8"></head><body><h1>2016年部门预算公开</h1><p>2016-03-01</p>
<p>${'按照预算法的规定，现将本部门2016年部门预算公开如下。'.repeat(20)}</p></body></html>`;

let server: TestServer;
let dataDir: string;
let runtime: LocalRuntime;
const clock = new SimulatedClock();

beforeAll(async () => {
  server = await startServer({
    '/quick/': (_req, res) => void res.writeHead(200, HTML).end(LIST),
    '/quick/tzgg/': (_req, res) => void res.writeHead(200, HTML).end(LIST),
    '/quick/tzgg/1.htm': (_req, res) => void res.writeHead(200, HTML).end(DETAIL),
    ...Object.fromEntries(
      SLOW.flatMap((id) => [
        [`/${id}/`, (_req: unknown, res: ServerResponse) => trickle(res)],
        [`/${id}/tzgg/`, (_req: unknown, res: ServerResponse) => trickle(res)],
      ]),
    ),
  });
  dataDir = await mkdtemp(join(tmpdir(), 'gongkai-sweep-deadline-'));
  const ids = ['quick', ...SLOW];
  const unit = (id: string) => `市${id}局`;
  runtime = await openLocalRuntime({
    dataDir,
    catalogue: parseOrThrow(
      CatalogueSchema,
      {
        plan: { issuer: '江门市', year: 2016 },
        obligations: ids.map((id, i) => ({
          id: `budget-${id}`,
          item: i + 1,
          category: null,
          task: '公开部门预算',
          units: [unit(id)],
          unitsCarried: false,
          deadlineText: '2016年6月底前',
          review: [],
          source: { lines: [1, 1] },
          schedule: { kind: 'once', dates: ['2016-06-30'] },
          evidence: { keywords: ['部门预算'] },
        })),
      },
      'catalogue',
    ),
    sources: SourcesFileSchema.parse({
      defaults: { perHostDelayMs: 0, perHostConcurrency: 4 },
      // One source per shard: the Map's eight iterations at a time are eight crawls at a time.
      sweep: { crawlDeadlineMs: DEADLINE_MS, sourcesPerShard: 1 },
      sources: ids.map((id) => ({
        id,
        units: [unit(id)],
        name: id,
        homepage: `${server.origin}/${id}/`,
        allowPrivateNetwork: true,
        columns: [{ id: 'tzgg', name: '通知公告', url: `${server.origin}/${id}/tzgg/`, kind: 'notice' }],
      })),
    }),
    now: clock.now,
    dynamoEndpoint: inject('dynamoEndpoint'),
    tableName: `gongkai-sweep-deadline-${randomUUID().slice(0, 8)}`,
  });
}, 60_000);

afterAll(async () => {
  await runtime?.close();
  await server?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

interface ReportJson {
  obligations: { id: string; periods: { verdict: string; reasons: string[] }[] }[];
  sources: { id: string; lastOk: boolean | null; lastError?: string | null }[];
}

describe('a crawl deadline for the whole sweep (B06)', () => {
  it('B06 ends crawling at the sweep deadline: unfinished and unstarted sources are insufficient-data, the report is written', async () => {
    clock.set('2016-12-31');
    const started = Date.now();
    await runSweepLocally({ asOf: '2016-12-31', runId: 'sweep-deadline' }, runtime.deps, {
      retryPauseMs: 10,
    });
    // Crawling stops at 3 s; matching, judging and the report follow. Without the sweep's bound
    // the ten trickling crawls would each run to the task's own budget.
    expect(Date.now() - started).toBeLessThan(60_000);
    const report = JSON.parse(await readFile(join(dataDir, 'report', 'report.json'), 'utf8')) as ReportJson;
    const verdict = (id: string) => report.obligations.find((o) => o.id === `budget-${id}`)?.periods[0];
    expect(verdict('quick')?.verdict).toBe('met');
    for (const id of SLOW) {
      expect(verdict(id)?.verdict, id).toBe('insufficient-data');
      const checks = await runtime.deps.stores.health.listChecks(id);
      expect(checks.length, id).toBeGreaterThanOrEqual(2);
      expect(
        checks.every((c) => !c.ok),
        id,
      ).toBe(true);
      expect(
        checks.map((c) => c.error).filter((e) => !/deadline/.test(e ?? '')),
        id,
      ).toEqual([]);
    }
    // The Map state runs eight crawls at a time: the sources past the first wave found the deadline
    // passed before their turn and were not fetched at all.
    const notCrawled = [];
    for (const id of SLOW) {
      const checks = await runtime.deps.stores.health.listChecks(id);
      if (checks.some((c) => /^not crawled: the sweep's crawl deadline/.test(c.error ?? '')))
        notCrawled.push(id);
    }
    expect(notCrawled.length).toBeGreaterThanOrEqual(1);
    for (const id of notCrawled)
      expect(server.received.filter((r) => r.path.startsWith(`/${id}/`))).toEqual([]);
  }, 120_000);
});
