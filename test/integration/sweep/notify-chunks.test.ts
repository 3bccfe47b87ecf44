/**
 * A first sweep that raises 2,000 flags: Notify, run by the sweep definition's own Notify state
 * (its Retry included) over DynamoDB Local, publishes a summary and chunks of at most 100 flags,
 * each under SNS's 256 KiB; a publish that fails is retried and every flag ends up in exactly one
 * published chunk; a crash between publish and mark repeats a chunk under the same dedupe key.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../../src/config';
import '../../../src/local/polyfills';
import type { DynamoStores } from '../../../src/store/dynamo/create-stores';
import {
  type NotificationBody,
  publishedBytes,
  SNS_MESSAGE_MAX_BYTES,
} from '../../../src/store/notify/message';
import { OutboxNotifier } from '../../../src/store/notify/outbox-notifier';
import type { Flag, Notification, Notifier } from '../../../src/store/ports';
import { DirectoryReportSink } from '../../../src/store/report-sink/directory-report-sink';
import type { TaskDeps } from '../../../src/tasks/deps';
import { runTask } from '../../../src/tasks/index';
import { notify } from '../../../src/tasks/notify';
import { renderDefinition } from '../../../src/workflow/definition';
import { openTestStores } from '../../support/dynamo-test-stores';

const FLAGS = 2000;
const asOf = '2016-08-01';

let stores: DynamoStores;
let dir: string;

beforeAll(async () => {
  stores = await openTestStores('gongkai-notify');
  dir = await mkdtemp(join(tmpdir(), 'gongkai-notify-'));
});

afterAll(async () => {
  stores?.close();
  await rm(dir, { recursive: true, force: true });
});

function flag(i: number, prefix: string): Flag {
  return {
    obligationId: `${prefix}-obligation-${String(i).padStart(4, '0')}`,
    periodKey: i % 7 === 0 ? `warning-2016-08-${String((i % 20) + 10)}` : '2016-Q2',
    due: '2016-07-31',
    raisedOn: asOf,
    raisedAt: `${asOf}T02:00:00.000Z`,
    units: ['市财政局', '市发展和改革局', '市人力资源和社会保障局'],
    status: 'open',
    history: [{ at: `${asOf}T02:00:00.000Z`, status: 'open', note: 'no evidence by 2016-07-31' }],
    ...(i % 7 === 0 ? { kind: 'veto-warning' as const } : {}),
  };
}

async function raise(prefix: string, count = FLAGS): Promise<string[]> {
  const keys: string[] = [];
  for (let i = 0; i < count; i += 50) {
    const batch = Array.from({ length: Math.min(50, count - i) }, (_, j) => flag(i + j, prefix));
    await Promise.all(batch.map((f) => stores.flags.raiseFlag(f)));
    keys.push(...batch.map((f) => `${f.obligationId}|${f.periodKey}`));
  }
  return keys;
}

/** Publishes through the outbox, but the publish numbered `failAt` (1-based) fails, before or after it went out. */
class FailingOnce implements Notifier {
  calls = 0;
  constructor(
    private readonly outbox: OutboxNotifier,
    private readonly failAt: number,
    private readonly when: 'before-publish' | 'after-publish',
  ) {}

  async notify(notification: Notification): Promise<void> {
    this.calls += 1;
    const fail = this.calls === this.failAt;
    if (fail && this.when === 'before-publish') throw new Error('SNS: Internal error');
    await this.outbox.notify(notification);
    if (fail) throw new Error('Task timed out after publishing');
  }
}

async function deps(notifier: Notifier): Promise<TaskDeps> {
  return {
    stores: { ...stores, archive: undefined as never, notifier },
    catalogue: await loadCatalogue('test/fixtures/catalogues/valid.json'),
    sources: { sources: [] },
    now: () => new Date(`${asOf}T03:00:00.000Z`),
    reportSink: new DirectoryReportSink(join(dir, 'report')),
    log: () => undefined,
  };
}

