import { z } from 'zod';
import { IsoDateSchema } from '../core/dates';
import { VerdictKindSchema } from '../core/verdict';

/**
 * The report as data: every renderer (JSON, CSV, text summary, HTML) reads this model and nothing
 * else, so the formats cannot disagree. The JSON report is this model verbatim; its JSON Schema is
 * docs/report.schema.json.
 */
const CountsSchema = z.record(VerdictKindSchema, z.number().int());

export const EvidenceRefSchema = z.object({
  kind: z.enum(['match', 'candidate', 'manual']),
  url: z.string().describe('The page the verdict rests on'),
  title: z.string(),
  archived: z
    .string()
    .nullable()
    .describe('Link to the archived copy (relative path locally, S3 key or presigned URL on AWS)'),
  sha256: z.string().nullable(),
  fetchedAt: z.string().nullable().describe('When the monitor first fetched it (instant)'),
  shownDate: z.string().nullable().describe('The date exactly as the page shows it'),
  publishedOn: IsoDateSchema.nullable().describe('The date the evidence counts from'),
  terms: z.array(z.string()),
  score: z.number(),
  reason: z.string(),
  by: z.string().optional(),
});
export type EvidenceRef = z.infer<typeof EvidenceRefSchema>;

export const ReportPeriodSchema = z.object({
  key: z.string(),
  label: z.string(),
  start: IsoDateSchema,
  end: IsoDateSchema,
  due: IsoDateSchema,
  verdict: VerdictKindSchema,
  reasons: z.array(z.string()),
  warnings: z.array(z.string()),
  evidence: z.array(EvidenceRefSchema),
  candidates: z.array(EvidenceRefSchema),
});
export type ReportPeriod = z.infer<typeof ReportPeriodSchema>;

export const ReportObligationSchema = z.object({
  id: z.string(),
  item: z.number().int(),
  category: z.string().nullable(),
  task: z.string(),
  units: z.array(z.string()),
  scheduleKind: z.string(),
  schedule: z.string().describe('Human description of the schedule'),
  deadlineText: z.string().nullable(),
  verifiable: z.boolean(),
  decision: z.string().optional(),
  counts: CountsSchema,
  periods: z.array(ReportPeriodSchema),
});
export type ReportObligation = z.infer<typeof ReportObligationSchema>;

export const ReportDepartmentSchema = z.object({
  unit: z.string(),
  obligations: z.number().int(),
  counts: CountsSchema,
  complianceRate: z
    .number()
    .nullable()
    .describe('met / (met + late + missing); null when nothing is judged yet'),
  missingObligations: z.number().int().describe('Obligations with at least one missing period'),
});

export const ReportFlagSchema = z.object({
  obligationId: z.string(),
  periodKey: z.string(),
  due: IsoDateSchema,
  units: z.array(z.string()),
  status: z.enum(['open', 'resolved', 'waived']),
  raisedOn: IsoDateSchema,
  notifiedAt: z.string().nullable(),
  history: z.array(z.object({ at: z.string(), status: z.string(), note: z.string() })),
});

export const ReportSourceSchema = z.object({
  id: z.string(),
  name: z.string(),
  units: z.array(z.string()),
  homepage: z.string(),
  checks: z.number().int(),
  failedChecks: z.number().int(),
  lastCheckedAt: z.string().nullable(),
  lastOk: z.boolean().nullable(),
  lastError: z.string().nullable(),
  documents: z.number().int(),
});

export const ReportSchema = z.object({
  schemaVersion: z.literal(1),
  generatedAt: z.string(),
  asOf: IsoDateSchema,
  runId: z.string(),
  plan: z.object({ issuer: z.string(), year: z.number().int(), title: z.string().optional() }),
  totals: z.object({
    obligations: z.number().int(),
    periods: z.number().int(),
    counts: CountsSchema,
    complianceRate: z.number().nullable(),
  }),
  departments: z.array(ReportDepartmentSchema),
  obligations: z.array(ReportObligationSchema),
  flags: z.array(ReportFlagSchema),
  waivers: z.array(
    z.object({
      obligationId: z.string(),
      periodKey: z.string().nullable(),
      reason: z.string(),
      until: IsoDateSchema,
      by: z.string(),
      at: z.string(),
    }),
  ),
  events: z.array(
    z.object({
      obligationId: z.string(),
      date: IsoDateSchema,
      note: z.string(),
      by: z.string(),
      at: z.string(),
    }),
  ),
  warnings: z.array(
    z.object({ obligationId: z.string().nullable(), periodKey: z.string().nullable(), message: z.string() }),
  ),
  sources: z.array(ReportSourceSchema),
  trend: z.array(
    z.object({ asOf: IsoDateSchema, counts: CountsSchema, complianceRate: z.number().nullable() }),
  ),
});
export type Report = z.infer<typeof ReportSchema>;
