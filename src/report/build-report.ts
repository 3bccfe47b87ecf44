/**
 * Builds the report model from an assessment plus the stored flags, ledger, health and trend.
 * Pure: the caller loads everything and passes a `locate` function that turns a sha256 into the
 * archived copy's link.
 */

import { byText } from '../core/compare';
import type { Document } from '../core/document';
import type { Evidence } from '../core/evidence';
import type { Flag } from '../core/flag';
import type { HealthCheck } from '../core/health-check';
import type { LedgerEntry } from '../core/ledger-entry';
import { unitSourcesFrom } from '../core/match/match-evidence';
import type { Catalogue, Obligation } from '../core/obligation';
import { obligationGroup } from '../core/obligation-group';
import type { Schedule } from '../core/schedule';
import type { SiteForecast } from '../core/site-forecast';
import type { SourcesFile } from '../core/source';
import { VERDICT_KINDS, type Verdict, type VerdictKind } from '../core/verdict';
import type { SweepSummary } from '../store/ports';
import { ratesByDueMonth } from './group-trend';
import type { EvidenceRef, GroupTotals, PageCheck, Report, ReportObligation } from './model';
import { isCollectiveUnit, outstandingNow } from './outstanding';
import { type CheckAroundDue, checksAroundDue } from './pages-around-due';
import { buildPersonalData } from './personal-data';
import { buildSiteVetoes } from './site-vetoes';

export interface ReportInput {
  catalogue: Catalogue;
  sources: SourcesFile;
  asOf: string;
  runId: string;
  generatedAt: string;
  verdicts: readonly Verdict[];
  documents: readonly Document[];
  flags: readonly Flag[];
  checks: ReadonlyMap<string, readonly HealthCheck[]>;
  waivers: readonly Extract<LedgerEntry, { type: 'waiver' }>[];
  events: readonly Extract<LedgerEntry, { type: 'event' }>[];
  summaries: readonly SweepSummary[];
  warnings: readonly string[];
  /** sha256 → link to the archived copy (relative path locally, key or presigned URL on AWS). */
  archived: ReadonlyMap<string, string>;
  /** 政府网站单项否决预警 per site (the assessment's forecasts); none: the section is left out. */
  forecasts?: readonly SiteForecast[];
  /** policy.vetoWarningDays: how near a forecast trip must be to warn. */
  vetoWarningDays?: number;
  /** Whether the working-day calendar has holiday data for a year (due dates in other years are guesses). */
  calendarCovers?: (year: number) => boolean;
}

/** Years with due dates the calendar has no holiday data for, with how many periods fall due in each. */
export function calendarGaps(
  verdicts: readonly Pick<Verdict, 'due'>[],
  covers: (year: number) => boolean,
): { year: number; periods: number; firstDue: string }[] {
  const gaps = new Map<number, { year: number; periods: number; firstDue: string }>();
  for (const { due } of verdicts) {
    const year = Number(due.slice(0, 4));
    if (covers(year)) continue;
    const gap = gaps.get(year);
    if (!gap) gaps.set(year, { year, periods: 1, firstDue: due });
    else {
      gap.periods++;
      if (due < gap.firstDue) gap.firstDue = due;
    }
  }
  return [...gaps.values()].sort((a, b) => a.year - b.year);
}

type Counts = Record<VerdictKind, number>;

function zeroCounts(): Counts {
  return Object.fromEntries(VERDICT_KINDS.map((k) => [k, 0])) as Counts;
}

/** met / (met + late + missing): the share of judged periods published on time. */
export function complianceRate(counts: Partial<Counts>): number | null {
  const judged = (counts.met ?? 0) + (counts.late ?? 0) + (counts.missing ?? 0);
  return judged === 0 ? null : Math.round(((counts.met ?? 0) / judged) * 1000) / 1000;
}

const FREQUENCY: Record<string, string> = {
  weekly: '每周',
  monthly: '每月',
  quarterly: '每季度',
  semiannual: '每半年',
  annual: '每年',
};

/** A short human description of a schedule, in the plan's own words where possible. */
export function describeSchedule(schedule: Schedule): string {
  switch (schedule.kind) {
    case 'once':
      return `限期 ${schedule.dates.map((d, i) => (schedule.labels?.[i] ? `${schedule.labels[i]} ${d}` : d)).join('、')}`;
    case 'seasonal':
      return `${schedule.fromMonth}—${schedule.toMonth}月 ${FREQUENCY[schedule.every]}`;
    case 'event': {
      const within = schedule.within;
      const unit = within ? { hours: '小时', days: '日', workingDays: '个工作日' }[within.unit] : '';
      return `事件后${within ? ` ${within.amount}${unit}内` : ''}：${schedule.trigger}`;
    }
    case 'continuous':
      return '长期公开（持续在线）';
    case 'unspecified':
      return '未规定时限（按默认规则）';
    default:
      return FREQUENCY[schedule.kind] ?? schedule.kind;
  }
}

