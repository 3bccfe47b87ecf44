import { z } from 'zod';
import { IsoDateSchema } from './dates';

/**
 * A link from a document (or a person's note) to one obligation-period. `kind: candidate` is a near
 * miss (right unit and topic, wrong period) kept for auditors; it never makes a period met.
 * `kind: observation` is a page as the crawler saw it at a check (a site rule's verdict rests on
 * it): `publishedOn` is its newest dated item, `recordedAt` the check.
 */
export const EvidenceSchema = z.object({
  obligationId: z.string(),
  periodKey: z.string(),
  url: z.string(),
  kind: z.enum(['match', 'candidate', 'manual', 'observation']),
  score: z.number(),
  terms: z.array(z.string()),
  reason: z.string().describe('One line an auditor can read'),
  publishedOn: IsoDateSchema.nullable().describe('Date the evidence counts as published'),
  sha256: z.string().nullable(),
  title: z.string(),
  recordedAt: z.string().optional(),
  by: z.string().optional().describe('Who entered manual evidence'),
  withdrawnOn: IsoDateSchema.optional().describe(
    'The page has since vanished from its column, or answers 404/410 while still listed (as of the judging date): still evidence of publication, the archived copy proves it',
  ),
  unreadable: z
    .string()
    .optional()
    .describe(
      'Candidates only: the page would be evidence but could not be read (rate limit, timeout, other host); the period cannot be judged missing',
    ),
});
export type Evidence = z.infer<typeof EvidenceSchema>;
