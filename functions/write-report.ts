import { lambdaHandler } from '../src/lambda/handler';
import { WriteReportTask } from '../src/tasks/write-report';

/** Lambda entry for the sweep state "WriteReport" (src/workflow/sweep.asl.json). */
export const handler = lambdaHandler(WriteReportTask);