function evidenceRef(
  e: Evidence,
  docs: ReadonlyMap<string, Document>,
  archived: ReadonlyMap<string, string>,
): EvidenceRef {
  // An observation is a list page as read at one check, not a crawled item: its hash, time and
  // dates are the check's own, never those of a document that happens to share the URL.
  const doc = e.kind === 'observation' ? undefined : docs.get(e.url);
  const sha = e.sha256 ?? doc?.sha256 ?? null;
  return {
    kind: e.kind,
    url: e.url,
    title: e.title,
    archived: sha ? (archived.get(sha) ?? null) : null,
    sha256: sha,
    fetchedAt: e.kind === 'observation' ? (e.recordedAt ?? null) : doc ? fetchedAtOf(doc) : null,
    shownDate: doc?.dateText ?? null,
    ...(doc ? { firstSeen: doc.firstSeen } : {}),
    publishedOn: e.publishedOn,
    terms: e.terms,
    score: e.score,
    reason: e.reason,
    ...(e.by ? { by: e.by } : {}),
    ...(e.withdrawnOn ? { withdrawnOn: e.withdrawnOn } : {}),
    ...(doc?.versions?.length
      ? {
          earlierVersions: doc.versions.map((v) => ({
            title: v.title,
            firstSeen: v.firstSeen,
            lastSeen: v.lastSeen,
            sha256: v.sha256,
            archived: v.sha256 ? (archived.get(v.sha256) ?? null) : null,
          })),
        }
      : {}),
  };
}

function withPagesRead(pages: PageCheck[]): { pagesRead?: PageCheck[] } {
  return pages.length > 0 ? { pagesRead: pages } : {};
}

/** A check as the report cites it: the page, when, the archived copy or the error. */
function pageCheck(
  { sourceId, check }: CheckAroundDue,
  siteNames: ReadonlyMap<string, string>,
  archived: ReadonlyMap<string, string>,
): PageCheck {
  const sha = check.sha256 ?? null;
  return {
    sourceId,
    siteName: siteNames.get(sourceId) ?? sourceId,
    url: check.url,
    columnId: check.columnId ?? null,
    checkedAt: check.checkedAt,
    ok: check.ok,
    ...(check.status !== undefined ? { status: check.status } : {}),
    ...(check.error ? { error: check.error } : {}),
    sha256: sha,
    archived: sha ? (archived.get(sha) ?? null) : null,
    ...(check.newestItemDate !== undefined ? { newestItemDate: check.newestItemDate } : {}),
    ...(check.itemCount !== undefined ? { itemCount: check.itemCount } : {}),
  };
}

/**
 * When a document's page was fetched and archived: never for a page the crawler did not fetch.
 * Documents stored before the fetch time was recorded were fetched when first seen, if archived.
 */
function fetchedAtOf(doc: Document): string | null {
  if (doc.fetchedAt !== undefined) return doc.fetchedAt;
  return doc.sha256 ? doc.firstSeen : null;
}

function obligationEntry(
  obligation: Obligation,
  verdicts: readonly Verdict[],
  docs: ReadonlyMap<string, Document>,
  archived: ReadonlyMap<string, string>,
  siteName: string | undefined,
  pagesRead: (v: Verdict) => PageCheck[],
): ReportObligation {
  const counts = zeroCounts();
  for (const v of verdicts) counts[v.kind] += 1;
  return {
    id: obligation.id,
    group: obligationGroup(obligation),
    item: obligation.item ?? null,
    category: obligation.category,
    task: obligation.task,
    units: obligation.units,
    scheduleKind: obligation.schedule.kind,
    schedule: describeSchedule(obligation.schedule),
    deadlineText: obligation.deadlineText,
    verifiable: obligation.evidence.verifiable,
    ...(obligation.decision ? { decision: obligation.decision } : {}),
    ...(obligation.pack
      ? { pack: obligation.pack, packTitle: obligation.source.reference ?? obligation.pack }
      : {}),
    ...(obligation.template ? { template: obligation.template } : {}),
    ...(obligation.site ? { site: obligation.site } : {}),
    ...(siteName ? { siteName } : {}),
    counts,
    periods: verdicts.map((v) => ({
      key: v.periodKey,
      label: v.periodLabel,
      start: v.start,
      end: v.end,
      due: v.due,
      verdict: v.kind,
      reasons: v.reasons,
      warnings: v.warnings,
      evidence: v.evidence.map((e) => evidenceRef(e, docs, archived)),
      candidates: v.candidates.map((e) => evidenceRef(e, docs, archived)),
      ...(v.forecast ? { forecast: v.forecast } : {}),
      ...withPagesRead(pagesRead(v)),
    })),
  };
}

