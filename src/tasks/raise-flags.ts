import { shanghaiDate } from '../core/dates';
import type { Flag, Notification } from '../store/ports';
import type { FlagRef, NotifyInput, RaiseFlagsOutput, SweepInput } from './contracts';
import { NotifyInputSchema, SweepInputSchema } from './contracts';
import type { TaskDeps } from './deps';
import { task } from './task';

/** How many flags one notification lists; the rest are counted, so a message never outgrows SNS. */
const FLAGS_PER_MESSAGE = 200;

function toRef(flag: Flag): FlagRef {
  return { obligationId: flag.obligationId, periodKey: flag.periodKey, due: flag.due, units: flag.units };
}

/**
 * Raises one flag per missing obligation-period (a conditional put: a repeated or concurrent sweep
 * raises nothing twice), resolves flags whose period later got evidence, and returns every flag
 * not yet notified.
 */
export async function raiseFlags(input: SweepInput, deps: TaskDeps): Promise<RaiseFlagsOutput> {
  const now = deps.now().toISOString();
  const verdicts = await deps.stores.verdicts.listVerdicts();
  const units = new Map(deps.catalogue.obligations.map((o) => [o.id, o.units]));
  const existing = new Map(
    (await deps.stores.flags.listFlags()).map((f) => [`${f.obligationId}|${f.periodKey}`, f]),
  );
  for (const verdict of verdicts) {
    const key = `${verdict.obligationId}|${verdict.periodKey}`;
    const flag = existing.get(key);
    if (verdict.kind === 'missing' && !flag) {
      await deps.stores.flags.raiseFlag({
        obligationId: verdict.obligationId,
        periodKey: verdict.periodKey,
        due: verdict.due,
        raisedOn: input.asOf,
        raisedAt: now,
        units: units.get(verdict.obligationId) ?? [],
        status: 'open',
        history: [{ at: now, status: 'open', note: `no evidence by ${verdict.due} (sweep ${input.runId})` }],
      });
    } else if (flag?.status === 'open' && (verdict.kind === 'late' || verdict.kind === 'met')) {
      await deps.stores.flags.updateFlagStatus(
        flag.obligationId,
        flag.periodKey,
        'resolved',
        `evidence found: ${verdict.kind}`,
        now,
      );
    } else if (flag?.status === 'open' && verdict.kind === 'waived') {
      await deps.stores.flags.updateFlagStatus(
        flag.obligationId,
        flag.periodKey,
        'waived',
        verdict.reasons[0] ?? 'waived',
        now,
      );
    }
  }
  const pending = await deps.stores.flags.listUnnotified();
  const raised = pending.filter((f) => f.status === 'open').map(toRef);
  return { raisedCount: raised.length, raised };
}

/** Builds the notification for newly raised flags: the same text goes to SNS and to the local outbox. */
export function flagNotification(asOf: string, flags: FlagRef[], titles: Map<string, string>): Notification {
  const shown = flags.slice(0, FLAGS_PER_MESSAGE);
  const lines = shown.map(
    (f) =>
      `- ${f.obligationId} ${f.periodKey} (due ${f.due}; ${f.units.join('、') || 'no unit'}): ${titles.get(f.obligationId) ?? ''}`,
  );
  if (flags.length > shown.length) lines.push(`… and ${flags.length - shown.length} more`);
  return {
    subject: `政务公开监测：${flags.length} 项义务逾期未见公开 (as of ${asOf})`,
    message: [
      `${flags.length} obligation-period(s) have no evidence past their due date (as of ${asOf}):`,
      ...lines,
    ].join('\n'),
    flags: flags.map((f) => ({
      obligationId: f.obligationId,
      periodKey: f.periodKey,
      due: f.due,
      units: f.units,
    })),
  };
}

/**
 * Claims each flag (a conditional write that only one sweep can win), then sends one notification
 * for the flags it claimed. Two sweeps racing never send the same flag twice; the price is that a
 * crash between claim and send loses that message, while the flag itself stays open in the report.
 */
export async function notify(input: NotifyInput, deps: TaskDeps): Promise<{ notified: number }> {
  const at = deps.now().toISOString();
  const claimed: FlagRef[] = [];
  for (const flag of input.raised) {
    if (await deps.stores.flags.markNotified(flag.obligationId, flag.periodKey, at)) claimed.push(flag);
  }
  if (claimed.length === 0) return { notified: 0 };
  const titles = new Map(deps.catalogue.obligations.map((o) => [o.id, o.task.slice(0, 60)]));
  await deps.stores.notifier.notify(flagNotification(input.asOf, claimed, titles));
  deps.log('notified', { count: claimed.length, day: shanghaiDate(at) });
  return { notified: claimed.length };
}

export const RaiseFlagsTask = task('RaiseFlags', SweepInputSchema, raiseFlags);
export const NotifyTask = task('Notify', NotifyInputSchema, notify);
