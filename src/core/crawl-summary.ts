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
  /** Set when the crawl's deadline passed before every page was read: what was not read, and why. */
  cutShort: z.string().optional(),
  /** Limits that cut a column's reading (links per list page, list pages per column). */
  limitsHit: z.array(z.string()).optional(),
});
export type CrawlSummary = z.infer<typeof CrawlSummarySchema>;
