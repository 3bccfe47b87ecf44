/**
 * The HTML compliance report: one self-contained file (inline CSS, one inline script, an SVG chart
 * drawn here) that works opened from disk, prints cleanly, and reads in Chinese or English. It
 * reads only the report model. Everything taken from the web or the catalogue is escaped, and a
 * Content-Security-Policy forbids any network load and any script but the report's own.
 */
import { createHash } from 'node:crypto';
import { daysBetween } from '../core/dates';
import { VERDICT_KINDS, type VerdictKind } from '../core/verdict';
import { departmentFileNames } from './department';
import { CLIENT_SCRIPT } from './html/client-script';
import { attr, text } from './html/escape';
import { renderFirstScreen } from './html/first-screen';
import { lazify } from './html/lazy-parts';
import { anchorId, documentHead, instant, link } from './html/markup';
import { pagesReadByDue } from './html/pages-by-due';
import { indexPagesRead, type PageRead, type PagesRead, pageReferences } from './html/pages-read';
import { personalDataTitle, renderPersonalData } from './html/personal-data';
import { renderSiteVetoes } from './html/site-vetoes';
import { type ReportLang, type ReportStrings, stringsFor } from './html/strings';
import { REPORT_CSS } from './html/styles';
import { percent, renderTrend } from './html/trend-chart';
import type { EvidenceRef, ObligationGroup, Report, ReportObligation, ReportPeriod } from './model';

export type { ReportLang } from './html/strings';

/** A department's own report (gongkai report --department): its files, linked from its header. */
export interface DepartmentPage {
  unit: string;
  /** The same page in the other language. */
  otherLanguage: string;
  csv: string;
  /** The rectification notice (整改通知) in this page's language. */
  notice: string;
  /** The city report, to go back to. */
  city: string;
}

export interface RenderHtmlOptions {
  lang: ReportLang;
  /**
   * Carry the period rows, flags and pages as read compressed, inflated by the page's script
   * (html/lazy-parts.ts): true, false, or by default only when they weigh more than
   * LAZY_THRESHOLD_BYTES.
   */
  lazy?: boolean;
  department?: DepartmentPage;
  /**
   * Units whose own files (department-UNIT.html, notice-UNIT.html) are written next to this page,
   * with the language of the files without a suffix: their rows link to them.
   */
  departmentFiles?: { units: readonly string[]; main: ReportLang };
}

type Obligations = ReadonlyMap<string, ReportObligation>;

/** A verdict as text label plus shape; the colour tint is a third, redundant signal. */
export function verdictBadge(kind: VerdictKind, s: ReportStrings): string {
  const look = s.verdicts[kind];
  return `<span class="v v-${kind}"><i aria-hidden="true">${text(look.icon)}</i>${text(look.label)}</span>`;
}

function isBackdating(message: string): boolean {
  return /backdat|倒签|伪造发稿日期/i.test(message);
}

/**
 * The core names sites by their source id ("tourism read successfully 68 times"); a reader knows
 * them by name. Each id in a list of sites is replaced by the site's name.
 */
export function withSiteNames(reason: string, names: ReadonlyMap<string, string>): string {
  if (names.size === 0) return reason;
  return reason.replace(
    /(; |no check of |checks of |no source carries )([^;:]+?)( read successfully| between|: cannot tell)/g,
    (_, before: string, list: string, after: string) =>
      `${before}${list
        .split(/、|, /)
        .map((id) => names.get(id) ?? id)
        .join('、')}${after}`,
  );
}

function warningItem(message: string, s: ReportStrings): string {
  const tag = isBackdating(message) ? s.backdating : s.warningsLabel;
  return `<span class="warn"><span class="tag">${text(tag)}</span>${text(s.now.monitorText(message))}</span>`;
}

/**
 * Where an obligation comes from: its plan item, or for a rule-pack obligation the rule it encodes
 * (its item number counts the pack's indicators, not the plan's items).
 */
function itemLabel(o: ReportObligation, s: ReportStrings): string {
  return o.pack ? (o.packTitle ?? o.pack) : s.itemNo(o.item);
}

