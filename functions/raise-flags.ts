import { lambdaHandler } from '../src/tasks/lambda';
import { RaiseFlagsTask } from '../src/tasks/raise-flags';

/** Lambda entry for the sweep state "RaiseFlags" (src/workflow/sweep.asl.json). */
export const handler = lambdaHandler(RaiseFlagsTask);
