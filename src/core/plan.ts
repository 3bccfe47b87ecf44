import { z } from 'zod';

/** One disclosure work plan (政务公开工作要点分工方案). */
export const PlanSchema = z.object({
  issuer: z.string().min(1).describe('Government that issued the plan, e.g. 江门市'),
  year: z.number().int().min(2000).max(2100).describe('Plan year: recurring schedules are laid out over it'),
  title: z.string().optional(),
  sourceFile: z.string().optional().describe('Path of the plan text the catalogue was ingested from'),
});
export type Plan = z.infer<typeof PlanSchema>;
