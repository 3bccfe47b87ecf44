/**
 * The demo's ground truth: the verdict every (obligation, period) should get as of a date, derived
 * by code from the content's `evidences` annotations, the demo ledger and the rules in
 * docs/verdicts.md — not typed a second time. The end-to-end test compares the monitor's verdicts
 * with it.
 *
 * What the monitor can know depends on when it looked, so the derivation replays the sweep dates:
 * an item is first seen at the first sweep on or after the day it appears, a vanished item is
 * absent from the first sweep that misses it until the first sweep that finds it again, and a
 * period is `missing` (not `insufficient-data`) only if a sweep reached a responsible site between
 * the period start and its due date.
 */
import type { WorkingDayCalendar } from '../core/calendar';
import { addDays, type IsoDate, minDate, shanghaiDate, weekday } from '../core/dates';
import { expandObligations } from '../core/expand-obligations';
import type { Catalogue, Obligation } from '../core/obligation';
import { obligationPeriodKey, type Period } from '../core/period';
import { periodsFor } from '../core/periods';
import type { Policy } from '../core/policy';
import type { VerdictKind } from '../core/verdict';
import { type DemoContent, type DemoEntry, type DemoSite, isDisallowed, isVisible } from './content';
import type { DemoLedger } from './ledger';
import { judgeDemoPrivacy } from './privacy-truth';
import { type ExpectedForecast, expectedForecasts, judgeDemoSiteRule } from './site-truth';

/** The first simulated sweep of the demo year (a Monday). */
export const DEMO_FIRST_SWEEP: IsoDate = '2016-01-04';

/**
 * The sweep dates `npm start` uses: every Monday from `from` through `asOf`, plus `asOf` itself
 * when it is not a Monday (the final sweep the report is written as of).
 */
export function demoSweepDates(asOf: IsoDate, from: IsoDate = DEMO_FIRST_SWEEP): IsoDate[] {
  const dates: IsoDate[] = [];
  for (let day = from; day <= asOf; day = addDays(day, 7)) dates.push(day);
  if (dates.at(-1) !== asOf && weekday(asOf) !== weekday(from)) dates.push(asOf);
  return dates;
}

export interface GroundTruthInput {
  catalogue: Catalogue;
  content: DemoContent;
  ledger: DemoLedger;
  asOf: IsoDate;
  calendar: WorkingDayCalendar;
  policy: Policy;
  /** When the monitor swept (default demoSweepDates(asOf)); only dates on or before asOf are used. */
  sweepDates?: IsoDate[];
}

/** `"<obligationId>|<periodKey>"` → the verdict the monitor should reach. */
export type GroundTruth = Map<string, VerdictKind>;

/** Derives the expected verdict of every obligation-period of the catalogue as of `input.asOf`. */
export function demoGroundTruth(input: GroundTruthInput): GroundTruth {
  const truth: GroundTruth = new Map();
  for (const { obligation, period, verdict } of explainGroundTruth(input)) {
    truth.set(obligationPeriodKey(obligation.id, period.key), verdict.kind);
  }
  return truth;
}

/** One expected verdict and why, for reports and failing-test messages. */
export interface ExplainedVerdict {
  obligation: Obligation;
  period: Period;
  verdict: { kind: VerdictKind; reason: string };
}

/** Like demoGroundTruth, with the period and a one-line reason for each verdict. */
export function explainGroundTruth(input: GroundTruthInput): ExplainedVerdict[] {
  const { catalogue, content, ledger, asOf, calendar, policy } = input;
  const sweeps = (input.sweepDates ?? demoSweepDates(asOf)).filter((day) => day <= asOf).sort();
  // The monitor knows only the events recorded by asOf (an event's periods do not exist before it).
  const events = ledger.events
    .filter((event) => event.date <= asOf)
    .map(({ id, obligationId, date, note }) => ({ id, obligationId, date, note }));
  const out: ExplainedVerdict[] = [];
  const siteCtx = { content, asOf, sweeps, warningDays: policy.vetoWarningDays };
  for (const obligation of demoObligations(catalogue, content)) {
    const periods = periodsFor(obligation, { year: catalogue.plan.year, policy, calendar, events });
    if (obligation.evidence.personalData) {
      for (const period of periods) {
        out.push({ obligation, period, verdict: judgeDemoPrivacy(obligation, period, siteCtx) });
      }
      continue;
    }
    if (obligation.evidence.site) {
      for (const period of periods) {
        out.push({ obligation, period, verdict: judgeDemoSiteRule(obligation, period, siteCtx) });
      }
      continue;
    }
    const sites = responsibleSites(obligation, content.sites);
    const reachable = sites.some((site) => site.down === undefined);
    const annotated = annotatedEntries(obligation, sites, content);
    for (const period of periods) {
      const verdict = judge({
        obligation,
        period,
        annotated,
        reachable,
        sweeps,
        ledger,
        asOf,
        calendar,
        policy,
      });
      out.push({ obligation, period, verdict });
    }
  }
  return out;
}

