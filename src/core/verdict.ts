import { z } from 'zod';

/** The state of one (obligation, period) as of a date. */
export const VerdictKindSchema = z.enum([
  'met',
  'late',
  'missing',
  'due-soon',
  'pending',
  'waived',
  'unverifiable',
  'insufficient-data',
]);
export type VerdictKind = z.infer<typeof VerdictKindSchema>;
export const VERDICT_KINDS = VerdictKindSchema.options;
