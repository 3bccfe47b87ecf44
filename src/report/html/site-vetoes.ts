/**
 * The 政府网站单项否决预警 section of the HTML report: one card per site, worst first, with each
 * single-veto rule's state, the day the first veto trips if nothing new is published, the pages
 * that count against the site and the items that have no date. It summarises; the per-period
 * verdicts stay under each obligation, folded.
 */
import type { ReportObligation, ReportSiteVeto, ReportVeto, SiteVetoSection, VetoPage } from '../model';
import { attr, text } from './escape';
import { anchorId, instant, link } from './markup';
import { type PagesRead, pagesReadTable } from './pages-read';
import type { ReportStrings } from './strings';

type Obligations = ReadonlyMap<string, ReportObligation>;

/** A site's state as a label with a shape; the tint behind it is only a third signal. */
function stateBadge(state: ReportSiteVeto['state'], s: ReportStrings): string {
  const look = s.veto.state[state];
  return `<span class="st st-${state}"><i aria-hidden="true">${text(look.icon)}</i>${text(look.label)}</span>`;
}

function ruleLink(veto: ReportVeto, obligations: Obligations): string {
  return obligations.has(veto.obligationId)
    ? `<a href="#${attr(anchorId(veto.obligationId))}">${text(veto.name)}</a>`
    : text(veto.name);
}

function nowText(veto: ReportVeto, s: ReportStrings): string {
  const v = s.veto;
  if (veto.status === 'no-data') return `<span class="muted">${text(v.noData)}</span>`;
  const state =
    veto.status === 'tripped'
      ? `<strong>${stateBadge('tripped', s)} ${text(veto.trippedSince ? v.trippedSince(veto.trippedSince) : v.trippedAt(veto.at))}</strong>`
      : text(v.clear(veto.count, veto.threshold));
  const a = veto.availability;
  const failed = a
    ? `<br><span class="muted">${text(v.failedChecks(a.failed, a.total, `${(a.share * 100).toFixed(1)}%`, a.from, a.to))}</span>`
    : '';
  const unobserved =
    veto.unobserved.length > 0
      ? `<br><span class="muted">${text(v.unobserved(veto.unobserved.join('、')))}</span>`
      : '';
  return `${state}${failed}${unobserved}`;
}

function tripDate(date: string, days: number, warn: boolean, s: ReportStrings): string {
  const when = `<time datetime="${attr(date)}">${text(date)}</time> (${text(s.veto.inDays(days))})`;
  return warn
    ? `<strong class="soon"><i aria-hidden="true">⚠</i>${when} <span class="tag">${text(s.veto.withinWindow)}</span></strong>`
    : when;
}

function forecastCell(veto: ReportVeto, warningDays: number, s: ReportStrings): string {
  if (veto.tripsOn === null || veto.inDays === null)
    return `<span class="muted">${text(s.veto.noForecast)}</span>`;
  return tripDate(veto.tripsOn, veto.inDays, veto.inDays <= warningDays, s);
}

function pageItem(page: VetoPage, s: ReportStrings): string {
  const v = s.veto;
  const detail =
    page.offence === 'stale'
      ? [
          page.newestItemDate ? v.newest(page.newestItemDate) : '',
          page.staleSince ? v.staleSince(page.staleSince) : '',
        ]
      : page.offence === 'undated'
        ? [v.undatedOf(page.undatedCount, page.itemCount)]
        : [];
  const archived = page.archived
    ? ` · ${link(page.archived, s.ev.archived, s, 'archived')}`
    : ` · <span class="muted">${text(s.ev.archivedMissing)}</span>`;
  return `<li data-offence="${attr(page.offence)}">${link(page.url, page.name, s)} — <strong>${text(v.offence[page.offence])}</strong>${detail
    .filter(Boolean)
    .map((d) => `; ${text(d)}`)
    .join('')}${archived} · ${text(v.readAt)} ${instant(page.checkedAt)}</li>`;
}

function vetoRow(veto: ReportVeto, warningDays: number, obligations: Obligations, s: ReportStrings): string {
  const pages =
    veto.offenders.length > 0
      ? `<ul class="pages">${veto.offenders.map((p) => pageItem(p, s)).join('')}</ul>`
      : '<span class="muted">—</span>';
  return `<tr data-status="${attr(veto.status)}"><th scope="row">${ruleLink(veto, obligations)}</th><td>${nowText(veto, s)}</td><td>${forecastCell(veto, warningDays, s)}</td><td>${pages}</td></tr>`;
}

