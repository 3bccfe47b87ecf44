import { z } from 'zod';
import { IsoDateSchema } from './dates';

/**
 * One concrete instance of a schedule: evidence published in [start, end] counts for it, and it is
 * due on `due` (end + grace in working days). `key` is stable across runs (2016-Q3, 2016-W27,
 * 2016-06, 2016-H1, 2016, once-1, event-<id>, 2016-C01 for continuous check windows) so flags and evidence can be keyed by it.
 */
export const PeriodSchema = z.object({
  obligationId: z.string(),
  key: z.string(),
  label: z.string().describe('Human label, e.g. 2016年第三季度'),
  start: IsoDateSchema,
  end: IsoDateSchema,
  due: IsoDateSchema,
  graceWorkingDays: z.number().int().min(0),
  defaultApplied: z
    .string()
    .optional()
    .describe('Set when the plan gave no deadline and a policy default decided it'),
  warnings: z.array(z.string()).default([]),
});
export type Period = z.infer<typeof PeriodSchema>;

/**
 * One string per obligation-period, for maps and sets across the code (flags, verdicts, ground
 * truth). Obligation ids and period keys never contain `|`. The table's sort keys are built in
 * src/store/dynamo/keys.ts, a storage format of their own.
 */
export function obligationPeriodKey(obligationId: string, periodKey: string): string {
  return `${obligationId}|${periodKey}`;
}