function obligationLink(id: string | null, obligations: Obligations, s: ReportStrings): string {
  if (id === null) return text(s.planWide);
  const o = obligations.get(id);
  // A rule-pack obligation's id names its rule and site; the rule's long title is in its section.
  const label = o && !o.pack ? `${itemLabel(o, s)} · ${id}` : id;
  return o ? `<a href="#${attr(anchorId(id))}">${text(label)}</a>` : text(label);
}

/** A table; `lazy` marks its body as one a large report may carry compressed (html/lazy-parts.ts). */
function table(
  caption: string,
  headers: string[],
  rows: string[],
  s: ReportStrings,
  className = '',
  lazy = false,
): string {
  if (rows.length === 0) return `<p class="muted">${text(s.emptyTable)}</p>`;
  const head = headers.map((h) => `<th scope="col">${h}</th>`).join('');
  const cls = className ? ` class="${attr(className)}"` : '';
  return `<div class="scroll"><table${cls}><caption class="vh">${text(caption)}</caption><thead><tr>${head}</tr></thead><tbody${lazy ? ' class="lz"' : ''}>${rows.join('')}</tbody></table></div>`;
}

/** The verdict filter's extra choice: periods resting on evidence since withdrawn from its column. */
const WITHDRAWN_FILTER = 'withdrawn';

function fileLinks(s: ReportStrings, department: DepartmentPage | undefined): string {
  const otherLang = s.htmlLang === 'en' ? 'zh-CN' : 'en';
  if (!department)
    return `<a href="${s.otherLanguageHref}" hreflang="${otherLang}" lang="${otherLang}">${text(s.otherLanguage)}</a> <span class="muted">${text(s.downloads)}:</span> <a href="${s.htmlLang === 'en' ? 'report.en.csv' : 'report.csv'}">${s.htmlLang === 'en' ? 'report.en.csv' : 'report.csv'}</a> <a href="report.json">report.json</a>`;
  const d = s.now.department;
  return `<a href="${attr(department.notice)}"><strong>${text(d.notice)}</strong></a> <a href="${attr(department.city)}">${text(d.city)}</a> <a href="${attr(department.otherLanguage)}" hreflang="${otherLang}" lang="${otherLang}">${text(s.otherLanguage)}</a> <span class="muted">${text(s.downloads)}:</span> <a href="${attr(department.csv)}">${text(department.csv)}</a>`;
}

function header(report: Report, s: ReportStrings, department?: DepartmentPage): string {
  const vetoes: [string, string][] = report.siteVetoes?.sites.length
    ? [['site-vetoes', s.sections.siteVetoes]]
    : [];
  const toc = (
    [
      ['now', s.now.title],
      ['overview', s.sections.overview],
      ['departments', s.sections.departments],
      ...vetoes,
      ...(report.personalData ? ([['personal-data', personalDataTitle(s)]] as [string, string][]) : []),
      ['obligations', s.sections.obligations],
      ['flags', s.sections.flags],
      ['waivers', s.sections.waivers],
      ['warnings', s.sections.warnings],
      ['sources', s.sections.sources],
    ] as [string, string][]
  )
    .map(([id, label]) => `<li><a href="#${id}">${text(label)}</a></li>`)
    .join('');
  const scope = department
    ? `<p class="dept-scope">${text(s.now.department.scope(department.unit))}</p>`
    : '';
  return `<header class="top"><h1>${text(s.title(report.plan.issuer, report.plan.year))}</h1>${scope}${
    report.plan.title ? `<p class="muted">${text(report.plan.title)}</p>` : ''
  }${calendarGapNotice(report, s)}<dl class="run-meta"><div><dt>${text(s.asOf)}</dt><dd>${text(report.asOf)}</dd></div><div><dt>${text(s.generatedAt)}</dt><dd>${instant(report.generatedAt)}</dd></div><div><dt>${text(s.runId)}</dt><dd><code>${text(report.runId)}</code></dd></div></dl><p class="links">${fileLinks(s, department)}</p><nav class="toc" aria-label="${attr(s.contents)}"><ol>${toc}</ol></nav></header>`;
}

