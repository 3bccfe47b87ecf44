import { lambdaHandler } from '../src/tasks/lambda';

/** Lambda entry for the sweep state "MatchEvidence" (src/workflow/sweep.asl.json). */
export const handler = lambdaHandler('MatchEvidence');
