import { z } from 'zod';
import type { Schedule } from './schedule';

/**
 * What decides the period a document is evidence for (docs/matching.md):
 * - `title`: only a period named in the title; a document whose title names none is a near miss;
 * - `issue-number`: the issue number in the title (第12期) read by `issueNumbering`, else as `publication`;
 * - `publication`: a period named in the title, else the period whose window holds the publication date;
 * - `publication-or-previous`: as `publication`, but a document published in the grace time of the
 *   previous period goes to that period while it has no earlier evidence (reports published after
 *   the period they cover).
 */
export const PeriodFromSchema = z.enum(['title', 'issue-number', 'publication', 'publication-or-previous']);
export type PeriodFrom = z.infer<typeof PeriodFromSchema>;

/**
 * How a series numbers its issues (第N期):
 * - `plan-year-week`: issue N is week N of its year as plan-year weeks count (week 1 holds 1 January);
 * - `iso-week`: issue N is ISO week N;
 * - `period-of-year`: issue N is the obligation's Nth period of its year (第3期 = March, monthly);
 * - `sequence`: a running number across years; `first` says which period one issue number stands for.
 */
export const IssueNumberingSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('plan-year-week') }),
  z.object({ kind: z.literal('iso-week') }),
  z.object({ kind: z.literal('period-of-year') }),
  z.object({
    kind: z.literal('sequence'),
    first: z
      .object({
        issue: z.number().int().min(0),
        period: z.string().min(1).describe('Period key that issue is about, e.g. 2016-W02 or 2016-03'),
      })
      .describe('One known issue: its number and the period it reports on'),
  }),
]);
export type IssueNumbering = z.infer<typeof IssueNumberingSchema>;

/**
 * The default for a schedule when the rule does not say. Weekly series are published inside the week
 * they report (a Monday issue of this week falls in the grace time of the last one, so the
 * previous-period rule would shift the whole series by a week). Longer periods are usually reported
 * after they end (a monthly statistic early next month), hence `publication-or-previous`.
 */
export function defaultPeriodFrom(
  schedule: Schedule,
  issueNumbering: IssueNumbering | undefined,
): PeriodFrom {
  if (issueNumbering) return 'issue-number';
  if (schedule.kind === 'weekly') return 'publication';
  if (schedule.kind === 'seasonal' && schedule.every === 'weekly') return 'publication';
  return 'publication-or-previous';
}
