import { lambdaHandler } from '../src/lambda/handler';
import { NotifyTask } from '../src/tasks/raise-flags';

/** Lambda entry for the sweep state "Notify" (src/workflow/sweep.asl.json). */
export const handler = lambdaHandler(NotifyTask);
