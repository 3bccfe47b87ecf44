/**
 * The 整改通知 as a printable page: a self-contained HTML document laid out for A4, with no
 * script, ready to print or save as PDF and send. Everything from the web or the catalogue is
 * escaped; archived copies are linked relative to the report folder, like the report's own.
 */

import { attr, text } from './html/escape';
import { beijingTime, documentHead, instant, link, SCRIPTLESS_CSP } from './html/markup';
import { type ReportLang, stringsFor } from './html/strings';
import { type NoticeStrings, noticeStringsFor } from './html/strings-notice';
import type { EvidenceRef, Report } from './model';
import type { DueSoonItem, NoticeItem, RectificationNotice } from './notice';
import { withSiteNames } from './render-html';

/** Periods and pages written out per item; the rest are counted and left to the department report. */
const MAX_PERIODS = 6;
const MAX_EVIDENCE = 3;

export interface RenderNoticeOptions {
  lang: ReportLang;
  /** The department report's file, linked from the notice. */
  departmentReport?: string;
}

const CSS = `@page{size:A4;margin:18mm 16mm}
body{font-family:"SimSun","Songti SC","Noto Serif CJK SC","Noto Sans CJK SC","Microsoft YaHei",serif;font-size:11pt;line-height:1.55;color:#000;max-width:60em;margin:1em auto;padding:0 1em}
h1{text-align:center;font-size:18pt;margin:.4em 0}
.docno{text-align:center;margin:0 0 1.2em}
h2{font-size:12.5pt;margin:1.2em 0 .4em}
table{border-collapse:collapse;width:100%;font-size:9.5pt}
th,td{border:1px solid #000;padding:3px 5px;vertical-align:top;text-align:left}
thead{display:table-header-group}
tr{break-inside:avoid}
ul.ev{margin:0;padding-left:1.1em}
.muted{color:#444}
a{color:#000}
.sign{margin-top:2.5em;text-align:right}
.foot{margin-top:2em;font-size:8.5pt;color:#444}
@media print{a[href^="http"]::after{content:""}.screen-only{display:none}}`;

function evidenceLine(e: EvidenceRef, n: NoticeStrings): string {
  const s = stringsFor(n.htmlLang === 'en' ? 'en' : 'zh');
  const kind = e.kind === 'candidate' ? `${n.nearMiss}: ` : e.kind === 'observation' ? `${n.lookedAt}: ` : '';
  const archived = e.archived ? ` · ${link(e.archived, n.archived, s)}` : '';
  const fetched = e.fetchedAt ? ` · ${text(n.fetched)} ${instant(e.fetchedAt)}` : '';
  return `<li>${text(kind)}${link(e.url, e.title || e.url, s)}${archived}${fetched}</li>`;
}

function evidenceCell(item: NoticeItem, n: NoticeStrings, names: ReadonlyMap<string, string>): string {
  const s = stringsFor(n.htmlLang === 'en' ? 'en' : 'zh');
  // The latest period of the item's own state: what the finding rests on now.
  const latest = [...item.periods].reverse().find((p) => p.period.verdict === item.state)?.period;
  if (!latest) return '';
  const reasons = latest.reasons.map((r) => text(s.now.monitorText(withSiteNames(r, names)))).join('<br>');
  const seen = [...latest.evidence, ...latest.candidates];
  const lines = seen.slice(0, MAX_EVIDENCE).map((e) => evidenceLine(e, n));
  if (seen.length > MAX_EVIDENCE)
    lines.push(`<li class="muted">${text(n.evidenceMore(seen.length - MAX_EVIDENCE))}</li>`);
  if (lines.length > 0) return `${reasons}<ul class="ev">${lines.join('')}</ul>`;
  return reasons || `<span class="muted">${text(n.noEvidence)}</span>`;
}

function itemRow(
  item: NoticeItem,
  index: number,
  report: Report,
  n: NoticeStrings,
  names: ReadonlyMap<string, string>,
): string {
  const o = item.obligation;
  const plan = report.plan.title
    ? `《${report.plan.title}》`
    : n.planTitle(report.plan.issuer, report.plan.year);
  const periods = item.periods.slice(-MAX_PERIODS).map((p) => `${p.period.label}`);
  const more =
    item.periods.length > MAX_PERIODS
      ? `<br><span class="muted">${text(n.periodsMore(item.periods.length - MAX_PERIODS))}</span>`
      : '';
  const dues = item.periods.length === 1 ? item.since : `${item.since} …`;
  const oldest = item.periods[0]?.daysOverdue ?? 0;
  const task = `${o.task}${o.siteName ? ` · ${o.siteName}` : ''}`;
  return `<tr><td>${index + 1}</td><td>${text(task)}</td><td>${text(n.basis(o.group, plan, o.item, o.packTitle))}${o.deadlineText ? `<br><span class="muted">${text(o.deadlineText)}</span>` : ''}</td><td>${text(periods.join('、'))}${more}</td><td>${text(dues)}</td><td>${text(n.overdueDays(Math.max(0, oldest)))}</td><td>${evidenceCell(item, n, names)}</td></tr>`;
}

function itemsTable(
  title: string,
  items: readonly NoticeItem[],
  report: Report,
  n: NoticeStrings,
  names: ReadonlyMap<string, string>,
): string {
  if (items.length === 0) return '';
  const c = n.col;
  const head = [c.no, c.task, c.basis, c.publish, c.due, c.overdue, c.evidence]
    .map((h) => `<th scope="col">${text(h)}</th>`)
    .join('');
  return `<h2>${text(title)}</h2><table><thead><tr>${head}</tr></thead><tbody>${items.map((item, i) => itemRow(item, i, report, n, names)).join('')}</tbody></table>`;
}

