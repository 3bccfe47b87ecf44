import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IsoDate } from '../../../src/core/dates';
import { SimulatedClock } from '../../../src/demo/run';
import type { LocalRuntime } from '../../../src/local/local-runtime';
import { runSweepLocally } from '../../../src/local/sweep-runner';
import type { NotificationBody, NotificationMessage } from '../../../src/store/notify/message';
import { openOneSiteRuntime } from '../../support/one-site-runtime';
import { startServer, type TestServer } from '../fetch/test-server';

// The home page's newest item is 2016-03-01 for good: the home-page veto trips on 03-16.
const HOME = `<html><head><meta charset="utf-8"><title>江门市测试局</title></head><body><ul>
<li><a href="/xwdt/1.htm">局召开政务公开工作会议</a><span>2016-03-01</span></li>
<li><a href="/xwdt/2.htm">开展“三八”妇女节活动</a><span>2016-02-26</span></li></ul></body></html>`;
const NEWS = `<html><head><meta charset="utf-8"></head><body><ul class="list">
<li><a href="/xwdt/1.htm">局召开政务公开工作会议</a><span>2016-03-01</span></li></ul></body></html>`;

let server: TestServer;
let dataDir: string;
let runtime: LocalRuntime;
const clock = new SimulatedClock();
const HOME_STALE = 'website-home-stale--test-bureau';

async function sweep(asOf: IsoDate, runId = `sweep-${asOf}`) {
  clock.set(asOf);
  return runSweepLocally({ asOf, runId }, runtime.deps);
}

/** The flag messages the outbox received (each sweep's summary left out), as SNS subscribers other than email read them. */
async function outbox(): Promise<(NotificationBody & { snsSubject: string })[]> {
  const text = await readFile(join(dataDir, 'outbox.jsonl'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as NotificationMessage)
    .map((m) => ({ ...(JSON.parse(m.message.default) as NotificationBody), snsSubject: m.subject }))
    .filter((body) => body.part !== 'summary');
}

const verdictOf = async (periodKey: string) =>
  (await runtime.deps.stores.verdicts.listVerdicts()).find(
    (v) => v.obligationId === HOME_STALE && v.periodKey === periodKey,
  );

beforeAll(async () => {
  const html = { 'content-type': 'text/html; charset=utf-8' };
  server = await startServer({
    '/': (_req, res) => {
      res.writeHead(200, html).end(HOME);
    },
    '/xwdt/': (_req, res) => {
      res.writeHead(200, html).end(NEWS);
    },
    '/xwdt/1.htm': (_req, res) => {
      res.writeHead(200, html).end('<html><head><meta name="PubDate" content="2016-03-01"></head></html>');
    },
  });
  dataDir = await mkdtemp(join(tmpdir(), 'gongkai-veto-'));
  const catalogueFile = join(dataDir, 'catalogue.json');
  await import('node:fs/promises').then((fs) =>
    fs.writeFile(
      catalogueFile,
      JSON.stringify({
        plan: { issuer: '江门市', year: 2016 },
        include: ['website-inspection-2019'],
        obligations: [],
      }),
    ),
  );
  runtime = await openOneSiteRuntime({
    dataDir,
    catalogueFile,
    origin: server.origin,
    site: {
      id: 'test-bureau',
      units: ['市测试局'],
      column: { id: 'xwdt', name: '工作动态', path: '/xwdt/', kind: 'news' },
    },
    clock,
    tablePrefix: 'gongkai-veto',
  });
}, 60_000);

afterAll(async () => {
  await runtime?.close();
  await server?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('a home page that stops updating', () => {
  it('is met while fresh and beyond the warning window', async () => {
    await sweep('2016-03-01');
    expect(await verdictOf('2016-03')).toMatchObject({ kind: 'met', forecast: '2016-03-16' });
    expect(await outbox()).toEqual([]);
  });

  it('warns once, naming the day the veto trips, when it falls within the warning window', async () => {
    // 9 days ahead: beyond the 7 days the pack warns the 2-week rules by.
    await sweep('2016-03-07');
    expect(await verdictOf('2016-03')).toMatchObject({ kind: 'met', forecast: '2016-03-16' });
    await sweep('2016-03-09');
    expect(await verdictOf('2016-03')).toMatchObject({ kind: 'due-soon', forecast: '2016-03-16' });
    await sweep('2016-03-09', 'again');
    const messages = await outbox();
    expect(messages).toHaveLength(1);
    expect(messages[0]!.subject).toContain('政府网站单项否决预警');
    expect(messages[0]!.snsSubject).toBe('Gongkai Monitor: 1 website veto warning');
    expect(messages[0]!.flags).toEqual([
      {
        obligationId: HOME_STALE,
        periodKey: 'warning-2016-03-16',
        due: '2016-03-16',
        units: ['市测试局'],
        kind: 'veto-warning',
      },
    ]);
    expect(messages[0]!.message).toContain(`${HOME_STALE} trips on 2016-03-16`);
    const flags = await runtime.deps.stores.flags.listFlags();
    expect(flags.filter((f) => f.kind === 'veto-warning').map((f) => [f.obligationId, f.due])).toEqual([
      [HOME_STALE, '2016-03-16'],
    ]);
    // The written report's early-warning section names the same veto and day.
    const report = JSON.parse(await readFile(join(dataDir, 'report', 'report.json'), 'utf8'));
    expect(report.siteVetoes.sites).toEqual([
      expect.objectContaining({
        sourceId: 'test-bureau',
        state: 'warn',
        tripped: [],
        next: expect.objectContaining({ obligationId: HOME_STALE, on: '2016-03-16', inDays: 7 }),
      }),
    ]);
  });

  it('flags the month missing once the veto trips, and settles the warning', async () => {
    await sweep('2016-03-21');
    expect((await verdictOf('2016-03'))?.kind).toBe('missing');
    const flags = await runtime.deps.stores.flags.listFlags();
    const warning = flags.find((f) => f.kind === 'veto-warning');
    expect(warning?.status).toBe('resolved');
    expect(flags.find((f) => f.obligationId === HOME_STALE && f.periodKey === '2016-03')?.status).toBe(
      'open',
    );
    const messages = await outbox();
    expect(messages).toHaveLength(2);
    expect(messages[1]!.message).toContain(`${HOME_STALE} 2016-03 (due 2016-03-31)`);
  });

  it('closes the March flag as lapsed once April is judged: a past month cannot be put right', async () => {
    await sweep('2016-05-02');
    // April is judged (not read during April in this test, so it cannot tell: any settled verdict will do).
    expect(['missing', 'insufficient-data', 'met']).toContain((await verdictOf('2016-04'))?.kind);
    const flags = await runtime.deps.stores.flags.listFlags();
    const march = flags.find((f) => f.obligationId === HOME_STALE && f.periodKey === '2016-03');
    expect(march?.status).toBe('lapsed');
    expect(march?.history.at(-1)).toMatchObject({ status: 'lapsed' });
    // Named by the latest judged period (May trips on its first day here, so it is May's).
    expect(march?.history.at(-1)?.note).toMatch(
      /cannot be remedied: the next period \(due 2016-0[45]-3[01]\)/,
    );
  });
});
