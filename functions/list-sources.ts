import { lambdaHandler } from '../src/lambda/handler';
import { ListSourcesTask } from '../src/tasks/list-sources';

/** Lambda entry for the sweep state "ListSources" (src/workflow/sweep.asl.json). */
export const handler = lambdaHandler(ListSourcesTask);
