/**
 * The HTML compliance report: one self-contained file (inline CSS, one inline script, an SVG chart
 * drawn here) that works opened from disk, prints cleanly, and reads in Chinese or English. It
 * reads only the report model. Everything taken from the web or the catalogue is escaped, and a
 * Content-Security-Policy forbids any network load and any script but the report's own.
 */
import { createHash } from 'node:crypto';
import { VERDICT_KINDS, type VerdictKind } from '../core/verdict';
import { CLIENT_SCRIPT } from './html/client-script';
import { attr, isExternal, safeHref, text } from './html/escape';
import { type ReportLang, type ReportStrings, stringsFor } from './html/strings';
import { REPORT_CSS } from './html/styles';
import { percent, renderTrend } from './html/trend-chart';
import type { EvidenceRef, Report, ReportObligation, ReportPeriod } from './model';

export type { ReportLang } from './html/strings';

export interface RenderHtmlOptions {
  lang: ReportLang;
}

type Obligations = ReadonlyMap<string, ReportObligation>;

/** A verdict as text label plus shape; the colour tint is a third, redundant signal. */
export function verdictBadge(kind: VerdictKind, s: ReportStrings): string {
  const look = s.verdicts[kind];
  return `<span class="v v-${kind}"><span class="i" aria-hidden="true">${text(look.icon)}</span>${text(look.label)}</span>`;
}

/** A link when the URL is safe to follow, otherwise the URL as plain text with a note. */
function link(url: string | null, label: string, s: ReportStrings, className?: string): string {
  const href = safeHref(url);
  const cls = className ? ` class="${attr(className)}"` : '';
  if (href === null) return `${text(label)} <span class="muted">${text(s.ev.unsafeUrl)}</span>`;
  const rel = isExternal(href) ? ' rel="noopener noreferrer" target="_blank"' : ' target="_blank"';
  return `<a${cls} href="${attr(href)}"${rel}>${text(label)}</a>`;
}

/** An instant shown in Beijing time (the plans' and the supervisors' clock), exact ISO kept in datetime. */
function instant(iso: string | null): string {
  if (!iso) return '—';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return text(iso);
  const shown = new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
  return `<time datetime="${attr(iso)}">${text(shown)} (UTC+8)</time>`;
}

function isBackdating(message: string): boolean {
  return /backdat|倒签|伪造发稿日期/i.test(message);
}

function warningItem(message: string, s: ReportStrings): string {
  const tag = isBackdating(message) ? s.backdating : s.warningsLabel;
  return `<span class="warn"><span class="tag">${text(tag)}</span>${text(message)}</span>`;
}

function obligationLink(id: string | null, obligations: Obligations, s: ReportStrings): string {
  if (id === null) return text(s.planWide);
  const o = obligations.get(id);
  const label = o ? `${s.itemNo(o.item)} · ${id}` : id;
  return o ? `<a href="#${attr(anchorId(id))}">${text(label)}</a>` : text(label);
}

function anchorId(obligationId: string): string {
  return `o-${obligationId}`;
}

