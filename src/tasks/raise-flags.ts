import { obligationPeriodKey } from '../core/period';
import type { Flag, StoredVerdict } from '../store/ports';
import { assessForRun } from './assessment';
import type { RaiseFlagsOutput, SweepInput } from './contracts';
import { SweepInputSchema } from './contracts';
import type { TaskDeps } from './deps';
import { lapsedFlags, siteRuleObligationIds } from './flag-lapse';
import { judgedCatalogue } from './judged-catalogue';
import { personalDataFlagWork, personalDataObligationIds } from './personal-data-flags';
import { task } from './task';
import { vetoObligationIds, vetoWarningWork, warningKey } from './veto-warnings';

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

/** Raises a flag per document with personal data public, and settles those taken down or fixed. */
async function raisePersonalDataFlags(
  input: SweepInput,
  deps: TaskDeps,
  existing: Map<string, Flag>,
  now: string,
): Promise<void> {
  const { documents } = await assessForRun(deps, input.asOf, input.runId, { keep: false });
  const work = personalDataFlagWork(judgedCatalogue(deps).obligations, documents, existing, input.asOf);
  for (const raise of work.toRaise) {
    await deps.stores.flags.raiseFlag({
      ...raise,
      raisedOn: input.asOf,
      raisedAt: now,
      status: 'open',
      kind: 'personal-data',
      history: [{ at: now, status: 'open', note: `personal data public (sweep ${input.runId})` }],
    });
  }
  for (const { flag, note } of work.toSettle) {
    await deps.stores.flags.updateFlagStatus(flag.obligationId, flag.periodKey, 'resolved', note, now);
  }
}

/**
 * Raises one flag per missing obligation-period (a conditional put: a repeated or concurrent sweep
 * raises nothing twice), resolves flags whose period later got evidence, closes site-rule flags
 * whose month is over as lapsed (src/tasks/flag-lapse.ts), and returns how many open flags await a
 * notification (their list stays in DynamoDB: Notify reads it there).
 */
export async function raiseFlags(input: SweepInput, deps: TaskDeps): Promise<RaiseFlagsOutput> {
  const now = deps.now().toISOString();
  const verdicts = await deps.stores.verdicts.listVerdicts();
  const units = new Map(judgedCatalogue(deps).obligations.map((o) => [o.id, o.units]));
  const existing = new Map(
    (await deps.stores.flags.listFlags()).map((f) => [obligationPeriodKey(f.obligationId, f.periodKey), f]),
  );
  await raiseVetoWarnings(input, deps, verdicts, existing, now);
  await raisePersonalDataFlags(input, deps, existing, now);
  const perDocument = personalDataObligationIds(judgedCatalogue(deps).obligations);
  for (const verdict of verdicts) {
    if (perDocument.has(verdict.obligationId)) continue;
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
  return { raisedCount: pending.filter((f) => f.status === 'open').length };
}

export const RaiseFlagsTask = task('RaiseFlags', SweepInputSchema, raiseFlags);
