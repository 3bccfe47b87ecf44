/**
 * Which missing flags have lapsed: a site rule judges what the crawler saw during a month, so a
 * past month of a site rule can never be put right by publishing later. Its flag is closed as
 * `lapsed` once the rule's next period is judged; left open, such flags drowned the flags a
 * department can still act on. Plan obligations and annual reports never lapse: a late
 * publication still remedies them (the flag is then resolved as late).
 */
import type { Flag, StoredVerdict } from '../store/ports';
import type { TaskDeps } from './deps';
import { judgedCatalogue } from './judged-catalogue';

/** Verdicts that say a period was judged (not still running or not yet due). */
const JUDGED = new Set(['met', 'late', 'missing', 'waived', 'insufficient-data', 'unverifiable']);

/** Ids of the obligations judged by a site rule (what the crawler observes, not documents). */
export function siteRuleObligationIds(deps: Pick<TaskDeps, 'catalogue' | 'sources'>): Set<string> {
  return new Set(
    judgedCatalogue(deps)
      .obligations.filter((o) => o.evidence.site)
      .map((o) => o.id),
  );
}

/**
 * The open missing flags of site rules whose obligation has a judged period due after the flag's.
 * Pure, so EvaluateVerdicts can count this work and RaiseFlags do it.
 */
export function lapsedFlags(
  verdicts: readonly Pick<StoredVerdict, 'obligationId' | 'kind' | 'due'>[],
  siteRuleIds: ReadonlySet<string>,
  flags: Iterable<Flag>,
): { flag: Flag; next: string }[] {
  const latestJudged = new Map<string, string>();
  for (const v of verdicts) {
    if (!siteRuleIds.has(v.obligationId) || !JUDGED.has(v.kind)) continue;
    const seen = latestJudged.get(v.obligationId);
    if (!seen || v.due > seen) latestJudged.set(v.obligationId, v.due);
  }
  const out: { flag: Flag; next: string }[] = [];
  for (const flag of flags) {
    if (flag.status !== 'open' || flag.kind === 'veto-warning') continue;
    const next = latestJudged.get(flag.obligationId);
    if (next && next > flag.due) out.push({ flag, next });
  }
  return out;
}
