import { z } from 'zod';
import { IsoDateSchema } from '../core/dates';
import { DocumentVersionSchema } from '../core/document';
import { ObligationGroupSchema } from '../core/obligation-group';
import { PersonalDataKindSchema } from '../core/privacy/finding';
import { VerdictKindSchema } from '../core/verdict';

/**
 * The report as data: every renderer (JSON, CSV, text summary, HTML) reads this model and nothing
 * else, so the formats cannot disagree. The JSON report is this model verbatim; its JSON Schema is
 * docs/report.schema.json.
 */
const CountsSchema = z.record(VerdictKindSchema, z.number().int());

export const EvidenceRefSchema = z.object({
  kind: z
    .enum(['match', 'candidate', 'manual', 'observation'])
    .describe('observation: a page as read at a check (巡检所见), which a site rule rests on'),
  url: z.string().describe('The page the verdict rests on'),
  title: z.string(),
  archived: z
    .string()
    .nullable()
    .describe('Link to the archived copy (relative path locally, S3 key or presigned URL on AWS)'),
  sha256: z.string().nullable(),
  fetchedAt: z
    .string()
    .nullable()
    .describe(
      'When the monitor fetched and archived it (instant); null when it never was; observations: the check at which it was read',
    ),
  shownDate: z.string().nullable().describe('The date exactly as the page shows it'),
  firstSeen: z
    .string()
    .nullable()
    .optional()
    .describe('When the monitor first saw the document listed (instant); absent for observations'),
  publishedOn: IsoDateSchema.nullable().describe(
    'The date the evidence counts from; observations: the newest dated item on the page',
  ),
  terms: z.array(z.string()),
  score: z.number(),
  reason: z.string(),
  by: z.string().optional(),
  withdrawnOn: IsoDateSchema.optional().describe(
    'The page vanished from its column, or began answering 404/410 while still listed, on this day and is still gone: the verdict stands on the archived copy',
  ),
  earlierVersions: z
    .array(
      DocumentVersionSchema.pick({ title: true, firstSeen: true, lastSeen: true, sha256: true }).extend({
        archived: z.string().nullable(),
      }),
    )
    .optional()
    .describe(
      'Older titles of the page at this URL: a retitled page is a new document, and what it was before stays in the archive',
    ),
});
export type EvidenceRef = z.infer<typeof EvidenceRefSchema>;

/**
 * A page the crawler read (or failed to read) by a period's due date: what a `missing` or
 * `insufficient-data` verdict rests on, since the document it looked for is not there to link.
 */
export const PageCheckSchema = z.object({
  sourceId: z.string(),
  siteName: z.string(),
  url: z.string().describe('The column (list page) or home page read'),
  columnId: z.string().nullable().describe('null: the home page or a page outside the columns'),
  checkedAt: z.string().describe('When the crawler read it (instant)'),
  ok: z.boolean(),
  status: z.number().int().optional().describe('The HTTP status, when there was an answer'),
  error: z.string().optional().describe("The source's error when the read failed"),
  sha256: z.string().nullable().describe('sha256 of the page as read (the archived copy)'),
  archived: z.string().nullable(),
  newestItemDate: IsoDateSchema.nullable().optional().describe('The newest dated item listed on it'),
  itemCount: z.number().int().optional(),
});
export type PageCheck = z.infer<typeof PageCheckSchema>;

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
  forecast: IsoDateSchema.optional().describe(
    'Site rules that hold: the first day they trip if nothing new is published',
  ),
  pagesRead: z
    .array(PageCheckSchema)
    .optional()
    .describe(
      'missing and insufficient-data periods of plan items and annual reports: each page of the sites carrying the units as last read on or before the due date (and the last good read before a failed one)',
    ),
});
export type ReportPeriod = z.infer<typeof ReportPeriodSchema>;

export { type ObligationGroup, ObligationGroupSchema } from '../core/obligation-group';

export const ReportObligationSchema = z.object({
  id: z.string(),
  group: ObligationGroupSchema.default('plan'),
  item: z
    .number()
    .int()
    .nullable()
    .describe('Item number in the plan; null for an obligation written by hand'),
  category: z.string().nullable(),
  task: z.string(),
  units: z.array(z.string()),
  scheduleKind: z.string(),
  schedule: z.string().describe('Human description of the schedule'),
  deadlineText: z.string().nullable(),
  verifiable: z.boolean(),
  decision: z.string().optional(),
  pack: z
    .string()
    .optional()
    .describe('The rule pack the obligation comes from (its `item` is then the indicator number)'),
  packTitle: z.string().optional().describe('The rule the pack encodes, as cited, e.g. 国办秘函〔2019〕19号'),
  template: z.string().optional().describe('The rule-pack obligation this one was laid out from'),
  site: z.string().optional().describe('The source (site) a per-site obligation is about'),
  siteName: z.string().optional(),
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
  collective: z
    .boolean()
    .default(false)
    .describe('A set of units (市直有关单位, 各县（市、区）…), not one department: listed apart, not ranked'),
  groups: z
    .partialRecord(
      ObligationGroupSchema,
      z.object({
        obligations: z.number().int(),
        counts: CountsSchema,
        complianceRate: z.number().nullable(),
      }),
    )
    .default({})
    .describe('The same figures per kind of duty'),
});

