import { lambdaHandler } from '../src/lambda/handler';
import { EvaluateVerdictsTask } from '../src/tasks/evaluate-verdicts';

/** Lambda entry for the sweep state "EvaluateVerdicts" (src/workflow/sweep.asl.json). */
export const handler = lambdaHandler(EvaluateVerdictsTask);
