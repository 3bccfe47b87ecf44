import { assessForRun } from './assessment';
import type { MatchOutput, SweepInput } from './contracts';
import { SweepInputSchema } from './contracts';
import type { TaskDeps } from './deps';
import { task } from './task';

/**
 * Matches documents to obligation-periods and records the links (matches and near-miss candidates)
 * for auditors. Evidence is keyed by (obligation, period, url, kind): a re-run adds nothing.
 */
export async function matchEvidence(input: SweepInput, deps: TaskDeps): Promise<MatchOutput> {
  const assessment = await assessForRun(deps, input.asOf, input.runId);
  const recordedAt = deps.now().toISOString();
  const found = assessment.evidence.filter((e) => e.kind === 'match');
  const newEvidence = await deps.stores.evidence.putEvidence(
    [...found, ...assessment.candidates].map((e) => ({ ...e, recordedAt })),
  );
  return {
    matched: found.length,
    candidates: assessment.candidates.length,
    newEvidence,
    rejudged: assessment.rejudged,
  };
}

export const MatchEvidenceTask = task('MatchEvidence', SweepInputSchema, matchEvidence);
