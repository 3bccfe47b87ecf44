/**
 * Inputs and outputs of the sweep's task functions, as the state machine passes them
 * (src/workflow/sweep.asl.json). Lambda handlers and the local runner both validate with these.
 */
import { z } from 'zod';
import { CrawlSummarySchema } from '../core/crawl-summary';
import { IsoDateSchema } from '../core/dates';

export const SweepInputSchema = z.object({
  asOf: IsoDateSchema.describe('The date the sweep judges as of (Asia/Shanghai)'),
  runId: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[\w.:-]+$/, 'runId: letters, digits, . _ : -'),
});
export type SweepInput = z.infer<typeof SweepInputSchema>;

/**
 * What starts a sweep: `{ asOf, runId }` by hand or from the local runner, or
 * `{ scheduledTime, runId }` from EventBridge Scheduler (infra/constructs/sweep-schedule.ts), whose
 * instant becomes the Asia/Shanghai date it falls on.
 */
export const SweepStartSchema = z.object({
  input: z
    .object({
      asOf: IsoDateSchema.optional(),
      scheduledTime: z.iso.datetime({ offset: true }).optional(),
      runId: SweepInputSchema.shape.runId,
    })
    .refine((v) => v.asOf !== undefined || v.scheduledTime !== undefined, {
      message: 'a sweep needs asOf (YYYY-MM-DD) or scheduledTime (ISO instant)',
      path: ['asOf'],
    }),
});
export type SweepStart = z.infer<typeof SweepStartSchema>;

export const ListSourcesOutputSchema = SweepInputSchema.extend({ sources: z.array(z.string()) });
export type ListSourcesOutput = z.infer<typeof ListSourcesOutputSchema>;

export const CrawlSourceInputSchema = SweepInputSchema.extend({ sourceId: z.string().min(1) });
export type CrawlSourceInput = z.infer<typeof CrawlSourceInputSchema>;

/** The Catch of CrawlSource hands the original input plus `error` (Error, Cause) to RecordCrawlFailure. */
export const CrawlFailureInputSchema = CrawlSourceInputSchema.extend({
  error: z.object({ Error: z.string(), Cause: z.string().optional() }),
});
export type CrawlFailureInput = z.infer<typeof CrawlFailureInputSchema>;

export const MatchOutputSchema = z.object({
  matched: z.number().int(),
  candidates: z.number().int(),
  newEvidence: z.number().int(),
});
export type MatchOutput = z.infer<typeof MatchOutputSchema>;

export const EvaluateInputSchema = SweepInputSchema.extend({
  crawl: z.array(CrawlSummarySchema).default([]),
});
export type EvaluateInput = z.infer<typeof EvaluateInputSchema>;

export const EvaluateOutputSchema = z.object({
  counts: z.record(z.string(), z.number().int()),
  newlyMissing: z.number().int().describe('Missing periods that carry no flag yet'),
  flagUpdates: z.number().int().describe('Flags to raise, settle or notify; 0 skips RaiseFlags'),
});
export type EvaluateOutput = z.infer<typeof EvaluateOutputSchema>;

export const FlagRefSchema = z.object({
  obligationId: z.string(),
  periodKey: z.string(),
  due: IsoDateSchema,
  units: z.array(z.string()),
  kind: z
    .enum(['missing', 'veto-warning'])
    .optional()
    .describe('veto-warning: `due` is the forecast trip date'),
});
export type FlagRef = z.infer<typeof FlagRefSchema>;

/** `raised` lists flags not yet notified (new ones, and any a failed Notify left behind). */
export const RaiseFlagsOutputSchema = z.object({
  raisedCount: z.number().int(),
  raised: z.array(FlagRefSchema),
});
export type RaiseFlagsOutput = z.infer<typeof RaiseFlagsOutputSchema>;

export const NotifyInputSchema = SweepInputSchema.extend({ raised: z.array(FlagRefSchema) });
export type NotifyInput = z.infer<typeof NotifyInputSchema>;

export const NotifyOutputSchema = z.object({ notified: z.number().int() });

export const WriteReportInputSchema = SweepInputSchema.extend({
  crawl: z.array(CrawlSummarySchema).default([]),
});
export const WriteReportOutputSchema = z.object({
  location: z.string(),
  counts: z.record(z.string(), z.number().int()),
});
export type WriteReportOutput = z.infer<typeof WriteReportOutputSchema>;

/** State name in the ASL → the task function bound to it, locally and on AWS. */
export const TASK_STATES = [
  'ListSources',
  'CrawlSource',
  'RecordCrawlFailure',
  'MatchEvidence',
  'EvaluateVerdicts',
  'RaiseFlags',
  'Notify',
  'WriteReport',
] as const;
export type TaskStateName = (typeof TASK_STATES)[number];
