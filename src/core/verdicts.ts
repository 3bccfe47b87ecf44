import { z } from 'zod';
import { byText, compareText } from './compare';
import { daysBetween, type IsoDate, IsoDateSchema, minDate, shanghaiDate } from './dates';
import type { Document } from './document';
import type { Evidence } from './evidence';
import { periodsByObligation, sourcesOf, type UnitSources } from './match/match-evidence';
import { presenceOn } from './match/published-on';
import type { Obligation } from './obligation';
import { obligationPeriodKey, type Period } from './period';
import type { Policy } from './policy';
import type { SiteCheck } from './site-measures';
import { judgeSiteRule } from './site-verdicts';
import type { Source } from './source';
import { VERDICT_KINDS, type Verdict, type VerdictKind } from './verdict';

/** A person's decision that an obligation (or one period of it) is not to be judged, until a date. */
export const WaiverSchema = z.object({
  obligationId: z.string().min(1),
  periodKey: z.string().min(1).optional().describe('Absent: every period of the obligation'),
  until: IsoDateSchema.describe('Covers periods due on or before this date'),
  by: z.string().min(1),
  reason: z.string().min(1),
});
export type Waiver = z.infer<typeof WaiverSchema>;

/** One check of a source (site or column): did the monitor manage to read it, and what it saw. */
export type SourceCheck = SiteCheck;

export type SourceChecks =
  | ReadonlyMap<string, readonly SourceCheck[]>
  | Readonly<Record<string, readonly SourceCheck[]>>;

/** The part of WorkingDayCalendar that judging needs. */
export interface WorkingDayCounter {
  workingDaysBetween(from: IsoDate, to: IsoDate): number;
  covers(year: number): boolean;
}

export interface EvaluateInput {
  obligations: readonly Obligation[];
  periods: ReadonlyMap<string, readonly Period[]> | readonly Period[];
  /** Matched, candidate and manual evidence. */
  evidence: readonly Evidence[];
  waivers?: readonly Waiver[];
  /** Checks per source id (health). */
  checks: SourceChecks;
  unitSources: UnitSources;
  /** Documents by which evidence was matched: presence for continuous periods, backdating warnings. */
  documents?: readonly Document[];
  asOf: IsoDate;
  policy: Pick<Policy, 'dueSoonWorkingDays'> & Partial<Pick<Policy, 'vetoWarningDays'>>;
  calendar: WorkingDayCounter;
  /** The sites, for obligations judged by a site rule (each names its site). */
  sites?: readonly Source[];
}

/**
 * Judges every obligation-period as of `asOf` by the rules of docs/verdicts.md, applied in order:
 * unverifiable, waived, met, late, pending, due-soon, insufficient-data, missing.
 */
export function evaluate(input: EvaluateInput): Verdict[] {
  const byObligation = periodsByObligation(input.periods);
  const evidenceByPeriod = new Map<string, Evidence[]>();
  for (const e of input.evidence) {
    const key = obligationPeriodKey(e.obligationId, e.periodKey);
    const list = evidenceByPeriod.get(key);
    if (list) list.push(e);
    else evidenceByPeriod.set(key, [e]);
  }
  const documents = new Map((input.documents ?? []).map((d) => [d.url, d]));
  const health = new HealthIndex(input.checks);
  const sites = new Map((input.sites ?? []).map((s) => [s.id, s]));
  const out: Verdict[] = [];
  for (const obligation of input.obligations) {
    const sources = sourcesOf(input.unitSources, obligation.evidence.units ?? obligation.units);
    const waivers = (input.waivers ?? []).filter((w) => w.obligationId === obligation.id);
    for (const period of byObligation.get(obligation.id) ?? []) {
      out.push(
        judge(obligation, period, {
          evidence: evidenceByPeriod.get(obligationPeriodKey(obligation.id, period.key)) ?? [],
          waivers,
          sources,
          documents,
          health,
          asOf: input.asOf,
          dueSoon: input.policy.dueSoonWorkingDays,
          calendar: input.calendar,
          site: obligation.site ? sites.get(obligation.site) : undefined,
          siteChecks: obligation.site ? health.checksOf(obligation.site) : [],
          warningDays: input.policy.vetoWarningDays ?? 14,
        }),
      );
    }
  }
  return out;
}

