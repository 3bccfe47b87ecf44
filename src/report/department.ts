/**
 * One department's report: the city report narrowed to what one responsible unit answers for.
 * Everything is taken from the city report as it is (verdicts, flags, evidence), only selected and
 * re-totalled, so the department's figures always agree with its row in the city report.
 */
import { VERDICT_KINDS, type VerdictKind } from '../core/verdict';
import { complianceRate } from './build-report';
import { ratesByDueMonth } from './group-trend';
import type { GroupTotals, Report, ReportObligation } from './model';

/** The units a report names, departments first (as ranked), then collective units. */
export function reportUnits(report: Pick<Report, 'departments'>): string[] {
  return report.departments.map((d) => d.unit);
}

/**
 * The unit as the report spells it: an exact name, else the one unit whose name contains or is
 * contained in `query` after removing spaces (市环保局 does not match 市环境保护局: no guessing
 * of abbreviations). Null when none or several match.
 */
export function findUnit(report: Pick<Report, 'departments'>, query: string): string | null {
  const units = reportUnits(report);
  if (units.includes(query)) return query;
  const q = query.replace(/\s+/g, '');
  if (q === '') return null;
  const near = units.filter((u) => u.includes(q) || q.includes(u));
  return near.length === 1 ? (near[0] ?? null) : null;
}

function countVerdicts(obligations: readonly ReportObligation[]): Record<VerdictKind, number> {
  const counts = Object.fromEntries(VERDICT_KINDS.map((k) => [k, 0])) as Record<VerdictKind, number>;
  for (const o of obligations) for (const k of VERDICT_KINDS) counts[k] += o.counts[k] ?? 0;
  return counts;
}

function groupsOf(report: Report, obligations: readonly ReportObligation[]): GroupTotals[] {
  return report.groups.flatMap((g) => {
    const mine = obligations.filter((o) => o.group === g.group);
    if (mine.length === 0) return [];
    const counts = countVerdicts(mine);
    return [
      {
        group: g.group,
        obligations: mine.length,
        periods: mine.reduce((n, o) => n + o.periods.length, 0),
        counts,
        complianceRate: complianceRate(counts),
        byDueMonth: ratesByDueMonth(mine),
        // The sweeps recorded city-wide rates only: a department has no trend of its own.
        trend: [],
      },
    ];
  });
}

/**
 * The report of one unit: its obligations (with every period and all evidence), its outstanding
 * items, flags, waivers, warnings, its sites (sources, single-veto cards, personal data) and its
 * row of the department table. Report-wide warnings (a year without holiday data) are kept; the
 * city-wide trend is left out.
 *
 * @throws Error when the report names no such unit (use {@link findUnit} first).
 */
export function departmentReport(report: Report, unit: string): Report {
  const row = report.departments.find((d) => d.unit === unit);
  if (!row) throw new Error(`the report names no unit ${JSON.stringify(unit)}`);
  const has = (units: readonly string[]) => units.includes(unit);
  const obligations = report.obligations.filter((o) => has(o.units));
  const ids = new Set(obligations.map((o) => o.id));
  const siteIds = new Set(obligations.flatMap((o) => (o.site ? [o.site] : [])));
  const mineSite = (x: { sourceId: string; units: string[] }) => has(x.units) || siteIds.has(x.sourceId);
  const counts = countVerdicts(obligations);
  return {
    ...report,
    totals: {
      obligations: obligations.length,
      periods: obligations.reduce((n, o) => n + o.periods.length, 0),
      counts,
      complianceRate: complianceRate(counts),
    },
    groups: groupsOf(report, obligations),
    outstanding: report.outstanding.filter((i) => has(i.units)),
    departments: [row],
    obligations,
    flags: report.flags.filter((f) => has(f.units) || ids.has(f.obligationId)),
    waivers: report.waivers.filter((w) => ids.has(w.obligationId)),
    events: report.events.filter((e) => ids.has(e.obligationId)),
    warnings: report.warnings.filter((w) => w.obligationId === null || ids.has(w.obligationId)),
    sources: report.sources.filter((src) => has(src.units) || siteIds.has(src.id)),
    ...(report.siteVetoes
      ? { siteVetoes: { ...report.siteVetoes, sites: report.siteVetoes.sites.filter(mineSite) } }
      : {}),
    ...(report.personalData
      ? { personalData: { ...report.personalData, sites: report.personalData.sites.filter(mineSite) } }
      : {}),
    trend: [],
  };
}

/** A unit as part of a file name: its name, with characters file systems refuse replaced. */
export function unitFileName(unit: string): string {
  const name = unit
    .replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_')
    .replace(/^\.+/, '_')
    .trim();
  return name === '' ? '_' : name.slice(0, 100);
}

/** File names of a unit's files in the report folder (`lang` differs from `main`: a suffix). */
export function departmentFileNames(unit: string) {
  const base = unitFileName(unit);
  const suffix = (lang: string, main: string) => (lang === main ? '' : `.${lang}`);
  return {
    html: (lang: string, main: string) => `department-${base}${suffix(lang, main)}.html`,
    notice: (lang: string, main: string) => `notice-${base}${suffix(lang, main)}.html`,
    csv: `department-${base}.csv`,
  };
}
