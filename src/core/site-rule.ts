import { z } from 'zod';
import { ColumnKindSchema } from './source';

/**
 * Rules judged from what the crawler observes of a whole site rather than from documents matched to
 * a topic: how fresh its home page and columns are, how many columns are blank, how often it fails
 * to open. The national website-inspection indicators (国办秘函〔2019〕19号) are written with them
 * (seeds/rule-packs/website-inspection-2019.json); any catalogue may use them.
 */

/** "Not updated within": a number of days (2 weeks = 14) or calendar months (6个月 = 6). */
export const MaxAgeSchema = z.union([
  z.object({ days: z.number().int().positive() }).strict(),
  z.object({ months: z.number().int().positive() }).strict(),
]);
export type MaxAge = z.infer<typeof MaxAgeSchema>;

/** Columns of these kinds are stale once their newest dated item is older than `maxAge`. */
export const StaleGroupSchema = z.object({
  columnKinds: z
    .array(ColumnKindSchema)
    .min(1)
    .describe("Column kinds this group covers; 'home' is the site's home page"),
  maxAge: MaxAgeSchema,
});
export type StaleGroup = z.infer<typeof StaleGroupSchema>;

const warnDays = z
  .number()
  .int()
  .min(0)
  .optional()
  .describe(
    'Warn (due-soon, and a notification for vetoes) when the rule is forecast to trip within this many days; default policy.vetoWarningDays',
  );

const veto = {
  veto: z.boolean().default(false).describe('A single-veto (单项否决) item: tripping it sinks the rating'),
  warnDays,
  atLeast: z
    .number()
    .int()
    .positive()
    .default(1)
    .describe('How many offending columns trip the rule (1: any one)'),
};

export const StaleColumnsRuleSchema = z.object({
  measure: z.literal('stale-columns'),
  groups: z.array(StaleGroupSchema).min(1).describe('Offenders of every group are counted together'),
  ...veto,
});

export const BlankColumnsRuleSchema = z.object({
  measure: z.literal('blank-columns'),
  columnKinds: z.array(ColumnKindSchema).optional().describe('Default: every column of the site'),
  ...veto,
});

export const AvailabilityRuleSchema = z.object({
  measure: z.literal('availability'),
  windowDays: z.number().int().positive().default(7).describe('Checks of the last N days are counted'),
  maxFailedShare: z
    .number()
    .min(0)
    .max(1)
    .default(0.05)
    .describe('Trips when this share of checks or more failed to open'),
  slowMs: z
    .number()
    .int()
    .positive()
    .default(15_000)
    .describe('A page that took longer than this to open counts as failed'),
  veto: veto.veto,
  warnDays,
});

export const SiteRuleSchema = z.discriminatedUnion('measure', [
  StaleColumnsRuleSchema,
  BlankColumnsRuleSchema,
  AvailabilityRuleSchema,
]);
export type SiteRule = z.infer<typeof SiteRuleSchema>;
export type StaleColumnsRule = z.infer<typeof StaleColumnsRuleSchema>;
export type BlankColumnsRule = z.infer<typeof BlankColumnsRuleSchema>;
export type AvailabilityRule = z.infer<typeof AvailabilityRuleSchema>;
