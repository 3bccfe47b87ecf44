import { lambdaHandler } from '../src/tasks/lambda';

/** Lambda entry for the sweep state "CrawlSource" (src/workflow/sweep.asl.json). */
export const handler = lambdaHandler('CrawlSource');
