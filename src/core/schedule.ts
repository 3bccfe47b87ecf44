import { z } from 'zod';
import { IsoDateSchema } from './dates';

/**
 * How often, or by when, an obligation must be met.
 * `graceWorkingDays` overrides the policy's default grace for the kind (working days after the
 * window closes before the period is due).
 */
const grace = {
  graceWorkingDays: z.number().int().min(0).max(250).optional(),
};

export const OnceScheduleSchema = z.object({
  kind: z.literal('once'),
  dates: z.array(IsoDateSchema).min(1).describe('One period per date; each date is a due date'),
  labels: z.array(z.string()).optional().describe('Optional name per date, e.g. 中考 / 高考'),
  ...grace,
});

/** How weekly periods are numbered: the plan year's weeks (第1周 holds 1 January) or ISO 8601 weeks. */
export const WeekNumberingSchema = z.enum(['plan-year', 'iso']);
export type WeekNumbering = z.infer<typeof WeekNumberingSchema>;

export const RecurringKindSchema = z.enum(['weekly', 'monthly', 'quarterly', 'semiannual', 'annual']);
export type RecurringKind = z.infer<typeof RecurringKindSchema>;

export const RecurringScheduleSchema = z.object({
  kind: RecurringKindSchema,
  ...grace,
  dueOn: z
    .string()
    .regex(/^\d{2}-\d{2}$/, 'expected MM-DD')
    .optional()
    .describe(
      'annual only: due on this month-day of the following year instead of after a grace (年度报告: 01-31)',
    ),
  reportYears: z
    .enum(['plan', 'previous', 'previous-and-plan'])
    .optional()
    .describe(
      'annual only: which years the periods cover (a report on the previous year is due in the plan year)',
    ),
  weeks: WeekNumberingSchema.optional().describe(
    'weekly only: how weeks are numbered; plan-year (default): week 1 holds 1 January, clipped to the year; iso: ISO 8601 weeks (Monday–Sunday, week 1 holds the first Thursday)',
  ),
});

const MonthSchema = z.number().int().min(1).max(12);

export const SeasonalScheduleSchema = z.object({
  kind: z.literal('seasonal'),
  fromMonth: MonthSchema.describe('First month of the season, e.g. 4 for 流行季节(4—10月)'),
  toMonth: MonthSchema.describe('Last month of the season (inclusive)'),
  every: z.enum(['weekly', 'monthly']).describe('Frequency inside the season'),
  ...grace,
});

export const EventScheduleSchema = z.object({
  kind: z.literal('event'),
  trigger: z.string().min(1).describe('What starts the clock, e.g. 经市人大常委会通过'),
  within: z
    .object({
      amount: z.number().int().positive(),
      unit: z.enum(['hours', 'days', 'workingDays']),
    })
    .optional()
    .describe('Time allowed after the event; absent → the policy default applies'),
});

export const ContinuousScheduleSchema = z.object({
  kind: z.literal('continuous'),
  checkEveryDays: z.number().int().positive().optional().describe('How often presence is checked'),
});

export const UnspecifiedScheduleSchema = z.object({
  kind: z.literal('unspecified'),
});

export const ScheduleSchema = z.discriminatedUnion('kind', [
  OnceScheduleSchema,
  RecurringScheduleSchema,
  SeasonalScheduleSchema,
  EventScheduleSchema,
  ContinuousScheduleSchema,
  UnspecifiedScheduleSchema,
]);
export type Schedule = z.infer<typeof ScheduleSchema>;
export type ScheduleKind = Schedule['kind'];
export const SCHEDULE_KINDS = [
  'once',
  'weekly',
  'monthly',
  'quarterly',
  'semiannual',
  'annual',
  'seasonal',
  'event',
  'continuous',
  'unspecified',
] as const satisfies readonly ScheduleKind[];
