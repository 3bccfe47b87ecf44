/**
 * Which veto warnings a sweep calls for: one flag per (single-veto site rule, forecast date) while
 * the rule's current verdict is due-soon, settled once no verdict forecasts that date any more.
 * EvaluateVerdicts counts this work (to skip RaiseFlags when there is none); RaiseFlags does it.
 */
import type { IsoDate } from '../core/dates';
import { obligationPeriodKey } from '../core/period';
import type { Flag, StoredVerdict } from '../store/ports';
import type { TaskDeps } from './deps';
import { judgedCatalogue } from './judged-catalogue';

/** The period key of the warning for a veto forecast to trip on `date`. */
export const warningKey = (date: string) => `warning-${date}`;

export interface VetoWarningWork {
  toRaise: { obligationId: string; forecast: IsoDate }[];
  toSettle: Flag[];
}

/** Ids of the obligations judged by a single-veto site rule. */
export function vetoObligationIds(deps: Pick<TaskDeps, 'catalogue' | 'sources'>): Set<string> {
  return new Set(
    judgedCatalogue(deps)
      .obligations.filter((o) => o.evidence.site?.veto)
      .map((o) => o.id),
  );
}

/** `flags` keyed `<obligationId>|<periodKey>`. */
export function vetoWarningWork(
  verdicts: readonly Pick<StoredVerdict, 'obligationId' | 'kind' | 'forecast'>[],
  vetoIds: ReadonlySet<string>,
  flags: ReadonlyMap<string, Flag>,
): VetoWarningWork {
  const forecast = new Set<string>();
  const toRaise: VetoWarningWork['toRaise'] = [];
  for (const v of verdicts) {
    if (!vetoIds.has(v.obligationId) || v.kind !== 'due-soon' || !v.forecast) continue;
    const key = obligationPeriodKey(v.obligationId, warningKey(v.forecast));
    forecast.add(key);
    if (!flags.has(key)) toRaise.push({ obligationId: v.obligationId, forecast: v.forecast });
  }
  const toSettle = [...flags]
    .filter(([key, f]) => f.kind === 'veto-warning' && f.status === 'open' && !forecast.has(key))
    .map(([, f]) => f);
  return { toRaise, toSettle };
}
