/**
 * The report's 政府网站单项否决预警 section as data: per site, each single-veto rule's state on the
 * report date, the veto forecast to trip first if nothing new is published, the pages that count
 * against the site, and the items that have no date (inspectors count them as not updated, so the
 * report names them). Pure: built from the assessment's forecasts, documents and checks.
 */

import { byText } from '../core/compare';
import { daysBetween, type IsoDate } from '../core/dates';
import type { Document } from '../core/document';
import type { HealthCheck } from '../core/health-check';
import type { Obligation } from '../core/obligation';
import type { SiteForecast, VetoStatus } from '../core/site-forecast';
import type { Offender } from '../core/site-measures';
import type { Source } from '../core/source';
import type { ReportSiteVeto, ReportVeto, SiteVetoSection, VetoPage } from './model';

export interface SiteVetoInput {
  asOf: IsoDate;
  warningDays: number;
  forecasts: readonly SiteForecast[];
  /** The judged (expanded) obligations: the measure of each veto rule is read from them. */
  obligations: readonly Obligation[];
  sources: readonly Source[];
  documents: readonly Document[];
  checks: ReadonlyMap<string, readonly HealthCheck[]>;
  archived: ReadonlyMap<string, string>;
}

type Archived = ReadonlyMap<string, string>;

const STATE_ORDER: Record<ReportSiteVeto['state'], number> = { tripped: 0, warn: 1, clear: 2, 'no-data': 3 };

/** The section, sites ordered as a supervisor acts on them: tripped, then the soonest to trip. */
export function buildSiteVetoes(input: SiteVetoInput): SiteVetoSection {
  const rules = new Map(input.obligations.map((o) => [o.id, o.evidence.site]));
  const sources = new Map(input.sources.map((s) => [s.id, s]));
  const sites = input.forecasts.map((forecast): ReportSiteVeto => {
    const source = sources.get(forecast.sourceId);
    const vetoes = forecast.vetoes.map((v) =>
      vetoEntry(v, rules.get(v.obligationId)?.measure, input.archived),
    );
    const state: ReportSiteVeto['state'] =
      forecast.tripped.length > 0
        ? 'tripped'
        : forecast.warn
          ? 'warn'
          : vetoes.every((v) => v.status === 'no-data')
            ? 'no-data'
            : 'clear';
    return {
      sourceId: forecast.sourceId,
      siteName: forecast.siteName,
      units: forecast.units,
      homepage: source?.homepage ?? '',
      state,
      tripped: forecast.tripped.map((v) => v.obligationId),
      next: forecast.next
        ? {
            obligationId: forecast.next.veto.obligationId,
            name: forecast.next.veto.name,
            on: forecast.next.on,
            inDays: forecast.next.inDays,
          }
        : null,
      warn: forecast.warn,
      vetoes,
      undated: undatedItems(
        source,
        input.documents,
        input.checks.get(forecast.sourceId) ?? [],
        input.archived,
      ),
    };
  });
  sites.sort(
    (a, b) =>
      STATE_ORDER[a.state] - STATE_ORDER[b.state] ||
      compareNullableDates(a.next?.on ?? null, b.next?.on ?? null) ||
      a.siteName.localeCompare(b.siteName, 'zh'),
  );
  return { asOf: input.asOf, warningDays: input.warningDays, sites };
}

/** Earlier dates first; no date last. */
function compareNullableDates(a: IsoDate | null, b: IsoDate | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

function vetoEntry(
  veto: VetoStatus,
  measure: ReportVeto['measure'] | undefined,
  archived: Archived,
): ReportVeto {
  const o = veto.outcome;
  return {
    obligationId: veto.obligationId,
    template: veto.template,
    name: veto.name,
    measure: measure ?? (o.availability ? 'availability' : 'stale-columns'),
    status: o.status,
    at: o.at,
    trippedSince: o.status === 'tripped' ? trippedSince(o.offenders, o.threshold) : null,
    count: o.count,
    threshold: o.threshold,
    tripsOn: o.tripsOn,
    inDays: o.tripsOn === null ? null : daysBetween(o.at, o.tripsOn),
    observed: o.observed.length,
    unobserved: o.unobserved.map((p) => p.name),
    availability: o.availability ?? null,
    offenders: o.offenders.map((offender) => vetoPage(offender, archived)),
  };
}

/**
 * The day the count of stale pages reached the threshold. Only knowable when every offender is
 * stale by date: an undated or blank page has no day it became so as far as the checks tell.
 */
function trippedSince(offenders: readonly Offender[], threshold: number): IsoDate | null {
  if (offenders.length === 0 || offenders.some((o) => o.staleSince === undefined)) return null;
  const days = offenders.map((o) => o.staleSince!).sort();
  return days[threshold - 1] ?? null;
}

function vetoPage(offender: Offender, archived: Archived): VetoPage {
  const o = offender.observation;
  const sha = o.check.sha256 ?? null;
  return {
    name: o.page.name,
    url: o.check.url ?? o.page.url,
    columnId: o.page.id,
    offence: offender.offence,
    newestItemDate: o.newestItemDate,
    staleSince: offender.staleSince ?? null,
    itemCount: o.itemCount,
    undatedCount: o.undatedCount,
    checkedAt: o.check.checkedAt,
    sha256: sha,
    archived: sha ? (archived.get(sha) ?? null) : null,
  };
}

/** Still listed in its column: an item that vanished no longer counts for or against the site. */
function stillListed(doc: Document): boolean {
  const last = doc.absences.at(-1);
  return last === undefined || last.to !== null;
}

/** The home page's last successful check that counted its items, if any. */
export function lastHomeCheck(checks: readonly HealthCheck[]): HealthCheck | undefined {
  let last: HealthCheck | undefined;
  for (const c of checks) {
    if (!c.ok || c.columnId !== undefined || c.itemCount === undefined) continue;
    if (!last || c.checkedAt >= last.checkedAt) last = c;
  }
  return last;
}

function undatedItems(
  source: Source | undefined,
  documents: readonly Document[],
  checks: readonly HealthCheck[],
  archived: Archived,
): ReportSiteVeto['undated'] {
  if (!source) return { total: 0, home: null, columns: [] };
  const undated = documents.filter((d) => d.sourceId === source.id && d.date === null && stillListed(d));
  const columns = source.columns
    .map((column) => ({
      columnId: column.id,
      name: column.name,
      url: column.url,
      items: undated
        .filter((d) => d.columnId === column.id)
        .sort(byText((d) => d.firstSeen))
        .map((d) => ({
          url: d.url,
          title: d.title,
          dateText: d.dateText,
          firstSeen: d.firstSeen,
          sha256: d.sha256,
          archived: d.sha256 ? (archived.get(d.sha256) ?? null) : null,
        })),
    }))
    .filter((c) => c.items.length > 0);
  const lastHome = lastHomeCheck(checks);
  const home = lastHome
    ? {
        url: lastHome.url,
        undatedCount: lastHome.undatedCount ?? 0,
        itemCount: lastHome.itemCount ?? 0,
        checkedAt: lastHome.checkedAt,
        sha256: lastHome.sha256 ?? null,
        archived: lastHome.sha256 ? (archived.get(lastHome.sha256) ?? null) : null,
      }
    : null;
  const total = columns.reduce((n, c) => n + c.items.length, 0) + (home?.undatedCount ?? 0);
  return { total, home, columns };
}
