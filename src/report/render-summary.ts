import { VERDICT_KINDS } from '../core/verdict';
import { withoutBidiControls } from '../core/visible-text';
import type { ObligationGroup, Report } from './model';

const GROUP_NAMES: Record<ObligationGroup, string> = {
  plan: 'plan items',
  website: 'website rules',
  'annual-report': 'annual reports',
};

/** 当前待办: what is outstanding on the report date, most urgent first (the report's first screen). */
function outstandingLines(report: Report, limit: number): string[] {
  const items = report.outstanding;
  if (items.length === 0) return ['Outstanding now (当前待办): nothing.'];
  const when = (i: Report['outstanding'][number]) =>
    i.state === 'due-soon'
      ? `due ${i.due} (in ${-i.daysOverdue} d)`
      : `due ${i.due} (${Math.max(0, i.daysOverdue)} d overdue)${i.state === 'insufficient-data' ? ' cannot tell' : ''}`;
  const shown = items
    .slice(0, limit)
    .map(
      (i) =>
        `  ${i.state.padEnd(17)} ${when(i).padEnd(34)} ${(i.units.join('、') || '-').padEnd(12)} ${i.task.replace(/\s+/g, ' ').slice(0, 40)}${i.siteName ? ` · ${i.siteName}` : ''} [${i.periodLabel}]`,
    );
  return [
    `Outstanding now (当前待办): ${items.filter((i) => i.state === 'missing').length} missing, ${items.filter((i) => i.state === 'due-soon').length} due soon, ${items.filter((i) => i.state === 'insufficient-data').length} cannot tell${items.length > limit ? `; the ${limit} most urgent:` : ':'}`,
    ...shown,
  ];
}

/** The plain-text summary printed at the end of a run and written beside the report. */
export function renderSummary(
  report: Report,
  options: { topDepartments?: number; outstanding?: number } = {},
): string {
  const top = options.topDepartments ?? 5;
  const rate = report.totals.complianceRate;
  const lines = [
    `${report.plan.issuer} ${report.plan.year} 政务公开监测 — as of ${report.asOf}`,
    `${report.totals.obligations} obligations, ${report.totals.periods} obligation-periods; on-time rate ${rate === null ? 'n/a' : `${(rate * 100).toFixed(1)}%`}`,
    ...report.groups.map(
      (g) =>
        `  ${GROUP_NAMES[g.group].padEnd(15)} ${String(g.obligations).padStart(4)} obligations, on-time ${g.complianceRate === null ? 'n/a' : `${(g.complianceRate * 100).toFixed(1)}%`}, ${g.counts.missing ?? 0} missing, ${g.counts['due-soon'] ?? 0} due soon`,
    ),
    '',
    ...outstandingLines(report, options.outstanding ?? 25),
    '',
    'Verdicts:',
    ...VERDICT_KINDS.map((k) => `  ${k.padEnd(18)} ${String(report.totals.counts[k] ?? 0).padStart(5)}`),
    '',
    `Departments with most missing obligation-periods:`,
    ...report.departments
      .filter((d) => d.counts.missing > 0)
      .slice(0, top)
      .map(
        (d) =>
          `  ${String(d.counts.missing).padStart(4)} missing  ${String(d.missingObligations).padStart(3)} obligations  ${d.unit}`,
      ),
  ];
  const unreachable = report.sources.filter((s) => s.lastOk === false);
  if (unreachable.length > 0) {
    lines.push(
      '',
      'Sources failing at the last check:',
      ...unreachable.map((s) => `  ${s.name} (${s.homepage}): ${s.lastError ?? 'failed'}`),
    );
  }
  const vetoes = report.siteVetoes?.sites.filter((site) => site.state === 'tripped' || site.warn) ?? [];
  if (vetoes.length > 0) {
    lines.push(
      '',
      `Website single-veto warning (政府网站单项否决预警, window ${report.siteVetoes!.warningDays} days):`,
    );
    for (const site of vetoes) {
      for (const id of site.tripped) {
        const veto = site.vetoes.find((v) => v.obligationId === id)!;
        lines.push(
          `  tripped  ${site.siteName}: ${veto.name}${veto.trippedSince ? ` since ${veto.trippedSince}` : ''}`,
        );
      }
      if (site.warn && site.next) {
        lines.push(
          `  warning  ${site.siteName}: ${site.next.name} trips on ${site.next.on} (in ${site.next.inDays} days)`,
        );
      }
    }
  }
  lines.push(...personalDataLines(report));
  const open = report.flags.filter((f) => f.status === 'open').length;
  const lapsed = report.flags.filter((f) => f.status === 'lapsed').length;
  lines.push(
    '',
    `Flags: ${open} open, ${lapsed} lapsed (past website-rule months), ${report.flags.length - open - lapsed} resolved or waived.`,
  );
  // Printed to a terminal too: a U+202E from a site's error or a unit name would reverse the line.
  return withoutBidiControls(`${lines.join('\n')}\n`);
}

/** 隐私泄露: every document that published personal data, masked, and whether it is still public. */
function personalDataLines(report: Report): string[] {
  const sites = report.personalData?.sites.filter((s) => s.leaks.length > 0) ?? [];
  if (!report.personalData) return [];
  const leaks = sites.flatMap((s) => s.leaks);
  const open = leaks.filter((l) => l.status === 'public').length;
  const lines = [
    '',
    `Personal data published (隐私泄露): ${leaks.length} document${leaks.length === 1 ? '' : 's'} on ${sites.length} site${sites.length === 1 ? '' : 's'}, ${open} still public`,
  ];
  for (const site of sites) {
    for (const leak of site.leaks) {
      const status = leak.status === 'public' ? 'public' : `${leak.status} ${leak.settledOn}`;
      const found = leak.findings.map((f) => `${f.where} ${f.masked}`).join('; ');
      lines.push(
        `  ${site.siteName}: “${leak.title}” [${status}] ${found}${leak.more ? ` (+${leak.more})` : ''}`,
      );
    }
  }
  return lines;
}
