import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Document } from '../../../src/core/document';
import type { Evidence } from '../../../src/core/evidence';
import type { DynamoStores } from '../../../src/store/dynamo/create-stores';
import { DOCUMENT_LIMITS } from '../../../src/store/dynamo/document-store';
import { ensureTable } from '../../../src/store/dynamo/ensure-table';
import { obligationShard } from '../../../src/store/dynamo/keys';
import type { Flag, StoredVerdict } from '../../../src/store/ports';
import { openTestStores } from '../../support/dynamo-test-stores';

let stores: DynamoStores;

beforeAll(async () => {
  stores = await openTestStores();
});

afterAll(() => stores?.close());

function doc(overrides: Partial<Document> = {}): Document {
  return {
    url: 'http://127.0.0.1/site-a/news/t20160715_1.htm',
    sourceId: 'site-a',
    columnId: 'news',
    columnKind: 'news',
    units: ['市政府办公室'],
    title: '关于公开2016年第二季度财政预算执行情况的通知',
    dateText: '2016-07-15',
    date: '2016-07-15',
    dateOrigin: 'list',
    firstSeen: '2016-07-16T02:00:00.000Z',
    lastSeen: '2016-07-16T02:00:00.000Z',
    sha256: 'a'.repeat(64),
    attachments: [],
    absences: [],
    ...overrides,
  } as Document;
}

describe('ensureTable', () => {
  it('is a no-op for a table that already exists', async () => {
    await expect(ensureTable(stores.client, stores.tableName)).resolves.toBeUndefined();
  });
});

