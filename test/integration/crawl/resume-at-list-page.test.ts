/**
 * A column whose list runs over many pages, crawled under a budget much shorter than its reading:
 * each pass continues at the list page the last one stopped at, so across all passes every list
 * page is read once, as in one uninterrupted crawl, and the documents, page states and checks are
 * that crawl's: none lost, none written twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchResult } from '../../../src/crawl/fetch';
import type { DynamoStores } from '../../../src/store/dynamo/create-stores';
import { crawlShard, crawlSource } from '../../../src/tasks/crawl-source';
import { openTestStores } from '../../support/dynamo-test-stores';
import { type PagedPortal, startPagedPortal } from '../../support/paged-portal';
import { crawlDeps, documentsOf, expectSameCrawl } from '../../support/same-crawl';

const AT = '2016-08-01T03:00:00.000Z';
const ASOF = '2016-08-01';
const LIST_PAGES = 14;

let portal: PagedPortal;
let reference: DynamoStores;
const opened: DynamoStores[] = [];
/** List pages read to the end in the uninterrupted crawl, by address. */
let referenceReads: Map<string, number>;
let referenceRequests: number;

const isListPage = (url: string) => /\/index(_\d+)?\.htm$/.test(url);
const listRequests = () => portal.server.received.filter((r) => isListPage(r.path)).length;

/** Counts the list pages each fetch read to the end, and the list-page fetches cut off. */
function listReads() {
  const reads = new Map<string, number>();
  let cutOff = 0;
  const onFetch = (result: FetchResult) => {
    if (!isListPage(result.url)) return;
    if (result.ok) reads.set(result.url, (reads.get(result.url) ?? 0) + 1);
    else if (result.reason === 'deadline') cutOff += 1;
  };
  return { reads, onFetch, cutOff: () => cutOff };
}

async function fresh(): Promise<DynamoStores> {
  const stores = await openTestStores('gongkai-resume-list');
  opened.push(stores);
  return stores;
}

beforeAll(async () => {
  portal = await startPagedPortal({
    sites: 1,
    columns: 2,
    listPages: LIST_PAGES,
    itemsPerPage: 3,
    delayMs: 12,
  });
  reference = await fresh();
  const counted = listReads();
  const before = listRequests();
  await crawlSource(
    { asOf: ASOF, runId: 'uninterrupted', sourceId: portal.sources[0]!.id },
    crawlDeps(portal, reference, AT, { onFetch: counted.onFetch }),
  );
  referenceRequests = listRequests() - before;
  referenceReads = counted.reads;
}, 120_000);

afterAll(async () => {
  for (const stores of opened) stores.close();
  await portal?.close();
});

describe('a budgeted crawl of a column with many list pages', () => {
  it('continues each pass at the next list page: every list page read once, the same documents', async () => {
    const site = portal.sources[0]!;
    expect(referenceRequests).toBe(2 * LIST_PAGES);
    expect([...referenceReads.values()].every((n) => n === 1)).toBe(true);

    const stores = await fresh();
    const runId = 'budgeted';
    await stores.crawl.putShards(runId, [[site.id]]);
    const counted = listReads();
    const run = crawlDeps(portal, stores, AT, { sweep: { crawlBudgetMs: 250 }, onFetch: counted.onFetch });
    const before = listRequests();
    const committed: number[] = [];
    let resumedMidList = 0;
    let pass = 1;
    for (; pass <= 80; pass++) {
      const out = await crawlShard({ asOf: ASOF, runId, shard: 0, pass }, run);
      committed.push((await documentsOf(stores, site.id)).length);
      if (out.done) break;
      const cursor = await stores.crawl.getCursor(runId, site.id);
      const progress = cursor?.columns ?? [];
      if (progress.some((p) => p.listed.length > 0)) resumedMidList += 1;
      // What the cursor keeps of a column is bounded by its list, not by the pages' size.
      expect(Buffer.byteLength(JSON.stringify(cursor))).toBeLessThan(60_000);
    }
    expect(pass).toBeGreaterThan(3);
    expect(resumedMidList).toBeGreaterThan(1);
    // Documents were written by the passes that read them, and never taken back.
    expect(committed).toEqual([...committed].sort((a, b) => a - b));
    expect(committed.slice(0, -1).some((n) => n > 0 && n < portal.documents)).toBe(true);

    // Each list page was read to the end once across all passes, as in the uninterrupted crawl;
    // a request the budget cut off mid-answer is the only one asked again.
    expect(counted.reads).toEqual(referenceReads);
    const requests = listRequests() - before;
    expect(requests).toBeGreaterThanOrEqual(referenceRequests);
    expect(requests).toBeLessThanOrEqual(referenceRequests + counted.cutOff());
    await expectSameCrawl(portal, reference, stores, site.id);
  }, 120_000);
});