/** In red at the top: due dates counted without holiday data, and how to fix it. */
function calendarGapNotice(report: Report, s: ReportStrings): string {
  const gaps = report.calendarGaps ?? [];
  if (gaps.length === 0) return '';
  const items = gaps.map((g) => `<li>${text(s.calendarGap(g.year, g.periods, g.firstDue))}</li>`).join('');
  return `<div class="calendar-gap" role="alert"><ul>${items}</ul><p>${text(s.calendarGapFix)}</p></div>`;
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

function departmentRow(
  d: Report['departments'][number],
  groups: readonly ObligationGroup[],
  s: ReportStrings,
  files: RenderHtmlOptions['departmentFiles'],
): string {
  const perGroup = groups
    .map((g) => {
      const row = d.groups[g];
      return row
        ? `<td class="num">${text(percent(row.complianceRate, s))}</td><td class="num">${row.counts.missing ?? 0}</td>`
        : '<td class="num">—</td><td class="num">—</td>';
    })
    .join('');
  return `<tr data-units="${attr(JSON.stringify([d.unit]))}"><th scope="row"><a href="#unit=${attr(encodeURIComponent(d.unit))}" data-unit="${attr(d.unit)}">${text(d.unit)}</a>${ownFiles(d.unit, s, files)}</th><td class="num">${d.obligations}</td><td class="num">${text(percent(d.complianceRate, s))}</td>${perGroup}<td class="num">${d.counts.missing ?? 0}</td><td class="num">${d.counts['due-soon'] ?? 0}</td><td class="num">${d.counts['insufficient-data'] ?? 0}</td><td class="num">${d.missingObligations}</td></tr>`;
}

/** Links to a unit's own report and notice, when they are written next to the page. */
function ownFiles(unit: string, s: ReportStrings, files: RenderHtmlOptions['departmentFiles']): string {
  if (!files?.units.includes(unit)) return '';
  const names = departmentFileNames(unit);
  const lang = s.htmlLang === 'en' ? 'en' : 'zh';
  return ` <span class="own-files"><a href="${attr(names.html(lang, files.main))}">${text(s.now.department.report)}</a> <a href="${attr(names.notice(lang, files.main))}">${text(s.now.department.notice)}</a></span>`;
}

/**
 * Per unit, the overall rate and each kind of duty's rate and missing periods. Departments are
 * ranked (missing plan items and annual reports first); collective units follow in a table of
 * their own, unranked.
 */
function departments(report: Report, s: ReportStrings, files: RenderHtmlOptions['departmentFiles']): string {
  const groups = report.groups.map((g) => g.group);
  const headers = [
    text(s.col.unit),
    text(s.col.obligations),
    text(s.col.rate),
    ...groups.flatMap((g) => [
      `${text(s.now.groups[g].short)}<br>${text(s.col.rate)}`,
      `${text(s.now.groups[g].short)}<br>${text(s.verdicts.missing.label)}`,
    ]),
    text(s.verdicts.missing.label),
    text(s.verdicts['due-soon'].label),
    text(s.verdicts['insufficient-data'].label),
    text(s.col.missingObligations),
  ];
  const ranked = report.departments
    .filter((d) => !d.collective)
    .map((d) => departmentRow(d, groups, s, files));
  const collective = report.departments
    .filter((d) => d.collective)
    .map((d) => departmentRow(d, groups, s, files));
  const apart =
    collective.length > 0
      ? `<h3>${text(s.now.collective)}</h3><p class="muted">${text(s.now.collectiveNote)}</p>${table(s.now.collective, headers, collective, s, 'departments collective')}`
      : '';
  return `<section id="departments" aria-labelledby="h-departments"><h2 id="h-departments">${text(s.sections.departments)}</h2>${table(s.sections.departments, headers, ranked, s, 'departments')}${apart}</section>`;
}

function filters(report: Report, s: ReportStrings): string {
  const units = report.departments.map((d) => d.unit);
  const kinds = [...new Set(report.obligations.map((o) => o.scheduleKind))];
  const option = (value: string, label: string) => `<option value="${attr(value)}">${text(label)}</option>`;
  const all = option('', s.filters.all);
  const group = `<div><label for="f-group">${text(s.now.groupFilter)}</label><select id="f-group">${all}${report.groups.map((g) => option(g.group, s.now.groups[g.group].label)).join('')}</select></div>`;
  return `<form id="filters" class="filters" role="search" aria-label="${attr(s.filters.legend)}" hidden><button type="button" id="f-toggle" class="f-toggle" aria-expanded="true" aria-controls="f-body">${text(s.filters.legend)}</button><div id="f-body" class="f-body">${group}<div><label for="f-unit">${text(s.filters.unit)}</label><select id="f-unit">${all}${units.map((u) => option(u, u)).join('')}</select></div><div><label for="f-verdict">${text(s.filters.verdict)}</label><select id="f-verdict">${all}${VERDICT_KINDS.map((k) => option(k, `${s.verdicts[k].icon} ${s.verdicts[k].label}`)).join('')}${option(WITHDRAWN_FILTER, s.filters.withdrawn)}</select></div><div><label for="f-kind">${text(s.filters.kind)}</label><select id="f-kind">${all}${kinds.map((k) => option(k, s.scheduleKinds[k] ?? k)).join('')}</select></div><div><label for="f-q">${text(s.filters.search)}</label><input id="f-q" type="search" autocomplete="off" placeholder="${attr(s.filters.searchPlaceholder)}"></div><div><button type="reset">${text(s.filters.reset)}</button></div></div><output id="f-status" for="f-group f-unit f-verdict f-kind f-q" aria-live="polite" data-template="${attr(s.filters.status)}"></output></form><p id="f-printed" class="print-only" data-prefix="${attr(s.filters.printed)}" hidden></p>`;
}

function evidenceRef(e: EvidenceRef, s: ReportStrings, id?: string): string {
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
  if (e.earlierVersions?.length) {
    const items = e.earlierVersions.map(
      (v) =>
        `<li>${text(v.title)} · ${instant(v.firstSeen)} – ${instant(v.lastSeen)}${v.archived ? ` · ${link(v.archived, s.ev.archived, s, 'archived')}` : ''}</li>`,
    );
    fields.push([s.ev.earlierVersions, `<ul>${items.join('')}</ul>`]);
  }
  const dl = fields.map(([dt, dd]) => `<dt>${text(dt)}</dt><dd>${dd}</dd>`).join('');
  const anchor = id ? ` id="${attr(id)}"` : '';
  const withdrawn = e.withdrawnOn
    ? ` <span class="withdrawn">${text(s.ev.withdrawnOn(e.withdrawnOn))}</span>`
    : '';
  return `<div class="ev ev-${e.kind}"${anchor}><span class="kind">[${text(s.evidenceKind[e.kind])}]</span> ${link(e.url, e.title || e.url, s, 'original')}${withdrawn}<dl>${dl}</dl></div>`;
}

/**
 * Pages a site rule rests on. A page whose site has a card in the veto section is cited by a short
 * reference to its row there (巡检所见页面), where address, archived copy, hash and check time are
 * written once: every site-rule period cites every page of its rule, month after month, and the
 * site's rules share their pages, so writing them out in each row made up most of a year's report.
 * Other pages are written out here, one line each. The core's reason line, which repeats these
 * fields with the page's item counts, is left to report.json.
 */
function observations(
  list: readonly EvidenceRef[],
  site: string | undefined,
  pages: PagesRead,
  s: ReportStrings,
): string {
  const cited: { row: PageRead; e: EvidenceRef }[] = [];
  const full: string[] = [];
  for (const e of list) {
    const row = pages.rowOf(site, e);
    if (row) {
      cited.push({ row, e });
      continue;
    }
    const archived = e.archived
      ? link(e.archived, s.ev.archived, s, 'archived')
      : `<span class="muted">${text(s.ev.archivedMissing)}</span>`;
    const sha = e.sha256 ? ` <code class="sha">${text(e.sha256)}</code>` : '';
    full.push(
      `<li>${link(e.url, e.title || e.url, s, 'original')} · ${archived}${sha} · ${text(s.ev.checkedAt)} ${instant(e.fetchedAt)} · ${text(s.ev.newestItem)} ${text(e.publishedOn ?? s.none)}</li>`,
    );
  }
  const kind = `<span class="kind">[${text(s.evidenceKind.observation)}]</span>`;
  const refs = cited.length > 0 ? `<p class="obs">${kind}${pageReferences(cited)}</p>` : '';
  const lines =
    full.length > 0
      ? `<div class="ev ev-observation">${kind}<ul class="obs">${full.join('')}</ul></div>`
      : '';
  return refs + lines;
}

/**
 * Evidence of one obligation written out once. A continuous duty cites the same documents in every
 * period (a year of weekly periods repeats each one up to 53 times): from the second period on, a
 * document already shown is a link to its first block, with that period named, plus this period's
 * own reason when it differs. report.json keeps every period's evidence in full.
 */
class EvidenceOnce {
  private readonly first = new Map<string, { id: string; label: string; reason: string }>();
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly o: ReportObligation,
    private readonly s: ReportStrings,
  ) {
    for (const p of o.periods)
      for (const e of [...p.evidence, ...p.candidates])
        if (e.kind !== 'observation') {
          const key = this.key(e);
          this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
        }
  }

  /** Everything the block shows but the reason, which names the period. */
  private key(e: EvidenceRef): string {
    return evidenceRef({ ...e, reason: '' }, this.s);
  }

  /** The evidence block, or a link to where the same document was first shown. */
  block(e: EvidenceRef, p: ReportPeriod): string {
    const key = this.key(e);
    if ((this.counts.get(key) ?? 0) < 2) return evidenceRef(e, this.s);
    const first = this.first.get(key);
    if (!first) {
      const id = `ev-${this.o.id}-${this.first.size + 1}`;
      this.first.set(key, { id, label: p.label, reason: e.reason });
      return evidenceRef(e, this.s, id);
    }
    const reason = e.reason === first.reason ? '' : `<br>${text(e.reason)}`;
    return `<div class="ev ev-${e.kind} ev-again"><span class="kind">[${text(this.s.evidenceKind[e.kind])}]</span> <a href="#${attr(first.id)}">${text(e.title || e.url)}</a> <span class="muted">${text(this.s.ev.sameAs(first.label))}</span>${reason}</div>`;
  }
}