describe('documents', () => {
  it('reports new, then unchanged without a write, then changed', async () => {
    const url = 'http://127.0.0.1/site-a/news/upsert.htm';
    expect(await stores.documents.upsertDocument(doc({ url }))).toBe('new');

    stores.documents.resetMetrics();
    const later = doc({ url, lastSeen: '2016-07-17T02:00:00.000Z', firstSeen: '2016-07-17T02:00:00.000Z' });
    expect(await stores.documents.upsertDocument(later)).toBe('unchanged');
    expect(stores.documents.metrics().itemsWritten).toBe(0);
    expect(stores.documents.metrics().writeRequests).toBe(0);
    expect(stores.documents.metrics().readRequests).toBeGreaterThan(0);

    const retitled = doc({ url, title: '更正后的标题', lastSeen: '2016-07-18T02:00:00.000Z' });
    expect(await stores.documents.upsertDocument(retitled)).toBe('changed');
    // The document, then its source's document counter (incremental judging reads it).
    expect(stores.documents.metrics().itemsWritten).toBe(2);

    const stored = await stores.documents.getDocument(url);
    expect(stored?.title).toBe('更正后的标题');
    expect(stored?.firstSeen).toBe('2016-07-16T02:00:00.000Z');
    expect(stored?.lastSeen).toBe('2016-07-18T02:00:00.000Z');
  });

  it('inserts new documents in one transaction, and falls back per document when one already exists', async () => {
    const urls = Array.from({ length: 30 }, (_, i) => `http://127.0.0.1/site-a/news/batch-${i}.htm`);
    stores.documents.resetMetrics();
    expect(await stores.documents.insertDocuments(urls.slice(0, 20).map((url) => doc({ url })))).toEqual(
      Array(20).fill('new'),
    );
    // One transaction, then one move of the source's document counter for the whole batch.
    expect(stores.documents.metrics().writeRequests).toBe(2);

    // 20 stored; a second group mixing 10 stored ones (one retitled) with 10 new ones.
    const mixed = [
      ...urls.slice(10, 20).map((url, i) => doc({ url, ...(i === 0 ? { title: '已更正' } : {}) })),
      ...urls.slice(20).map((url) => doc({ url })),
    ];
    const results = await stores.documents.insertDocuments(mixed);
    expect(results.filter((r) => r === 'new')).toHaveLength(10);
    expect(results.filter((r) => r === 'changed')).toHaveLength(1);
    expect(results.filter((r) => r === 'unchanged')).toHaveLength(9);
    expect((await stores.documents.getDocument(urls[10]!))?.title).toBe('已更正');
    expect((await stores.documents.getDocument(urls[29]!))?.url).toBe(urls[29]);
  });

  it('moves lastSeen forward once it is older than the resolution, still reporting unchanged', async () => {
    const url = 'http://127.0.0.1/site-a/news/seen.htm';
    await stores.documents.upsertDocument(doc({ url }));
    const weekLater = doc({ url, lastSeen: '2016-07-24T02:00:00.000Z' });
    expect(await stores.documents.upsertDocument(weekLater)).toBe('unchanged');
    expect((await stores.documents.getDocument(url))?.lastSeen).toBe('2016-07-24T02:00:00.000Z');
  });

  it('reports a changed absence list as changed', async () => {
    const url = 'http://127.0.0.1/site-a/news/vanished.htm';
    await stores.documents.upsertDocument(doc({ url }));
    const gone = doc({ url, absences: [{ from: '2016-08-01T02:00:00.000Z', to: null }] });
    expect(await stores.documents.upsertDocument(gone)).toBe('changed');
  });

  it('bounds the attachments and title of a document', async () => {
    const url = 'http://127.0.0.1/site-a/news/many.htm';
    const attachments = Array.from({ length: 500 }, (_, i) => ({ url: `${url}#a${i}`, name: `附件${i}` }));
    await stores.documents.upsertDocument(doc({ url, attachments, title: '长'.repeat(5000) }));
    const stored = await stores.documents.getDocument(url);
    expect(stored?.attachments).toHaveLength(DOCUMENT_LIMITS.attachments);
    expect(stored?.title).toHaveLength(DOCUMENT_LIMITS.titleChars);
    // Bounded again on the next crawl, so the same page is unchanged rather than changed forever.
    expect(await stores.documents.upsertDocument(doc({ url, attachments, title: '长'.repeat(5000) }))).toBe(
      'unchanged',
    );
  });

  it('drops attachments from the end until the item fits under the size bound', async () => {
    const url = 'http://127.0.0.1/site-a/news/huge.htm';
    const attachments = Array.from({ length: 100 }, (_, i) => ({
      url: `http://127.0.0.1/f/${i}/${'x'.repeat(4000)}`,
      name: `附件${i}`,
    }));
    expect(await stores.documents.upsertDocument(doc({ url, attachments }))).toBe('new');
    const stored = await stores.documents.getDocument(url);
    const kept = stored?.attachments.length ?? 0;
    expect(kept).toBeGreaterThan(50);
    expect(kept).toBeLessThan(100);
    expect(stored?.attachments).toEqual(attachments.slice(0, kept));
    expect(Buffer.byteLength(JSON.stringify(stored))).toBeLessThanOrEqual(DOCUMENT_LIMITS.itemBytes);
  });

  it('keeps URLs longer than a sort key allows', async () => {
    const url = `http://127.0.0.1/site-a/search?q=${'政务公开'.repeat(400)}`;
    expect(await stores.documents.upsertDocument(doc({ url }))).toBe('new');
    expect((await stores.documents.getDocument(url))?.url).toBe(url);
  });

  it('lists by source and by column across more than one page of results', async () => {
    // ~45 KB per item (attachment names): 40 items are more than the 1 MB one Query page returns.
    const attachments = Array.from({ length: 50 }, (_, i) => ({
      url: `http://127.0.0.1/f${i}.pdf`,
      name: '附'.repeat(300),
    }));
    const many = Array.from({ length: 40 }, (_, i) =>
      doc({
        sourceId: 'site-big',
        columnId: i % 2 === 0 ? 'notices' : 'policies',
        url: `http://127.0.0.1/site-big/${i}.htm`,
        attachments,
      }),
    );
    await Promise.all(many.map((d) => stores.documents.upsertDocument(d)));
    stores.documents.resetMetrics();
    const all = await stores.documents.listDocuments({ sourceId: 'site-big' });
    expect(all).toHaveLength(40);
    expect(stores.documents.metrics().operations.Query).toBeGreaterThan(1);

    const notices = await stores.documents.listDocuments({ sourceId: 'site-big', columnId: 'notices' });
    expect(notices).toHaveLength(20);
    expect(notices.every((d) => d.columnId === 'notices')).toBe(true);

    const everything = await stores.documents.listDocuments();
    expect(everything.filter((d) => d.sourceId === 'site-a').length).toBeGreaterThanOrEqual(5);
    expect(everything.filter((d) => d.sourceId === 'site-big')).toHaveLength(40);
  });

  it('returns undefined for a URL never seen', async () => {
    expect(await stores.documents.getDocument('http://127.0.0.1/nowhere.htm')).toBeUndefined();
  });

  it('rejects an invalid document naming the field', async () => {
    await expect(stores.documents.upsertDocument({ ...doc(), date: '2016-02-30' })).rejects.toThrow(/date/);
  });

  it('round-trips page state and skips a write when nothing but fetchedAt moved', async () => {
    const url = 'http://127.0.0.1/site-a/news/index.htm';
    expect(await stores.documents.getPageState(url)).toBeUndefined();
    const state = {
      url,
      etag: '"abc"',
      lastModified: 'Fri, 15 Jul 2016 02:00:00 GMT',
      fetchedAt: '2016-07-16T02:00:00Z',
    };
    await stores.documents.putPageState(state);
    expect(await stores.documents.getPageState(url)).toEqual(state);

    stores.documents.resetMetrics();
    await stores.documents.putPageState({ ...state, fetchedAt: '2016-07-17T02:00:00Z' });
    expect(stores.documents.metrics().itemsWritten).toBe(0);
    await stores.documents.putPageState({ ...state, etag: '"def"', fetchedAt: '2016-07-17T02:00:00Z' });
    expect(stores.documents.metrics().itemsWritten).toBe(1);
    expect((await stores.documents.getPageState(url))?.etag).toBe('"def"');
  });

  it('reads many page states in one request and writes one with its known previous state without reading', async () => {
    const urls = ['a', 'b', 'c'].map((c) => `http://127.0.0.1/site-m/${c}/index.htm`);
    const states = urls.map((url, i) => ({
      url,
      sha256: `sha-${i}`,
      fetchedAt: '2016-07-16T02:00:00Z',
      itemCount: 10 + i,
      undatedCount: i,
      newestItemDate: '2016-07-15',
    }));
    for (const state of states.slice(0, 2)) await stores.documents.putPageState(state, null);
    stores.documents.resetMetrics();
    const found = await stores.documents.getPageStates([...urls, urls[0]!]);
    expect(stores.documents.metrics().readRequests).toBe(1);
    expect([...found.keys()].sort()).toEqual(urls.slice(0, 2).sort());
    expect(found.get(urls[1]!)).toEqual(states[1]);

    stores.documents.resetMetrics();
    await stores.documents.putPageState(
      { ...states[0]!, fetchedAt: '2016-07-16T03:00:00Z' },
      found.get(urls[0]!),
    );
    expect(stores.documents.metrics()).toMatchObject({ readRequests: 0, itemsWritten: 0 });
    await stores.documents.putPageState({ ...states[0]!, itemCount: 11 }, found.get(urls[0]!));
    expect(stores.documents.metrics()).toMatchObject({ readRequests: 0, itemsWritten: 1 });
  });
});

