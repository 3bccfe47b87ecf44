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
    .regex(/^\d{2}-\d{2}$/)
    .default('12-31')
    .describe('MM-DD in the plan year on which an obligation with no stated deadline is due'),
  eventWithin: z
    .object({ amount: z.number().int().positive(), unit: z.enum(['hours', 'days', 'workingDays']) })
    .default({ amount: 20, unit: 'workingDays' })
    .describe('Time allowed after an event when the plan does not say (Art. 26)'),
  dueSoonWorkingDays: z.number().int().min(0).default(5),
  continuousCheckEveryDays: z.number().int().positive().default(7),
});
export type Policy = z.infer<typeof PolicySchema>;
export const DEFAULT_POLICY: Policy = PolicySchema.parse({});
