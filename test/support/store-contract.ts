/**
 * What every adapter of the store ports promises, run against each: the DynamoDB adapter on
 * DynamoDB Local (test/integration/store/store-contract.test.ts) and the in-memory adapter
 * (test/unit/store/memory-store-contract.test.ts). Behaviour only; request counts and item layout
 * are the DynamoDB adapter's own tests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Document } from '../../src/core/document';
import type { Evidence } from '../../src/core/evidence';
import { type Flag, FlagNotFoundError, type StoredVerdict, type Stores } from '../../src/store/ports';

export type ContractStores = Omit<Stores, 'archive' | 'notifier'>;

/** A unique id per use, so the DynamoDB run (one table per file) never sees another test's records. */
let serial = 0;
const fresh = (label: string) => `${label}-${++serial}`;

const page = (sourceId: string, path: string, changes: Partial<Document> = {}): Document => ({
  url: `http://127.0.0.1/${sourceId}/${path}`,
  sourceId,
  columnId: path.split('/')[0] ?? 'news',
  columnKind: 'news',
  units: ['市政府办公室'],
  title: `通知 ${path}`,
  dateText: '2016-03-01',
  date: '2016-03-01',
  dateOrigin: 'list',
  firstSeen: '2016-03-02T00:00:00.000Z',
  lastSeen: '2016-03-02T00:00:00.000Z',
  sha256: null,
  attachments: [],
  absences: [],
  ...changes,
});

