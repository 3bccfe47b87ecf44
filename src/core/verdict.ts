import { z } from 'zod';
import { IsoDateSchema } from './dates';
import { EvidenceSchema } from './evidence';

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

/**
 * The judgement of one obligation-period as of a date, with everything a report needs to show it
 * and an auditor needs to follow it: the evidence that counts (earliest first), near misses, the
 * reasons for the kind, and warnings (backdating, calendar gaps, defaults applied).
 */
export const VerdictSchema = z.object({
  obligationId: z.string(),
  periodKey: z.string(),
  periodLabel: z.string(),
  start: IsoDateSchema,
  end: IsoDateSchema,
  due: IsoDateSchema,
  kind: VerdictKindSchema,
  reasons: z.array(z.string()).min(1),
  evidence: z.array(EvidenceSchema),
  candidates: z.array(EvidenceSchema),
  warnings: z.array(z.string()),
  forecast: IsoDateSchema.optional().describe(
    'Site rules that hold: the first day they trip if nothing new is published (单项否决预警)',
  ),
});
export type Verdict = z.infer<typeof VerdictSchema>;
