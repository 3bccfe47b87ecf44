/**
 * 当前待办 / Outstanding now: the first thing on the page. One card per kind of duty (plan items,
 * website rules, annual reports: each its own on-time rate and counts, each a filter), then what is
 * outstanding on the report date, most urgent first, then the sites whose single veto has tripped
 * or is forecast within the warning window. Every row carries its units and kind, so the filters
 * above narrow it like the rest of the page.
 */
import type { MonthRate } from '../group-trend';
import type { GroupTotals, OutstandingItem, Report } from '../model';
import { attr, text } from './escape';
import { anchorId } from './markup';
import type { ReportStrings } from './strings';
import { percent } from './trend-chart';

/** Rows written into the page; the rest are counted and left to the obligations below. */
const MAX_ROWS = 300;

const SPARK = { width: 156, height: 36, gap: 2 };

/**
 * The month-by-month on-time rate as bars (one per month due; a month with nothing judged is a dot
 * on the baseline, not a zero), labelled in words for screen readers and with each month's figure
 * on hover. Drawn here: no script is needed to see it, and it prints.
 */
export function monthBars(months: readonly MonthRate[], s: ReportStrings): string {
  if (months.length === 0) return '';
  const m = s.now.monthly;
  const step = SPARK.width / months.length;
  const barW = Math.max(1, step - SPARK.gap);
  const bars = months.map((p, i) => {
    const x = (i * step).toFixed(1);
    const label = `<title>${text(m.month(p.month, percent(p.complianceRate, s)))}</title>`;
    if (p.complianceRate === null)
      return `<rect class="none" x="${x}" y="${SPARK.height - 2}" width="${barW.toFixed(1)}" height="2">${label}</rect>`;
    const h = Math.max(1, p.complianceRate * (SPARK.height - 2));
    return `<rect x="${x}" y="${(SPARK.height - h).toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}">${label}</rect>`;
  });
  const title = m.title(months[0]!.month, months.at(-1)!.month);
  const words = months.map((p) => m.month(p.month, percent(p.complianceRate, s))).join('; ');
  return `<svg class="spark" viewBox="0 0 ${SPARK.width} ${SPARK.height}" role="img" aria-label="${attr(`${title} — ${words}`)}">${bars.join('')}</svg><span class="spark-title">${text(title)}</span>`;
}

function groupCard(g: GroupTotals, s: ReportStrings): string {
  const n = s.now;
  return `<li class="group-card" data-group="${attr(g.group)}"><button type="button" class="group-pick" data-group="${attr(g.group)}" aria-pressed="false"><span class="gname">${text(n.groups[g.group].label)}</span><span class="big">${text(percent(g.complianceRate, s))}</span><span class="muted">${text(n.cards.rate)}</span><span class="gcounts"><span>${text(n.cards.missing)} <strong>${g.counts.missing ?? 0}</strong></span> <span>${text(n.cards.dueSoon)} <strong>${g.counts['due-soon'] ?? 0}</strong></span> <span>${g.obligations} ${text(n.cards.obligations)}</span></span>${monthBars(g.byDueMonth, s)}</button></li>`;
}

function days(item: OutstandingItem, s: ReportStrings): string {
  if (item.state === 'due-soon')
    return item.daysOverdue === 0 ? s.now.dueToday : s.now.dueIn(-item.daysOverdue);
  return s.now.overdue(Math.max(0, item.daysOverdue));
}

function outstandingRow(item: OutstandingItem, s: ReportStrings): string {
  const n = s.now;
  const state = n.state[item.state];
  const kind = item.state === 'missing' ? 'missing' : item.state;
  const task = `${item.task}${item.siteName ? ` · ${item.siteName}` : ''}`;
  return `<tr data-units="${attr(JSON.stringify(item.units))}" data-group="${attr(item.group)}" data-state="${attr(item.state)}"><td><span class="v v-${kind}"><i aria-hidden="true">${text(state.icon)}</i>${text(state.label)}</span></td><td class="num nw" data-v="${item.daysOverdue}">${text(days(item, s))}</td><th scope="row">${text(item.units.join('、') || s.noUnits)}</th><td><a href="#${attr(anchorId(item.obligationId))}">${text(task)}</a></td><td>${text(item.periodLabel)}</td><td class="nw">${text(item.due)}</td><td>${text(n.groups[item.group].short)}</td></tr>`;
}

function outstandingTable(report: Report, s: ReportStrings): string {
  const n = s.now;
  if (report.outstanding.length === 0) return `<p>${text(n.none)}</p>`;
  const shown = report.outstanding.slice(0, MAX_ROWS);
  const c = n.col;
  const head = [c.state, c.days, c.unit, c.task, c.period, c.due, c.group]
    .map((h) => `<th scope="col">${text(h)}</th>`)
    .join('');
  const more =
    report.outstanding.length > shown.length
      ? `<p class="muted">${text(n.more(report.outstanding.length - shown.length))}</p>`
      : '';
  return `<div class="scroll"><table class="outstanding sortable cardlike"><caption class="vh">${text(n.title)}</caption><thead><tr>${head}</tr></thead><tbody>${shown.map((i) => outstandingRow(i, s)).join('')}</tbody></table></div>${more}`;
}

function vetoSites(report: Report, s: ReportStrings): string {
  const n = s.now;
  const section = report.siteVetoes;
  if (!section) return '';
  const sites = section.sites.filter((site) => site.state === 'tripped' || site.warn);
  const rows = sites.flatMap((site) => {
    const units = attr(JSON.stringify(site.units));
    const head = `<th scope="row"><a href="#${attr(`site-${site.sourceId}`)}">${text(site.siteName)}</a></th><td>${text(site.units.join('、'))}</td>`;
    const tripped = site.tripped.map((id) => {
      const veto = site.vetoes.find((v) => v.obligationId === id);
      return `<tr data-units="${units}" data-group="website">${head}<td><span class="st st-tripped"><i aria-hidden="true">${text(s.veto.state.tripped.icon)}</i>${text(s.veto.state.tripped.label)}</span></td><td>${text(veto?.name ?? id)}</td><td>${text(n.tripped(veto?.trippedSince ?? null))}</td></tr>`;
    });
    const warn =
      site.warn && site.next
        ? [
            `<tr data-units="${units}" data-group="website">${head}<td><span class="st st-warn"><i aria-hidden="true">${text(s.veto.state.warn.icon)}</i>${text(s.veto.state.warn.label)}</span></td><td>${text(site.next.name)}</td><td>${text(n.trips(site.next.on, site.next.inDays))}</td></tr>`,
          ]
        : [];
    return [...tripped, ...warn];
  });
  const c = n.siteCol;
  const body =
    rows.length === 0
      ? `<p>${text(n.sitesNone)}</p>`
      : `<div class="scroll"><table class="veto-now cardlike"><caption class="vh">${text(n.sites)}</caption><thead><tr>${[c.site, c.unit, c.state, c.rule, c.when].map((h) => `<th scope="col">${text(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
  return `<h3>${text(n.sites)}</h3>${body}`;
}

/** The first screen: kinds of duty, outstanding now, single vetoes tripped or forecast. */
export function renderFirstScreen(report: Report, s: ReportStrings): string {
  const n = s.now;
  const cards =
    report.groups.length > 0
      ? `<ul class="cards groups">${report.groups.map((g) => groupCard(g, s)).join('')}</ul>`
      : '';
  return `<section id="now" aria-labelledby="h-now"><h2 id="h-now">${text(n.title)}</h2>${cards}<p class="muted">${text(n.intro(report.asOf))}</p>${outstandingTable(report, s)}${vetoSites(report, s)}</section>`;
}
