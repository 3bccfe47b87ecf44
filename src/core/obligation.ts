import { z } from 'zod';
import { CalendarFileSchema } from './calendar';
import { backtrackingRisk } from './match/regex-budget';
import { IssueNumberingSchema, PeriodFromSchema } from './period-from';
import { PlanSchema } from './plan';
import { PolicySchema } from './policy';
import { PersonalDataRuleSchema } from './privacy/rule';
import { ScheduleSchema } from './schedule';
import { SiteRuleSchema } from './site-rule';
import { ColumnKindSchema } from './source';
import { UnitNameSchema } from './unit-name';

/** Where an obligation came from in the plan text (1-based, inclusive line numbers). */
export const ProvenanceSchema = z
  .object({
    lines: z.tuple([z.number().int().positive(), z.number().int().positive()]).optional(),
    file: z.string().optional(),
    reference: z
      .string()
      .min(1)
      .optional()
      .describe('The rule it encodes, for obligations not read from a plan (rule packs)'),
  })
  .refine((p) => p.lines !== undefined || p.reference !== undefined, {
    message: 'give the plan lines, or the reference of the rule encoded',
    path: ['lines'],
  });

/** The provenance of an obligation written by hand into the catalogue, not read from a plan. */
export const HAND_WRITTEN = 'written by hand in the catalogue, not read from a plan';

/** What ingest produces for one obligation, before a person reviews it. */
export const DraftObligationSchema = z.object({
  item: z.number().int().positive().describe('Item number in the plan'),
  category: z.string().nullable().describe('工作任务 (merged cell carried down), or null'),
  task: z.string().min(1).describe('具体工作, verbatim'),
  units: z.array(UnitNameSchema).describe('责任单位 shown at this item, or carried down when unitsCarried'),
  unitsCarried: z.boolean().describe('True when units were inherited from an earlier item'),
  supportingUnits: z.array(z.string()).optional().describe('配合单位, when the plan names them apart'),
  collectiveUnits: z
    .array(z.string())
    .optional()
    .describe('Units (or supporting units) that name a group, not one department: 各设区市, 市直有关单位'),
  deadlineText: z.string().nullable().describe('完成时限 verbatim, lines joined with " / "'),
  schedule: ScheduleSchema,
  review: z.array(z.string()).describe('Reasons a person must look at this obligation'),
  source: ProvenanceSchema,
});
export type DraftObligation = z.infer<typeof DraftObligationSchema>;

export const DraftCatalogueSchema = z.object({
  plan: PlanSchema,
  obligations: z.array(DraftObligationSchema),
});
export type DraftCatalogue = z.infer<typeof DraftCatalogueSchema>;

/**
 * A quantified group that itself contains a quantifier — (a+)+, (.*x)*, (\w+){2,} — the shape of
 * patterns whose backtracking explodes. Every crawled title is tested against every pattern, so
 * one such pattern in a hand-edited catalogue could stall a sweep.
 */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*](?:[^()\\]|\\.)*\)\s*(?:[+*]|\{\d+,\d*\})/;

