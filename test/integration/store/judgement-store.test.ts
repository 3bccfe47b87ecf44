/**
 * The judgement kept between processes on DynamoDB Local: what a save stores a load returns; a save
 * planned from a head another sweep replaced commits nothing and its obligations are not trusted;
 * no item passes 400 KB however large a judgement or however many sources; and the document
 * counters move only when a write made a document new or changed.
 */
import { randomBytes } from 'node:crypto';
import { DeleteItemCommand, QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Document } from '../../../src/core/document';
import type { Verdict } from '../../../src/core/verdict';
import type { DynamoStores } from '../../../src/store/dynamo/create-stores';
import { itemBytes } from '../../../src/store/dynamo/items';
import type { JudgedSource, JudgementHead, ObligationJudgement } from '../../../src/store/ports';
import { openTestStores } from '../../support/dynamo-test-stores';

let stores: DynamoStores;
beforeAll(async () => {
  stores = await openTestStores();
});
afterAll(() => stores?.close());

const head = (runId: string, asOf = '2016-05-02'): JudgementHead => ({
  runId,
  asOf,
  cutoff: `${asOf}T15:59:59.999Z`,
  config: 'config-a',
});

const verdict = (obligationId: string, reason: string): Verdict => ({
  obligationId,
  periodKey: '2016-Q1',
  periodLabel: '2016年第一季度',
  start: '2016-01-01',
  end: '2016-03-31',
  due: '2016-04-15',
  kind: 'missing',
  reasons: [reason],
  evidence: [],
  candidates: [],
  warnings: [],
});

const judgement = (obligationId: string, reason = 'nothing found'): ObligationJudgement => ({
  fingerprint: `fp-${obligationId}`,
  reads: ['site-a'],
  evidence: [],
  candidates: [],
  warnings: [],
  verdicts: [verdict(obligationId, reason)],
  judgedOn: '2016-05-02',
  documents: [document('site-a', 7)],
});

const document = (sourceId: string, n: number, title = `公告 ${n}`): Document => ({
  url: `http://127.0.0.1:1/${sourceId}/${n}.html`,
  sourceId,
  columnId: 'news',
  columnKind: 'news',
  units: ['市财政局'],
  title,
  dateText: '2016-03-01',
  date: '2016-03-01',
  dateOrigin: 'list',
  firstSeen: '2016-03-02T02:00:00.000Z',
  lastSeen: '2016-03-02T02:00:00.000Z',
  sha256: 'a'.repeat(64),
  fetchedAt: '2016-03-02T02:00:00.000Z',
  attachments: [],
  absences: [],
});

const source = (privacy: Document[] | null = []): JudgedSource => ({
  version: 3,
  checksSeen: 12,
  unitsNamed: ['市财政局'],
  latestDate: '2016-03-01',
  latestFirstSeen: '2016-03-02T02:00:00.000Z',
  privacy,
});

async function largestItemBytes(): Promise<number> {
  let largest = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const out = await stores.client.send(
      new ScanCommand({ TableName: stores.tableName, ExclusiveStartKey: start as never }),
    );
    for (const item of out.Items ?? []) largest = Math.max(largest, itemBytes(unmarshall(item)));
    start = out.LastEvaluatedKey;
  } while (start);
  return largest;
}

