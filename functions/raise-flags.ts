import { lambdaHandler } from '../src/lambda/handler';
import { RaiseFlagsTask } from '../src/tasks/raise-flags';

/** Lambda entry for the sweep state "RaiseFlags" (src/workflow/sweep.asl.json). */
export const handler = lambdaHandler(RaiseFlagsTask);