/** How to recognise evidence of an obligation among crawled documents. */
export const EvidenceRuleSchema = z
  .object({
    verifiable: z
      .boolean()
      .default(true)
      .describe('False when no website can show it (training, internal rules)'),
    unverifiableReason: z.string().optional(),
    keywords: z
      .array(z.string().min(1))
      .default([])
      .describe('Any one of these in a title (or attachment name) is a topic match'),
    required: z.array(z.string().min(1)).default([]).describe('All of these must appear as well'),
    exclude: z.array(z.string().min(1)).default([]).describe('A title with any of these is not evidence'),
    titlePatterns: z.array(z.string()).default([]).describe('Regular expressions tested against titles'),
    columnKinds: z.array(ColumnKindSchema).optional().describe('Only documents from columns of these kinds'),
    units: z
      .array(UnitNameSchema)
      .optional()
      .describe("Whose sites to search (default: the obligation's units)"),
    attachmentOnly: z.boolean().default(false).describe('Evidence must be an attachment (e.g. a budget PDF)'),
    site: SiteRuleSchema.optional().describe(
      'Judge what the crawler observes of the site (freshness, blank columns, availability) instead of matching documents',
    ),
    personalData: PersonalDataRuleSchema.optional().describe(
      'Judge the site by personal data found in what it published (隐私泄露): met when none was public in the period',
    ),
    periodFrom: PeriodFromSchema.optional().describe(
      'What decides the period a document is evidence for (default: issue-number with issueNumbering, publication for weekly schedules, publication-or-previous otherwise)',
    ),
    issueNumbering: IssueNumberingSchema.optional().describe(
      'How the series numbers its issues (第N期), for periodFrom issue-number',
    ),
  })
  .superRefine((rule, ctx) => {
    if (
      rule.verifiable &&
      !rule.site &&
      !rule.personalData &&
      rule.keywords.length === 0 &&
      rule.titlePatterns.length === 0
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['keywords'],
        message: 'a verifiable rule needs keywords, titlePatterns, a site rule or a personalData rule',
      });
    }
    if (!rule.verifiable && !rule.unverifiableReason) {
      ctx.addIssue({
        code: 'custom',
        path: ['unverifiableReason'],
        message: 'say why no website can evidence this',
      });
    }
    if (rule.periodFrom === 'issue-number' && !rule.issueNumbering) {
      ctx.addIssue({
        code: 'custom',
        path: ['issueNumbering'],
        message: 'periodFrom issue-number needs issueNumbering (how 第N期 maps to periods)',
      });
    }
    rule.titlePatterns.forEach((pattern, i) => {
      try {
        new RegExp(pattern);
      } catch (error) {
        ctx.addIssue({
          code: 'custom',
          path: ['titlePatterns', i],
          message: `invalid regular expression: ${String(error)}`,
        });
        return;
      }
      if (NESTED_QUANTIFIER.test(pattern)) {
        ctx.addIssue({
          code: 'custom',
          path: ['titlePatterns', i],
          message:
            'nested quantifiers such as (a+)+ can backtrack for hours on one crafted title: rewrite without a repeated group that repeats',
        });
        return;
      }
      const risk = backtrackingRisk(pattern);
      if (risk) ctx.addIssue({ code: 'custom', path: ['titlePatterns', i], message: risk });
    });
  });
export type EvidenceRule = z.infer<typeof EvidenceRuleSchema>;

/**
 * Whom an obligation binds. `units`: the units it names. The others are for rule packs, which
 * cannot know a city's departments: `each-site` yields one obligation per monitored site,
 * `each-unit` one per department running a monitored site (its first unit), `government` one for the issuing government
 * (policy.governmentUnits). src/core/expand-obligations.ts lays them out once the sources are known.
 */
export const ScopeSchema = z.enum(['units', 'each-site', 'each-unit', 'government']);
export type Scope = z.infer<typeof ScopeSchema>;

/** One reviewed duty in the catalogue. */
export const ObligationSchema = DraftObligationSchema.extend({
  // What only ingest knows may be left out of an obligation written by hand: it has no item number.
  item: DraftObligationSchema.shape.item.optional(),
  category: DraftObligationSchema.shape.category.default(null),
  unitsCarried: DraftObligationSchema.shape.unitsCarried.default(false),
  deadlineText: DraftObligationSchema.shape.deadlineText.default(null),
  review: DraftObligationSchema.shape.review.default([]),
  source: ProvenanceSchema.default({ reference: HAND_WRITTEN }),
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'obligation id: lowercase letters, digits and dashes'),
  decision: z.string().optional().describe('Why the reviewer decided the schedule or units as they are'),
  evidence: EvidenceRuleSchema,
  scope: ScopeSchema.default('units'),
  site: z
    .string()
    .optional()
    .describe('The source (site) an each-site obligation is about; set by expansion'),
  template: z.string().optional().describe('The rule-pack obligation an expanded one was made from'),
  pack: z.string().optional().describe('The rule pack this obligation came from; set when packs are merged'),
});
export type Obligation = z.infer<typeof ObligationSchema>;

export const CatalogueSchema = z
  .object({
    $schema: z.string().optional(),
    plan: PlanSchema,
    policy: PolicySchema.optional(),
    include: z.array(z.string()).optional().describe('Rule packs (seeds/rule-packs/<name>.json) merged in'),
    calendar: CalendarFileSchema.optional().describe(
      'Holiday data, embedded from policy.calendar or --calendar when the catalogue is loaded (a deployed catalogue carries it); write policy.calendar instead',
    ),
    obligations: z.array(ObligationSchema),
  })
  .superRefine((catalogue, ctx) => {
    const seen = new Set<string>();
    catalogue.obligations.forEach((obligation, i) => {
      if (seen.has(obligation.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['obligations', i, 'id'],
          message: `duplicate obligation id "${obligation.id}"`,
        });
      }
      seen.add(obligation.id);
    });
  });
export type Catalogue = z.infer<typeof CatalogueSchema>;