function periodRow(
  p: ReportPeriod,
  site: string | undefined,
  pages: PagesRead,
  once: EvidenceOnce,
  s: ReportStrings,
  names: ReadonlyMap<string, string>,
): string {
  const items = [
    ...p.reasons.map((r) => text(s.now.monitorText(withSiteNames(r, names)))),
    ...p.warnings.map((w) => warningItem(w, s)),
  ];
  // Most periods give one reason: a list of one is markup a year of rows pays for thousands of times.
  const why = items.length === 1 ? items[0] : `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>`;
  const observed = p.evidence.filter((e) => e.kind === 'observation');
  const evidence =
    p.evidence.length > 0
      ? p.evidence
          .filter((e) => e.kind !== 'observation')
          .map((e) => once.block(e, p))
          .join('') + (observed.length > 0 ? observations(observed, site, pages, s) : '')
      : `<span class="muted">${text(s.ev.noEvidence)}</span>`;
  const candidates =
    p.candidates.length > 0
      ? `<div class="cands"><p>${text(s.ev.candidates)}</p>${p.candidates.map((e) => once.block(e, p)).join('')}</div>`
      : '';
  const withdrawn = p.evidence.some((e) => e.withdrawnOn) ? ' data-withdrawn=""' : '';
  return `<tr data-verdict="${p.verdict}"${withdrawn}><th scope="row">${text(p.label)}<br><code>${text(p.key)}</code></th><td>${text(p.start)}<br>– ${text(p.end)}</td><td>${text(p.due)}</td><td>${verdictBadge(p.verdict, s)}</td><td class="why">${why}</td><td>${evidence}${pagesReadByDue(p.pagesRead, s)}${candidates}</td></tr>`;
}

