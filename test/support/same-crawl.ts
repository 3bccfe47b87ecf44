/**
 * What "the same crawl" means when a crawl run in passes, or resumed after a crash, is compared with
 * one uninterrupted crawl of the same portal: the same documents, page states and checks.
 */
import { expect } from 'vitest';
import type { Document } from '../../src/core/document';
import type { SourcesFile } from '../../src/core/source';
import type { DynamoStores } from '../../src/store/dynamo/create-stores';
import { MemoryArchive } from '../../src/store/memory/archive';
import { MemoryNotifier } from '../../src/store/memory/notifier';
import type { DocumentStore, HealthCheck } from '../../src/store/ports';
import { DirectoryReportSink } from '../../src/store/report-sink/directory-report-sink';
import type { TaskDeps } from '../../src/tasks/deps';
import type { PagedPortal } from './paged-portal';

/** Task dependencies for crawling `portal` at `at` into `stores` (the documents store replaceable). */
export function crawlDeps(
  portal: PagedPortal,
  stores: DynamoStores,
  at: string,
  options: { sweep?: SourcesFile['sweep']; documents?: DocumentStore; onFetch?: TaskDeps['onFetch'] } = {},
): TaskDeps {
  return {
    stores: {
      ...stores,
      ...(options.documents ? { documents: options.documents } : {}),
      archive: new MemoryArchive(),
      notifier: new MemoryNotifier(),
    },
    catalogue: { plan: { issuer: '测试市', year: 2016, title: '测试' }, obligations: [] } as never,
    sources: { sources: portal.sources, sweep: options.sweep ?? {} },
    now: () => new Date(at),
    reportSink: new DirectoryReportSink('/nonexistent'),
    log: () => undefined,
    ...(options.onFetch ? { onFetch: options.onFetch } : {}),
  };
}

const byUrl = (a: { url: string }, b: { url: string }) => a.url.localeCompare(b.url);

export async function documentsOf(stores: DynamoStores, sourceId: string): Promise<Document[]> {
  return (await stores.documents.listDocuments({ sourceId })).sort(byUrl);
}

/** Checks as an auditor compares them: everything but how long each request took. */
async function checksOf(stores: DynamoStores, sourceId: string): Promise<Omit<HealthCheck, 'latencyMs'>[]> {
  return (await stores.health.listChecks(sourceId))
    .map(({ latencyMs: _l, ...check }) => check)
    .sort((a, b) => `${a.columnId}${a.url}`.localeCompare(`${b.columnId}${b.url}`));
}

/**
 * The source's documents, page states and checks in `stores` are those of `reference`, every
 * document once; `newInRun`: documents the crawl run counts as new (a crash loses the count, never
 * the documents).
 */
export async function expectSameCrawl(
  portal: PagedPortal,
  reference: DynamoStores,
  stores: DynamoStores,
  sourceId: string,
  newInRun?: number,
): Promise<void> {
  const docs = await documentsOf(stores, sourceId);
  expect(docs).toEqual(await documentsOf(reference, sourceId));
  expect(new Set(docs.map((d) => d.url)).size).toBe(portal.documents / portal.sources.length);
  const columns = portal.sources.find((s) => s.id === sourceId)!.columns.map((c) => c.url);
  expect([...(await stores.documents.getPageStates(columns))]).toEqual([
    ...(await reference.documents.getPageStates(columns)),
  ]);
  expect(await checksOf(stores, sourceId)).toEqual(await checksOf(reference, sourceId));
  const [run] = await stores.health.listRuns({ sourceId });
  expect(run).toMatchObject({
    newDocuments: newInRun ?? docs.length,
    changedDocuments: 0,
    errors: 0,
    reachable: true,
  });
}
