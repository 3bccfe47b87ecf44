import { EvaluateVerdictsTask } from '../src/tasks/evaluate-verdicts';
import { lambdaHandler } from '../src/tasks/lambda';

/** Lambda entry for the sweep state "EvaluateVerdicts" (src/workflow/sweep.asl.json). */
export const handler = lambdaHandler(EvaluateVerdictsTask);