interface JudgeContext {
  evidence: Evidence[];
  waivers: Waiver[];
  sources: string[];
  documents: ReadonlyMap<string, Document>;
  health: HealthIndex;
  asOf: IsoDate;
  dueSoon: number;
  calendar: WorkingDayCounter;
  site: Source | undefined;
  siteChecks: readonly SiteCheck[];
  warningDays: number;
}

const byPublication = (a: Evidence, b: Evidence): number =>
  (a.publishedOn ?? '') < (b.publishedOn ?? '')
    ? -1
    : (a.publishedOn ?? '') > (b.publishedOn ?? '')
      ? 1
      : a.url < b.url
        ? -1
        : a.url > b.url
          ? 1
          : 0;

function judge(obligation: Obligation, period: Period, ctx: JudgeContext): Verdict {
  const { asOf } = ctx;
  const warnings = [...(period.warnings ?? [])];
  if (period.defaultApplied) warnings.push(`default applied: ${period.defaultApplied}`);
  const continuous = obligation.schedule.kind === 'continuous';
  const presenceDate = minDate(period.end, asOf);
  const candidates = ctx.evidence.filter((e) => e.kind === 'candidate').sort(byPublication);
  const lapses: { title: string; since: IsoDate }[] = [];
  const counting = new Map<string, Evidence>();
  for (const e of ctx.evidence) {
    if (e.kind === 'candidate' || e.publishedOn === null || e.publishedOn > asOf) continue;
    const doc = ctx.documents.get(e.url);
    if (continuous && e.kind === 'match' && doc) {
      const presence = presenceOn(doc, presenceDate);
      if (!presence.present) {
        if (presence.since) lapses.push({ title: e.title, since: presence.since });
        continue;
      }
    }
    const seen = counting.get(e.url);
    if (!seen || byPublication(e, seen) < 0) counting.set(e.url, e);
  }
  if (continuous) {
    for (const c of candidates) {
      const doc = ctx.documents.get(c.url);
      const presence = doc ? presenceOn(doc, presenceDate) : undefined;
      if (presence && !presence.present && presence.since)
        lapses.push({ title: c.title, since: presence.since });
    }
  }
  const evidence = [...counting.values()].sort(byPublication);
  for (const e of evidence) {
    const doc = ctx.documents.get(e.url);
    if (e.kind === 'match' && doc?.date && e.publishedOn && e.publishedOn > doc.date) {
      warnings.push(
        `backdating: “${e.title}” shows ${doc.date} but the monitor saw its column without it later; counted as published ${e.publishedOn}`,
      );
    }
  }
  const verdict = (kind: VerdictKind, reasons: string[]): Verdict => ({
    obligationId: obligation.id,
    periodKey: period.key,
    periodLabel: period.label,
    start: period.start,
    end: period.end,
    due: period.due,
    kind,
    reasons,
    evidence,
    candidates,
    warnings,
  });

  // 1. unverifiable
  if (obligation.evidence.verifiable === false) {
    return verdict('unverifiable', [
      `no website can show this: ${obligation.evidence.unverifiableReason ?? 'the evidence rule says so'}`,
    ]);
  }
  // 2. waived
  const waiver = ctx.waivers.find(
    (w) => (!w.periodKey || w.periodKey === period.key) && period.due <= w.until,
  );
  if (waiver) {
    return verdict('waived', [`waived by ${waiver.by} until ${waiver.until}: ${waiver.reason}`]);
  }
  const siteRule = obligation.evidence.site;
  if (siteRule) {
    const judged = judgeSiteRule(obligation.id, siteRule, period, {
      source: ctx.site,
      checks: ctx.siteChecks,
      asOf,
      warningDays: ctx.warningDays,
    });
    return {
      ...verdict(judged.kind, judged.reasons),
      evidence: judged.evidence,
      ...(judged.forecast ? { forecast: judged.forecast } : {}),
    };
  }
  // 3, 4. met / late
  const first = evidence[0];
  if (first?.publishedOn) {
    const what = `${first.kind === 'manual' ? 'manual evidence' : 'evidence'} “${first.title}”`;
    if (first.publishedOn <= period.due) {
      return verdict('met', [
        `${what} published ${first.publishedOn}, on or before the due date ${period.due}`,
      ]);
    }
    const days = daysBetween(period.due, first.publishedOn);
    return verdict('late', [
      `${what} published ${first.publishedOn}, ${days} day${days === 1 ? '' : 's'} after the due date ${period.due}`,
    ]);
  }
  // 5, 6. pending / due-soon
  if (asOf < period.start) return verdict('pending', [`no evidence yet; the period starts ${period.start}`]);
  if (asOf <= period.due) {
    const left = workingDaysUntil(ctx.calendar, asOf, period.due, ctx.dueSoon);
    if (left === null) {
      return verdict('pending', [
        `no evidence yet; due ${period.due}, more than ${ctx.dueSoon} working days after ${asOf}`,
      ]);
    }
    if (!ctx.calendar.covers(Number(period.due.slice(0, 4)))) {
      warnings.push(
        `no holiday data for ${period.due.slice(0, 4)}: working days to ${period.due} counted as plain weekdays`,
      );
    }
    if (left > ctx.dueSoon) {
      return verdict('pending', [`no evidence yet; due ${period.due}, ${left} working days after ${asOf}`]);
    }
    return verdict('due-soon', [
      `no evidence yet; due ${period.due}, ${left === 0 ? 'today' : `in ${left} working day${left === 1 ? '' : 's'}`}`,
    ]);
  }
  // Past due without evidence. A lapse is itself observed by a successful check.
  if (lapses.length > 0) {
    const lapse = lapses.sort(byText((l) => l.since))[0]!;
    return verdict('missing', [
      `removed from 栏目 on ${lapse.since}: “${lapse.title}” was no longer in its column`,
    ]);
  }
  // A matching item whose page could not be read (rate limit, timeout, another host) is not
  // evidence, but its absence is not shown either.
  const unread = candidates.find((c) => c.unreadable);
  if (unread) {
    return verdict('insufficient-data', [
      `no evidence that could be read: “${unread.title}” fits but ${unread.unreadable}: cannot tell`,
    ]);
  }
  if (ctx.sources.length === 0) {
    return verdict('insufficient-data', [
      `no evidence, and no source carries ${(obligation.evidence.units ?? obligation.units).join('、')}: cannot tell`,
    ]);
  }
  // 7, 8. insufficient-data / missing
  const seen = ctx.health.window(ctx.sources, period.start, minDate(period.due, asOf));
  const names = ctx.sources.join(', ');
  if (seen.ok === 0) {
    return verdict('insufficient-data', [
      seen.total === 0
        ? `no evidence, but no check of ${names} between ${period.start} and ${period.due}: cannot tell`
        : `no evidence, but all ${seen.total} checks of ${names} between ${period.start} and ${period.due} failed: cannot tell`,
    ]);
  }
  return verdict('missing', [
    `no evidence published by the due date ${period.due}; ${names} read successfully ${seen.ok} time${seen.ok === 1 ? '' : 's'} in the window, last on ${seen.lastOk}`,
  ]);
}