/**
 * The catalogue's obligations as the monitor judges them over the demo sources: rule-pack
 * obligations laid out per site or per department (one source per demo site, in content order).
 */
export function demoObligations(catalogue: Catalogue, content: DemoContent): Obligation[] {
  return expandObligations(catalogue, content.sites);
}

/** The expected veto forecast of every demo site as of `input.asOf` (demo-site-truth.ts). */
export function demoForecastTruth(input: GroundTruthInput): ExpectedForecast[] {
  const { catalogue, content, asOf, policy } = input;
  const sweeps = (input.sweepDates ?? demoSweepDates(asOf)).filter((day) => day <= asOf).sort();
  return expectedForecasts(demoObligations(catalogue, content), {
    content,
    asOf,
    sweeps,
    warningDays: policy.vetoWarningDays,
  });
}

/** Sites that carry the evidence of an obligation: the rule's units, else the obligation's units. */
export function responsibleSites(obligation: Obligation, sites: DemoSite[]): DemoSite[] {
  const units = new Set(obligation.evidence.units ?? obligation.units);
  return sites.filter((site) => site.units.some((unit) => units.has(unit)));
}

interface Annotated {
  entry: DemoEntry;
  period: string | undefined;
}

/**
 * Items annotated as evidence of the obligation that the monitor can see: on a responsible site
 * that is up, and not in a path the site's robots.txt forbids.
 */
function annotatedEntries(obligation: Obligation, sites: DemoSite[], content: DemoContent): Annotated[] {
  const out: Annotated[] = [];
  for (const site of sites) {
    if (site.down !== undefined) continue;
    for (const entry of content.entries.get(site.id) ?? []) {
      const column = site.columns.find((c) => c.id === entry.columnId);
      if (!column || isDisallowed(site, column.path)) continue;
      for (const evidence of entry.evidences) {
        if (evidence.obligation === obligation.id) out.push({ entry, period: evidence.period });
      }
    }
  }
  return out;
}

interface JudgeInput {
  obligation: Obligation;
  period: Period;
  annotated: Annotated[];
  reachable: boolean;
  sweeps: IsoDate[];
  ledger: DemoLedger;
  asOf: IsoDate;
  calendar: WorkingDayCalendar;
  policy: Policy;
}

/** docs/verdicts.md, rules 1–8 in order. */
function judge(input: JudgeInput): { kind: VerdictKind; reason: string } {
  const { obligation, period, asOf } = input;
  if (!obligation.evidence.verifiable) {
    return { kind: 'unverifiable', reason: obligation.evidence.unverifiableReason ?? 'not verifiable' };
  }
  // A waiver counts from the day it was entered: before that the monitor could not know of it.
  const waiver = input.ledger.waivers.find(
    (w) =>
      w.obligationId === obligation.id &&
      shanghaiDate(w.at) <= asOf &&
      (w.periodKey === undefined || w.periodKey === period.key) &&
      period.due <= w.until,
  );
  if (waiver) return { kind: 'waived', reason: `waiver ${waiver.id} until ${waiver.until}` };

  const published =
    obligation.schedule.kind === 'continuous' ? presenceEvidence(input) : periodEvidence(input);
  if (published.length > 0) {
    const earliest = published.sort((a, b) => a.on.localeCompare(b.on))[0]!;
    return earliest.on <= period.due
      ? { kind: 'met', reason: `${earliest.what} published ${earliest.on}, due ${period.due}` }
      : { kind: 'late', reason: `${earliest.what} published ${earliest.on}, after due ${period.due}` };
  }
  if (asOf < period.start) return { kind: 'pending', reason: 'period not started' };
  if (asOf <= period.due) {
    const left = input.calendar.workingDaysBetween(asOf, period.due);
    return left <= input.policy.dueSoonWorkingDays
      ? { kind: 'due-soon', reason: `due ${period.due}, ${left} working days left` }
      : { kind: 'pending', reason: `due ${period.due}` };
  }
  const checked = input.sweeps.some((day) => day >= period.start && day <= period.due);
  return input.reachable && checked
    ? { kind: 'missing', reason: `no evidence by ${period.due}` }
    : { kind: 'insufficient-data', reason: 'no successful check of a responsible site in the window' };
}

interface Published {
  on: IsoDate;
  what: string;
}

/**
 * Evidence annotated with this period, counted from the date the monitor will take as its
 * publication date: the date shown, or — when a sweep saw the column after shown + 3 days and
 * before the item first appeared (backdating) — the day it was first seen. Manual evidence counts
 * from its stated publication date.
 */