describe('judgement store on DynamoDB', () => {
  it('loads what was saved, keeps the obligations a later save did not re-judge, and refuses a stale head', async () => {
    expect(await stores.judgements.load()).toBeUndefined();
    const first = head('2016-05-02#run-1');
    const sources = new Map([['site-a', source([document('site-a', 1)])]]);
    const written = new Map(['o1', 'o2', 'o3'].map((id) => [id, judgement(id)]));
    expect(await stores.judgements.save({ head: first, sources, written }, undefined)).toBe(true);
    const loaded = await stores.judgements.load();
    expect(loaded?.head).toEqual(first);
    expect(loaded?.sources).toEqual(sources);
    expect(loaded?.byObligation).toEqual(written);

    const second = head('2016-05-09#run-2', '2016-05-09');
    const rejudged = new Map([['o2', judgement('o2', 'judged again')]]);
    expect(await stores.judgements.save({ head: second, sources, written: rejudged }, first)).toBe(true);
    const after = await stores.judgements.load();
    expect(after?.head).toEqual(second);
    expect(after?.byObligation.get('o1')).toEqual(written.get('o1'));
    expect(after?.byObligation.get('o2')).toEqual(rejudged.get('o2'));

    // A sweep that planned from the first head lost the race: nothing of it is trusted.
    const late = head('2016-05-09#run-3', '2016-05-09');
    const lost = new Map([['o3', judgement('o3', 'from the losing sweep')]]);
    expect(await stores.judgements.save({ head: late, sources, written: lost }, first)).toBe(false);
    const final = await stores.judgements.load();
    expect(final?.head).toEqual(second);
    expect(final?.byObligation.has('o3')).toBe(false);
    expect(final?.byObligation.get('o1')).toEqual(written.get('o1'));
  });

  it('keeps every item under 400 KB: a judgement too large is not kept, many sources are chunked', async () => {
    const before = await stores.judgements.load();
    // Incompressible reasons: about 1.2 MB of JSON for one obligation.
    const huge: ObligationJudgement = {
      ...judgement('huge'),
      verdicts: Array.from({ length: 300 }, (_, i) =>
        verdict('huge', randomBytes(2_000).toString('base64') + i),
      ),
    };
    const privacy = (id: string) =>
      Array.from({ length: 3 }, (_, n) => document(id, n, randomBytes(300).toString('base64')));
    const sources = new Map(
      Array.from({ length: 3_000 }, (_, i) => [`site-${i}`, source(privacy(`site-${i}`))]),
    );
    const next = head('2016-05-16#run-4', '2016-05-16');
    const written = new Map([
      ['huge', huge],
      ['o4', judgement('o4')],
    ]);
    expect(await stores.judgements.save({ head: next, sources, written }, before?.head)).toBe(true);
    expect(await largestItemBytes()).toBeLessThan(400_000);
    const loaded = await stores.judgements.load();
    expect(loaded?.sources.size).toBe(3_000);
    expect(loaded?.sources.get('site-2999')).toEqual(sources.get('site-2999'));
    expect(loaded?.byObligation.has('huge')).toBe(false);
    expect(loaded?.byObligation.get('o4')).toEqual(written.get('o4'));
  }, 120_000);

  it('after its source chunks expired, trusts nothing stored but still commits over the head', async () => {
    const before = await stores.judgements.load();
    expect(before?.byObligation.size).toBeGreaterThan(0);
    // What TTL does to chunks left unused for weeks.
    const chunks = await stores.client.send(
      new QueryCommand({
        TableName: stores.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :src)',
        ExpressionAttributeValues: { ':pk': { S: 'JUDGE' }, ':src': { S: `SRC#${before!.head.runId}#` } },
      }),
    );
    for (const item of chunks.Items ?? [])
      await stores.client.send(
        new DeleteItemCommand({ TableName: stores.tableName, Key: { pk: item.pk!, sk: item.sk! } }),
      );
    const expired = await stores.judgements.load();
    expect(expired?.head).toEqual(before?.head);
    expect(expired?.sources.size).toBe(0);
    expect(expired?.byObligation.size).toBe(0);
    const next = head('2016-05-23#run-5', '2016-05-23');
    const written = new Map([['o5', judgement('o5')]]);
    expect(await stores.judgements.save({ head: next, sources: new Map(), written }, expired?.head)).toBe(
      true,
    );
    const after = await stores.judgements.load();
    expect(after?.byObligation.get('o5')).toEqual(written.get('o5'));
    expect(after?.byObligation.has('o1')).toBe(false);
  });

  it('moves a source’s document counter only when a write made a document new or changed', async () => {
    const documents = stores.documents;
    const version = async () => (await documents.documentVersions()).get('counted') ?? 0;
    expect(await version()).toBe(0);
    expect(await documents.upsertDocument(document('counted', 1))).toBe('new');
    expect(await version()).toBe(1);
    expect(await documents.upsertDocument(document('counted', 1))).toBe('unchanged');
    expect(await version()).toBe(1);
    expect(await documents.upsertDocument(document('counted', 1, '公告（更正）'))).toBe('changed');
    expect(await version()).toBe(2);
    // A re-check that found the page as it was: its time is written, nothing judging reads moved.
    const rechecked = { ...document('counted', 1, '公告（更正）'), recheckedAt: '2016-06-01T02:00:00.000Z' };
    expect(await documents.upsertDocument(rechecked)).toBe('changed');
    expect((await documents.getDocument(rechecked.url))?.recheckedAt).toBe(rechecked.recheckedAt);
    expect(await version()).toBe(2);
    await documents.insertDocuments([document('counted', 2), document('counted', 3), document('counted', 4)]);
    expect(await version()).toBe(3);
    expect((await documents.documentVersions()).get('site-a')).toBeUndefined();
  });
});
