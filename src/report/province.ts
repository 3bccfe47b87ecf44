/**
 * A province roll-up: one row per city report, so a provincial office sees which cities are behind
 * on which kind of duty, what each has outstanding now and which of its departments are worst, and
 * opens the city's own report from there. Built from the cities' report.json files only: each
 * city keeps its own report (and archive); the roll-up never re-judges anything.
 */
import { z } from 'zod';
import { VERDICT_KINDS, type VerdictKind } from '../core/verdict';
import { complianceRate } from './build-report';
import { type MonthRate, ratesByDueMonth } from './group-trend';
import { ObligationGroupSchema, type Report } from './model';

const GroupFiguresSchema = z.object({
  obligations: z.number().int(),
  complianceRate: z.number().nullable(),
  missing: z.number().int(),
  dueSoon: z.number().int(),
});

export const ProvinceCitySchema = z.object({
  city: z.string().describe("The plan's issuer"),
  year: z.number().int(),
  asOf: z.string(),
  runId: z.string(),
  report: z.string().nullable().describe('Link to the city report (relative to the roll-up page)'),
  reportEn: z.string().nullable(),
  complianceRate: z.number().nullable(),
  groups: z.partialRecord(ObligationGroupSchema, GroupFiguresSchema),
  outstanding: z.object({
    missing: z.number().int(),
    insufficientData: z.number().int(),
    dueSoon: z.number().int(),
  }),
  openFlags: z.number().int(),
  sitesVetoTripped: z.number().int(),
  sitesVetoWarned: z.number().int(),
  worstDepartments: z.array(
    z.object({
      unit: z.string(),
      missing: z.number().int().describe('Missing plan and annual-report periods'),
      websiteMissing: z.number().int(),
      complianceRate: z.number().nullable(),
    }),
  ),
});
export type ProvinceCity = z.infer<typeof ProvinceCitySchema>;

export const ProvinceRollupSchema = z.object({
  title: z.string(),
  generatedAt: z.string(),
  cities: z.array(ProvinceCitySchema).describe('Most missing plan and annual-report periods first'),
  groups: z.array(
    GroupFiguresSchema.extend({
      group: ObligationGroupSchema,
      byDueMonth: z.array(
        z.object({ month: z.string(), judged: z.number().int(), complianceRate: z.number().nullable() }),
      ),
    }),
  ),
  outstanding: z.object({
    missing: z.number().int(),
    insufficientData: z.number().int(),
    dueSoon: z.number().int(),
  }),
});
export type ProvinceRollup = z.infer<typeof ProvinceRollupSchema>;

/** A city report and where its pages are, relative to the roll-up page. */
export interface CityReport {
  report: Report;
  html: string | null;
  htmlEn: string | null;
}

/** Departments shown per city: the top of the city's own ranking. */
export const WORST_DEPARTMENTS = 3;

const GROUPS = ObligationGroupSchema.options;

function cityRow({ report, html, htmlEn }: CityReport): ProvinceCity {
  const groups: ProvinceCity['groups'] = {};
  for (const g of report.groups)
    groups[g.group] = {
      obligations: g.obligations,
      complianceRate: g.complianceRate,
      missing: g.counts.missing ?? 0,
      dueSoon: g.counts['due-soon'] ?? 0,
    };
  const count = (state: string) => report.outstanding.filter((i) => i.state === state).length;
  const sites = report.siteVetoes?.sites ?? [];
  return {
    city: report.plan.issuer,
    year: report.plan.year,
    asOf: report.asOf,
    runId: report.runId,
    report: html,
    reportEn: htmlEn,
    complianceRate: report.totals.complianceRate,
    groups,
    outstanding: {
      missing: count('missing'),
      insufficientData: count('insufficient-data'),
      dueSoon: count('due-soon'),
    },
    openFlags: report.flags.filter((f) => f.status === 'open').length,
    sitesVetoTripped: sites.filter((s) => s.state === 'tripped').length,
    sitesVetoWarned: sites.filter((s) => s.state !== 'tripped' && s.warn).length,
    // The city report already ranks its departments (collective units last, unranked).
    worstDepartments: report.departments
      .filter((d) => !d.collective && d.counts.missing > 0)
      .slice(0, WORST_DEPARTMENTS)
      .map((d) => ({
        unit: d.unit,
        missing: (d.groups.plan?.counts.missing ?? 0) + (d.groups['annual-report']?.counts.missing ?? 0),
        websiteMissing: d.groups.website?.counts.missing ?? 0,
        complianceRate: d.complianceRate,
      })),
  };
}

/** Month rates of several cities merged: each month's judged periods and on-time ones added up. */
function mergeMonths(lists: readonly MonthRate[][]): MonthRate[] {
  const months = new Map<string, { met: number; judged: number }>();
  for (const list of lists)
    for (const m of list) {
      const sum = months.get(m.month) ?? { met: 0, judged: 0 };
      sum.judged += m.judged;
      sum.met += Math.round((m.complianceRate ?? 0) * m.judged);
      months.set(m.month, sum);
    }
  return [...months]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, { met, judged }]) => ({
      month,
      judged,
      complianceRate: judged === 0 ? null : Math.round((met / judged) * 1000) / 1000,
    }));
}

function duty(c: ProvinceCity): number {
  return (c.groups.plan?.missing ?? 0) + (c.groups['annual-report']?.missing ?? 0);
}

/** The roll-up of the given city reports, cities most behind on what they can still put right first. */
export function buildProvinceRollup(
  cities: readonly CityReport[],
  options: { title: string; generatedAt: string },
): ProvinceRollup {
  const rows = cities
    .map(cityRow)
    .sort(
      (a, b) =>
        duty(b) - duty(a) ||
        (b.groups.website?.missing ?? 0) - (a.groups.website?.missing ?? 0) ||
        a.city.localeCompare(b.city, 'zh'),
    );
  const groups = GROUPS.flatMap((group) => {
    const mine = cities.flatMap(({ report }) => report.groups.filter((g) => g.group === group));
    if (mine.length === 0) return [];
    const counts = Object.fromEntries(VERDICT_KINDS.map((k) => [k, 0])) as Record<VerdictKind, number>;
    for (const g of mine) for (const k of VERDICT_KINDS) counts[k] += g.counts[k] ?? 0;
    const months = cities.map(({ report }) => {
      const g = report.groups.find((x) => x.group === group);
      if (!g) return [];
      return g.byDueMonth.length > 0
        ? g.byDueMonth
        : ratesByDueMonth(report.obligations.filter((o) => o.group === group));
    });
    return [
      {
        group,
        obligations: mine.reduce((n, g) => n + g.obligations, 0),
        complianceRate: complianceRate(counts),
        missing: counts.missing,
        dueSoon: counts['due-soon'],
        byDueMonth: mergeMonths(months),
      },
    ];
  });
  const sum = (f: (c: ProvinceCity) => number) => rows.reduce((n, c) => n + f(c), 0);
  return {
    title: options.title,
    generatedAt: options.generatedAt,
    cities: rows,
    groups,
    outstanding: {
      missing: sum((c) => c.outstanding.missing),
      insufficientData: sum((c) => c.outstanding.insufficientData),
      dueSoon: sum((c) => c.outstanding.dueSoon),
    },
  };
}