export const OutstandingItemSchema = z.object({
  obligationId: z.string(),
  group: ObligationGroupSchema,
  task: z.string(),
  siteName: z.string().optional(),
  units: z.array(z.string()),
  periodKey: z.string(),
  periodLabel: z.string(),
  due: IsoDateSchema,
  state: z
    .enum(['missing', 'insufficient-data', 'due-soon'])
    .describe("missing: the obligation's latest settled period has no evidence; due-soon: no evidence yet"),
  daysOverdue: z
    .number()
    .int()
    .describe('Days from the due date to the report date (negative: due in that many days)'),
});
export type OutstandingItem = z.infer<typeof OutstandingItemSchema>;

export const GroupTotalsSchema = z.object({
  group: ObligationGroupSchema,
  obligations: z.number().int(),
  periods: z.number().int(),
  counts: CountsSchema,
  complianceRate: z.number().nullable(),
  trend: z
    .array(z.object({ asOf: IsoDateSchema, complianceRate: z.number().nullable() }))
    .describe('On-time rate of this kind of duty at each sweep (from the sweeps that recorded it)'),
  byDueMonth: z
    .array(
      z.object({
        month: z.string().describe('YYYY-MM'),
        judged: z.number().int().describe('Periods due that month judged met, late or missing'),
        complianceRate: z.number().nullable(),
      }),
    )
    .default([])
    .describe('On-time rate of the periods due in each month, first to last month with a due date'),
});
export type GroupTotals = z.infer<typeof GroupTotalsSchema>;

export const ReportFlagSchema = z.object({
  obligationId: z.string(),
  periodKey: z.string(),
  due: IsoDateSchema,
  units: z.array(z.string()),
  status: z.enum(['open', 'resolved', 'waived', 'lapsed']),
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
  /** Crawl limits that cut the reading of a column in the source's last crawl (links per page, list pages). */
  limitsHit: z.array(z.string()).optional(),
  documents: z.number().int(),
});

/** A page that counts against a site rule, as last read: the inspector's "not updated" list. */
export const VetoPageSchema = z.object({
  name: z.string(),
  url: z.string(),
  columnId: z.string().nullable().describe('null: the home page'),
  offence: z
    .enum(['stale', 'undated', 'blank'])
    .describe('stale: newest dated item too old; undated: items but none dated; blank: no items'),
  newestItemDate: IsoDateSchema.nullable(),
  staleSince: IsoDateSchema.nullable().describe('Stale pages: the first day the page counted as not updated'),
  itemCount: z.number().int(),
  undatedCount: z.number().int(),
  checkedAt: z.string().describe('The check at which the page was last read (instant)'),
  sha256: z.string().nullable().describe('sha256 of the page as read at that check'),
  archived: z.string().nullable(),
});
export type VetoPage = z.infer<typeof VetoPageSchema>;

/** One single-veto rule of one site, judged on the report date. */
export const ReportVetoSchema = z.object({
  obligationId: z.string(),
  template: z.string().describe('The rule-pack obligation, e.g. website-home-stale'),
  name: z.string(),
  measure: z.enum(['stale-columns', 'blank-columns', 'availability']),
  status: z.enum(['tripped', 'clear', 'no-data']),
  at: IsoDateSchema,
  trippedSince: IsoDateSchema.nullable().describe(
    'Tripped rules: the day the offending pages reached the threshold, when all of them are dated',
  ),
  count: z.number().int().describe('Offending pages, or failed checks for availability'),
  threshold: z.number().int().describe('The count at which the rule trips'),
  tripsOn: IsoDateSchema.nullable().describe(
    'Clear rules: the first day it trips if nothing new is published',
  ),
  inDays: z.number().int().nullable().describe('Days from the report date to tripsOn'),
  observed: z.number().int().describe('Pages the outcome rests on'),
  unobserved: z.array(z.string()).describe('Pages never read successfully: counted neither way'),
  availability: z
    .object({
      total: z.number().int(),
      failed: z.number().int(),
      share: z.number(),
      from: IsoDateSchema,
      to: IsoDateSchema,
    })
    .nullable(),
  offenders: z.array(VetoPageSchema),
});
export type ReportVeto = z.infer<typeof ReportVetoSchema>;

/** A crawled item whose date could not be read: it counts as not updated. */
export const UndatedItemSchema = z.object({
  url: z.string(),
  title: z.string(),
  dateText: z.string().nullable().describe('What the page shows where a date was expected, if anything'),
  firstSeen: z.string(),
  sha256: z.string().nullable(),
  archived: z.string().nullable(),
});