function periodEvidence(input: JudgeInput): Published[] {
  const { period, sweeps, asOf } = input;
  const out: Published[] = [];
  for (const { entry, period: key } of input.annotated) {
    if (key !== period.key) continue;
    const firstSeen = sweeps.find((day) => isVisible(entry, day));
    if (firstSeen === undefined || firstSeen > asOf) continue;
    const tolerance = addDays(entry.shown, 3);
    const backdated = sweeps.some((day) => day > tolerance && day < firstSeen);
    const on = backdated ? firstSeen : entry.shown;
    if (on > asOf) continue;
    out.push({ on, what: backdated ? `"${entry.title}" (backdated; first seen)` : `"${entry.title}"` });
  }
  for (const manual of input.ledger.manualEvidence) {
    if (manual.obligationId !== input.obligation.id || manual.periodKey !== period.key) continue;
    if (manual.publishedOn <= asOf)
      out.push({ on: manual.publishedOn, what: `manual evidence ${manual.id}` });
  }
  return out;
}

/**
 * A continuous obligation's check window is met when an annotated item was first seen by the window
 * end and had not vanished from its column at the window end (as the sweeps observed it); the
 * running window is judged on `asOf` instead of its end, and a window not yet started has none
 * (docs/verdicts.md).
 */
function presenceEvidence(input: JudgeInput): Published[] {
  const { period, sweeps, asOf } = input;
  if (period.start > asOf) return [];
  const judgedOn = minDate(period.end, asOf);
  const out: Published[] = [];
  for (const { entry, period: key } of input.annotated) {
    if (key !== undefined && key !== period.key) continue;
    const seen = sweeps.filter((day) => day <= judgedOn);
    const firstSeen = seen.find((day) => isVisible(entry, day));
    if (firstSeen === undefined) continue;
    // The monitor knows the item is there at the window end if the last sweep up to then found it.
    const last = seen.at(-1)!;
    if (isVisible(entry, last)) out.push({ on: firstSeen, what: `"${entry.title}" present` });
  }
  return out;
}

/**
 * Annotations the ground truth cannot use, one line each: an unknown obligation, a period key the
 * obligation does not have, an item on a site that does not carry the obligation's units, a period
 * missing on a non-continuous obligation, and ledger entries naming unknown obligations or periods.
 * An empty list means every annotation says what its author meant.
 */
export function demoAnnotationProblems(input: Omit<GroundTruthInput, 'asOf' | 'sweepDates'>): string[] {
  const { catalogue, content, ledger, calendar, policy } = input;
  const events = ledger.events.map(({ id, obligationId, date, note }) => ({ id, obligationId, date, note }));
  const byId = new Map(demoObligations(catalogue, content).map((o) => [o.id, o]));
  const keys = new Map<string, Set<string>>();
  const keysOf = (obligation: Obligation) => {
    let set = keys.get(obligation.id);
    if (!set) {
      const periods = periodsFor(obligation, { year: catalogue.plan.year, policy, calendar, events });
      set = new Set(periods.map((p) => p.key));
      keys.set(obligation.id, set);
    }
    return set;
  };
  const problems: string[] = [];
  const checkPeriod = (where: string, obligationId: string, periodKey: string | undefined) => {
    const obligation = byId.get(obligationId);
    if (!obligation) return problems.push(`${where}: unknown obligation ${obligationId}`);
    if (periodKey === undefined) {
      if (obligation.schedule.kind !== 'continuous') {
        problems.push(
          `${where}: ${obligationId} is ${obligation.schedule.kind}, so the period must be named`,
        );
      }
    } else if (!keysOf(obligation).has(periodKey)) {
      problems.push(`${where}: ${obligationId} has no period ${periodKey}`);
    }
    return obligation;
  };
  for (const site of content.sites) {
    for (const entry of content.entries.get(site.id) ?? []) {
      for (const evidence of entry.evidences) {
        const where = `${site.id}/${entry.columnId} "${entry.title}"`;
        const obligation = checkPeriod(where, evidence.obligation, evidence.period);
        if (typeof obligation === 'object' && !responsibleSites(obligation, [site]).length) {
          problems.push(`${where}: site ${site.id} does not carry the units of ${obligation.id}`);
        }
      }
    }
  }
  for (const waiver of ledger.waivers) {
    // A waiver without a period covers every period due by `until`.
    if (waiver.periodKey === undefined && byId.has(waiver.obligationId)) continue;
    checkPeriod(`ledger ${waiver.id}`, waiver.obligationId, waiver.periodKey);
  }
  for (const event of ledger.events) {
    const obligation = byId.get(event.obligationId);
    if (!obligation) problems.push(`ledger ${event.id}: unknown obligation ${event.obligationId}`);
    else if (obligation.schedule.kind !== 'event') {
      problems.push(`ledger ${event.id}: ${obligation.id} is not event-based (${obligation.schedule.kind})`);
    }
  }
  for (const manual of ledger.manualEvidence) {
    checkPeriod(`ledger ${manual.id}`, manual.obligationId, manual.periodKey);
  }
  return problems;
}
