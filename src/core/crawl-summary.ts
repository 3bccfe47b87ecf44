import { z } from 'zod';

/** What one source's crawl reports back to the state machine (kept small: Step Functions caps payloads). */
export const CrawlSummarySchema = z.object({
  sourceId: z.string(),
  reachable: z.boolean(),
  pages: z.number().int(),
  bytes: z.number().int(),
  newDocuments: z.number().int(),
  changedDocuments: z.number().int(),
  errors: z.number().int(),
  error: z.string().optional(),
});
export type CrawlSummary = z.infer<typeof CrawlSummarySchema>;