/** The whole report model; every renderer reads only this. */
export function buildReport(input: ReportInput): Report {
  const docs = new Map(input.documents.map((d) => [d.url, d]));
  const byObligation = new Map<string, Verdict[]>();
  for (const v of input.verdicts) {
    const list = byObligation.get(v.obligationId) ?? [];
    list.push(v);
    byObligation.set(v.obligationId, list);
  }
  const siteNames = new Map(input.sources.sources.map((s) => [s.id, s.name]));
  const unitSources = unitSourcesFrom(input.sources.sources);
  const obligations = input.catalogue.obligations.map((o) =>
    obligationEntry(
      o,
      byObligation.get(o.id) ?? [],
      docs,
      input.archived,
      o.site ? siteNames.get(o.site) : undefined,
      (v) =>
        checksAroundDue(o, v, input.asOf, unitSources, input.checks).map((c) =>
          pageCheck(c, siteNames, input.archived),
        ),
    ),
  );
  const totals = zeroCounts();
  for (const o of obligations) for (const k of VERDICT_KINDS) totals[k] += o.counts[k];
  const departments = departmentRows(obligations);
  const warnings = [
    ...input.warnings.map((message) => ({ obligationId: null, periodKey: null, message })),
    ...input.verdicts.flatMap((v) =>
      v.warnings.map((message) => ({ obligationId: v.obligationId, periodKey: v.periodKey, message })),
    ),
  ];
  return {
    schemaVersion: 1,
    generatedAt: input.generatedAt,
    asOf: input.asOf,
    runId: input.runId,
    plan: {
      issuer: input.catalogue.plan.issuer,
      year: input.catalogue.plan.year,
      ...(input.catalogue.plan.title ? { title: input.catalogue.plan.title } : {}),
    },
    totals: {
      obligations: obligations.length,
      periods: input.verdicts.length,
      counts: totals,
      complianceRate: complianceRate(totals),
    },
    groups: groupTotals(obligations, input.summaries),
    outstanding: outstandingNow(obligations, input.asOf),
    departments,
    obligations,
    flags: input.flags.map((f) => ({
      obligationId: f.obligationId,
      periodKey: f.periodKey,
      due: f.due,
      units: f.units,
      status: f.status,
      raisedOn: f.raisedOn,
      notifiedAt: f.notifiedAt ?? null,
      history: f.history,
    })),
    waivers: input.waivers.map((w) => ({
      obligationId: w.obligationId,
      periodKey: w.periodKey ?? null,
      reason: w.reason,
      until: w.until,
      by: w.by,
      at: w.at,
    })),
    events: input.events.map((e) => ({
      obligationId: e.obligationId,
      date: e.date,
      note: e.note,
      by: e.by,
      at: e.at,
    })),
    warnings,
    ...(input.calendarCovers ? { calendarGaps: calendarGaps(input.verdicts, input.calendarCovers) } : {}),
    sources: input.sources.sources.map((s) => {
      const checks = input.checks.get(s.id) ?? [];
      const last = checks.at(-1);
      return {
        id: s.id,
        name: s.name,
        units: s.units,
        homepage: s.homepage,
        checks: checks.length,
        failedChecks: checks.filter((c) => !c.ok).length,
        lastCheckedAt: last?.checkedAt ?? null,
        lastOk: last ? last.ok : null,
        lastError: [...checks].reverse().find((c) => !c.ok)?.error ?? null,
        ...limitsOfLastCrawl(checks),
        documents: input.documents.filter((d) => d.sourceId === s.id).length,
      };
    }),
    ...(input.forecasts && input.forecasts.length > 0
      ? {
          siteVetoes: buildSiteVetoes({
            asOf: input.asOf,
            warningDays: input.vetoWarningDays ?? input.catalogue.policy?.vetoWarningDays ?? 14,
            forecasts: input.forecasts,
            obligations: input.catalogue.obligations,
            sources: input.sources.sources,
            documents: input.documents,
            checks: input.checks,
            archived: input.archived,
          }),
        }
      : {}),
    ...withPersonalData(input),
    trend: latestPerDay(input.summaries).map((s) => ({
      asOf: s.asOf,
      counts: { ...zeroCounts(), ...s.counts },
      complianceRate: complianceRate(s.counts),
    })),
  };
}