/** The schedule kind in the report's language, then the plan's own description when it adds something. */
function scheduleText(o: ReportObligation, s: ReportStrings): string {
  const kind = s.scheduleKinds[o.scheduleKind] ?? o.scheduleKind;
  return o.schedule === kind || o.schedule.startsWith(kind) ? o.schedule : `${kind} · ${o.schedule}`;
}

function obligation(
  o: ReportObligation,
  pages: PagesRead,
  s: ReportStrings,
  names: ReadonlyMap<string, string>,
): string {
  const verdicts: string[] = [...new Set(o.periods.map((p) => p.verdict))];
  if (o.periods.some((p) => p.evidence.some((e) => e.withdrawnOn))) verdicts.push(WITHDRAWN_FILTER);
  const once = new EvidenceOnce(o, s);
  const meta: [string, string][] = [
    [s.meta.units, text(o.units.length > 0 ? o.units.join('、') : s.noUnits)],
    ...(o.category ? ([[s.meta.category, text(o.category)]] as [string, string][]) : []),
    [s.meta.schedule, text(scheduleText(o, s))],
    ...(o.deadlineText ? ([[s.meta.deadlineText, text(o.deadlineText)]] as [string, string][]) : []),
    [s.meta.verifiable, text(o.verifiable ? s.yes : s.no)],
    ...(o.decision ? ([[s.meta.decision, text(o.decision)]] as [string, string][]) : []),
    ...(o.pack ? ([[s.meta.pack, `<code>${text(o.pack)}</code>`]] as [string, string][]) : []),
    [s.meta.id, `<code>${text(o.id)}</code>`],
  ];
  const counts = VERDICT_KINDS.filter((k) => (o.counts[k] ?? 0) > 0)
    .map((k) => `<li>${verdictBadge(k, s)} ${o.counts[k]}</li>`)
    .join('');
  const periods =
    o.periods.length === 0
      ? `<p class="muted">${text(s.noPeriods)}</p>`
      : `<details class="periods"><summary>${text(s.periodsSummary(o.periods.length))}</summary><div class="scroll"><table><caption class="vh">${text(`${itemLabel(o, s)} · ${s.allPeriods}`)}</caption><thead><tr><th scope="col">${text(s.col.period)}</th><th scope="col">${text(s.col.window)}</th><th scope="col">${text(s.col.due)}</th><th scope="col">${text(s.col.verdict)}</th><th scope="col">${text(s.col.reasons)}</th><th scope="col">${text(s.col.evidence)}</th></tr></thead><tbody class="pr">${o.periods.map((p) => periodRow(p, o.site, pages, once, s, names)).join('')}</tbody></table></div></details>`;
  return `<section class="obl" id="${attr(anchorId(o.id))}" data-units="${attr(JSON.stringify(o.units))}" data-group="${attr(o.group)}" data-kind="${attr(o.scheduleKind)}" data-verdicts="${attr(verdicts.join(' '))}"><header><h3><span class="item">${text(itemLabel(o, s))}</span>${text(o.task)}${o.siteName ? ` <span class="site-name">· ${text(o.siteName)}</span>` : ''}</h3><dl class="meta">${meta.map(([dt, dd]) => `<dt>${text(dt)}</dt><dd>${dd}</dd>`).join('')}</dl></header><ul class="counts">${counts}</ul>${periods}</section>`;
}

