/**
 * The Notify step: the sweep's open flags not yet notified go out as a summary and then messages
 * of at most FLAGS_PER_NOTIFICATION flags each, every one far under SNS's 256 KiB. Delivery is
 * at-least-once: a flag is marked notified only after the message naming it was published, and a
 * message published again (a retry after a crash between publish and mark) carries the same
 * dedupe key, so subscribers can drop the repeat.
 */
import { createHash } from 'node:crypto';
import { shanghaiDate } from '../core/dates';
import { obligationPeriodKey } from '../core/period';
import type { Flag, Notification } from '../store/ports';
import type { FlagRef, NotifyOutput, SweepInput } from './contracts';
import { SweepInputSchema } from './contracts';
import type { TaskDeps } from './deps';
import { judgedCatalogue } from './judged-catalogue';
import { task } from './task';

/** At most this many flags per message: with titles and units, about 40 KB of body. */
export const FLAGS_PER_NOTIFICATION = 100;

/**
 * How long a Notify holds its claim on a flag: longer than any Lambda may run (15 minutes), so a
 * live attempt never loses its claim, while a sweep that died leaves its flags to the next one.
 */
const CLAIM_MS = 16 * 60_000;

/** Claims are written this many at a time: DynamoDB round trips overlap, the table is not flooded. */
const CLAIM_CONCURRENCY = 16;

function toRef(flag: Flag): FlagRef {
  return {
    obligationId: flag.obligationId,
    periodKey: flag.periodKey,
    due: flag.due,
    units: flag.units,
    ...(flag.kind === 'veto-warning' || flag.kind === 'personal-data' ? { kind: flag.kind } : {}),
    ...(flag.detail ? { detail: flag.detail } : {}),
  };
}

const flagKey = (f: { obligationId: string; periodKey: string }) =>
  obligationPeriodKey(f.obligationId, f.periodKey);

/** The same flags give the same key, whichever attempt publishes them. */
export function dedupeKeyOf(flags: FlagRef[]): string {
  const hash = createHash('sha256');
  for (const key of flags.map(flagKey).sort()) hash.update(`${key}\n`);
  return `flags-${hash.digest('hex').slice(0, 40)}`;
}

/** Splits refs into consecutive chunks of at most `size`. */
export function chunked<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function counts(flags: FlagRef[]) {
  const warnings = flags.filter((f) => f.kind === 'veto-warning').length;
  const leaks = flags.filter((f) => f.kind === 'personal-data').length;
  return { missing: flags.length - warnings - leaks, warnings, leaks };
}

function subjectOf(asOf: string, flags: FlagRef[]): string {
  const { missing, warnings, leaks } = counts(flags);
  const subjects: string[] = [];
  if (missing > 0) subjects.push(`${missing} 项义务逾期未见公开`);
  if (warnings > 0) subjects.push(`${warnings} 项政府网站单项否决预警`);
  if (leaks > 0) subjects.push(`${leaks} 份文件隐私泄露`);
  return `政务公开监测：${subjects.join('，')} (as of ${asOf})`;
}

/**
 * Builds the notification for newly raised flags: the same text goes to SNS and to the local
 * outbox. Missed deadlines come first; veto warnings (政府网站单项否决预警) follow in their own part.
 */
export function flagNotification(asOf: string, flags: FlagRef[], titles: Map<string, string>): Notification {
  const missing = flags.filter((f) => f.kind !== 'veto-warning' && f.kind !== 'personal-data');
  const warnings = flags.filter((f) => f.kind === 'veto-warning');
  const leaks = flags.filter((f) => f.kind === 'personal-data');
  const list = (refs: FlagRef[], what: (f: FlagRef) => string) =>
    refs.map(
      (f) =>
        `- ${f.obligationId} ${what(f)} (${f.units.join('、') || 'no unit'}): ${titles.get(f.obligationId) ?? ''}`,
    );
  const parts: string[] = [];
  if (missing.length > 0) {
    parts.push(
      `${missing.length} obligation-period(s) have no evidence past their due date (as of ${asOf}):`,
      ...list(missing, (f) => `${f.periodKey} (due ${f.due})`),
    );
  }
  if (warnings.length > 0) {
    if (parts.length > 0) parts.push('');
    parts.push(
      `政府网站单项否决预警 — ${warnings.length} single-veto rule(s) will trip if nothing new is published (as of ${asOf}):`,
      ...list(warnings, (f) => `trips on ${f.due}`),
    );
  }
  if (leaks.length > 0) {
    if (parts.length > 0) parts.push('');
    parts.push(
      `隐私泄露 — ${leaks.length} published document(s) carry personal data, shown masked (as of ${asOf}):`,
      ...leaks.map(
        (f) => `- ${f.obligationId} (${f.units.join('、') || 'no unit'}): ${f.detail ?? f.periodKey}`,
      ),
    );
  }
  return {
    subject: subjectOf(asOf, flags),
    message: parts.join('\n'),
    part: 'flags',
    dedupeKey: dedupeKeyOf(flags),
    flags: flags.map((f) => ({
      obligationId: f.obligationId,
      periodKey: f.periodKey,
      due: f.due,
      units: f.units,
      ...(f.kind ? { kind: f.kind } : {}),
      ...(f.detail ? { detail: f.detail } : {}),
    })),
  };
}

