import { unitSourcesFrom } from '../core/match/match-evidence';
import { recordedArchiveKeys } from '../report/archive-links';
import { buildReport } from '../report/build-report';
import { checksAroundDue } from '../report/pages-around-due';
import { renderCsv } from '../report/render-csv';
import { renderHtml } from '../report/render-html';
import { renderSummary } from '../report/render-summary';
import { lastHomeCheck } from '../report/site-vetoes';
import { assessForRun, visibleDocuments } from './assessment';
import type { SweepInput, WriteReportOutput } from './contracts';
import { WriteReportInputSchema } from './contracts';
import type { TaskDeps } from './deps';
import { judgedCatalogue } from './judged-catalogue';
import { task } from './task';

/** Builds the report as of the sweep date and writes it in every format through the report sink. */
export async function writeReport(input: SweepInput, deps: TaskDeps): Promise<WriteReportOutput> {
  const report = await buildSweepReport(input, deps);
  const reportSink = deps.reportSink.forRun?.(input.asOf, input.runId) ?? deps.reportSink;
  const location = await reportSink.write(
    'report.json',
    `${JSON.stringify(report, null, 2)}\n`,
    'application/json',
  );
  await reportSink.write('report.csv', renderCsv(report, { lang: 'zh' }), 'text/csv; charset=utf-8');
  await reportSink.write('report.en.csv', renderCsv(report, { lang: 'en' }), 'text/csv; charset=utf-8');
  await reportSink.write('summary.txt', renderSummary(report), 'text/plain; charset=utf-8');
  await reportSink.write('report.html', renderHtml(report, { lang: 'zh' }), 'text/html; charset=utf-8');
  await reportSink.write('report.en.html', renderHtml(report, { lang: 'en' }), 'text/html; charset=utf-8');
  return { location, counts: report.totals.counts };
}

/** The report model for one date from the stored facts (also used by `gongkai report`). */
export async function buildSweepReport(input: SweepInput, deps: TaskDeps) {
  // A report only reads: WriteReport may not write the table.
  const assessment = await assessForRun(deps, input.asOf, input.runId, { keep: false });
  // Judging reads only the documents it needs; the report lists them all.
  const [flags, summaries, documents] = await Promise.all([
    deps.stores.flags.listFlags(),
    deps.stores.verdicts.listSummaries(),
    visibleDocuments(deps, input.asOf),
  ]);
  const shas = new Set<string>();
  for (const v of assessment.verdicts)
    for (const e of [...v.evidence, ...v.candidates]) if (e.sha256) shas.add(e.sha256);
  for (const d of documents) if (d.sha256) shas.add(d.sha256);
  // 隐私泄露 links the archived copy of each file personal data was found in.
  for (const d of documents) for (const f of d.personalData?.findings ?? []) if (f.sha256) shas.add(f.sha256);
  // The veto section links the pages as read at the check it was judged on, and each home page's last check.
  for (const f of assessment.forecasts)
    for (const v of f.vetoes)
      for (const o of v.outcome.observed) if (o.check.sha256) shas.add(o.check.sha256);
  for (const list of assessment.checks.values()) {
    const home = lastHomeCheck(list);
    if (home?.sha256) shas.add(home.sha256);
  }
  // Missing and insufficient-data periods link the pages read by their due date.
  const catalogue = judgedCatalogue(deps);
  const unitSources = unitSourcesFrom(deps.sources.sources);
  const byId = new Map(catalogue.obligations.map((o) => [o.id, o]));
  for (const v of assessment.verdicts) {
    const o = byId.get(v.obligationId);
    if (!o) continue;
    for (const { check } of checksAroundDue(o, v, input.asOf, unitSources, assessment.checks))
      if (check.sha256) shas.add(check.sha256);
  }
  // Documents, attachments and checks record where their copy was archived: only copies recorded
  // without a key are looked up.
  const keys = recordedArchiveKeys(documents, assessment.checks.values());
  const archived = new Map<string, string>();
  for (const sha of shas) {
    const link = await deps.stores.archive.locate(sha, keys.get(sha));
    if (link) archived.set(sha, link);
  }
  return buildReport({
    catalogue,
    sources: deps.sources,
    asOf: input.asOf,
    runId: input.runId,
    generatedAt: deps.now().toISOString(),
    verdicts: assessment.verdicts,
    documents,
    flags,
    checks: assessment.checks,
    waivers: assessment.waivers,
    events: assessment.events,
    summaries: summaries.filter((s) => s.asOf <= input.asOf),
    warnings: assessment.warnings,
    archived,
    forecasts: assessment.forecasts,
    vetoWarningDays: assessment.policy.vetoWarningDays,
    calendarCovers: (year) => assessment.calendar.covers(year),
  });
}

export const WriteReportTask = task('WriteReport', WriteReportInputSchema, writeReport);
