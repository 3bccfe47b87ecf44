import { shanghaiDate } from '../core/dates';
import { obligationPeriodKey } from '../core/period';
import type { Flag, Notification, StoredVerdict } from '../store/ports';
import type { FlagRef, NotifyInput, RaiseFlagsOutput, SweepInput } from './contracts';
import { NotifyInputSchema, SweepInputSchema } from './contracts';
import type { TaskDeps } from './deps';
import { lapsedFlags, siteRuleObligationIds } from './flag-lapse';
import { judgedCatalogue } from './judged-catalogue';
import { task } from './task';
import { vetoObligationIds, vetoWarningWork, warningKey } from './veto-warnings';

/** How many flags one notification lists; the rest are counted, so a message never outgrows SNS. */
const FLAGS_PER_MESSAGE = 200;

function toRef(flag: Flag): FlagRef {
  return {
    obligationId: flag.obligationId,
    periodKey: flag.periodKey,
    due: flag.due,
    units: flag.units,
    ...(flag.kind === 'veto-warning' ? { kind: flag.kind } : {}),
  };
}

/** Raises the veto warnings the verdicts call for and settles those no longer forecast (src/tasks/veto-warnings.ts). */
async function raiseVetoWarnings(
  input: SweepInput,
  deps: TaskDeps,
  verdicts: StoredVerdict[],
  existing: Map<string, Flag>,
  now: string,
): Promise<void> {
  const units = new Map(judgedCatalogue(deps).obligations.map((o) => [o.id, o.units]));
  const work = vetoWarningWork(verdicts, vetoObligationIds(deps), existing);
  for (const { obligationId, forecast } of work.toRaise) {
    await deps.stores.flags.raiseFlag({
      obligationId,
      periodKey: warningKey(forecast),
      due: forecast,
      raisedOn: input.asOf,
      raisedAt: now,
      units: units.get(obligationId) ?? [],
      status: 'open',
      kind: 'veto-warning',
      history: [{ at: now, status: 'open', note: `forecast to trip on ${forecast} (sweep ${input.runId})` }],
    });
  }
  for (const flag of work.toSettle) {
    await deps.stores.flags.updateFlagStatus(
      flag.obligationId,
      flag.periodKey,
      'resolved',
      `no longer forecast for ${flag.due} as of ${input.asOf}`,
      now,
    );
  }
}

/**
 * Raises one flag per missing obligation-period (a conditional put: a repeated or concurrent sweep
 * raises nothing twice), resolves flags whose period later got evidence, closes site-rule flags
 * whose month is over as lapsed (src/tasks/flag-lapse.ts), and returns every flag not yet notified.
 */
export async function raiseFlags(input: SweepInput, deps: TaskDeps): Promise<RaiseFlagsOutput> {
  const now = deps.now().toISOString();
  const verdicts = await deps.stores.verdicts.listVerdicts();
  const units = new Map(judgedCatalogue(deps).obligations.map((o) => [o.id, o.units]));
  const existing = new Map(
    (await deps.stores.flags.listFlags()).map((f) => [obligationPeriodKey(f.obligationId, f.periodKey), f]),
  );
  await raiseVetoWarnings(input, deps, verdicts, existing, now);
  for (const verdict of verdicts) {
    const key = obligationPeriodKey(verdict.obligationId, verdict.periodKey);
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
  for (const { flag, next } of lapsedFlags(verdicts, siteRuleObligationIds(deps), existing.values())) {
    await deps.stores.flags.updateFlagStatus(
      flag.obligationId,
      flag.periodKey,
      'lapsed',
      `period over, cannot be remedied: the next period (due ${next}) is judged`,
      now,
    );
  }
  const pending = await deps.stores.flags.listUnnotified();
  const raised = pending.filter((f) => f.status === 'open').map(toRef);
  return { raisedCount: raised.length, raised };
}

/**
 * Builds the notification for newly raised flags: the same text goes to SNS and to the local
 * outbox. Missed deadlines come first; veto warnings (政府网站单项否决预警) follow in their own part.
 */
export function flagNotification(asOf: string, flags: FlagRef[], titles: Map<string, string>): Notification {
  const missing = flags.filter((f) => f.kind !== 'veto-warning');
  const warnings = flags.filter((f) => f.kind === 'veto-warning');
  const list = (refs: FlagRef[], what: (f: FlagRef) => string) => {
    const shown = refs.slice(0, FLAGS_PER_MESSAGE);
    const lines = shown.map(
      (f) =>
        `- ${f.obligationId} ${what(f)} (${f.units.join('、') || 'no unit'}): ${titles.get(f.obligationId) ?? ''}`,
    );
    if (refs.length > shown.length) lines.push(`… and ${refs.length - shown.length} more`);
    return lines;
  };
  const parts: string[] = [];
  const subjects: string[] = [];
  if (missing.length > 0) {
    subjects.push(`${missing.length} 项义务逾期未见公开`);
    parts.push(
      `${missing.length} obligation-period(s) have no evidence past their due date (as of ${asOf}):`,
      ...list(missing, (f) => `${f.periodKey} (due ${f.due})`),
    );
  }
  if (warnings.length > 0) {
    subjects.push(`${warnings.length} 项政府网站单项否决预警`);
    if (parts.length > 0) parts.push('');
    parts.push(
      `政府网站单项否决预警 — ${warnings.length} single-veto rule(s) will trip if nothing new is published (as of ${asOf}):`,
      ...list(warnings, (f) => `trips on ${f.due}`),
    );
  }
  return {
    subject: `政务公开监测：${subjects.join('，')} (as of ${asOf})`,
    message: parts.join('\n'),
    flags: flags.map((f) => ({
      obligationId: f.obligationId,
      periodKey: f.periodKey,
      due: f.due,
      units: f.units,
      ...(f.kind ? { kind: f.kind } : {}),
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
  const titles = new Map(judgedCatalogue(deps).obligations.map((o) => [o.id, o.task.slice(0, 60)]));
  await deps.stores.notifier.notify(flagNotification(input.asOf, claimed, titles));
  deps.log('notified', { count: claimed.length, day: shanghaiDate(at) });
  return { notified: claimed.length };
}

export const RaiseFlagsTask = task('RaiseFlags', SweepInputSchema, raiseFlags);
export const NotifyTask = task('Notify', NotifyInputSchema, notify);
