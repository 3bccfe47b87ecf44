/**
 * The kind of duty an obligation is. Plan items, website rules (judged on what the crawler saw of
 * a site: freshness, blank columns, availability) and annual reports (政府信息公开工作年度报告) are
 * different duties with different owners: sweeps count them apart and reports give each its own
 * rates, counts and filters.
 */
import { z } from 'zod';
import type { Obligation } from './obligation';

export const ObligationGroupSchema = z
  .enum(['plan', 'website', 'annual-report'])
  .describe(
    'plan: a plan item; website: a site rule (what the crawler saw); annual-report: 政府信息公开工作年度报告',
  );
export type ObligationGroup = z.infer<typeof ObligationGroupSchema>;

/** The group an obligation belongs to, from its evidence rule, rule pack, template or wording. */
export function obligationGroup(
  o: Pick<Obligation, 'evidence' | 'pack' | 'template' | 'category' | 'task'>,
): ObligationGroup {
  // Site-wide rules judged per month: website inspection and personal data published (隐私泄露).
  if (o.evidence.site || o.evidence.personalData) return 'website';
  if (o.pack === 'annual-report' || o.template?.startsWith('annual-report')) return 'annual-report';
  if (
    /年度报告/.test(`${o.category ?? ''}${o.task}`) &&
    /信息公开|政务公开/.test(`${o.category ?? ''}${o.task}`)
  )
    return 'annual-report';
  return 'plan';
}