function withPersonalData(input: ReportInput): Pick<Report, 'personalData'> {
  const personalData = buildPersonalData({
    asOf: input.asOf,
    obligations: input.catalogue.obligations,
    sources: input.sources.sources,
    documents: input.documents,
    archived: input.archived,
  });
  return personalData ? { personalData } : {};
}

type Department = Report['departments'][number];

function addCounts(into: Counts, from: Partial<Counts>): void {
  for (const k of VERDICT_KINDS) into[k] += from[k] ?? 0;
}

/**
 * Per responsible unit, overall and per kind of duty. Departments rank by missing plan items and
 * annual reports first (what a department can still put right), then by missing website months;
 * collective units (市直有关单位…) follow, unranked, by name.
 */
function departmentRows(obligations: readonly ReportObligation[]): Department[] {
  const units = new Map<
    string,
    { counts: Counts; obligations: number; missingObligations: number; groups: Department['groups'] }
  >();
  for (const o of obligations) {
    for (const unit of o.units.length ? o.units : ['（未指定责任单位）']) {
      const row = units.get(unit) ?? {
        counts: zeroCounts(),
        obligations: 0,
        missingObligations: 0,
        groups: {},
      };
      row.obligations += 1;
      if (o.counts.missing > 0) row.missingObligations += 1;
      addCounts(row.counts, o.counts);
      const g = row.groups[o.group] ?? { obligations: 0, counts: zeroCounts(), complianceRate: null };
      row.groups[o.group] = g;
      g.obligations += 1;
      addCounts(g.counts as Counts, o.counts);
      units.set(unit, row);
    }
  }
  const duty = (d: Department) =>
    (d.groups.plan?.counts.missing ?? 0) + (d.groups['annual-report']?.counts.missing ?? 0);
  return [...units]
    .map(([unit, row]) => {
      for (const g of Object.values(row.groups)) g.complianceRate = complianceRate(g.counts);
      return { unit, ...row, complianceRate: complianceRate(row.counts), collective: isCollectiveUnit(unit) };
    })
    .sort(
      (a, b) =>
        Number(a.collective) - Number(b.collective) ||
        (a.collective ? 0 : duty(b) - duty(a) || b.counts.missing - a.counts.missing) ||
        a.unit.localeCompare(b.unit, 'zh'),
    );
}

const GROUPS = ['plan', 'website', 'annual-report'] as const;

/** Totals and the on-time trend per kind of duty; kinds the catalogue has none of are left out. */
function groupTotals(
  obligations: readonly ReportObligation[],
  summaries: readonly SweepSummary[],
): GroupTotals[] {
  const sweeps = latestPerDay(summaries);
  return GROUPS.flatMap((group) => {
    const mine = obligations.filter((o) => o.group === group);
    if (mine.length === 0) return [];
    const counts = zeroCounts();
    for (const o of mine) addCounts(counts, o.counts);
    return [
      {
        group,
        obligations: mine.length,
        periods: mine.reduce((n, o) => n + o.periods.length, 0),
        counts,
        complianceRate: complianceRate(counts),
        byDueMonth: ratesByDueMonth(mine),
        trend: sweeps
          .filter((s) => s.byGroup)
          .map((s) => ({ asOf: s.asOf, complianceRate: complianceRate(s.byGroup?.[group] ?? {}) })),
      },
    ];
  });
}

/** One summary per sweep date: a re-run of the same date replaces the earlier one. */
function latestPerDay(summaries: readonly SweepSummary[]): SweepSummary[] {
  const byDay = new Map<string, SweepSummary>();
  for (const s of summaries) {
    const seen = byDay.get(s.asOf);
    if (!seen || seen.recordedAt <= s.recordedAt) byDay.set(s.asOf, s);
  }
  return [...byDay.values()].sort(byText((s) => s.asOf));
}

/** What the source's last crawl (its checks share one `checkedAt`) left unread because of a limit. */
function limitsOfLastCrawl(checks: readonly HealthCheck[]): { limitsHit?: string[] } {
  const last = checks.at(-1)?.checkedAt;
  const hit = checks.filter((c) => c.checkedAt === last && c.limitHit).map((c) => c.limitHit!);
  return hit.length > 0 ? { limitsHit: hit } : {};
}
