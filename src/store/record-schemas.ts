/**
 * zod schemas for the records the ports exchange. The types themselves live in ports.ts (the
 * contract); each schema is checked against its type so they cannot drift. Adapters validate what
 * callers hand them and what they read back, and report the JSON path of anything wrong.
 */
import { z } from 'zod';
import { IsoDateSchema } from '../core/dates';
import { ListItemSchema } from '../core/list-item';
import { VerdictKindSchema } from '../core/verdict';
import type {
  ArchiveMeta,
  ColumnProgress,
  CrawlCursor,
  CrawlRun,
  Flag,
  HealthCheck,
  LedgerEntry,
  Notification,
  PageState,
  StoredVerdict,
  SweepSummary,
} from './ports';

export const PageStateSchema = z.object({
  url: z.string().min(1),
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  sha256: z.string().optional(),
  archiveKey: z.string().optional(),
  fetchedAt: z.string().min(1),
  itemCount: z.number().int().optional(),
  undatedCount: z.number().int().optional(),
  newestItemDate: IsoDateSchema.nullable().optional(),
  recheckDueAt: z.string().optional(),
  awaitingFix: z.number().int().min(0).optional(),
}) satisfies z.ZodType<PageState>;

export const HealthCheckSchema = z.object({
  sourceId: z.string().min(1),
  columnId: z.string().optional(),
  url: z.string().min(1),
  checkedAt: z.string().min(1),
  ok: z.boolean(),
  status: z.number().int().optional(),
  latencyMs: z.number(),
  error: z.string().optional(),
  itemCount: z.number().int().optional(),
  undatedCount: z.number().int().optional(),
  newestItemDate: IsoDateSchema.nullable().optional(),
  sha256: z.string().optional(),
  archiveKey: z.string().optional(),
  notVisited: z.boolean().optional(),
  limitHit: z.string().optional(),
}) satisfies z.ZodType<HealthCheck>;

const CountSchema = z.number().int().min(0);

export const ColumnProgressSchema = z.object({
  columnId: z.string().min(1),
  first: z.object({
    status: z.number().int(),
    latencyMs: z.number(),
    sha256: z.string().min(1),
    etag: z.string().optional(),
    lastModified: z.string().optional(),
    archiveKey: z.string().optional(),
  }),
  queue: z.array(z.string()),
  requested: CountSchema,
  pagesSeen: z.array(z.string()),
  listed: z.array(z.string()),
  read: z.array(z.string()),
  pending: z.array(ListItemSchema),
  complete: z.boolean(),
  limitsHit: z.array(z.string()),
}) satisfies z.ZodType<ColumnProgress>;

export const CrawlCursorSchema = z.object({
  runId: z.string().min(1),
  sourceId: z.string().min(1),
  startedAt: z.string().min(1),
  passes: z.number().int().min(0),
  done: z.boolean(),
  home: z.object({ reachable: z.boolean(), error: z.string().optional() }).optional(),
  columnsDone: z.array(z.string()),
  checks: z.array(HealthCheckSchema),
  totals: z.object({
    pages: CountSchema,
    bytes: CountSchema,
    newDocuments: CountSchema,
    changedDocuments: CountSchema,
    errors: CountSchema,
  }),
  limitsHit: z.array(z.string()),
  cutShort: z.string().optional(),
  columns: z.array(ColumnProgressSchema).optional(),
}) satisfies z.ZodType<CrawlCursor>;

export const CrawlRunSchema = z.object({
  runId: z.string().min(1),
  sourceId: z.string().min(1),
  asOf: IsoDateSchema,
  startedAt: z.string(),
  finishedAt: z.string(),
  pages: z.number().int(),
  bytes: z.number().int(),
  notModified: z.number().int(),
  newDocuments: z.number().int(),
  changedDocuments: z.number().int(),
  errors: z.number().int(),
  reachable: z.boolean(),
  error: z.string().optional(),
}) satisfies z.ZodType<CrawlRun>;

export const StoredVerdictSchema = z.object({
  obligationId: z.string().min(1),
  periodKey: z.string().min(1),
  asOf: IsoDateSchema,
  kind: VerdictKindSchema,
  due: IsoDateSchema,
  reasons: z.array(z.string()),
  evidenceUrls: z.array(z.string()),
  forecast: IsoDateSchema.optional(),
}) satisfies z.ZodType<StoredVerdict>;

const KindCountsSchema = z.partialRecord(VerdictKindSchema, z.number().int());

export const SweepSummarySchema = z.object({
  asOf: IsoDateSchema,
  runId: z.string().min(1),
  counts: KindCountsSchema,
  byUnit: z.record(z.string(), KindCountsSchema),
  byGroup: z.record(z.string(), KindCountsSchema).optional(),
  recordedAt: z.string(),
}) satisfies z.ZodType<SweepSummary>;

const FlagStatusSchema = z.enum(['open', 'resolved', 'waived', 'lapsed']);

export const FlagSchema = z.object({
  obligationId: z.string().min(1),
  periodKey: z.string().min(1),
  due: IsoDateSchema,
  raisedOn: IsoDateSchema,
  raisedAt: z.string(),
  units: z.array(z.string()),
  status: FlagStatusSchema,
  history: z.array(z.object({ at: z.string(), status: FlagStatusSchema, note: z.string() })),
  notifiedAt: z.string().optional(),
  kind: z.enum(['missing', 'veto-warning', 'personal-data']).optional(),
  detail: z.string().optional(),
}) satisfies z.ZodType<Flag>;

export const LedgerEntrySchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('event'),
    id: z.string().min(1),
    obligationId: z.string(),
    date: IsoDateSchema,
    note: z.string(),
    by: z.string(),
    at: z.string().min(1),
  }),
  z.object({
    type: z.literal('manual-evidence'),
    id: z.string().min(1),
    obligationId: z.string(),
    periodKey: z.string(),
    url: z.string(),
    note: z.string(),
    publishedOn: IsoDateSchema,
    by: z.string(),
    at: z.string().min(1),
  }),
  z.object({
    type: z.literal('waiver'),
    id: z.string().min(1),
    obligationId: z.string(),
    periodKey: z.string().optional(),
    reason: z.string(),
    until: IsoDateSchema,
    by: z.string(),
    at: z.string().min(1),
  }),
]) satisfies z.ZodType<LedgerEntry>;

export const ArchiveMetaSchema = z.object({
  url: z.string().min(1),
  finalUrl: z.string().min(1),
  status: z.number().int(),
  fetchedAt: z.string().min(1),
  contentType: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
}) satisfies z.ZodType<ArchiveMeta>;

export const NotificationSchema = z.object({
  subject: z.string().min(1),
  message: z.string(),
  dedupeKey: z.string().min(1).max(160).optional(),
  part: z.enum(['summary', 'flags']).optional(),
  totals: z
    .object({
      missing: z.number().int().min(0),
      warnings: z.number().int().min(0),
      leaks: z.number().int().min(0).optional(),
    })
    .optional(),
  flags: z.array(
    z.object({
      obligationId: z.string(),
      periodKey: z.string(),
      due: IsoDateSchema,
      units: z.array(z.string()),
      kind: z.enum(['missing', 'veto-warning', 'personal-data']).optional(),
      detail: z.string().optional(),
    }),
  ),
}) satisfies z.ZodType<Notification>;