describe('health checks and runs', () => {
  it('lists checks of a source within a time range, `to` covering its whole day', async () => {
    const times = ['2016-07-01T01:00:00.000Z', '2016-07-02T01:00:00.000Z', '2016-07-03T01:00:00.000Z'];
    for (const checkedAt of times) {
      await stores.health.recordCheck({
        sourceId: 'site-h',
        columnId: 'news',
        url: 'http://127.0.0.1/site-h/news/',
        checkedAt,
        ok: true,
        status: 200,
        latencyMs: 12,
        newestItemDate: '2016-06-30',
      });
    }
    expect(await stores.health.listChecks('site-h')).toHaveLength(3);
    const range = await stores.health.listChecks('site-h', { from: '2016-07-02', to: '2016-07-03' });
    expect(range.map((c) => c.checkedAt)).toEqual(times.slice(1));
    expect(await stores.health.listChecks('site-h', { to: '2016-07-01' })).toHaveLength(1);
    expect(await stores.health.listChecks('site-h', { from: '2016-07-03T00:00:00Z' })).toHaveLength(1);
  });

  it('stores runs and lists them by source and by sweep date', async () => {
    const base = {
      startedAt: '2016-07-04T01:00:00Z',
      finishedAt: '2016-07-04T01:05:00Z',
      pages: 3,
      bytes: 1000,
      notModified: 1,
      newDocuments: 2,
      changedDocuments: 0,
      errors: 0,
      reachable: true,
    };
    await stores.health.putRun({ ...base, runId: 'r1', sourceId: 'run-a', asOf: '2016-07-04' });
    await stores.health.putRun({ ...base, runId: 'r1', sourceId: 'run-b', asOf: '2016-07-04' });
    await stores.health.putRun({ ...base, runId: 'r2', sourceId: 'run-a', asOf: '2016-07-11' });
    expect(await stores.health.listRuns({ sourceId: 'run-a' })).toHaveLength(2);
    const july4 = await stores.health.listRuns({ asOf: '2016-07-04' });
    expect(july4.map((r) => r.sourceId)).toEqual(['run-a', 'run-b']);
    expect(await stores.health.listRuns({ sourceId: 'run-a', asOf: '2016-07-11' })).toHaveLength(1);
  });
});

