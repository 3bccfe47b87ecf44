/**
 * The crawl records the archive key of every copy it archives (detail pages, attachments, home and
 * list pages as read, also on the checks of unchanged lists), so WriteReport links them on S3 without
 * a ListObjectsV2 each; records written before keys were recorded still link, one listing each.
 * Against a real S3-compatible server on 127.0.0.1 (s3rver), DynamoDB Local and a portal on 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Document } from '../../../src/core/document';
import type { HealthCheck } from '../../../src/core/health-check';
import { recordedArchiveKeys } from '../../../src/report/archive-links';
import { S3Archive } from '../../../src/store/archive/s3-archive';
import type { DynamoStores } from '../../../src/store/dynamo/create-stores';
import { MemoryNotifier } from '../../../src/store/memory/notifier';
import type { Archive, DocumentStore, HealthStore } from '../../../src/store/ports';
import { DirectoryReportSink } from '../../../src/store/report-sink/directory-report-sink';
import { crawlSource } from '../../../src/tasks/crawl-source';
import type { TaskDeps } from '../../../src/tasks/deps';
import { buildSweepReport } from '../../../src/tasks/write-report';
import { openTestStores } from '../../support/dynamo-test-stores';
import { type LocalS3, startLocalS3 } from '../../support/local-s3';
import { type PagedPortal, startPagedPortal } from '../../support/paged-portal';

const DAYS = ['2016-08-01', '2016-08-02'];

let s3: LocalS3;
let portal: PagedPortal;
let stores: DynamoStores;
let archive: S3Archive;
let commands: string[] = [];

function deps(asOf: string, overrides: { documents?: DocumentStore; health?: HealthStore } = {}): TaskDeps {
  return {
    stores: { ...stores, ...overrides, archive: linking, notifier: new MemoryNotifier() },
    catalogue: { plan: { issuer: '测试市', year: 2016, title: '测试' }, obligations: [] } as never,
    sources: { sources: portal.sources },
    now: () => new Date(`${asOf}T03:00:00.000Z`),
    reportSink: new DirectoryReportSink('/nonexistent'),
    log: () => undefined,
  };
}

/** The links the report asked the archive for, by sha256. */
const linked = new Map<string, string | undefined>();
const linking: Archive = {
  put: (bytes, meta) => archive.put(bytes, meta),
  get: (sha256) => archive.get(sha256),
  locate: async (sha256, key) => {
    const link = await archive.locate(sha256, key);
    linked.set(sha256, link);
    return link;
  },
};
const listings = () => commands.filter((c) => c === 'ListObjectsV2Command').length;

/** A record as written before archive keys were recorded. */
const withoutKey = <T extends { archiveKey?: string }>({ archiveKey: _k, ...rest }: T) => rest;
const oldDocument = (doc: Document): Document => ({
  ...withoutKey(doc),
  attachments: doc.attachments.map(withoutKey),
});

beforeAll(async () => {
  s3 = await startLocalS3(['evidence']);
  commands = s3.commands;
  archive = new S3Archive({ bucket: 'evidence', prefix: 'archive', client: s3.client });
  portal = await startPagedPortal({ sites: 1, columns: 2, listPages: 2, itemsPerPage: 2, delayMs: 0 });
  stores = await openTestStores('gongkai-s3-keys');
  // A second day's crawl finds every list unchanged: its checks take the key from the page state.
  for (const [i, asOf] of DAYS.entries())
    await crawlSource({ asOf, runId: `day-${i}`, sourceId: portal.sources[0]!.id }, deps(asOf));
}, 120_000);

afterAll(async () => {
  stores?.close();
  await portal?.close();
  await s3?.close();
});

describe('archive keys recorded at crawl time', () => {
  it('are on every copy the crawl archived, and each is the key a listing finds', async () => {
    const sourceId = portal.sources[0]!.id;
    const documents = await stores.documents.listDocuments({ sourceId });
    const checks = await stores.health.listChecks(sourceId);
    expect(documents).toHaveLength(portal.documents);
    expect(checks).toHaveLength(DAYS.length * 3);
    const shas = new Set([
      ...documents.map((d) => d.sha256),
      ...documents.flatMap((d) => d.attachments.map((a) => a.sha256)),
      ...checks.map((c) => c.sha256),
    ]);
    // Detail pages, attachments, the home page and two list pages as read.
    expect(shas.size).toBe(2 * portal.documents + 3);
    const keys = recordedArchiveKeys(documents, [checks]);
    expect(new Set(keys.keys())).toEqual(shas);
    // Each record carries the key itself, the second day's checks of unchanged lists too.
    for (const check of checks) expect(check.archiveKey).toBe(keys.get(check.sha256!));
    for (const doc of documents) {
      expect(doc.archiveKey).toBe(keys.get(doc.sha256!));
      for (const a of doc.attachments) expect(a.archiveKey).toBe(keys.get(a.sha256!));
    }

    commands.length = 0;
    const found = new Map<string, string | undefined>();
    for (const [sha, key] of keys) found.set(sha, await archive.locate(sha, key));
    expect(commands).toEqual([]);
    for (const [sha, link] of found) {
      expect(link).toBe(`s3://evidence/archive/${keys.get(sha)}`);
      expect(await archive.locate(sha)).toBe(link);
    }
    expect(listings()).toBe(shas.size);
  });

  it('let WriteReport link every copy without a listing; records without keys take one listing each', async () => {
    commands.length = 0;
    linked.clear();
    await buildSweepReport({ asOf: DAYS[1]!, runId: 'day-1' }, deps(DAYS[1]!));
    expect(listings()).toBe(0);
    // Every document's page and the home page as last read.
    expect(linked.size).toBe(portal.documents + 1);
    const links = new Map(linked);

    const real = stores.documents;
    const old: DocumentStore = {
      upsertDocument: (doc, options) => real.upsertDocument(doc, options),
      insertDocuments: (docs) => real.insertDocuments(docs),
      getDocument: (url) => real.getDocument(url),
      listDocuments: async (filter) => (await real.listDocuments(filter)).map(oldDocument),
      getPageState: (url) => real.getPageState(url),
      getPageStates: (urls) => real.getPageStates(urls),
      putPageState: (state, previous) => real.putPageState(state, previous),
      documentVersions: () => real.documentVersions(),
    };
    const health = stores.health;
    const oldHealth: HealthStore = {
      recordCheck: (check) => health.recordCheck(check),
      recordChecks: (checks) => health.recordChecks(checks),
      listChecks: async (sourceId, range) =>
        (await health.listChecks(sourceId, range)).map((c) => withoutKey<HealthCheck>(c)),
      putRun: (run) => health.putRun(run),
      listRuns: (filter) => health.listRuns(filter),
    };
    commands.length = 0;
    linked.clear();
    await buildSweepReport(
      { asOf: DAYS[1]!, runId: 'day-1' },
      deps(DAYS[1]!, { documents: old, health: oldHealth }),
    );
    // One listing each, and the same links.
    expect(listings()).toBe(portal.documents + 1);
    expect(linked).toEqual(links);
    for (const link of links.values()) expect(link).toMatch(/^s3:\/\/evidence\/archive\/sha256\//);
  });
});