/** Runs the definition's Notify state alone, with its Retry, as the sweep would reach it. */
async function runNotifyState(taskDeps: TaskDeps, runId: string): Promise<Record<string, unknown>> {
  const { StateMachine } = await import('aws-local-stepfunctions');
  const definition = renderDefinition(
    (name) => `arn:aws:lambda:ap-southeast-1:000000000000:function:${name}`,
  );
  const states = definition.States as Record<string, Record<string, unknown>>;
  const { Next: _next, ...notifyState } = states.Notify!;
  const machine = new StateMachine(
    { StartAt: 'Notify', States: { Notify: { ...notifyState, End: true } } } as never,
    {},
  );
  const execution = machine.run(
    { asOf, runId, flags: { raisedCount: FLAGS } },
    {
      overrides: {
        taskResourceLocalHandlers: {
          Notify: async (input: unknown) => (await runTask('Notify', input, taskDeps)) as never,
        },
        retryIntervalOverrides: { Notify: 5 },
      },
    },
  );
  return (await execution.result) as Record<string, unknown>;
}

function bodies(sent: { message: { default: string } }[]): NotificationBody[] {
  return sent.map((m) => JSON.parse(m.message.default) as NotificationBody);
}

describe('Notify with 2,000 flags raised in one sweep', () => {
  it('publishes a summary and chunks of ≤ 100, each flag exactly once across a failed-then-retried publish', async () => {
    const keys = await raise('a');
    const outbox = new OutboxNotifier(join(dir, 'failed-publish.jsonl'));
    const failing = new FailingOnce(outbox, 7, 'before-publish');
    const output = await runNotifyState(await deps(failing), 'sweep-a');

    expect(failing.calls).toBeGreaterThan(7);
    expect(output.notified).toMatchObject({ messages: expect.any(Number) });
    const sent = await outbox.sent();
    for (const m of sent) expect(publishedBytes(m)).toBeLessThanOrEqual(SNS_MESSAGE_MAX_BYTES);
    const all = bodies(sent);
    const chunks = all.filter((b) => b.part === 'flags');
    expect(chunks.every((b) => b.flags.length > 0 && b.flags.length <= 100)).toBe(true);
    const notified = chunks.flatMap((b) => b.flags.map((f) => `${f.obligationId}|${f.periodKey}`));
    expect(notified.length).toBe(FLAGS);
    expect(new Set(notified)).toEqual(new Set(keys));
    const summaries = all.filter((b) => b.part === 'summary');
    expect(summaries.length).toBeGreaterThanOrEqual(1);
    expect(new Set(summaries.map((b) => b.dedupeKey)).size).toBe(1);
    expect(summaries[0]!.totals).toEqual({ missing: 1714, warnings: 286, leaks: 0 });
    expect((await stores.flags.listUnnotified()).filter((f) => f.obligationId.startsWith('a-'))).toEqual([]);
  }, 240_000);

  it('repeats a chunk published but not marked under the same dedupe key, so a subscriber sees each flag once', async () => {
    const keys = await raise('b', 450);
    const outbox = new OutboxNotifier(join(dir, 'crash-after-publish.jsonl'));
    await runNotifyState(await deps(new FailingOnce(outbox, 4, 'after-publish')), 'sweep-b');

    const chunks = bodies(await outbox.sent()).filter((b) => b.part === 'flags');
    const seen = new Map<string, NotificationBody>();
    for (const b of chunks) seen.set(b.dedupeKey!, b);
    expect(chunks.length).toBe(seen.size + 1);
    const afterDedupe = [...seen.values()].flatMap((b) =>
      b.flags.map((f) => `${f.obligationId}|${f.periodKey}`),
    );
    expect(afterDedupe.sort()).toEqual([...keys].sort());
  }, 120_000);

  it('lets one of two concurrent sweeps notify a flag, and none twice', async () => {
    const keys = await raise('c', 450);
    const outbox = new OutboxNotifier(join(dir, 'concurrent.jsonl'));
    const taskDeps = await deps(outbox);
    const [first, second] = await Promise.all([
      notify({ asOf, runId: 'sweep-c1' }, taskDeps),
      notify({ asOf, runId: 'sweep-c2' }, taskDeps),
    ]);
    expect(first.notified + second.notified).toBe(450);
    const notified = bodies(await outbox.sent())
      .filter((b) => b.part === 'flags')
      .flatMap((b) => b.flags.map((f) => `${f.obligationId}|${f.periodKey}`));
    expect(notified.sort()).toEqual([...keys].sort());
  }, 120_000);

  it('sends nothing when every flag is already notified', async () => {
    const outbox = new OutboxNotifier(join(dir, 'nothing.jsonl'));
    expect(await notify({ asOf, runId: 'sweep-d' }, await deps(outbox))).toEqual({
      notified: 0,
      messages: 0,
    });
    expect(await outbox.sent()).toEqual([]);
  });
});
