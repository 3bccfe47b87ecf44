/**
 * 政府网站单项否决预警: for each site, which single-veto rules already trip and the first day one
 * will trip if nothing new is published, so a supervisor sees a veto coming before an inspector does.
 */

import { byText } from './compare';
import { daysBetween, type IsoDate } from './dates';
import type { Obligation } from './obligation';
import { assessSiteRule, type RuleOutcome, type SiteCheck } from './site-measures';
import type { Source } from './source';

export interface VetoStatus {
  obligationId: string;
  /** The rule-pack obligation it was laid out from (e.g. website-veto-home-stale). */
  template: string;
  name: string;
  outcome: RuleOutcome;
  /** The rule's own warning window, when it sets one (else the policy's). */
  warnDays?: number;
}

export interface SiteForecast {
  sourceId: string;
  siteName: string;
  units: string[];
  asOf: IsoDate;
  vetoes: VetoStatus[];
  /** Vetoes tripped on `asOf`. */
  tripped: VetoStatus[];
  /** The veto that will trip first if nothing new is published (none tripped yet or not). */
  next: { veto: VetoStatus; on: IsoDate; inDays: number } | null;
  /** True when a veto is forecast to trip within its warning window (rule warnDays, else policy.vetoWarningDays). */
  warn: boolean;
}

/**
 * One forecast per site that has veto rules among `obligations` (expanded: each names its site),
 * judged on `asOf` from every check of the site up to then.
 */
export function forecastSites(input: {
  obligations: readonly Obligation[];
  sites: readonly Source[];
  checks: ReadonlyMap<string, readonly SiteCheck[]>;
  asOf: IsoDate;
  warningDays: number;
}): SiteForecast[] {
  const out: SiteForecast[] = [];
  for (const site of input.sites) {
    const vetoes: VetoStatus[] = input.obligations
      .filter((o) => o.site === site.id && o.evidence.site?.veto)
      .map((o) => ({
        obligationId: o.id,
        template: o.template ?? o.id,
        name: o.task,
        outcome: assessSiteRule(o.evidence.site!, site, input.checks.get(site.id) ?? [], input.asOf),
        ...(o.evidence.site!.warnDays !== undefined ? { warnDays: o.evidence.site!.warnDays } : {}),
      }));
    if (vetoes.length === 0) continue;
    const upcoming = vetoes
      .filter((v) => v.outcome.status === 'clear' && v.outcome.tripsOn)
      .sort(byText((v) => v.outcome.tripsOn!));
    const first = upcoming[0];
    const next = first
      ? { veto: first, on: first.outcome.tripsOn!, inDays: daysBetween(input.asOf, first.outcome.tripsOn!) }
      : null;
    const warnDays = (v: VetoStatus) => v.warnDays ?? input.warningDays;
    out.push({
      sourceId: site.id,
      siteName: site.name,
      units: site.units,
      asOf: input.asOf,
      vetoes,
      tripped: vetoes.filter((v) => v.outcome.status === 'tripped'),
      next,
      // Any veto inside its own warning window warns, not only the first to trip.
      warn: upcoming.some((v) => daysBetween(input.asOf, v.outcome.tripsOn!) <= warnDays(v)),
    });
  }
  return out;
}