function table(caption: string, headers: string[], rows: string[], s: ReportStrings, className = ''): string {
  if (rows.length === 0) return `<p class="muted">${text(s.emptyTable)}</p>`;
  const head = headers.map((h) => `<th scope="col">${h}</th>`).join('');
  const cls = className ? ` class="${attr(className)}"` : '';
  return `<div class="scroll"><table${cls}><caption class="vh">${text(caption)}</caption><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function header(report: Report, s: ReportStrings): string {
  const toc = (
    [
      ['overview', s.sections.overview],
      ['departments', s.sections.departments],
      ['obligations', s.sections.obligations],
      ['flags', s.sections.flags],
      ['waivers', s.sections.waivers],
      ['warnings', s.sections.warnings],
      ['sources', s.sections.sources],
    ] as const
  )
    .map(([id, label]) => `<li><a href="#${id}">${text(label)}</a></li>`)
    .join('');
  const otherLang = s.htmlLang === 'en' ? 'zh-CN' : 'en';
  return `<header class="top"><h1>${text(s.title(report.plan.issuer, report.plan.year))}</h1>${
    report.plan.title ? `<p class="muted">${text(report.plan.title)}</p>` : ''
  }<dl class="run-meta"><div><dt>${text(s.asOf)}</dt><dd>${text(report.asOf)}</dd></div><div><dt>${text(s.generatedAt)}</dt><dd>${instant(report.generatedAt)}</dd></div><div><dt>${text(s.runId)}</dt><dd><code>${text(report.runId)}</code></dd></div></dl><p class="links"><a href="${s.otherLanguageHref}" hreflang="${otherLang}" lang="${otherLang}">${text(s.otherLanguage)}</a> <span class="muted">${text(s.downloads)}:</span> <a href="report.csv">report.csv</a> <a href="report.json">report.json</a></p><nav class="toc" aria-label="${attr(s.contents)}"><ol>${toc}</ol></nav></header>`;
}

function overview(report: Report, s: ReportStrings): string {
  const summary = [
    `<li class="rate"><span class="big">${text(percent(report.totals.complianceRate, s))}</span>${text(s.complianceRate)}</li>`,
    `<li><span class="big">${report.totals.obligations}</span>${text(s.obligationsCount(report.totals.obligations).replace(/^\d+\s*/, ''))}</li>`,
    `<li><span class="big">${report.totals.periods}</span>${text(s.periodsCount(report.totals.periods).replace(/^\d+\s*/, ''))}</li>`,
  ].join('');
  const verdicts = VERDICT_KINDS.map(
    (k) =>
      `<li data-kind="${k}"><span class="big">${report.totals.counts[k] ?? 0}</span>${verdictBadge(k, s)}</li>`,
  ).join('');
  const legend = VERDICT_KINDS.map(
    (k) => `<dt>${verdictBadge(k, s)}</dt><dd>${text(s.verdicts[k].meaning)}</dd>`,
  ).join('');
  return `<section id="overview" aria-labelledby="h-overview"><h2 id="h-overview">${text(s.sections.overview)}</h2><ul class="cards">${summary}</ul><ul class="cards">${verdicts}</ul><p class="muted">${text(s.complianceRate)} = ${text(s.complianceRateNote)}</p><div class="ov"><div>${renderTrend(report, s)}</div><details class="legend-box" open><summary>${text(s.sections.legend)}</summary><dl class="legend">${legend}</dl></details></div></section>`;
}

function departments(report: Report, s: ReportStrings): string {
  const headers = [
    text(s.col.unit),
    text(s.col.obligations),
    text(s.col.rate),
    ...VERDICT_KINDS.map((k) => text(s.verdicts[k].label)),
    text(s.col.missingObligations),
  ];
  const rows = report.departments.map(
    (d) =>
      `<tr><th scope="row"><a href="#obligations" data-unit="${attr(d.unit)}">${text(d.unit)}</a></th><td class="num">${d.obligations}</td><td class="num">${text(percent(d.complianceRate, s))}</td>${VERDICT_KINDS.map((k) => `<td class="num">${d.counts[k] ?? 0}</td>`).join('')}<td class="num">${d.missingObligations}</td></tr>`,
  );
  return `<section id="departments" aria-labelledby="h-departments"><h2 id="h-departments">${text(s.sections.departments)}</h2>${table(s.sections.departments, headers, rows, s, 'departments')}</section>`;
}

function filters(report: Report, s: ReportStrings): string {
  const units = report.departments.map((d) => d.unit);
  const kinds = [...new Set(report.obligations.map((o) => o.scheduleKind))];
  const option = (value: string, label: string) => `<option value="${attr(value)}">${text(label)}</option>`;
  const all = option('', s.filters.all);
  return `<form id="filters" class="filters" role="search" aria-label="${attr(s.filters.legend)}" hidden><div><label for="f-unit">${text(s.filters.unit)}</label><select id="f-unit">${all}${units.map((u) => option(u, u)).join('')}</select></div><div><label for="f-verdict">${text(s.filters.verdict)}</label><select id="f-verdict">${all}${VERDICT_KINDS.map((k) => option(k, `${s.verdicts[k].icon} ${s.verdicts[k].label}`)).join('')}</select></div><div><label for="f-kind">${text(s.filters.kind)}</label><select id="f-kind">${all}${kinds.map((k) => option(k, s.scheduleKinds[k] ?? k)).join('')}</select></div><div><label for="f-q">${text(s.filters.search)}</label><input id="f-q" type="search" autocomplete="off" placeholder="${attr(s.filters.searchPlaceholder)}"></div><div><button type="reset">${text(s.filters.reset)}</button></div><output id="f-status" for="f-unit f-verdict f-kind f-q" aria-live="polite" data-template="${attr(s.filters.status)}"></output></form><p id="f-printed" class="print-only" data-prefix="${attr(s.filters.printed)}" hidden></p>`;
}

function evidenceRef(e: EvidenceRef, s: ReportStrings): string {
  const fields: [string, string][] = [[s.ev.original, text(e.url)]];
  fields.push([
    s.ev.archived,
    e.archived
      ? link(e.archived, s.ev.archived, s, 'archived')
      : `<span class="muted">${text(s.ev.archivedMissing)}</span>`,
  ]);
  if (e.sha256) fields.push([s.ev.sha256, `<code class="sha">${text(e.sha256)}</code>`]);
  if (e.fetchedAt) fields.push([s.ev.fetchedAt, instant(e.fetchedAt)]);
  if (e.shownDate) fields.push([s.ev.shownDate, text(e.shownDate)]);
  if (e.publishedOn) fields.push([s.ev.publishedOn, text(e.publishedOn)]);
  if (e.terms.length > 0) fields.push([s.ev.terms, text(e.terms.join('、'))]);
  fields.push([s.ev.reason, text(e.reason)]);
  if (e.kind !== 'manual') fields.push([s.ev.score, text(String(Math.round(e.score * 100) / 100))]);
  if (e.by) fields.push([s.ev.by, text(e.by)]);
  const dl = fields.map(([dt, dd]) => `<dt>${text(dt)}</dt><dd>${dd}</dd>`).join('');
  return `<div class="ev ev-${e.kind}"><span class="kind">[${text(s.evidenceKind[e.kind])}]</span> ${link(e.url, e.title || e.url, s, 'original')}<dl>${dl}</dl></div>`;
}

function periodRow(p: ReportPeriod, s: ReportStrings): string {
  const reasons = p.reasons.map((r) => `<li>${text(r)}</li>`).join('');
  const warnings = p.warnings.map((w) => `<li>${warningItem(w, s)}</li>`).join('');
  const evidence =
    p.evidence.length > 0
      ? p.evidence.map((e) => evidenceRef(e, s)).join('')
      : `<span class="muted">${text(s.ev.noEvidence)}</span>`;
  const candidates =
    p.candidates.length > 0
      ? `<div class="cands"><p>${text(s.ev.candidates)}</p>${p.candidates.map((e) => evidenceRef(e, s)).join('')}</div>`
      : '';
  return `<tr data-verdict="${p.verdict}"><th scope="row">${text(p.label)}<br><code>${text(p.key)}</code></th><td class="nw">${text(p.start)}<br>– ${text(p.end)}</td><td class="nw">${text(p.due)}</td><td>${verdictBadge(p.verdict, s)}</td><td class="why"><ul>${reasons}${warnings}</ul></td><td>${evidence}${candidates}</td></tr>`;
}

/** The schedule kind in the report's language, then the plan's own description when it adds something. */
function scheduleText(o: ReportObligation, s: ReportStrings): string {
  const kind = s.scheduleKinds[o.scheduleKind] ?? o.scheduleKind;
  return o.schedule === kind || o.schedule.startsWith(kind) ? o.schedule : `${kind} · ${o.schedule}`;
}

function obligation(o: ReportObligation, s: ReportStrings): string {
  const verdicts = [...new Set(o.periods.map((p) => p.verdict))];
  const meta: [string, string][] = [
    [s.meta.units, text(o.units.length > 0 ? o.units.join('、') : s.noUnits)],
    ...(o.category ? ([[s.meta.category, text(o.category)]] as [string, string][]) : []),
    [s.meta.schedule, text(scheduleText(o, s))],
    ...(o.deadlineText ? ([[s.meta.deadlineText, text(o.deadlineText)]] as [string, string][]) : []),
    [s.meta.verifiable, text(o.verifiable ? s.yes : s.no)],
    ...(o.decision ? ([[s.meta.decision, text(o.decision)]] as [string, string][]) : []),
    [s.meta.id, `<code>${text(o.id)}</code>`],
  ];
  const counts = VERDICT_KINDS.filter((k) => (o.counts[k] ?? 0) > 0)
    .map((k) => `<li>${verdictBadge(k, s)} ${o.counts[k]}</li>`)
    .join('');
  const periods =
    o.periods.length === 0
      ? `<p class="muted">${text(s.noPeriods)}</p>`
      : `<details class="periods"><summary>${text(s.periodsSummary(o.periods.length))}</summary><div class="scroll"><table><caption class="vh">${text(`${s.itemNo(o.item)} · ${s.allPeriods}`)}</caption><thead><tr><th scope="col">${text(s.col.period)}</th><th scope="col">${text(s.col.window)}</th><th scope="col">${text(s.col.due)}</th><th scope="col">${text(s.col.verdict)}</th><th scope="col">${text(s.col.reasons)}</th><th scope="col">${text(s.col.evidence)}</th></tr></thead><tbody>${o.periods.map((p) => periodRow(p, s)).join('')}</tbody></table></div></details>`;
  return `<section class="obl" id="${attr(anchorId(o.id))}" data-units="${attr(JSON.stringify(o.units))}" data-kind="${attr(o.scheduleKind)}" data-verdicts="${attr(verdicts.join(' '))}"><header><h3><span class="item">${text(s.itemNo(o.item))}</span>${text(o.task)}</h3><dl class="meta">${meta.map(([dt, dd]) => `<dt>${text(dt)}</dt><dd>${dd}</dd>`).join('')}</dl></header><ul class="counts">${counts}</ul>${periods}</section>`;
}

function obligationsSection(report: Report, s: ReportStrings): string {
  return `<section id="obligations" aria-labelledby="h-obligations"><h2 id="h-obligations">${text(s.sections.obligations)}</h2>${filters(report, s)}${report.obligations.map((o) => obligation(o, s)).join('')}</section>`;
}

function flagsSection(report: Report, obligations: Obligations, s: ReportStrings): string {
  const statusLabel = (status: string) => s.flagStatus[status as keyof ReportStrings['flagStatus']] ?? status;
  const rows = report.flags.map((f) => {
    const history = f.history
      .map((h) => `<li>${instant(h.at)} · ${text(statusLabel(h.status))} · ${text(h.note)}</li>`)
      .join('');
    return `<tr data-status="${attr(f.status)}"><th scope="row">${obligationLink(f.obligationId, obligations, s)}</th><td><code>${text(f.periodKey)}</code></td><td class="nw">${text(f.due)}</td><td>${text(f.units.join('、'))}</td><td class="nw"><strong>${text(statusLabel(f.status))}</strong></td><td class="nw">${text(f.raisedOn)}</td><td>${instant(f.notifiedAt)}</td><td><ul>${history}</ul></td></tr>`;
  });
  const c = s.col;
  return `<section id="flags" aria-labelledby="h-flags"><h2 id="h-flags">${text(s.sections.flags)}</h2>${table(s.sections.flags, [c.obligation, c.period, c.due, c.unit, c.status, c.raisedOn, c.notifiedAt, c.history].map(text), rows, s, 'flags')}</section>`;
}

function waiversSection(report: Report, obligations: Obligations, s: ReportStrings): string {
  const c = s.col;
  const waivers = report.waivers.map(
    (w) =>
      `<tr><th scope="row">${obligationLink(w.obligationId, obligations, s)}</th><td>${w.periodKey ? `<code>${text(w.periodKey)}</code>` : text(s.allPeriods)}</td><td>${text(w.by)}</td><td>${text(w.reason)}</td><td class="nw">${text(w.until)}</td><td>${instant(w.at)}</td></tr>`,
  );
  const events = report.events.map(
    (e) =>
      `<tr><th scope="row">${obligationLink(e.obligationId, obligations, s)}</th><td class="nw">${text(e.date)}</td><td>${text(e.note)}</td><td>${text(e.by)}</td><td>${instant(e.at)}</td></tr>`,
  );
  return `<section id="waivers" aria-labelledby="h-waivers"><h2 id="h-waivers">${text(s.sections.waivers)}</h2>${table(s.sections.waivers, [c.obligation, c.period, c.by, c.reason, c.until, c.at].map(text), waivers, s, 'waivers')}${
    events.length > 0
      ? `<h3>${text(s.sections.events)}</h3>${table(s.sections.events, [c.obligation, s.date, c.note, c.by, c.at].map(text), events, s, 'events')}`
      : ''
  }</section>`;
}

function warningsSection(report: Report, obligations: Obligations, s: ReportStrings): string {
  const c = s.col;
  // Backdating first: faking a publication date is the most serious finding an auditor can act on.
  const ordered = [...report.warnings].sort(
    (a, b) => Number(isBackdating(b.message)) - Number(isBackdating(a.message)),
  );
  const rows = ordered.map(
    (w) =>
      `<tr><th scope="row">${obligationLink(w.obligationId, obligations, s)}</th><td>${w.periodKey ? `<code>${text(w.periodKey)}</code>` : '—'}</td><td>${warningItem(w.message, s)}</td></tr>`,
  );
  return `<section id="warnings" aria-labelledby="h-warnings"><h2 id="h-warnings">${text(s.sections.warnings)}</h2>${table(s.sections.warnings, [c.obligation, c.period, c.message].map(text), rows, s, 'warnings')}</section>`;
}

function sourcesSection(report: Report, s: ReportStrings): string {
  const c = s.col;
  const troubled = report.sources.filter((src) => src.lastOk === false || src.failedChecks > 0);
  const state = (ok: boolean | null) =>
    ok === null
      ? text(s.sourceState.unknown)
      : ok
        ? text(s.sourceState.ok)
        : `<span class="src-bad">✗ ${text(s.sourceState.failing)}</span>`;
  const summary =
    troubled.length === 0
      ? `<p>${text(s.sourcesAllOk)}</p>`
      : `<p>${text(s.sourcesUnreachable(troubled.length))}</p><ul class="troubled">${troubled
          .map(
            (src) =>
              `<li><strong>${text(src.name)}</strong> (${text(src.homepage)}) — ${state(src.lastOk)}; ${text(c.failedChecks)} ${src.failedChecks}/${src.checks}${src.lastError ? `; ${text(src.lastError)}` : ''}</li>`,
          )
          .join('')}</ul>`;
  const rows = report.sources.map(
    (src) =>
      `<tr data-last-ok="${String(src.lastOk)}"><th scope="row">${text(src.name)}</th><td>${text(src.units.join('、'))}</td><td>${link(src.homepage, src.homepage, s)}</td><td class="num">${src.checks}</td><td class="num">${src.failedChecks}</td><td>${instant(src.lastCheckedAt)}</td><td>${state(src.lastOk)}</td><td>${text(src.lastError ?? '')}</td><td class="num">${src.documents}</td></tr>`,
  );
  return `<section id="sources" aria-labelledby="h-sources"><h2 id="h-sources">${text(s.sections.sources)}</h2>${summary}${table(s.sections.sources, [c.source, c.unit, c.homepage, c.checks, c.failedChecks, c.lastCheckedAt, c.lastOk, c.lastError, c.documents].map(text), rows, s, 'sources')}</section>`;
}

function sha256Base64(source: string): string {
  return createHash('sha256').update(source, 'utf8').digest('base64');
}

/**
 * Renders the report as one self-contained HTML page in Chinese (`zh`, the default audience) or
 * English (`en`): UI strings are translated, data stays as published.
 */
export function renderHtml(report: Report, options: RenderHtmlOptions = { lang: 'zh' }): string {
  const s = stringsFor(options.lang);
  const obligations: Obligations = new Map(report.obligations.map((o) => [o.id, o]));
  // Only the report's own script may run (by hash) and nothing may be fetched: even a string that
  // escaped escaping could neither execute nor phone home.
  const csp = `default-src 'none'; script-src 'sha256-${sha256Base64(CLIENT_SCRIPT)}'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'`;
  const title = s.title(report.plan.issuer, report.plan.year);
  return `<!doctype html>
<html lang="${s.htmlLang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="gongkai-monitor">
<title>${text(title)} — ${text(report.asOf)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
${header(report, s)}
<main>
${overview(report, s)}
${departments(report, s)}
${obligationsSection(report, s)}
${flagsSection(report, obligations, s)}
${waiversSection(report, obligations, s)}
${warningsSection(report, obligations, s)}
${sourcesSection(report, s)}
</main>
<script>${CLIENT_SCRIPT}</script>
</body>
</html>
`;
}