function undatedBlock(site: ReportSiteVeto, s: ReportStrings): string {
  const u = site.undated;
  const v = s.veto;
  if (u.total === 0) return `<p class="muted undated-none">${text(v.undatedNone)}</p>`;
  const home =
    u.home && u.home.undatedCount > 0
      ? `<p>${link(u.home.url, v.homeUndated(u.home.undatedCount, u.home.itemCount), s)}${
          u.home.archived ? ` · ${link(u.home.archived, s.ev.archived, s, 'archived')}` : ''
        } · ${text(v.readAt)} ${instant(u.home.checkedAt)}</p>`
      : '';
  const columns = u.columns
    .map(
      (c) =>
        `<h4>${link(c.url, c.name, s)} <span class="muted">(${c.items.length})</span></h4><ul class="undated-items">${c.items
          .map(
            (item) =>
              `<li>${link(item.url, item.title || item.url, s)}${
                item.dateText ? ` <span class="muted">${text(v.shownAs)} “${text(item.dateText)}”</span>` : ''
              }${item.archived ? ` · ${link(item.archived, s.ev.archived, s, 'archived')}` : ''} · ${text(s.ev.fetchedAt)} ${instant(item.firstSeen)}</li>`,
          )
          .join('')}</ul>`,
    )
    .join('');
  return `<details class="undated"><summary>${text(v.undatedTitle(u.total))}</summary><p class="muted">${text(v.undatedNote)}</p>${home}${columns}</details>`;
}

function siteCard(
  site: ReportSiteVeto,
  section: SiteVetoSection,
  obligations: Obligations,
  pages: PagesRead,
  s: ReportStrings,
): string {
  const v = s.veto;
  const next = site.next
    ? `${text(site.next.name)}: ${tripDate(site.next.on, site.next.inDays, site.warn, s)}`
    : `<span class="muted">${text(v.nextNone)}</span>`;
  const meta: [string, string][] = [
    [v.units, text(site.units.join('、'))],
    [v.homepage, link(site.homepage, site.homepage, s)],
    [v.next, next],
  ];
  const headers = [v.col.rule, v.col.now, v.col.forecast, v.col.pages]
    .map((h) => `<th scope="col">${text(h)}</th>`)
    .join('');
  const rows = site.vetoes.map((veto) => vetoRow(veto, section.warningDays, obligations, s)).join('');
  return `<article class="site site-${site.state}" id="site-${attr(site.sourceId)}" data-units="${attr(JSON.stringify(site.units))}" data-state="${attr(site.state)}"><header><h3>${text(site.siteName)} ${stateBadge(site.state, s)}</h3><dl class="meta">${meta
    .map(([dt, dd]) => `<dt>${text(dt)}</dt><dd>${dd}</dd>`)
    .join(
      '',
    )}</dl></header><div class="scroll"><table class="vetoes"><caption class="vh">${text(`${site.siteName} · ${s.sections.siteVetoes}`)}</caption><thead><tr>${headers}</tr></thead><tbody>${rows}</tbody></table></div>${pagesReadTable(site.siteName, pages.bySite.get(site.sourceId), s)}${undatedBlock(site, s)}</article>`;
}

/** The whole section, or nothing when the report has no site with veto rules. */
export function renderSiteVetoes(
  section: SiteVetoSection | undefined,
  obligations: Obligations,
  pages: PagesRead,
  s: ReportStrings,
): string {
  if (!section || section.sites.length === 0) return '';
  const tripped = section.sites.filter((site) => site.state === 'tripped').length;
  const warn = section.sites.filter((site) => site.state === 'warn').length;
  return `<section id="site-vetoes" aria-labelledby="h-site-vetoes"><h2 id="h-site-vetoes">${text(s.sections.siteVetoes)}</h2><p>${text(s.veto.intro(section.warningDays))}</p><p class="veto-summary"><strong>${text(s.veto.summary(tripped, warn, section.sites.length))}</strong></p>${section.sites
    .map((site) => siteCard(site, section, obligations, pages, s))
    .join('')}</section>`;
}
