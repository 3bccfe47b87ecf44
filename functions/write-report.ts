import { lambdaHandler } from '../src/tasks/lambda';
import { WriteReportTask } from '../src/tasks/write-report';

/** Lambda entry for the sweep state "WriteReport" (src/workflow/sweep.asl.json). */
export const handler = lambdaHandler(WriteReportTask);