function obligationsSection(report: Report, pages: PagesRead, s: ReportStrings): string {
  const names = new Map(report.sources.map((src) => [src.id, src.name]));
  return `<section id="obligations" aria-labelledby="h-obligations"><h2 id="h-obligations">${text(s.sections.obligations)}</h2>${report.obligations.map((o) => obligation(o, pages, s, names)).join('')}</section>`;
}

const FLAG_ORDER: Record<string, number> = { open: 0, lapsed: 1, resolved: 2, waived: 3 };

/**
 * Every flag, open ones first (oldest due first), named by task and department, with its age: days
 * since the due date while open. Rows carry units and kind of duty, so the filters narrow this table
 * (and what prints) like the rest; headings sort it.
 */
function flagsSection(report: Report, obligations: Obligations, s: ReportStrings): string {
  const statusLabel = (status: string) => s.flagStatus[status as keyof ReportStrings['flagStatus']] ?? status;
  const ordered = [...report.flags].sort(
    (a, b) =>
      (FLAG_ORDER[a.status] ?? 9) - (FLAG_ORDER[b.status] ?? 9) ||
      (a.due < b.due ? -1 : a.due > b.due ? 1 : 0),
  );
  const rows = ordered.map((f) => {
    const o = obligations.get(f.obligationId);
    const group = o?.group ?? (f.periodKey.startsWith('warning-') ? 'website' : 'plan');
    const history = f.history
      .map(
        (h) =>
          `<li>${instant(h.at)} · ${text(statusLabel(h.status))} · ${text(s.now.monitorText(h.note))}</li>`,
      )
      .join('');
    const age = f.status === 'open' ? Math.max(0, daysBetween(f.due, report.asOf)) : null;
    const task = o ? `${o.task}${o.siteName ? ` · ${o.siteName}` : ''}` : f.obligationId;
    const label = o && !o.pack ? `${itemLabel(o, s)} · ` : '';
    return `<tr data-status="${attr(f.status)}" data-units="${attr(JSON.stringify(f.units))}" data-group="${attr(group)}"><th scope="row">${text(label)}<a href="#${attr(anchorId(f.obligationId))}">${text(task)}</a></th><td><code>${text(f.periodKey)}</code></td><td class="nw">${text(f.due)}</td><td>${text(f.units.join('、'))}</td><td class="nw" data-v="${FLAG_ORDER[f.status] ?? 9}"><strong>${text(statusLabel(f.status))}</strong></td><td class="num nw" data-v="${age ?? -1}">${age === null ? '—' : text(s.now.ageDays(age))}</td><td class="nw">${text(f.raisedOn)}</td><td>${instant(f.notifiedAt)}</td><td><ul>${history}</ul></td></tr>`;
  });
  const c = s.col;
  const open = report.flags.filter((f) => f.status === 'open').length;
  const lapsed = report.flags.filter((f) => f.status === 'lapsed').length;
  return `<section id="flags" aria-labelledby="h-flags"><h2 id="h-flags">${text(s.sections.flags)}</h2><p class="muted">${text(s.now.flagsIntro(open, lapsed, report.flags.length))}</p>${table(s.sections.flags, [c.obligation, c.period, c.due, c.unit, c.status, s.now.flagAge, c.raisedOn, c.notifiedAt, c.history].map(text), rows, s, 'flags sortable cardlike', true)}</section>`;
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
              `<li><strong>${text(src.name)}</strong> (${text(src.homepage)}) — ${state(src.lastOk)}; ${text(c.failedChecks)} ${src.failedChecks}/${src.checks}${src.lastError ? `; ${text(s.now.sourceError(src.lastError))}` : ''}</li>`,
          )
          .join('')}</ul>`;
  const rows = report.sources.map(
    (src) =>
      `<tr data-last-ok="${String(src.lastOk)}"><th scope="row">${text(src.name)}</th><td>${text(src.units.join('、'))}</td><td>${link(src.homepage, src.homepage, s)}</td><td class="num">${src.checks}</td><td class="num">${src.failedChecks}</td><td>${instant(src.lastCheckedAt)}</td><td>${state(src.lastOk)}</td><td>${text([src.lastError ? s.now.sourceError(src.lastError) : null, ...(src.limitsHit ?? [])].filter(Boolean).join('; '))}</td><td class="num">${src.documents}</td></tr>`,
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
  const pages = indexPagesRead(report);
  // Only the report's own script may run (by hash) and nothing may be fetched: even a string that
  // escaped escaping could neither execute nor phone home.
  const csp = `default-src 'none'; script-src 'sha256-${sha256Base64(CLIENT_SCRIPT)}'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'`;
  const title = s.title(report.plan.issuer, report.plan.year);
  const page = `${documentHead({ lang: s.htmlLang, csp, title: `${title} — ${report.asOf}`, css: REPORT_CSS })}
<body${options.department ? ' class="dept-view" data-department=""' : ''}>
${header(report, s, options.department)}
<main>
${filters(report, s)}
${renderFirstScreen(report, s)}
${overview(report, s)}
${departments(report, s, options.department ? undefined : options.departmentFiles)}
${renderSiteVetoes(report.siteVetoes, obligations, pages, s)}
${renderPersonalData(report.personalData, s)}
${obligationsSection(report, pages, s)}
${flagsSection(report, obligations, s)}
${waiversSection(report, obligations, s)}
${warningsSection(report, obligations, s)}
${sourcesSection(report, s)}
</main>
<script>${CLIENT_SCRIPT}</script>
</body>
</html>
`;
  return lazify(page, {
    failedNote: s.lazyFailed,
    ...(options.lazy === undefined ? {} : { force: options.lazy }),
  }).html;
}
