/**
 * Verdicts of site rules (freshness, blank columns, availability), judged on the day a check window
 * ends, or on `asOf` while it runs. They take the same kinds as document rules, so flags, waivers and
 * reports need nothing special: a tripped rule is `missing`, a rule that holds is `met`, or
 * `due-soon` when it is forecast to trip within policy.vetoWarningDays.
 */
import { daysBetween, type IsoDate, minDate } from './dates';
import type { Evidence } from './evidence';
import type { Period } from './period';
import {
  assessSiteRule,
  dayOfChecks,
  type Offender,
  type PageObservation,
  type RuleOutcome,
  type SiteCheck,
} from './site-measures';
import type { SiteRule } from './site-rule';
import type { Source } from './source';
import type { VerdictKind } from './verdict';

export interface SiteJudgement {
  kind: VerdictKind;
  reasons: string[];
  evidence: Evidence[];
  forecast?: IsoDate;
}

export interface SiteJudgeContext {
  source: Source | undefined;
  checks: readonly SiteCheck[];
  asOf: IsoDate;
  warningDays: number;
}

/**
 * Judges one period of a site-rule obligation: `missing` when the rule tripped on any day the site
 * was checked in the window (or on its last day so far), else `met`, or `due-soon` while the window
 * runs and the rule is forecast to trip within `warningDays`.
 */
export function judgeSiteRule(
  obligationId: string,
  rule: SiteRule,
  period: Period,
  ctx: SiteJudgeContext,
): SiteJudgement {
  const { source, asOf } = ctx;
  if (asOf < period.start)
    return { kind: 'pending', reasons: [`the check window starts ${period.start}`], evidence: [] };
  if (!source) {
    return {
      kind: 'insufficient-data',
      reasons: ['no source in the sources file describes this site: cannot tell'],
      evidence: [],
    };
  }
  const at = minDate(period.end, asOf);
  // Judged on every day the site was checked in the window, and on its last day: a veto that held
  // when the monitor looked mid-month counts even if it was cleared by the end.
  const checkDays = dayOfChecks(ctx.checks);
  const inside = (i: number) => checkDays[i]! >= period.start && checkDays[i]! <= at;
  const days = [...new Set([...checkDays.filter((_, i) => inside(i)), at])].sort();
  const outcomes = days.map((day) => assessSiteRule(rule, source, ctx.checks, day));
  const outcome = outcomes.find((o) => o.status === 'tripped') ?? outcomes.at(-1)!;
  const evidence = outcome.observed.map((o) => observationEvidence(obligationId, period.key, o));
  const read = ctx.checks.some((c, i) => c.ok && inside(i));
  if (outcome.status === 'no-data' || (rule.measure !== 'availability' && !read)) {
    return {
      kind: 'insufficient-data',
      reasons: [`${source.name} was not read successfully between ${period.start} and ${at}: cannot tell`],
      evidence,
    };
  }
  const prefix = rule.veto ? '单项否决 (single veto): ' : '';
  if (outcome.status === 'tripped') {
    return { kind: 'missing', reasons: [prefix + trippedReason(rule, outcome)], evidence };
  }
  const running = asOf <= period.end;
  const forecast = outcome.tripsOn ?? undefined;
  const reasons = [clearReason(rule, outcome)];
  if (forecast) reasons.push(`trips on ${forecast} if nothing new is published`);
  const warnDays = rule.warnDays ?? ctx.warningDays;
  const soon = running && forecast !== undefined && daysBetween(asOf, forecast) <= warnDays;
  return {
    kind: soon ? 'due-soon' : 'met',
    reasons: soon ? [`${prefix}${reasons.join('; ')} (预警)`] : reasons,
    evidence,
    ...(forecast ? { forecast } : {}),
  };
}

function describe(offender: Offender): string {
  const { observation: o } = offender;
  switch (offender.offence) {
    case 'blank':
      return `${o.page.name} is blank`;
    case 'undated':
      return `${o.page.name} shows no dated item (${o.undatedCount} undated)`;
    case 'stale':
      return `${o.page.name} newest ${o.newestItemDate}, not updated since ${offender.staleSince}`;
  }
}

function trippedReason(rule: SiteRule, outcome: RuleOutcome): string {
  if (rule.measure === 'availability') {
    const a = outcome.availability!;
    return `${a.failed} of ${a.total} checks between ${a.from} and ${a.to} failed to open within ${rule.slowMs / 1000} s (${percent(a.share)}; limit ${percent(rule.maxFailedShare)})`;
  }
  const what = rule.measure === 'blank-columns' ? 'blank' : 'not updated';
  return `${outcome.count} page${outcome.count === 1 ? '' : 's'} ${what} on ${outcome.at} (trips at ${outcome.threshold}): ${outcome.offenders.map(describe).join('; ')}`;
}

/**
 * Without the day judged: while a month runs the verdict is re-judged every sweep, and a reason that
 * only moved its date would rewrite the stored verdict each time.
 */
function clearReason(rule: SiteRule, outcome: RuleOutcome): string {
  if (rule.measure === 'availability') {
    const a = outcome.availability!;
    return `${a.failed} of ${a.total} checks in the last ${rule.windowDays} days failed (${percent(a.share)}; limit ${percent(rule.maxFailedShare)})`;
  }
  const what = rule.measure === 'blank-columns' ? 'blank' : 'not updated';
  const listed = outcome.offenders.length > 0 ? `: ${outcome.offenders.map(describe).join('; ')}` : '';
  return `${outcome.count} of ${outcome.observed.length} page${outcome.observed.length === 1 ? '' : 's'} ${what} (trips at ${outcome.threshold})${listed}`;
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** A page the verdict rests on, as an auditor follows it: URL, archived copy by hash, when read. */
function observationEvidence(obligationId: string, periodKey: string, o: PageObservation): Evidence {
  return {
    obligationId,
    periodKey,
    url: o.check.url ?? o.page.url,
    kind: 'observation',
    score: 1,
    terms: [],
    reason: `read ${o.check.checkedAt}: ${o.itemCount} item${o.itemCount === 1 ? '' : 's'}, newest dated ${o.newestItemDate ?? 'none'}${o.undatedCount > 0 ? `, ${o.undatedCount} undated` : ''}`,
    publishedOn: o.newestItemDate,
    sha256: o.check.sha256 ?? null,
    title: o.page.name,
    recordedAt: o.check.checkedAt,
  };
}