/**
 * Working days in (asOf, due], or null when there are clearly more than `limit`: no Chinese holiday
 * run (with its weekends) is longer than 10 days, so 3·limit + 21 calendar days always hold more
 * than `limit` working days. Spares a day-by-day count for every distant period.
 */
function workingDaysUntil(
  calendar: WorkingDayCounter,
  asOf: IsoDate,
  due: IsoDate,
  limit: number,
): number | null {
  if (daysBetween(asOf, due) > 3 * limit + 21) return null;
  return calendar.workingDaysBetween(asOf, due);
}

/** Checks per source, sorted by Asia/Shanghai date, with running counts of successes. */
class HealthIndex {
  private readonly bySource = new Map<string, { dates: IsoDate[]; okBefore: number[]; ok: boolean[] }>();
  private readonly raw = new Map<string, readonly SourceCheck[]>();

  constructor(checks: SourceChecks) {
    const entries = checks instanceof Map ? [...checks.entries()] : Object.entries(checks);
    for (const [sourceId, list] of entries as [string, readonly SourceCheck[]][]) {
      this.raw.set(sourceId, list);
      const sorted = list
        .map((c) => ({ date: shanghaiDate(c.checkedAt), ok: c.ok }))
        .sort(byText((d) => d.date));
      const okBefore = [0];
      for (const c of sorted) okBefore.push(okBefore[okBefore.length - 1]! + (c.ok ? 1 : 0));
      this.bySource.set(sourceId, {
        dates: sorted.map((c) => c.date),
        okBefore,
        ok: sorted.map((c) => c.ok),
      });
    }
  }

