/**
 * A crawl that runs out of its invocation's time pauses, commits what it read, saves a cursor, and
 * resumes in the next invocation; one that crashes keeps what it committed. Either way it ends with
 * the documents, page states and checks of one uninterrupted crawl of the same portal: none lost,
 * none twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourcesFile } from '../../../src/core/source';
import type { DynamoStores } from '../../../src/store/dynamo/create-stores';
import type { DocumentStore } from '../../../src/store/ports';
import { crawlShard, crawlSource } from '../../../src/tasks/crawl-source';
import type { TaskDeps } from '../../../src/tasks/deps';
import { openTestStores } from '../../support/dynamo-test-stores';
import { type PagedPortal, startPagedPortal } from '../../support/paged-portal';
import { crawlDeps, documentsOf, expectSameCrawl as expectSameCrawlAs } from '../../support/same-crawl';

const AT = '2016-08-01T03:00:00.000Z';
const ASOF = '2016-08-01';

let portal: PagedPortal;
let reference: DynamoStores;
const opened: DynamoStores[] = [];

function deps(stores: DynamoStores, sweep: SourcesFile['sweep'] = {}, documents?: DocumentStore): TaskDeps {
  return crawlDeps(portal, stores, AT, { sweep, ...(documents ? { documents } : {}) });
}

async function fresh(): Promise<DynamoStores> {
  const stores = await openTestStores('gongkai-resume');
  opened.push(stores);
  return stores;
}

const expectSameCrawl = (stores: DynamoStores, sourceId: string, newInRun?: number) =>
  expectSameCrawlAs(portal, reference, stores, sourceId, newInRun);

beforeAll(async () => {
  portal = await startPagedPortal({ sites: 2, columns: 3, listPages: 3, itemsPerPage: 4, delayMs: 15 });
  reference = await fresh();
  const whole = deps(reference);
  for (const source of portal.sources) {
    await crawlSource({ asOf: ASOF, runId: 'uninterrupted', sourceId: source.id }, whole);
  }
}, 120_000);

afterAll(async () => {
  for (const stores of opened) stores.close();
  await portal?.close();
});

describe('a crawl with a time budget', () => {
  it('pauses pass after pass, committing as it goes, and ends as one uninterrupted crawl', async () => {
    const stores = await fresh();
    const run = deps(stores, { crawlBudgetMs: 500 });
    const runId = 'budgeted';
    await stores.crawl.putShards(runId, [portal.sources.map((s) => s.id)]);
    const total = portal.documents;
    const committed: number[] = [];
    let pass = 1;
    for (; pass <= 60; pass++) {
      const out = await crawlShard({ asOf: ASOF, runId, shard: 0, pass }, run);
      expect(out).toMatchObject({ sources: 2, nextPass: pass + 1 });
      const docs = (await Promise.all(portal.sources.map((s) => documentsOf(stores, s.id)))).flat();
      committed.push(docs.length);
      if (out.done) break;
      // A source's crawl run is written by the pass that finishes it, not before.
      for (const source of portal.sources) {
        const finished = (await stores.crawl.getCursor(runId, source.id))?.done ?? false;
        expect(await stores.health.listRuns({ sourceId: source.id })).toHaveLength(finished ? 1 : 0);
      }
    }
    expect(pass).toBeGreaterThan(2);
    // Documents were written by the passes that read them, not all at the end, and never taken back.
    expect(committed.slice(0, -1).some((n) => n > 0 && n < total)).toBe(true);
    expect(committed).toEqual([...committed].sort((a, b) => a - b));
    expect(committed.at(-1)).toBe(total);
    for (const source of portal.sources) await expectSameCrawl(stores, source.id);
  }, 120_000);

  it('loses nothing it committed when it crashes, and resumes to the same end', async () => {
    const stores = await fresh();
    const real = stores.documents;
    let inserts = 0;
    const written: Promise<unknown>[] = [];
    // The store fails from its third batch on: the crawl throws part-way, as a killed Lambda would.
    const breaking: DocumentStore = {
      upsertDocument: (doc, options) => real.upsertDocument(doc, options),
      insertDocuments: async (docs) => {
        if (++inserts >= 3) throw new Error('store unavailable');
        const writing = real.insertDocuments(docs);
        written.push(writing);
        return writing;
      },
      getDocument: (url) => real.getDocument(url),
      listDocuments: (filter) => real.listDocuments(filter),
      documentVersions: () => real.documentVersions(),
      getPageState: (url) => real.getPageState(url),
      getPageStates: (urls) => real.getPageStates(urls),
      putPageState: (state, previous) => real.putPageState(state, previous),
    };
    const site = portal.sources[0]!;
    const runId = 'crashed';
    await stores.crawl.putShards(runId, [[site.id]]);
    await expect(crawlShard({ asOf: ASOF, runId, shard: 0 }, deps(stores, {}, breaking))).rejects.toThrow(
      'store unavailable',
    );
    // The other columns' writes already sent finish, as they would on DynamoDB.
    await Promise.allSettled(written);
    const before = await documentsOf(stores, site.id);
    expect(before.length).toBeGreaterThan(0);
    expect(before.length).toBeLessThan(portal.documents / 2);
    expect((await stores.crawl.getCursor(runId, site.id))?.done ?? false).toBe(false);

    const out = await crawlShard({ asOf: ASOF, runId, shard: 0, pass: 2 }, deps(stores));
    expect(out).toMatchObject({ done: true, finished: 1 });
    await expectSameCrawl(stores, site.id, portal.documents / 2 - before.length);
    const after = new Map((await documentsOf(stores, site.id)).map((d) => [d.url, d]));
    for (const doc of before) expect(after.get(doc.url)).toEqual(doc);
  }, 120_000);
});
