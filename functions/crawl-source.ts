import { lambdaHandler } from '../src/lambda/handler';
import { CrawlSourceTask } from '../src/tasks/crawl-source';

/** Lambda entry for the sweep state "CrawlSource" (src/workflow/sweep.asl.json). */
export const handler = lambdaHandler(CrawlSourceTask);