describe('evidence', () => {
  const evidence = (url: string, overrides: Partial<Evidence> = {}): Evidence => ({
    obligationId: 'budget-2016',
    periodKey: '2016-Q2',
    url,
    kind: 'match',
    score: 0.9,
    terms: ['预算'],
    reason: 'title names the budget and the quarter',
    publishedOn: '2016-07-15',
    sha256: null,
    title: '预算执行情况',
    ...overrides,
  });

  it('counts only new evidence and never rewrites existing evidence', async () => {
    const batch = [evidence('http://127.0.0.1/e/1.htm'), evidence('http://127.0.0.1/e/2.htm')];
    expect(await stores.evidence.putEvidence(batch)).toBe(2);
    stores.evidence.resetMetrics();
    expect(await stores.evidence.putEvidence(batch)).toBe(0);
    expect(stores.evidence.metrics().itemsWritten).toBe(0);
    // Evidence is never deleted: a key this store has seen stored costs no read the next time.
    expect(stores.evidence.metrics().readRequests).toBe(0);
    expect(
      await stores.evidence.putEvidence([
        ...batch,
        evidence('http://127.0.0.1/e/1.htm', { kind: 'candidate' }),
      ]),
    ).toBe(1);
    expect(await stores.evidence.listEvidence({ obligationId: 'budget-2016' })).toHaveLength(3);
  });

  it('counts duplicates within one call once, and a racing call cannot count them again', async () => {
    const item = evidence('http://127.0.0.1/e/race.htm', { obligationId: 'race-ob' });
    const counts = await Promise.all(
      Array.from({ length: 5 }, () => stores.evidence.putEvidence([item, item])),
    );
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('filters by obligation without matching an obligation whose id merely starts the same', async () => {
    await stores.evidence.putEvidence([
      evidence('http://127.0.0.1/e/p.htm', { obligationId: 'prefix' }),
      evidence('http://127.0.0.1/e/p.htm', { obligationId: 'prefix-longer' }),
    ]);
    expect(await stores.evidence.listEvidence({ obligationId: 'prefix' })).toHaveLength(1);
    const all = await stores.evidence.listEvidence();
    expect(all.map((e) => e.obligationId)).toEqual(
      expect.arrayContaining(['prefix', 'prefix-longer', 'budget-2016']),
    );
  });
});

describe('verdicts and summaries', () => {
  const verdict = (periodKey: string, overrides: Partial<StoredVerdict> = {}): StoredVerdict => ({
    obligationId: 'sampling',
    periodKey,
    asOf: '2016-07-04',
    kind: 'missing',
    due: '2016-07-01',
    reasons: ['no evidence by the due date'],
    evidenceUrls: [],
    ...overrides,
  });

  it('writes only verdicts that changed', async () => {
    const week = [verdict('2016-W25'), verdict('2016-W26')];
    expect(await stores.verdicts.putVerdicts(week)).toBe(2);
    stores.verdicts.resetMetrics();
    expect(await stores.verdicts.putVerdicts(week.map((v) => ({ ...v, asOf: '2016-07-11' })))).toBe(0);
    expect(stores.verdicts.metrics().itemsWritten).toBe(0);
    const late = verdict('2016-W26', {
      asOf: '2016-07-11',
      kind: 'late',
      evidenceUrls: ['http://127.0.0.1/x.htm'],
    });
    expect(await stores.verdicts.putVerdicts([verdict('2016-W25'), late])).toBe(1);
    const stored = await stores.verdicts.listVerdicts();
    expect(stored.find((v) => v.periodKey === '2016-W26')?.kind).toBe('late');
    expect(stored.find((v) => v.periodKey === '2016-W25')?.asOf).toBe('2016-07-04');
  });

  it('spreads verdicts and flags over shard partitions by obligation, and reads only the shards asked for', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `sharded-${i}`);
    await stores.verdicts.putVerdicts(ids.map((id) => verdict('2016-07', { obligationId: id })));
    for (const id of ids)
      await stores.flags.raiseFlag({
        obligationId: id,
        periodKey: '2016-07',
        due: '2016-07-01',
        raisedOn: '2016-07-04',
        raisedAt: '2016-07-04T02:00:00Z',
        units: ['审计局'],
        status: 'open',
        history: [],
      });
    const partitions = new Set<string>();
    for (const kind of ['VERDICT', 'FLAG']) {
      for (const id of ids) {
        const out = await stores.client.send(
          new QueryCommand({
            TableName: stores.tableName,
            KeyConditionExpression: 'pk = :pk AND sk = :sk',
            ExpressionAttributeValues: {
              ':pk': { S: `${kind}#${obligationShard(id)}` },
              ':sk': { S: `${id}#2016-07` },
            },
          }),
        );
        expect(out.Count, `${kind} ${id}`).toBe(1);
        partitions.add(`${kind}#${obligationShard(id)}`);
      }
    }
    // 40 obligations over 16 shards: all but a very unlucky hash spread over more than half of them.
    expect(partitions.size).toBeGreaterThan(2 * 8);
    stores.verdicts.resetMetrics();
    const two = await stores.verdicts.listVerdicts({ obligationIds: ['sharded-3', 'sharded-7'] });
    expect(two.map((v) => v.obligationId)).toEqual(['sharded-3', 'sharded-7']);
    expect(stores.verdicts.metrics().readRequests).toBe(2);
    const flags = await stores.flags.listFlags({ obligationIds: ids });
    expect(flags.map((f) => f.obligationId)).toEqual([...ids].sort());
  });

  it('writes more verdicts than one batch holds', async () => {
    const many = Array.from({ length: 60 }, (_, i) => verdict(`2016-D${i}`, { obligationId: 'daily' }));
    expect(await stores.verdicts.putVerdicts(many)).toBe(60);
    expect((await stores.verdicts.listVerdicts()).filter((v) => v.obligationId === 'daily')).toHaveLength(60);
  });

  it('keeps one summary per sweep, in date order', async () => {
    const summary = {
      runId: 'r1',
      counts: { met: 3, missing: 1 },
      byUnit: { 财政局: { met: 1 } },
      recordedAt: 'x',
    };
    await stores.verdicts.putSummary({ ...summary, asOf: '2016-07-11' });
    await stores.verdicts.putSummary({ ...summary, asOf: '2016-07-04' });
    await stores.verdicts.putSummary({ ...summary, asOf: '2016-07-04' });
    const all = await stores.verdicts.listSummaries();
    expect(all.map((s) => s.asOf)).toEqual(['2016-07-04', '2016-07-11']);
    expect(all[0]?.byUnit.财政局?.met).toBe(1);
  });
});

