/**
 * The local runner fails where Step Functions would: a state payload over 256 KiB stops the
 * execution with States.DataLimitExceeded at the state that produced it (no Catch applies), a
 * history past its limit with States.HistoryLimitExceeded, and a task past its Lambda timeout fails
 * with Sandbox.Timedout. A sweep within the limits reports its largest payload and history size.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SHARDS, type Source } from '../../../src/core/source';
import {
  AWS_LIMITS,
  AwsLimitExceededError,
  LambdaTimeoutError,
  LimitWatch,
  withLambdaTimeout,
} from '../../../src/local/aws-limits';
import { runSweepLocally } from '../../../src/local/sweep-runner';
import type { DynamoStores } from '../../../src/store/dynamo/create-stores';
import { OutboxNotifier } from '../../../src/store/notify/outbox-notifier';
import { DirectoryReportSink } from '../../../src/store/report-sink/directory-report-sink';
import { ListSourcesOutputSchema } from '../../../src/tasks/contracts';
import type { TaskDeps } from '../../../src/tasks/deps';
import { runTask } from '../../../src/tasks/index';
import { openTestStores } from '../../support/dynamo-test-stores';

let stores: DynamoStores;
let dir: string;

beforeAll(async () => {
  stores = await openTestStores('gongkai-limits');
  dir = await mkdtemp(join(tmpdir(), 'gongkai-limits-'));
});

afterAll(async () => {
  stores?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Sources on a closed local port: each crawl is quick and records the site as unreachable. */
function sources(count: number): Source[] {
  return Array.from(
    { length: count },
    (_, i) =>
      ({
        id: `county-bureau-${String(i).padStart(5, '0')}`,
        name: `测试局 ${i}`,
        units: ['市测试局'],
        homepage: 'http://127.0.0.1:9/',
        allowPrivateNetwork: true,
        columns: [],
      }) as unknown as Source,
  );
}

function deps(count: number): TaskDeps {
  return {
    stores: {
      ...stores,
      archive: undefined as never,
      notifier: new OutboxNotifier(join(dir, 'outbox.jsonl')),
    },
    catalogue: { plan: { issuer: '测试市', year: 2016, title: '测试' }, obligations: [] } as never,
    sources: { sources: sources(count) },
    now: () => new Date('2016-08-01T03:00:00.000Z'),
    reportSink: new DirectoryReportSink(join(dir, 'report')),
    log: () => undefined,
  };
}

describe('AWS limits in the local runner', () => {
  it('fails with States.DataLimitExceeded at the state whose output passes the limit', async () => {
    // 1,000 sources make 250 shards: ListSources' result (their indices) is the first payload over 600 bytes.
    const limits = { ...AWS_LIMITS, statePayloadBytes: 600 };
    const run = runSweepLocally({ asOf: '2016-08-01', runId: 'too-many-shards' }, deps(1_000), { limits });
    const error = await run.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AwsLimitExceededError);
    expect(error).toMatchObject({ error: 'States.DataLimitExceeded', state: 'ListSources' });
    expect((error as Error).message).toMatch(/task result is \d{3,4} bytes; the limit is 600/);
  }, 120_000);

  it('takes a sources file of 20,000 sources through ListSources and into the Map under 256 KiB', async () => {
    const many = deps(20_000);
    const watch = new LimitWatch();
    const input = { input: { asOf: '2016-08-01', runId: 'province' } };
    const listed = ListSourcesOutputSchema.parse(await runTask('ListSources', input, many));
    // ListSources' result is the Map state's input; each iteration gets its ItemSelector's object.
    expect(watch.payload('ListSources', 'task result', listed)).toBeUndefined();
    expect(watch.payload('CrawlSources', 'state input', listed)).toBeUndefined();
    const last = listed.shards.at(-1)!;
    const iteration = { ...listed, shards: undefined, shard: last, pass: 1 };
    expect(watch.payload('CrawlSource', 'state input', iteration)).toBeUndefined();
    expect(watch.report().largestPayload.bytes).toBeLessThan(8 * 1024);
    // At most MAX_SHARDS iterations, so the history has room for them (and for resumed passes).
    expect(listed.shards).toHaveLength(MAX_SHARDS);
    expect(listed.sourceCount).toBe(20_000);
    const read: string[] = [];
    for (const shard of listed.shards) read.push(...((await stores.crawl.getShard('province', shard)) ?? []));
    expect(read).toEqual(many.sources.sources.map((s) => s.id));
  }, 120_000);

  it('fails with States.HistoryLimitExceeded once the history passes its limit', async () => {
    const limits = { ...AWS_LIMITS, historyEvents: 30 };
    const error = await runSweepLocally({ asOf: '2016-08-01', runId: 'long-history' }, deps(12), {
      limits,
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ error: 'States.HistoryLimitExceeded' });
  }, 120_000);

  it('reports the largest payload and the history of a sweep within the limits', async () => {
    const { limits } = await runSweepLocally({ asOf: '2016-08-01', runId: 'small' }, deps(3));
    expect(limits.largestPayload.bytes).toBeGreaterThan(0);
    expect(limits.largestPayload.bytes).toBeLessThan(AWS_LIMITS.statePayloadBytes);
    // 3 sources in one shard: at least the top-level states and the iteration's, each entered and exited.
    expect(limits.historyEvents).toBeGreaterThan(2 * (5 + 3));
    expect(limits.historyEvents).toBeLessThan(AWS_LIMITS.historyEvents);
  }, 120_000);
});

describe('LimitWatch and Lambda timeouts', () => {
  it('takes a payload of exactly 256 KiB and refuses one byte more, naming the state', () => {
    const watch = new LimitWatch();
    const exact = 'x'.repeat(AWS_LIMITS.statePayloadBytes - 2); // the JSON quotes make up the rest
    expect(watch.payload('MatchEvidence', 'state output', exact)).toBeUndefined();
    expect(watch.payload('MatchEvidence', 'state output', `${exact}y`)).toMatchObject({
      error: 'States.DataLimitExceeded',
      state: 'MatchEvidence',
    });
  });

  it('counts multi-byte characters as UTF-8 bytes, as Step Functions does', () => {
    const watch = new LimitWatch();
    expect(watch.payload('Notify', 'task result', '逾'.repeat(90_000))).toBeDefined();
  });

  it('takes each task timeout from the stack configuration', () => {
    expect(AWS_LIMITS.taskTimeoutSeconds.CrawlSource).toBe(900);
    expect(AWS_LIMITS.taskTimeoutSeconds.ListSources).toBe(30);
  });

  it('fails a task that runs past its timeout with Sandbox.Timedout', async () => {
    const slow = new Promise((resolve) => setTimeout(resolve, 2_000));
    await expect(withLambdaTimeout(slow, 0.05, 'CrawlSource')).rejects.toThrow(LambdaTimeoutError);
    await expect(withLambdaTimeout(slow, 0.05, 'CrawlSource')).rejects.toMatchObject({
      name: 'Sandbox.Timedout',
    });
    await expect(withLambdaTimeout(Promise.resolve(1), 1, 'CrawlSource')).resolves.toBe(1);
  });
});
