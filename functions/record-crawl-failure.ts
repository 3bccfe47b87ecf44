import { lambdaHandler } from '../src/lambda/handler';
import { RecordCrawlFailureTask } from '../src/tasks/crawl-source';

/** Lambda entry for the sweep state "RecordCrawlFailure" (src/workflow/sweep.asl.json). */
export const handler = lambdaHandler(RecordCrawlFailureTask);
