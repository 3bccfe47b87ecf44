import { obligationGroup } from '../core/obligation-group';
import { obligationPeriodKey } from '../core/period';
import type { VerdictKind } from '../core/verdict';
import { summarise } from '../core/verdicts';
import type { StoredVerdict } from '../store/ports';
import { assessForRun } from './assessment';
import type { EvaluateInput, EvaluateOutput } from './contracts';
import { EvaluateInputSchema } from './contracts';
import type { TaskDeps } from './deps';
import { lapsedFlags, siteRuleObligationIds } from './flag-lapse';
import { judgedCatalogue } from './judged-catalogue';
import { personalDataFlagWork, personalDataObligationIds } from './personal-data-flags';
import { task } from './task';
import { vetoObligationIds, vetoWarningWork } from './veto-warnings';

/**
 * Judges every obligation-period as of the sweep date, stores the verdicts that changed and one
 * summary for the trend chart, and counts the flag work waiting: missing periods with no flag yet,
 * open flags whose period got evidence or a waiver, site-rule flags that lapsed, and flags not yet
 * notified. The Choice state
 * enters RaiseFlags only when there is some.
 */
export async function evaluateVerdicts(input: EvaluateInput, deps: TaskDeps): Promise<EvaluateOutput> {
  const assessment = await assessForRun(deps, input.asOf, input.runId);
  const stored: StoredVerdict[] = assessment.verdicts.map((v) => ({
    obligationId: v.obligationId,
    periodKey: v.periodKey,
    asOf: input.asOf,
    kind: v.kind,
    due: v.due,
    reasons: v.reasons,
    evidenceUrls: v.evidence.map((e) => e.url),
    ...(v.forecast ? { forecast: v.forecast } : {}),
  }));
  await deps.stores.verdicts.putVerdicts(stored);
  const obligations = judgedCatalogue(deps).obligations;
  const summary = summarise(assessment.verdicts, obligations);
  const groupOf = new Map(obligations.map((o) => [o.id, obligationGroup(o)]));
  await deps.stores.verdicts.putSummary({
    asOf: input.asOf,
    runId: input.runId,
    counts: summary.counts,
    byUnit: summary.byUnit,
    byGroup: countsByGroup(assessment.verdicts, groupOf),
    recordedAt: deps.now().toISOString(),
  });
  // One read of the flags serves both counts: the open ones to settle and the unnotified ones.
  const allFlags = await deps.stores.flags.listFlags();
  const flags = new Map(allFlags.map((f) => [obligationPeriodKey(f.obligationId, f.periodKey), f]));
  let newlyMissing = 0;
  let settled = 0;
  const perDocument = personalDataObligationIds(obligations);
  for (const v of assessment.verdicts) {
    if (perDocument.has(v.obligationId)) continue;
    const flag = flags.get(obligationPeriodKey(v.obligationId, v.periodKey));
    if (v.kind === 'missing' && !flag) newlyMissing += 1;
    if (flag?.status === 'open' && (v.kind === 'met' || v.kind === 'late' || v.kind === 'waived'))
      settled += 1;
  }
  const warnings = vetoWarningWork(assessment.verdicts, vetoObligationIds(deps), flags);
  settled += warnings.toRaise.length + warnings.toSettle.length;
  const leaks = personalDataFlagWork(obligations, assessment.documents, flags, input.asOf);
  settled += leaks.toRaise.length + leaks.toSettle.length;
  settled += lapsedFlags(assessment.verdicts, siteRuleObligationIds(deps), flags.values()).length;
  const unnotified = allFlags.filter((f) => f.notifiedAt === undefined).length;
  return { counts: summary.counts, newlyMissing, flagUpdates: newlyMissing + settled + unnotified };
}

/** Verdict counts per kind of duty, so the report can draw each one's trend. */
function countsByGroup(
  verdicts: readonly { obligationId: string; kind: VerdictKind }[],
  groupOf: ReadonlyMap<string, string>,
): Record<string, Partial<Record<VerdictKind, number>>> {
  const out: Record<string, Partial<Record<VerdictKind, number>>> = {};
  for (const v of verdicts) {
    const group = groupOf.get(v.obligationId) ?? 'plan';
    const row = out[group] ?? {};
    out[group] = row;
    row[v.kind] = (row[v.kind] ?? 0) + 1;
  }
  return out;
}

export const EvaluateVerdictsTask = task('EvaluateVerdicts', EvaluateInputSchema, evaluateVerdicts);
