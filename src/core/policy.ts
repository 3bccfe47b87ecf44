import { z } from 'zod';

/**
 * Defaults that decide what the plan leaves open. Documented in docs/core.md; every period
 * decided by a default records which one (Period.defaultApplied), so a report can say so.
 */
export const PolicySchema = z.object({
  graceWorkingDays: z
    .object({
      once: z.number().int().min(0).default(0),
      weekly: z.number().int().min(0).default(3),
      monthly: z.number().int().min(0).default(10),
      quarterly: z.number().int().min(0).default(20),
      semiannual: z.number().int().min(0).default(20),
      annual: z.number().int().min(0).default(20),
      seasonal: z.number().int().min(0).default(5),
    })
    .prefault({})
    .describe('Working days after a window closes before the period is due (Art. 26: 20 working days)'),
  unspecifiedDue: z
    .string()
    .regex(/^\d{2}-\d{2}$/, 'expected MM-DD')
    .refine(isMonthDay, 'this month and day do not exist (MM-DD; 02-29 means 02-28 outside leap years)')
    .default('12-31')
    .describe('MM-DD in the plan year on which an obligation with no stated deadline is due'),
  eventWithin: z
    .object({ amount: z.number().int().positive(), unit: z.enum(['hours', 'days', 'workingDays']) })
    .default({ amount: 20, unit: 'workingDays' })
    .describe('Time allowed after an event when the plan does not say (Art. 26)'),
  dueSoonWorkingDays: z.number().int().min(0).default(5),
  continuousCheckEveryDays: z.number().int().positive().default(7),
  vetoWarningDays: z
    .number()
    .int()
    .min(0)
    .default(14)
    .describe('A site rule forecast to trip within this many days is due-soon and notified (预警)'),
  calendar: z
    .string()
    .min(1)
    .optional()
    .describe(
      'A calendar file (holidays and 调休 working days), as a path relative to the catalogue; its data is embedded when the catalogue is loaded',
    ),
  governmentUnits: z
    .array(z.string().min(1))
    .optional()
    .describe('Who "the government itself" is for government-scoped obligations (default: <issuer>人民政府)'),
});

/** A month-day that exists in some year (02-29 counts: it falls back to 02-28 elsewhere). */
function isMonthDay(text: string): boolean {
  const [month, day] = text.split('-').map(Number) as [number, number];
  const lastDay = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return lastDay !== undefined && day >= 1 && day <= lastDay;
}

export type Policy = z.infer<typeof PolicySchema>;
export const DEFAULT_POLICY: Policy = PolicySchema.parse({});