export const SiteUndatedSchema = z.object({
  total: z.number().int().describe('Undated items on the site: listed column items plus the home count'),
  home: z
    .object({
      url: z.string(),
      undatedCount: z.number().int(),
      itemCount: z.number().int(),
      checkedAt: z.string(),
      sha256: z.string().nullable(),
      archived: z.string().nullable(),
    })
    .nullable()
    .describe("The home page's last successful check (its items are counted, not stored)"),
  columns: z.array(
    z.object({
      columnId: z.string(),
      name: z.string(),
      url: z.string(),
      items: z.array(UndatedItemSchema),
    }),
  ),
});

/** 政府网站单项否决预警 for one site. */
export const ReportSiteVetoSchema = z.object({
  sourceId: z.string(),
  siteName: z.string(),
  units: z.array(z.string()),
  homepage: z.string(),
  state: z
    .enum(['tripped', 'warn', 'clear', 'no-data'])
    .describe('tripped: a veto holds now; warn: one trips within the warning window; no-data: none judged'),
  tripped: z.array(z.string()).describe('Obligation ids of the vetoes tripped on the report date'),
  next: z
    .object({ obligationId: z.string(), name: z.string(), on: IsoDateSchema, inDays: z.number().int() })
    .nullable()
    .describe('The veto that trips first if nothing new is published'),
  warn: z.boolean().describe('next is within the warning window'),
  vetoes: z.array(ReportVetoSchema),
  undated: SiteUndatedSchema,
});
export type ReportSiteVeto = z.infer<typeof ReportSiteVetoSchema>;

export const SiteVetoSectionSchema = z.object({
  asOf: IsoDateSchema,
  warningDays: z.number().int().describe('A veto forecast to trip within this many days is a warning (预警)'),
  sites: z.array(ReportSiteVetoSchema).describe('Tripped sites first, then by the date the next veto trips'),
});
export type SiteVetoSection = z.infer<typeof SiteVetoSectionSchema>;

/** One piece of personal data in a published file, masked: never the clear value. */
export const ReportFindingSchema = z.object({
  kind: PersonalDataKindSchema,
  masked: z.string(),
  file: z.string().describe('The page or attachment it is in'),
  where: z.string().describe('page, sheet/row, table/row, paragraph or line'),
  excerpt: z.string().describe('The text around it, every long number masked'),
  sha256: z.string().nullable(),
  archived: z.string().nullable().describe('Link to the archived copy of the file'),
});

/** A published document that carries personal data. */
export const ReportLeakSchema = z.object({
  url: z.string(),
  title: z.string(),
  publishedOn: IsoDateSchema.nullable(),
  firstSeen: z.string().describe('When the monitor first read it (instant)'),
  status: z.enum(['public', 'taken down', 'fixed']).describe('On the report date'),
  settledOn: IsoDateSchema.nullable().describe('The day it was taken down or fixed'),
  kinds: z.array(PersonalDataKindSchema),
  findings: z.array(ReportFindingSchema),
  more: z.number().int().describe('Findings beyond those kept'),
});

/** 隐私泄露 for one site: its documents with personal data, and the files it could not read. */
export const ReportSitePrivacySchema = z.object({
  sourceId: z.string(),
  siteName: z.string(),
  units: z.array(z.string()),
  leaks: z.array(ReportLeakSchema),
  unread: z.array(z.object({ file: z.string(), reason: z.string() })),
});

export const PersonalDataSectionSchema = z.object({
  asOf: IsoDateSchema,
  sites: z.array(ReportSitePrivacySchema).describe('Sites with documents still public first'),
});
export type PersonalDataSection = z.infer<typeof PersonalDataSectionSchema>;

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
  groups: z.array(GroupTotalsSchema).default([]).describe('Totals per kind of duty'),
  outstanding: z
    .array(OutstandingItemSchema)
    .default([])
    .describe('Outstanding on the report date, most urgent first (the first screen)'),
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
  calendarGaps: z
    .array(
      z.object({
        year: z.number().int(),
        periods: z.number().int().min(1).describe('Periods due in that year'),
        firstDue: IsoDateSchema,
      }),
    )
    .optional()
    .describe(
      'Years holding due dates the working-day calendar has no holiday data for: those due dates are counted on plain weekdays',
    ),
  siteVetoes: SiteVetoSectionSchema.optional().describe(
    '政府网站单项否决预警: sites with single-veto rules (absent in reports written before site rules existed)',
  ),
  personalData: PersonalDataSectionSchema.optional().describe(
    '隐私泄露: per site, published documents carrying personal data (masked); present when the catalogue judges it',
  ),
  trend: z.array(
    z.object({ asOf: IsoDateSchema, counts: CountsSchema, complianceRate: z.number().nullable() }),
  ),
});
export type Report = z.infer<typeof ReportSchema>;
