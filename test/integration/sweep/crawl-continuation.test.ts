/**
 * The sweep state machine (the ASL AWS runs, here on aws-local-stepfunctions) continues a crawl
 * that ran out of its invocation's time: CrawlSource returns done: false, the Map iteration loops
 * back to it, and the shard ends with every document of the portal. The loop is bounded: a shard
 * still unread after `crawlPasses` invocations is recorded as not crawled, never as read.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourcesFile } from '../../../src/core/source';
import { runSweepLocally } from '../../../src/local/sweep-runner';
import type { DynamoStores } from '../../../src/store/dynamo/create-stores';
import { MemoryArchive } from '../../../src/store/memory/archive';
import { MemoryNotifier } from '../../../src/store/memory/notifier';
import { DirectoryReportSink } from '../../../src/store/report-sink/directory-report-sink';
import type { TaskDeps } from '../../../src/tasks/deps';
import { openTestStores } from '../../support/dynamo-test-stores';
import { type PagedPortal, startPagedPortal } from '../../support/paged-portal';

let portal: PagedPortal;
let dir: string;
const opened: DynamoStores[] = [];

beforeAll(async () => {
  portal = await startPagedPortal({ sites: 3, columns: 2, listPages: 2, itemsPerPage: 4, delayMs: 10 });
  dir = await mkdtemp(join(tmpdir(), 'gongkai-continuation-'));
});

afterAll(async () => {
  for (const stores of opened) stores.close();
  await portal?.close();
  await rm(dir, { recursive: true, force: true });
});

async function sweep(runId: string, sweepLimits: SourcesFile['sweep']) {
  const stores = await openTestStores('gongkai-continuation');
  opened.push(stores);
  const deps: TaskDeps = {
    stores: { ...stores, archive: new MemoryArchive(), notifier: new MemoryNotifier() },
    catalogue: { plan: { issuer: '测试市', year: 2016, title: '测试' }, obligations: [] } as never,
    sources: { sources: portal.sources, sweep: sweepLimits },
    now: () => new Date('2016-08-01T03:00:00.000Z'),
    reportSink: new DirectoryReportSink(join(dir, runId)),
    log: () => undefined,
  };
  const entered = new Map<string, number>();
  await runSweepLocally({ asOf: '2016-08-01', runId }, deps, {
    onEvent: (event) => {
      if (event.type === 'StateEntered' && event.state)
        entered.set(event.state, (entered.get(event.state) ?? 0) + 1);
    },
  });
  return { stores, entered };
}

describe('a sweep whose crawls run out of time', () => {
  it('crawls each shard pass after pass until every document is read', async () => {
    // Two shards (2 sources, then 1), each pass 400 ms.
    const { stores, entered } = await sweep('continued', {
      crawlBudgetMs: 400,
      crawlPasses: 40,
      sourcesPerShard: 2,
    });
    expect(entered.get('NextPass')).toBeGreaterThan(0);
    expect(entered.get('CrawlSource')).toBe(2 + entered.get('NextPass')!);
    expect(entered.get('PassesExhausted')).toBeUndefined();
    expect(entered.get('RecordCrawlFailure')).toBeUndefined();
    const perSite = portal.documents / portal.sources.length;
    for (const source of portal.sources) {
      const docs = await stores.documents.listDocuments({ sourceId: source.id });
      expect(new Set(docs.map((d) => d.url)).size).toBe(perSite);
      expect(docs.every((d) => d.sha256 && !d.problem && d.attachments.every((a) => a.sha256))).toBe(true);
      const runs = await stores.health.listRuns({ sourceId: source.id });
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ newDocuments: perSite, errors: 0, reachable: true });
      const checks = await stores.health.listChecks(source.id);
      expect(checks).toHaveLength(1 + source.columns.length);
      expect(checks.every((c) => c.ok)).toBe(true);
    }
  }, 180_000);

  it('stops after crawlPasses and records what it could not finish as not read', async () => {
    const { stores, entered } = await sweep('exhausted', {
      crawlBudgetMs: 60,
      crawlPasses: 2,
      sourcesPerShard: 3,
    });
    expect(entered.get('CrawlSource')).toBe(2);
    expect(entered.get('PassesExhausted')).toBe(1);
    expect(entered.get('RecordCrawlFailure')).toBe(1);
    expect(entered.get('WriteReport')).toBe(1);
    for (const source of portal.sources) {
      const checks = await stores.health.listChecks(source.id);
      expect(checks.length).toBeGreaterThan(0);
      for (const check of checks) {
        expect(check).toMatchObject({ ok: false });
        expect(check.error).toMatch(/CrawlPassesExhausted/);
      }
    }
  }, 180_000);
});
