/**
 * 巡检所见页面 / Pages as read: the pages site-rule verdicts rest on, each rendered once in its
 * site's card, while the period rows under each obligation cite them by a short reference.
 *
 * A site-rule period cites every page its rule covers, every month, and the site's rules cover the
 * same pages at the same checks: written out in full in every period row, one page as read was
 * repeated a dozen times and made up most of a year's report. The full record (address, archived
 * copy, SHA-256, check instants, newest dated item) now appears once, and every period row links to
 * it: one click from a verdict to what it rests on. report.json still lists each observation in
 * full under every period, which is what `gongkai verify` re-hashes.
 */
import type { EvidenceRef, Report } from '../model';
import { attr, text } from './escape';
import { beijingTime, instant, link } from './markup';
import type { ReportStrings } from './strings';

/** One page as read: the same bytes (sha256) at one or more checks that verdicts cite. */
export interface PageRead {
  /** Fragment id of its row in the site card. */
  anchor: string;
  url: string;
  title: string;
  archived: string | null;
  sha256: string | null;
  /** The newest dated item on the page (the observation's publishedOn). */
  newest: string | null;
  /** The check instants at which verdicts cite these bytes, earliest first. */
  checks: string[];
}

/** Every page as read that a verdict cites, by site, and the row each observation is rendered in. */
export interface PagesRead {
  /** Rows per site (source id): pages in the order they are first cited, then by first check. */
  bySite: ReadonlyMap<string, readonly PageRead[]>;
  /** The row of an observation of `site`; undefined when the site has no card to hold it. */
  rowOf(site: string | undefined, e: EvidenceRef): PageRead | undefined;
}

/**
 * Identical bytes of the same page with the same newest item make one row, whatever the check:
 * an unchanged column read every week is one record with its check times. Without a hash the
 * bytes are unknown, so each check stays its own row.
 */
function rowKey(e: EvidenceRef): string {
  const content = e.sha256 === null ? `at ${e.fetchedAt ?? ''}` : `${e.sha256} ${e.archived ?? ''}`;
  return JSON.stringify([e.url, e.title, content, e.publishedOn]);
}

/**
 * Indexes the observations of the report's site-rule obligations whose site has a card in the
 * 政府网站单项否决预警 section. Observations of other sites (no veto rules, or a report without the
 * section) have no card to live in and keep being rendered in full in their period rows.
 */
export function indexPagesRead(report: Report): PagesRead {
  const carded = new Set((report.siteVetoes?.sites ?? []).map((s) => s.sourceId));
  const rows = new Map<string, Map<string, PageRead>>();
  for (const o of report.obligations) {
    if (o.site === undefined || !carded.has(o.site)) continue;
    const site = rows.get(o.site) ?? new Map<string, PageRead>();
    rows.set(o.site, site);
    for (const p of o.periods)
      for (const e of p.evidence) {
        if (e.kind !== 'observation') continue;
        const key = rowKey(e);
        const row = site.get(key) ?? {
          anchor: '',
          url: e.url,
          title: e.title,
          archived: e.archived,
          sha256: e.sha256,
          newest: e.publishedOn,
          checks: [],
        };
        if (e.fetchedAt !== null && !row.checks.includes(e.fetchedAt)) row.checks.push(e.fetchedAt);
        site.set(key, row);
      }
  }
  const bySite = new Map<string, PageRead[]>();
  const byKey = new Map<string, PageRead>();
  let n = 0;
  for (const [sourceId, site] of rows) {
    const firstSeen = new Map<string, number>();
    for (const row of site.values()) if (!firstSeen.has(row.url)) firstSeen.set(row.url, firstSeen.size);
    for (const row of site.values()) row.checks.sort();
    const ordered = [...site.values()].sort(
      (a, b) =>
        firstSeen.get(a.url)! - firstSeen.get(b.url)! || (a.checks[0] ?? '').localeCompare(b.checks[0] ?? ''),
    );
    // Short ids: a year of period rows cites thousands of them.
    for (const row of ordered) row.anchor = `pg${++n}`;
    for (const [key, row] of site) byKey.set(`${sourceId} ${key}`, row);
    bySite.set(sourceId, ordered);
  }
  return {
    bySite,
    rowOf: (site, e) => (site === undefined ? undefined : byKey.get(`${site} ${rowKey(e)}`)),
  };
}

/** The Beijing date of an instant: what a period row shows of the check it cites. */
function beijingDate(iso: string | null): string {
  if (!iso) return '';
  return beijingTime(iso)?.slice(0, 10) ?? iso;
}

/**
 * A period's citations of pages as read: per check day, the pages' names, each linked to its row in
 * the site card, which holds the address, archived copy, hash and exact instant. A rule's pages are
 * usually read at one check, so the day is written once for all of them.
 */
export function pageReferences(cited: readonly { row: PageRead; e: EvidenceRef }[]): string {
  const byDay = new Map<string, string[]>();
  for (const { row, e } of cited) {
    const day = beijingDate(e.fetchedAt);
    const refs = byDay.get(day) ?? [];
    refs.push(`<a href="#${attr(row.anchor)}">${text(e.title || e.url)}</a>`);
    byDay.set(day, refs);
  }
  return [...byDay].map(([day, refs]) => ` ${day ? `${text(day)}: ` : ''}${refs.join(', ')}`).join(';');
}

/** The folded 巡检所见页面 table of one site card; nothing when no verdict cites a page of it. */
export function pagesReadTable(
  siteName: string,
  rows: readonly PageRead[] | undefined,
  s: ReportStrings,
): string {
  if (!rows || rows.length === 0) return '';
  const p = s.pagesRead;
  const headers = [p.col.page, p.col.checks, p.col.newest, p.col.copy]
    .map((h) => `<th scope="col">${text(h)}</th>`)
    .join('');
  const body = rows
    .map((row) => {
      const copy = row.archived
        ? link(row.archived, s.ev.archived, s, 'archived')
        : `<span class="muted">${text(s.ev.archivedMissing)}</span>`;
      const sha = row.sha256 ? `<br><code class="sha">${text(row.sha256)}</code>` : '';
      return `<tr id="${attr(row.anchor)}"><th scope="row">${link(row.url, row.title || row.url, s, 'original')}</th><td class="checks">${row.checks.map((c) => instant(c, false)).join(', ')}</td><td class="nw">${text(row.newest ?? s.none)}</td><td>${copy}${sha}</td></tr>`;
    })
    .join('');
  return `<details class="pages-read"><summary>${text(p.title(rows.length))}</summary><p class="muted">${text(p.note)}</p><div class="scroll"><table><caption class="vh">${text(`${siteName} · ${p.title(rows.length)}`)}</caption><thead><tr>${headers}</tr></thead><tbody class="lz">${body}</tbody></table></div></details>`;
}