  /** Every check of one source, as given. */
  checksOf(sourceId: string): readonly SourceCheck[] {
    return this.raw.get(sourceId) ?? [];
  }

  /** Checks of any of `sources` dated in [from, to]: how many, how many succeeded, the last success. */
  window(
    sources: readonly string[],
    from: IsoDate,
    to: IsoDate,
  ): { total: number; ok: number; lastOk: IsoDate | null } {
    let total = 0;
    let ok = 0;
    let lastOk: IsoDate | null = null;
    for (const id of sources) {
      const s = this.bySource.get(id);
      if (!s) continue;
      const lo = bound(s.dates, from, false);
      const hi = bound(s.dates, to, true);
      if (hi <= lo) continue;
      total += hi - lo;
      ok += s.okBefore[hi]! - s.okBefore[lo]!;
      for (let i = hi - 1; i >= lo; i--) {
        if (s.ok[i]) {
          if (!lastOk || s.dates[i]! > lastOk) lastOk = s.dates[i]!;
          break;
        }
      }
    }
    return { total, ok, lastOk };
  }
}

/** First index whose date is ≥ `date` (or > `date` when `after`). */
function bound(dates: readonly IsoDate[], date: IsoDate, after: boolean): number {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const d = dates[mid]!;
    if (d < date || (after && d === date)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface VerdictSummary {
  counts: Record<VerdictKind, number>;
  byUnit: Record<string, Partial<Record<VerdictKind, number>>>;
  /** Units with at least one judged period, most missing first (then most late, then name). */
  unitsByMissing: { unit: string; missing: number; late: number; total: number }[];
}

/** Counts per verdict kind, per responsible unit, and units ranked by missing periods. */
export function summarise(
  verdicts: readonly Verdict[],
  obligations: readonly Pick<Obligation, 'id' | 'units'>[],
): VerdictSummary {
  const unitsOf = new Map(obligations.map((o) => [o.id, o.units]));
  const counts = Object.fromEntries(VERDICT_KINDS.map((k) => [k, 0])) as Record<VerdictKind, number>;
  const byUnit: Record<string, Partial<Record<VerdictKind, number>>> = {};
  for (const v of verdicts) {
    counts[v.kind]++;
    for (const unit of unitsOf.get(v.obligationId) ?? []) {
      const row = byUnit[unit] ?? {};
      byUnit[unit] = row;
      row[v.kind] = (row[v.kind] ?? 0) + 1;
    }
  }
  const unitsByMissing = Object.entries(byUnit)
    .map(([unit, row]) => ({
      unit,
      missing: row.missing ?? 0,
      late: row.late ?? 0,
      total: Object.values(row).reduce((a, b) => a + (b ?? 0), 0),
    }))
    .sort((a, b) => b.missing - a.missing || b.late - a.late || compareText(a.unit, b.unit));
  return { counts, byUnit, unitsByMissing };
}

/**
 * The periods missing now that were not missing at the previous sweep: what the workflow flags and
 * notifies. A period missing before stays quiet (its flag was raised then).
 */
export function newlyMissing(
  previous: readonly { obligationId: string; periodKey: string; kind: VerdictKind }[],
  current: readonly Verdict[],
): Verdict[] {
  const wasMissing = new Set(
    previous.filter((p) => p.kind === 'missing').map((p) => obligationPeriodKey(p.obligationId, p.periodKey)),
  );
  return current.filter(
    (v) => v.kind === 'missing' && !wasMissing.has(obligationPeriodKey(v.obligationId, v.periodKey)),
  );
}