export function storeContract(open: () => Promise<{ stores: ContractStores; close?: () => void }>): void {
  let stores: ContractStores;
  let close: (() => void) | undefined;
  beforeAll(async () => {
    ({ stores, close } = await open());
  });
  afterAll(() => close?.());

  describe('documents', () => {
    it('are new once, unchanged when only the crawl times move, changed when the page does', async () => {
      const site = fresh('docs');
      expect(await stores.documents.upsertDocument(page(site, 'news/a.htm'))).toBe('new');
      const seenAgain = { lastSeen: '2016-03-09T00:00:00.000Z', firstSeen: '2016-03-09T00:00:00.000Z' };
      expect(await stores.documents.upsertDocument(page(site, 'news/a.htm', seenAgain))).toBe('unchanged');
      const retitled = page(site, 'news/a.htm', { title: '更正', lastSeen: '2016-03-20T00:00:00.000Z' });
      expect(await stores.documents.upsertDocument(retitled)).toBe('changed');
      const stored = await stores.documents.getDocument(retitled.url);
      expect(stored).toMatchObject({ title: '更正', firstSeen: '2016-03-02T00:00:00.000Z' });
      expect(stored?.lastSeen).toBe('2016-03-20T00:00:00.000Z');
      expect(await stores.documents.getDocument(`${retitled.url}?never`)).toBeUndefined();
    });

    it('inserts a batch, upserting the ones that exist meanwhile, and lists by source and column', async () => {
      const site = fresh('batch');
      await stores.documents.upsertDocument(page(site, 'news/1.htm'));
      const batch = [
        page(site, 'news/1.htm', { title: '新标题' }),
        page(site, 'news/2.htm'),
        page(site, 'docs/3.htm'),
      ];
      expect(await stores.documents.insertDocuments(batch)).toEqual(['changed', 'new', 'new']);
      expect((await stores.documents.listDocuments({ sourceId: site })).map((d) => d.url).sort()).toEqual(
        batch.map((d) => d.url).sort(),
      );
      const docs = await stores.documents.listDocuments({ sourceId: site, columnId: 'docs' });
      expect(docs.map((d) => d.url)).toEqual([batch[2]!.url]);
    });

    it('rejects an invalid document naming the field', async () => {
      const bad = { ...page(fresh('bad'), 'news/x.htm'), title: 42 } as unknown as Document;
      await expect(stores.documents.upsertDocument(bad)).rejects.toThrow(/title/);
    });

    it('keeps page states by URL and reads many at once', async () => {
      const url = `http://127.0.0.1/${fresh('state')}/list.htm`;
      await stores.documents.putPageState({
        url,
        etag: '"v1"',
        fetchedAt: '2016-03-02T00:00:00Z',
        itemCount: 3,
      });
      expect(await stores.documents.getPageState(url)).toMatchObject({ etag: '"v1"', itemCount: 3 });
      const states = await stores.documents.getPageStates([url, `${url}?none`, url]);
      expect([...states.keys()]).toEqual([url]);
    });
  });

  describe('health checks and runs', () => {
    it('lists a source’s checks in time order, `to` covering its whole day', async () => {
      const sourceId = fresh('health');
      const days = ['2016-05-03', '2016-05-01', '2016-05-02'];
      await stores.health.recordChecks(
        days.map((day) => ({
          sourceId,
          url: 'http://127.0.0.1/h/',
          checkedAt: `${day}T08:00:00Z`,
          ok: true,
          latencyMs: 5,
        })),
      );
      const all = await stores.health.listChecks(sourceId);
      expect(all.map((c) => c.checkedAt.slice(0, 10))).toEqual(['2016-05-01', '2016-05-02', '2016-05-03']);
      const range = await stores.health.listChecks(sourceId, { from: '2016-05-02', to: '2016-05-02' });
      expect(range.map((c) => c.checkedAt.slice(0, 10))).toEqual(['2016-05-02']);
    });

    it('lists runs by source and by sweep date', async () => {
      const [a, b] = [fresh('run'), fresh('run')];
      const run = { startedAt: 's', finishedAt: 'f', pages: 1, bytes: 1, notModified: 0, newDocuments: 0 };
      const counts = { changedDocuments: 0, errors: 0, reachable: true };
      for (const [sourceId, asOf] of [
        [a, '2016-06-06'],
        [b, '2016-06-06'],
        [a, '2016-06-13'],
      ] as const)
        await stores.health.putRun({ ...run, ...counts, runId: `r-${asOf}`, sourceId, asOf });
      expect(await stores.health.listRuns({ sourceId: a })).toHaveLength(2);
      const sweep = await stores.health.listRuns({ asOf: '2016-06-06' });
      expect(sweep.filter((r) => r.sourceId === a || r.sourceId === b).map((r) => r.sourceId)).toEqual([
        a,
        b,
      ]);
    });
  });

  describe('evidence', () => {
    const link = (obligationId: string, url: string, kind: Evidence['kind'] = 'match'): Evidence => ({
      obligationId,
      periodKey: '2016-Q1',
      url,
      kind,
      score: 1,
      terms: [],
      reason: 'title',
      publishedOn: '2016-03-01',
      sha256: null,
      title: 't',
    });

    it('counts only new evidence, a repeat within one call once, and filters by whole obligation id', async () => {
      const id = fresh('ob');
      const batch = [link(id, 'http://e/1'), link(id, 'http://e/1'), link(id, 'http://e/2')];
      expect(await stores.evidence.putEvidence(batch)).toBe(2);
      expect(await stores.evidence.putEvidence([...batch, link(id, 'http://e/1', 'candidate')])).toBe(1);
      await stores.evidence.putEvidence([link(`${id}0`, 'http://e/3')]);
      expect(await stores.evidence.listEvidence({ obligationId: id })).toHaveLength(3);
    });
  });

  describe('verdicts and summaries', () => {
    const judged = (obligationId: string, periodKey: string, kind: StoredVerdict['kind']): StoredVerdict => ({
      obligationId,
      periodKey,
      asOf: '2016-04-04',
      kind,
      due: '2016-04-01',
      reasons: [],
      evidenceUrls: [],
    });

    it('writes a verdict only when its judgement changed, not when only asOf moved', async () => {
      const id = fresh('verdict');
      expect(
        await stores.verdicts.putVerdicts([judged(id, 'Q1', 'missing'), judged(id, 'Q2', 'pending')]),
      ).toBe(2);
      const nextWeek = { asOf: '2016-04-11' as const };
      const again = [
        { ...judged(id, 'Q1', 'missing'), ...nextWeek },
        { ...judged(id, 'Q2', 'met'), ...nextWeek },
      ];
      expect(await stores.verdicts.putVerdicts(again)).toBe(1);
      const mine = (await stores.verdicts.listVerdicts()).filter((v) => v.obligationId === id);
      expect(mine.map((v) => [v.periodKey, v.kind, v.asOf])).toEqual([
        ['Q1', 'missing', '2016-04-04'],
        ['Q2', 'met', '2016-04-11'],
      ]);
    });

    it('keeps the reasons of the sweep that reached a judgement: reworded reasons alone write nothing', async () => {
      const id = fresh('reasons');
      const first = {
        ...judged(id, 'Q3', 'pending'),
        reasons: ['due 2016-09-30, 40 working days after 2016-04-04'],
      };
      expect(await stores.verdicts.putVerdicts([first])).toBe(1);
      const reworded = {
        ...first,
        asOf: '2016-04-11' as const,
        reasons: ['due 2016-09-30, 35 working days after 2016-04-11'],
      };
      expect(await stores.verdicts.putVerdicts([reworded])).toBe(0);
      const [stored] = await stores.verdicts.listVerdicts({ obligationIds: [id] });
      expect(stored).toMatchObject({ asOf: '2016-04-04', reasons: first.reasons });
      const due = { ...reworded, kind: 'due-soon' as const, reasons: ['due in 3 working days'] };
      expect(await stores.verdicts.putVerdicts([due])).toBe(1);
      expect((await stores.verdicts.listVerdicts({ obligationIds: [id] }))[0]?.reasons).toEqual(due.reasons);
    });

    it('lists the verdicts of the obligations asked for, in obligation and period order', async () => {
      const [a, b, c] = [fresh('pick'), fresh('pick'), fresh('pick')];
      await stores.verdicts.putVerdicts([
        judged(c, 'Q1', 'met'),
        judged(a, 'Q2', 'missing'),
        judged(a, 'Q1', 'met'),
        judged(b, 'Q1', 'pending'),
      ]);
      const picked = await stores.verdicts.listVerdicts({ obligationIds: [c, a, `${a}0`] });
      expect(picked.map((v) => `${v.obligationId} ${v.periodKey}`)).toEqual([
        `${a} Q1`,
        `${a} Q2`,
        `${c} Q1`,
      ]);
      expect(await stores.verdicts.listVerdicts({ obligationIds: [] })).toEqual([]);
    });

    it('keeps one summary per sweep, in date order', async () => {
      const runId = fresh('sweep');
      for (const asOf of ['2016-02-08', '2016-02-01', '2016-02-08'] as const)
        await stores.verdicts.putSummary({
          asOf,
          runId,
          counts: { missing: 1 },
          byUnit: {},
          recordedAt: 'x',
        });
      const mine = (await stores.verdicts.listSummaries()).filter((s) => s.runId === runId);
      expect(mine.map((s) => s.asOf)).toEqual(['2016-02-01', '2016-02-08']);
    });
  });

  describe('flags', () => {
    const raised = (obligationId: string, periodKey: string): Flag => ({
      obligationId,
      periodKey,
      due: '2016-04-01',
      raisedOn: '2016-04-04',
      raisedAt: '2016-04-04T00:00:00Z',
      units: ['审计局'],
      status: 'open',
      history: [{ at: '2016-04-04T00:00:00Z', status: 'open', note: 'raised' }],
    });

    it('raises a flag once among concurrent sweeps, claims its notification once', async () => {
      const id = fresh('flag');
      const wins = await Promise.all(
        Array.from({ length: 5 }, () => stores.flags.raiseFlag(raised(id, 'Q1'))),
      );
      expect(wins.filter(Boolean)).toHaveLength(1);
      expect((await stores.flags.listUnnotified()).some((f) => f.obligationId === id)).toBe(true);
      expect(await stores.flags.markNotified(id, 'Q1', '2016-04-04T01:00:00Z')).toBe(true);
      expect(await stores.flags.markNotified(id, 'Q1', '2016-04-04T02:00:00Z')).toBe(false);
      expect((await stores.flags.listUnnotified()).some((f) => f.obligationId === id)).toBe(false);
    });

    it('lists the flags of the obligations asked for', async () => {
      const [a, b] = [fresh('flagpick'), fresh('flagpick')];
      await stores.flags.raiseFlag(raised(b, 'Q1'));
      await stores.flags.raiseFlag(raised(a, 'Q1'));
      expect((await stores.flags.listFlags({ obligationIds: [b] })).map((f) => f.obligationId)).toEqual([b]);
      const all = (await stores.flags.listFlags()).filter(
        (f) => f.obligationId === a || f.obligationId === b,
      );
      expect(all.map((f) => f.obligationId)).toEqual([a, b]);
    });

    it('appends status changes to the history, and refuses a flag never raised', async () => {
      const id = fresh('flag');
      await stores.flags.raiseFlag(raised(id, 'Q2'));
      await stores.flags.updateFlagStatus(id, 'Q2', 'resolved', 'evidence found', '2016-04-11T00:00:00Z');
      const flag = (await stores.flags.listFlags()).find((f) => f.obligationId === id);
      expect(flag?.status).toBe('resolved');
      expect(flag?.history.map((h) => h.status)).toEqual(['open', 'resolved']);
      await expect(stores.flags.updateFlagStatus(id, 'Q9', 'waived', 'n', 'x')).rejects.toBeInstanceOf(
        FlagNotFoundError,
      );
      await expect(stores.flags.markNotified(id, 'Q9', 'x')).rejects.toBeInstanceOf(FlagNotFoundError);
    });
  });

  describe('ledger', () => {
    it('refuses an id used before, of any type, and lists a type in time order', async () => {
      const id = fresh('entry');
      const by = { by: '审计员', obligationId: 'ob' };
      const later = {
        type: 'event',
        id: `${id}-b`,
        date: '2016-03-01',
        note: 'n',
        at: '2016-03-05T00:00:00Z',
        ...by,
      } as const;
      const earlier = { ...later, id: `${id}-a`, at: '2016-03-04T00:00:00Z' };
      expect(await stores.ledger.append(later)).toBe(true);
      expect(await stores.ledger.append(earlier)).toBe(true);
      const waiver = {
        type: 'waiver',
        id: `${id}-b`,
        reason: 'r',
        until: '2016-12-31',
        at: 'now',
        ...by,
      } as const;
      expect(await stores.ledger.append(waiver)).toBe(false);
      const events = (await stores.ledger.list('event')).filter((e) => e.id.startsWith(id));
      expect(events.map((e) => e.id)).toEqual([`${id}-a`, `${id}-b`]);
      expect(await stores.ledger.list('waiver')).not.toContainEqual(
        expect.objectContaining({ id: `${id}-b` }),
      );
    });
  });

  describe('crawl progress', () => {
    it('keeps a sweep’s shards by index, apart from another sweep’s', async () => {
      const run = fresh('shards');
      await stores.crawl.putShards(run, [['a', 'b'], ['c']]);
      await stores.crawl.putShards(`${run}-other`, [['z']]);
      expect(await stores.crawl.getShard(run, 0)).toEqual(['a', 'b']);
      expect(await stores.crawl.getShard(run, 1)).toEqual(['c']);
      expect(await stores.crawl.getShard(run, 2)).toBeUndefined();
      expect(await stores.crawl.getShard(`${run}-other`, 0)).toEqual(['z']);
    });

    it('keeps a cursor per source and sweep, the last one written, checks included', async () => {
      const run = fresh('cursor');
      expect(await stores.crawl.getCursor(run, 'site')).toBeUndefined();
      const cursor = {
        runId: run,
        sourceId: 'site',
        startedAt: '2016-03-02T00:00:00.000Z',
        passes: 1,
        done: false,
        home: { reachable: true },
        columnsDone: ['news'],
        checks: [
          {
            sourceId: 'site',
            columnId: 'news',
            url: 'http://127.0.0.1/site/news/',
            checkedAt: '2016-03-02T00:00:00.000Z',
            ok: true,
            latencyMs: 12,
            itemCount: 3,
            newestItemDate: null,
          },
        ],
        totals: { pages: 4, bytes: 900, newDocuments: 3, changedDocuments: 0, errors: 0 },
        limitsHit: [],
      };
      await stores.crawl.putCursor(cursor);
      expect(await stores.crawl.getCursor(run, 'site')).toEqual(cursor);
      await stores.crawl.putCursor({ ...cursor, passes: 2, done: true, columnsDone: ['news', 'laws'] });
      expect(await stores.crawl.getCursor(run, 'site')).toMatchObject({ passes: 2, done: true });
      expect(await stores.crawl.getCursor(`${run}-other`, 'site')).toBeUndefined();
    });

    it('refuses a cursor with a negative count, naming the field', async () => {
      const bad = {
        runId: fresh('bad'),
        sourceId: 'site',
        startedAt: 'x',
        passes: 1,
        done: false,
        columnsDone: [],
        checks: [],
        totals: { pages: -1, bytes: 0, newDocuments: 0, changedDocuments: 0, errors: 0 },
        limitsHit: [],
      };
      await expect(stores.crawl.putCursor(bad)).rejects.toThrow(/totals\.pages/);
    });
  });
}
