import { VERDICT_KINDS } from '../core/verdict';
import type { Report } from './model';

/** The plain-text summary printed at the end of a run and written beside the report. */
export function renderSummary(report: Report, options: { topDepartments?: number } = {}): string {
  const top = options.topDepartments ?? 5;
  const rate = report.totals.complianceRate;
  const lines = [
    `${report.plan.issuer} ${report.plan.year} 政务公开监测 — as of ${report.asOf}`,
    `${report.totals.obligations} obligations, ${report.totals.periods} obligation-periods; on-time rate ${rate === null ? 'n/a' : `${(rate * 100).toFixed(1)}%`}`,
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
  const open = report.flags.filter((f) => f.status === 'open').length;
  lines.push('', `Flags: ${open} open, ${report.flags.length - open} resolved or waived.`);
  return `${lines.join('\n')}\n`;
}