describe('flags', () => {
  const flag = (periodKey: string): Flag => ({
    obligationId: 'drug-sampling',
    periodKey,
    due: '2016-07-29',
    raisedOn: '2016-08-01',
    raisedAt: '2016-08-01T01:00:00Z',
    units: ['食药监局'],
    status: 'open',
    history: [{ at: '2016-08-01T01:00:00Z', status: 'open', note: 'no evidence by the due date' }],
  });

  it('raises a flag exactly once among ten concurrent sweeps', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, () => stores.flags.raiseFlag(flag('2016-Q2'))),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await stores.flags.listFlags()).filter((f) => f.periodKey === '2016-Q2')).toHaveLength(1);
  });

  it('lists unnotified flags until marked, and marks each once', async () => {
    await stores.flags.raiseFlag(flag('2016-Q3'));
    expect((await stores.flags.listUnnotified()).map((f) => f.periodKey)).toContain('2016-Q3');
    const marks = await Promise.all(
      Array.from({ length: 4 }, () =>
        stores.flags.markNotified('drug-sampling', '2016-Q3', '2016-10-01T00:00:00Z'),
      ),
    );
    expect(marks.filter(Boolean)).toHaveLength(1);
    expect((await stores.flags.listUnnotified()).map((f) => f.periodKey)).not.toContain('2016-Q3');
    await expect(stores.flags.markNotified('drug-sampling', 'never-raised', 'x')).rejects.toThrow(/no flag/);
  });

  it('updates status and appends history', async () => {
    await stores.flags.raiseFlag(flag('2016-Q4'));
    await stores.flags.updateFlagStatus(
      'drug-sampling',
      '2016-Q4',
      'resolved',
      'late evidence found',
      '2016-11-02T00:00:00Z',
    );
    const updated = (await stores.flags.listFlags()).find((f) => f.periodKey === '2016-Q4');
    expect(updated?.status).toBe('resolved');
    expect(updated?.history.map((h) => h.status)).toEqual(['open', 'resolved']);
    await expect(stores.flags.updateFlagStatus('drug-sampling', 'nope', 'waived', 'n', 'x')).rejects.toThrow(
      /no flag/,
    );
  });
});