/**
 * What could not be verified is not a demand but a question to the department (is the site down?):
 * one line per item, with what its sites answered when read last by the due date (the errors
 * behind the verdict) or, when nothing failed, the monitor's reason.
 */
function unjudgedTable(
  title: string,
  items: readonly NoticeItem[],
  n: NoticeStrings,
  names: ReadonlyMap<string, string>,
): string {
  const s = stringsFor(n.htmlLang === 'en' ? 'en' : 'zh');
  const c = n.col;
  const head = [c.no, c.task, c.publish, c.due, c.evidence]
    .map((h) => `<th scope="col">${text(h)}</th>`)
    .join('');
  const rows = items.map((item, i) => {
    const o = item.obligation;
    const latest = item.periods.at(-1)?.period;
    const failed = (latest?.pagesRead ?? []).filter((p) => !p.ok);
    const why =
      failed.length > 0
        ? [...new Map(failed.map((p) => [p.sourceId, p])).values()]
            .map(
              (p) =>
                `${text(p.siteName)}：${text(s.now.sourceError(p.error ?? `HTTP ${p.status ?? ''}`))}（${instant(p.checkedAt)}）`,
            )
            .join('<br>')
        : (latest?.reasons ?? []).map((r) => text(s.now.monitorText(withSiteNames(r, names)))).join('<br>');
    const periods = item.periods.slice(-MAX_PERIODS).map((p) => p.period.label);
    const more =
      item.periods.length > MAX_PERIODS ? ` ${n.periodsMore(item.periods.length - MAX_PERIODS)}` : '';
    return `<tr><td>${i + 1}</td><td>${text(`${o.task}${o.siteName ? ` · ${o.siteName}` : ''}`)}</td><td>${text(periods.join('、') + more)}</td><td>${text(item.since)}</td><td>${why}</td></tr>`;
  });
  return `<h2>${text(title)}</h2><table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function dueSoonTable(title: string, items: readonly DueSoonItem[], n: NoticeStrings): string {
  const c = n.col;
  const head = [c.no, c.task, c.publish, c.due, ''].map((h) => `<th scope="col">${text(h)}</th>`).join('');
  const rows = items.map(
    (d, i) =>
      `<tr><td>${i + 1}</td><td>${text(`${d.obligation.task}${d.obligation.siteName ? ` · ${d.obligation.siteName}` : ''}`)}</td><td>${text(d.period.label)}</td><td>${text(d.period.due)}</td><td>${text(n.dueIn(d.daysLeft))}</td></tr>`,
  );
  return `<h2>${text(title)}</h2><table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function vetoList(title: string, notice: RectificationNotice, n: NoticeStrings): string {
  const s = stringsFor(n.htmlLang === 'en' ? 'en' : 'zh');
  const items = notice.vetoes.map((site) => {
    const rules = site.vetoes
      .filter((v) => v.status === 'tripped')
      .map((v) => text(n.vetoRow(v.name, v.trippedSince)))
      .join('；');
    return `<li><strong>${text(site.siteName)}</strong>（${link(site.homepage, site.homepage, s)}）：${rules}</li>`;
  });
  return `<h2>${text(title)}</h2><ul>${items.join('')}</ul>`;
}

/**
 * The notice for one department, built by buildNotice from its department report, as one
 * printable HTML page in Chinese (what is sent) or English.
 */
export function renderNotice(
  notice: RectificationNotice,
  report: Report,
  options: RenderNoticeOptions,
): string {
  const n = noticeStringsFor(options.lang);
  const names = new Map(report.sources.map((src) => [src.id, src.name]));
  const owed = notice.items.filter((i) => i.state === 'missing');
  const unjudged = notice.items.filter((i) => i.state === 'insufficient-data');
  const anything = notice.items.length + notice.vetoes.length > 0;
  let section = 0;
  const heading = (title: string) => n.numbered(++section, title);
  const sections = () =>
    [
      owed.length > 0 ? itemsTable(heading(n.owedTitle), owed, report, n, names) : '',
      unjudged.length > 0 ? unjudgedTable(heading(n.unjudgedTitle), unjudged, n, names) : '',
      notice.vetoes.length > 0 ? vetoList(heading(n.vetoTitle), notice, n) : '',
      notice.dueSoon.length > 0 ? dueSoonTable(heading(n.dueSoonTitle), notice.dueSoon, n) : '',
    ].join('');
  const body = anything
    ? `<p>${text(n.opening(report.plan.issuer, report.plan.year, notice.asOf, notice.items.length, notice.vetoes.length))}</p>${sections()}<p><strong>${text(n.demand(notice.replyBy))}</strong></p><ol>${n.steps.map((step) => `<li>${text(step)}</li>`).join('')}</ol>`
    : `<p>${text(n.nothingOwed(notice.asOf))}</p>${sections()}`;
  const reportLink = options.departmentReport
    ? `<p class="screen-only"><a href="${attr(options.departmentReport)}">${text(n.report)}</a></p>`
    : '';
  return `${documentHead({ lang: n.htmlLang, csp: SCRIPTLESS_CSP, title: `${n.title} — ${notice.unit} — ${notice.asOf}`, css: CSS })}
<body>
<h1>${text(n.title)}</h1>
<p class="docno">${text(n.docNo(report.plan.issuer, notice.asOf))}</p>
<p><strong>${text(n.addressee(notice.unit))}</strong></p>
${body}
<p class="sign">${text(n.issuedBy(report.plan.issuer))}<br>${text(notice.asOf)}</p>
<p>${text(n.replyTo)}</p>
${reportLink}
<p class="foot">${text(n.footer(report.runId, beijingTime(report.generatedAt) ?? report.generatedAt))}</p>
</body>
</html>
`;
}
