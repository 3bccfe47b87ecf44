import { lambdaHandler } from '../src/lambda/handler';
import { MatchEvidenceTask } from '../src/tasks/match-evidence';

/** Lambda entry for the sweep state "MatchEvidence" (src/workflow/sweep.asl.json). */
export const handler = lambdaHandler(MatchEvidenceTask);