describe('ledger', () => {
  it('appends entries, refuses a repeated id and leaves the original unchanged', async () => {
    const waiver = {
      type: 'waiver' as const,
      id: 'w-1',
      obligationId: 'drug-sampling',
      reason: 'merged into provincial report',
      until: '2016-12-31',
      by: 'auditor',
      at: '2016-08-02T00:00:00Z',
    };
    expect(await stores.ledger.append(waiver)).toBe(true);
    expect(
      await stores.ledger.append({ ...waiver, reason: 'changed my mind', at: '2016-08-03T00:00:00Z' }),
    ).toBe(false);
    expect(
      await stores.ledger.append({
        type: 'event',
        id: 'w-1',
        obligationId: 'x',
        date: '2016-08-01',
        note: 'n',
        by: 'b',
        at: 'z',
      }),
    ).toBe(false);
    expect(await stores.ledger.list('waiver')).toEqual([waiver]);
    expect(await stores.ledger.list('event')).toEqual([]);
  });

  it('lists entries of a type in time order', async () => {
    const event = (id: string, at: string) => ({
      type: 'event' as const,
      id,
      obligationId: 'law-passed',
      date: '2016-09-01' as const,
      note: '市人大常委会通过',
      by: 'clerk',
      at,
    });
    await stores.ledger.append(event('e-2', '2016-09-02T00:00:00Z'));
    await stores.ledger.append(event('e-1', '2016-09-01T00:00:00Z'));
    expect((await stores.ledger.list('event')).map((e) => e.id)).toEqual(['e-1', 'e-2']);
  });
});

describe('metrics', () => {
  it('sums every store and keeps per-store counters', async () => {
    stores.resetMetrics();
    await stores.flags.listFlags();
    await stores.verdicts.listVerdicts();
    const metrics = stores.metrics();
    expect(metrics.readRequests).toBe(
      metrics.byStore.flags.readRequests + metrics.byStore.verdicts.readRequests,
    );
    expect(metrics.byStore.flags.readRequests).toBeGreaterThanOrEqual(1);
    expect(metrics.byStore.documents.readRequests).toBe(0);
  });

  it('counts the capacity DynamoDB reports for reads and writes', async () => {
    stores.resetMetrics();
    await stores.verdicts.putSummary({
      asOf: '2016-01-04',
      runId: 'cap',
      counts: {},
      byUnit: {},
      recordedAt: 'x',
    });
    await stores.verdicts.listSummaries();
    const verdicts = stores.metrics().byStore.verdicts;
    expect(verdicts.writeCapacityUnits).toBeGreaterThan(0);
    expect(verdicts.readCapacityUnits).toBeGreaterThan(0);
    // The head (its units are none), then the heads in one Query and the units of the summaries
    // stored earlier in this file in one BatchGetItem.
    expect(verdicts.operations).toEqual({ PutItem: 1, Query: 1, BatchGetItem: 1 });
  });
});
