/**
 * Inputs and outputs of the sweep's task functions, as the state machine passes them
 * (src/workflow/sweep.asl.json). Lambda handlers and the local runner both validate with these.
 */
import { z } from 'zod';
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
 * `false` skips WriteReport (the ReportWanted Choice): a historical replay's catch-up sweeps judge,
 * flag and notify like any other, and only the replay's last sweep renders the report. Absent (every
 * scheduled sweep) means true.
 */
export const WriteReportFlagSchema = z
  .boolean()
  .optional()
  .describe('false: judge, flag and notify but write no report (catch-up sweeps of a replay)');

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
      writeReport: WriteReportFlagSchema,
    })
    .refine((v) => v.asOf !== undefined || v.scheduledTime !== undefined, {
      message: 'a sweep needs asOf (YYYY-MM-DD) or scheduledTime (ISO instant)',
      path: ['asOf'],
    }),
});
export type SweepStart = z.infer<typeof SweepStartSchema>;

/**
 * The instant (wall clock) after which no source of this sweep is crawled: ListSources fixes it
 * once, and the Map state hands it to every CrawlSource, so the bound holds for the whole sweep
 * however many sources wait their turn.
 */
const CrawlUntilSchema = z.iso
  .datetime({ offset: true })
  .describe("Wall-clock instant the sweep's crawling ends (sources.sweep.crawlDeadlineMs after its start)");

/**
 * ListSources' output: the sources themselves are in DynamoDB, split into shards; the state holds
 * only the shards' indices (a few KB even for 20,000 sources), which the Map iterates.
 */
export const ListSourcesOutputSchema = SweepInputSchema.extend({
  shards: z.array(z.number().int().min(0)).describe('Shard indices, 0 … n-1'),
  sourceCount: z.number().int().min(0),
  maxPasses: z.number().int().positive().describe('Invocations a shard may take (sources.sweep.crawlPasses)'),
  crawlUntil: CrawlUntilSchema,
  writeReport: WriteReportFlagSchema,
});
export type ListSourcesOutput = z.infer<typeof ListSourcesOutputSchema>;

const CrawlWorkSchema = SweepInputSchema.extend({
  shard: z.number().int().min(0).optional().describe('A shard ListSources wrote for this run'),
  sourceId: z.string().min(1).optional().describe('One source, by hand (gongkai crawl) instead of a shard'),
  pass: z
    .number()
    .int()
    .positive()
    .optional()
    .describe("This invocation is the shard crawl's pass n (1 if absent)"),
  maxPasses: z.number().int().positive().optional(),
  crawlUntil: CrawlUntilSchema.optional(),
});

const namesOneKindOfWork = (v: { shard?: number | undefined; sourceId?: string | undefined }) =>
  (v.shard === undefined) !== (v.sourceId === undefined);
const oneKindOfWork = {
  message: 'a crawl names either a shard (from ListSources) or one sourceId',
  path: ['shard'],
};

export const CrawlSourceInputSchema = CrawlWorkSchema.refine(namesOneKindOfWork, oneKindOfWork);
export type CrawlSourceInput = z.infer<typeof CrawlSourceInputSchema>;

/** One pass over a shard: `done` when every source of it is crawled; `nextPass` feeds the loop. */
export const CrawlSourceOutputSchema = z.object({
  done: z.boolean(),
  nextPass: z.number().int().positive(),
  sources: z.number().int().min(0),
  finished: z.number().int().min(0),
});
export type CrawlSourceOutput = z.infer<typeof CrawlSourceOutputSchema>;

/** The Catch of CrawlSource hands the original input plus `error` (Error, Cause) to RecordCrawlFailure. */
export const CrawlFailureInputSchema = CrawlWorkSchema.extend({
  error: z.object({ Error: z.string(), Cause: z.string().optional() }),
}).refine(namesOneKindOfWork, oneKindOfWork);
export type CrawlFailureInput = z.infer<typeof CrawlFailureInputSchema>;

export const MatchOutputSchema = z.object({
  matched: z.number().int(),
  candidates: z.number().int(),
  newEvidence: z.number().int(),
  rejudged: z
    .number()
    .int()
    .describe(
      'Obligations matched and judged again; the others kept the judgement this process made earlier',
    ),
});
export type MatchOutput = z.infer<typeof MatchOutputSchema>;

/** Crawl results are not passed along: they are crawl runs in DynamoDB, read there when needed. */
export const EvaluateInputSchema = SweepInputSchema;
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
    .enum(['missing', 'veto-warning', 'personal-data'])
    .optional()
    .describe(
      'veto-warning: `due` is the forecast trip date; personal-data: the day the document was first seen',
    ),
  detail: z
    .string()
    .optional()
    .describe('personal-data: the document, its masked findings and archived copy'),
});
export type FlagRef = z.infer<typeof FlagRefSchema>;

/**
 * How many open flags await a notification (new ones, and any a failed Notify left behind). The
 * flags themselves stay in DynamoDB, so the state does not grow with them.
 */
export const RaiseFlagsOutputSchema = z.object({ raisedCount: z.number().int() });
export type RaiseFlagsOutput = z.infer<typeof RaiseFlagsOutputSchema>;

/** Flags notified and messages published (the summary included) by this attempt. */
export const NotifyOutputSchema = z.object({ notified: z.number().int(), messages: z.number().int() });
export type NotifyOutput = z.infer<typeof NotifyOutputSchema>;

export const WriteReportInputSchema = SweepInputSchema;
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