/** The message that opens a sweep's notifications: counts only; the flags follow in `messages` parts. */
export function summaryNotification(input: SweepInput, flags: FlagRef[], messages: number): Notification {
  const { missing, warnings, leaks } = counts(flags);
  return {
    subject: subjectOf(input.asOf, flags),
    message: [
      `Sweep ${input.runId} as of ${input.asOf}: ${missing} obligation-period(s) newly without evidence past their due date, ${warnings} veto warning(s), ${leaks} document(s) with personal data.`,
      `The flags follow in ${messages} message(s) of at most ${FLAGS_PER_NOTIFICATION} each; the sweep's report lists them all.`,
    ].join('\n'),
    part: 'summary',
    dedupeKey: `summary-${input.runId}`,
    totals: { missing, warnings, leaks },
    flags: [],
  };
}

/** Claims each pending flag for this sweep; returns the ones it holds, in key order. */
async function claimPending(input: SweepInput, deps: TaskDeps, at: Date): Promise<FlagRef[]> {
  const pending = (await deps.stores.flags.listUnnotified())
    .filter((f) => f.status === 'open')
    .map(toRef)
    .sort((a, b) => (flagKey(a) < flagKey(b) ? -1 : 1));
  const claim = {
    runId: input.runId,
    at: at.toISOString(),
    until: new Date(at.getTime() + CLAIM_MS).toISOString(),
  };
  const held: FlagRef[] = [];
  for (const batch of chunked(pending, CLAIM_CONCURRENCY)) {
    const won = await Promise.all(
      batch.map((f) => deps.stores.flags.claimForNotify(f.obligationId, f.periodKey, claim)),
    );
    held.push(...batch.filter((_, i) => won[i]));
  }
  return held;
}

/**
 * Claims the pending flags (a concurrent sweep claims none of them), publishes a summary, then
 * each chunk of flags, marking a chunk's flags notified only once its message was published. A
 * failed publish throws: the state's Retry runs Notify again, which re-claims (same runId) the flags
 * still unnotified and publishes them in the same chunks, under the same dedupe keys.
 */
export async function notify(input: SweepInput, deps: TaskDeps): Promise<NotifyOutput> {
  const claimed = await claimPending(input, deps, deps.now());
  if (claimed.length === 0) return { notified: 0, messages: 0 };
  const titles = new Map(judgedCatalogue(deps).obligations.map((o) => [o.id, o.task.slice(0, 60)]));
  const chunks = chunked(claimed, FLAGS_PER_NOTIFICATION);
  await deps.stores.notifier.notify(summaryNotification(input, claimed, chunks.length));
  let notified = 0;
  for (const chunk of chunks) {
    await deps.stores.notifier.notify(flagNotification(input.asOf, chunk, titles));
    const at = deps.now().toISOString();
    for (const batch of chunked(chunk, CLAIM_CONCURRENCY)) {
      await Promise.all(batch.map((f) => deps.stores.flags.markNotified(f.obligationId, f.periodKey, at)));
    }
    notified += chunk.length;
  }
  deps.log('notified', { count: notified, messages: chunks.length + 1, day: shanghaiDate(deps.now()) });
  return { notified, messages: chunks.length + 1 };
}

export const NotifyTask = task('Notify', SweepInputSchema, notify);
