import { CrawlSourceTask } from '../src/tasks/crawl-source';
import { lambdaHandler } from '../src/tasks/lambda';

/** Lambda entry for the sweep state "CrawlSource" (src/workflow/sweep.asl.json). */
export const handler = lambdaHandler(CrawlSourceTask);
