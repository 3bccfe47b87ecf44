/**
 * Loads what judging needs from the stores and runs the pure core over it. MatchEvidence,
 * EvaluateVerdicts and WriteReport all call this: matching is pure and cheap, so each recomputes it
 * from the same stored facts instead of trusting evidence an older catalogue produced.
 */
import { randomUUID } from 'node:crypto';
import { WorkingDayCalendar } from '../core/calendar';
import { type IsoDate, shanghaiDate } from '../core/dates';
import type { Document } from '../core/document';
import type { Evidence } from '../core/evidence';
import { columnChecksFrom, matchEvidence, unitSourcesFrom } from '../core/match';
import { DocumentIndex } from '../core/match/document-index';
import { periodsByObligation } from '../core/match/match-evidence';
import type { Obligation } from '../core/obligation';
import type { Period } from '../core/period';
import { periodsFor, type RecordedEvent } from '../core/periods';
import { DEFAULT_POLICY, type Policy } from '../core/policy';
import { forecastSites, type SiteForecast } from '../core/site-forecast';
import type { Verdict } from '../core/verdict';
import { evaluate, type SourceCheck, type Waiver } from '../core/verdicts';
import type { HealthCheck, JudgedSource, LedgerEntry, StoredJudgement } from '../store/ports';
import { checksUpTo } from './check-history';
import type { TaskDeps } from './deps';
import { judgedCatalogue } from './judged-catalogue';
import {
  changedSources,
  checksUpToCutoff,
  configDigest,
  groupByObligation,
  type JudgementPlan,
  judgedSource,
  type ObligationJudgement,
  planJudgement,
  sourcesToRead,
} from './judgement-memo';
import { SOURCE_VERSION } from './source-version';

export interface Assessment {
  asOf: IsoDate;
  policy: Policy;
  calendar: WorkingDayCalendar;
  periods: Period[];
  /**
   * The documents judging read, visible as of `asOf`: every document of the sources it read again,
   * and the personal-data documents kept for the others. A report lists `visibleDocuments`.
   */
  documents: Document[];
  checks: Map<string, HealthCheck[]>;
  evidence: Evidence[];
  candidates: Evidence[];
  verdicts: Verdict[];
  events: Extract<LedgerEntry, { type: 'event' }>[];
  waivers: Extract<LedgerEntry, { type: 'waiver' }>[];
  warnings: string[];
  /** 政府网站单项否决预警: per site with veto rules, what trips now and what trips next. */
  forecasts: SiteForecast[];
  /** Obligations judged again by this assessment (the others kept their judgement). */
  rejudged: number;
  /** Of those, the ones matched again (the others' sources had not changed: their evidence stood). */
  rematched: number;
  /** Documents read from the store for this assessment (only the sources judging needed). */
  documentsRead: number;
}

/**
 * Bumped when judging changes what it stores or how it judges: a stored judgement of another format
 * is not reused. Built code (the Lambda bundles, the CLI) also carries the digest of its sources
 * (SOURCE_VERSION), so any change of code re-judges everything once even when this is not bumped.
 */
const JUDGEMENT_FORMAT = 1;

const calendars = new WeakMap<object, WorkingDayCalendar>();

/** One calendar per catalogue, so its "no data for year N" warnings are collected once. */
export function calendarFor(deps: TaskDeps): WorkingDayCalendar {
  let calendar = calendars.get(deps.catalogue);
  if (!calendar) {
    calendar = deps.calendar ?? WorkingDayCalendar.chinese(deps.catalogue.calendar);
    calendars.set(deps.catalogue, calendar);
  }
  return calendar;
}

function manualEvidence(
  entries: Extract<LedgerEntry, { type: 'manual-evidence' }>[],
  asOf: IsoDate,
): Evidence[] {
  return entries
    .filter((e) => e.publishedOn <= asOf)
    .map((e) => ({
      obligationId: e.obligationId,
      periodKey: e.periodKey,
      url: e.url,
      kind: 'manual' as const,
      score: 1,
      terms: [],
      reason: `entered by ${e.by} on ${e.at.slice(0, 10)}: ${e.note}`,
      publishedOn: e.publishedOn,
      sha256: null,
      title: e.note,
      recordedAt: e.at,
      by: e.by,
    }));
}

const recent = new WeakMap<TaskDeps, { key: string; assessment: Promise<Assessment> }>();

/**
 * The assessment for one sweep, computed once per process: MatchEvidence, EvaluateVerdicts and
 * WriteReport of the same run share it when they run in the same process (the local runner, a warm
 * Lambda container). Nothing they write between them changes its inputs (evidence records and flags
 * are outputs, not inputs, of judging).
 */
export function assessForRun(
  deps: TaskDeps,
  asOf: IsoDate,
  runId: string,
  options: AssessOptions = {},
): Promise<Assessment> {
  const key = `${runId}|${asOf}`;
  const cached = recent.get(deps);
  if (cached?.key === key) return cached.assessment;
  const assessment = assess(deps, asOf, runId, options);
  recent.set(deps, { key, assessment });
  assessment.catch(() => recent.delete(deps));
  return assessment;
}

export interface AssessOptions {
  /** Store the judgement for the next sweep (default). Readers (WriteReport, `gongkai report`) do not. */
  keep?: boolean;
}

/** Everything known as of `asOf`, judged. Ledger entries made after `asOf` are left out. */
export async function assess(
  deps: TaskDeps,
  asOf: IsoDate,
  runId: string = randomUUID(),
  options: AssessOptions = {},
): Promise<Assessment> {
  const { sources, stores } = deps;
  const catalogue = judgedCatalogue(deps);
  const policy = catalogue.policy ?? DEFAULT_POLICY;
  const calendar = calendarFor(deps);
  const judgements = stores.judgements;
  const [events, waivers, manual, counters, loadedJudgement] = await Promise.all([
    stores.ledger.list('event'),
    stores.ledger.list('waiver'),
    stores.ledger.list('manual-evidence'),
    stores.documents.documentVersions(),
    judgements.load(),
  ]);
  const recorded: RecordedEvent[] = events.filter((e) => e.date <= asOf);
  const periods = catalogue.obligations.flatMap((o) =>
    periodsFor(o, { year: catalogue.plan.year, policy, calendar, events: recorded }),
  );
  const cutoff = endOfDayInstant(asOf);
  const checks = await checksUpTo(
    stores.health,
    sources.sources.map((s) => s.id),
    cutoff,
  );
  const versions = new Map<string, number>(sources.sources.map((s) => [s.id, 0]));
  for (const [id, version] of counters) versions.set(id, version);
  const config = configFor(deps);
  const stored = loadedJudgement?.head.config === config ? loadedJudgement : undefined;
  const changed = changedSources(versions, stored);
  const loaded = await readSources(deps, changed, new Map());
  const states = sourceStates(versions, loaded, stored, checks, cutoff);
  const allChecks = [...checks.values()].flat();
  const unitSources = unitSourcesFrom(sources.sources);
  const activeManual = manualEvidence(manual, asOf);
  const sourceChecks = new Map<string, SourceCheck[]>(
    [...checks].map(([id, list]) => [id, list.filter((c) => c.checkedAt <= cutoff)]),
  );
  const activeWaivers: Waiver[] = waivers
    // A waiver counts from the day it was entered (Asia/Shanghai), like every date the monitor judges by.
    .filter((w) => shanghaiDate(w.at) <= asOf)
    .map((w) => ({
      obligationId: w.obligationId,
      until: w.until,
      by: w.by,
      reason: w.reason,
      ...(w.periodKey ? { periodKey: w.periodKey } : {}),
    }));
  const periodsById = periodsByObligation(periods);
  const plan = planJudgement(
    {
      obligations: catalogue.obligations,
      periods: periodsById,
      sources: states,
      changed,
      unitSources,
      checks,
      waivers: activeWaivers,
      manual: activeManual,
    },
    stored,
    asOf,
  );
  // Only the obligations whose judgement can have changed are matched and judged, over the
  // documents of the sources they read (judgement-memo.ts).
  await readSources(deps, sourcesToRead(plan, unitSources), loaded);
  const visible = [...loaded.values()].flat().filter((d) => d.firstSeen <= cutoff);
  const kept = [...states]
    .filter(([id]) => !loaded.has(id))
    .flatMap(([, state]) => state.privacy ?? [])
    .filter((d) => d.firstSeen <= cutoff);
  const index = new DocumentIndex(visible);
  const match = matchEvidence({
    obligations: plan.fresh,
    periods: periodsById,
    documents: visible,
    index,
    unitSources,
    asOf,
    year: catalogue.plan.year,
    columnChecks: columnChecksFrom(allChecks.filter((c) => c.checkedAt <= cutoff)),
    sources: sources.sources,
  });
  const freshIds = new Set(plan.fresh.map((o) => o.id));
  const again = new Set(plan.reevaluated.map((r) => r.obligation.id));
  const standing = plan.reevaluated.map((r) => r.before);
  const judgedIds = new Set([...freshIds, ...again]);
  const documents = [...visible, ...kept];
  const judged = evaluate({
    obligations: catalogue.obligations.filter((o) => judgedIds.has(o.id)),
    periods: periodsById,
    evidence: [
      ...match.evidence,
      ...standing.flatMap((j) => j.evidence),
      ...activeManual.filter((e) => judgedIds.has(e.obligationId)),
      ...match.candidates,
      ...standing.flatMap((j) => j.candidates),
    ],
    waivers: activeWaivers.filter((w) => judgedIds.has(w.obligationId)),
    checks: sourceChecks,
    unitSources,
    // The documents the re-evaluated obligations link come with their stored judgement.
    documents: [...standing.flatMap((j) => j.documents), ...documents],
    asOf,
    policy,
    calendar,
    sites: sources.sources,
  });
  const merged = mergeJudgements(catalogue.obligations, plan, match, judged, visible, asOf);
  const written = new Map<string, ObligationJudgement>();
  const ruleJudged = new Set(
    catalogue.obligations.filter((o) => o.evidence.site || o.evidence.personalData).map((o) => o.id),
  );
  for (const [id, entry] of merged.byObligation) {
    // Site and personal-data rules are judged again every sweep: their judgement is never reused.
    if (ruleJudged.has(id)) continue;
    if (freshIds.has(id)) written.set(id, entry);
    // Judged again by date alone: stored only once its verdicts can stand as they are (every period
    // fell due before today), not every sweep their reasons name a new date.
    else if (again.has(id) && (periodsById.get(id) ?? []).every((p) => p.due < asOf)) written.set(id, entry);
  }
  const committed =
    options.keep === false ||
    (await judgements.save(
      {
        // Unique per judgement: the tasks of one sweep each store theirs.
        head: { runId: `${asOf}#${runId}#${randomUUID().slice(0, 8)}`, asOf, cutoff, config },
        sources: states,
        written,
      },
      loadedJudgement?.head,
    ));
  if (!committed)
    deps.log('another sweep stored its judgement meanwhile; this one is not kept', { asOf }, 'warn');
  const evidence = [...merged.evidence, ...activeManual];
  const verdicts = merged.verdicts;
  const forecasts = forecastSites({
    obligations: catalogue.obligations,
    sites: sources.sources,
    checks: sourceChecks,
    asOf,
    warningDays: policy.vetoWarningDays,
  });
  return {
    forecasts,
    asOf,
    policy,
    calendar,
    periods,
    documents,
    checks,
    evidence,
    candidates: merged.candidates,
    verdicts,
    events,
    waivers,
    warnings: [...merged.warnings, ...calendar.warnings],
    rejudged: plan.fresh.length + plan.reevaluated.length,
    rematched: plan.fresh.length,
    documentsRead: [...loaded.values()].reduce((n, list) => n + list.length, 0),
  };
}

/** Every document visible as of `asOf` (first seen by the end of that day): what a report lists. */
export async function visibleDocuments(deps: TaskDeps, asOf: IsoDate): Promise<Document[]> {
  const cutoff = endOfDayInstant(asOf);
  return (await deps.stores.documents.listDocuments()).filter((d) => d.firstSeen <= cutoff);
}

/** Reads the documents of the sources not read yet into `into` (all of them, visible or not). */
async function readSources(
  deps: TaskDeps,
  sourceIds: Iterable<string>,
  into: Map<string, Document[]>,
): Promise<Map<string, Document[]>> {
  const wanted = [...sourceIds].filter((id) => !into.has(id));
  for (let i = 0; i < wanted.length; i += 8) {
    const batch = wanted.slice(i, i + 8);
    const lists = await Promise.all(
      batch.map((sourceId) => deps.stores.documents.listDocuments({ sourceId })),
    );
    for (const [j, id] of batch.entries()) into.set(id, lists[j] ?? []);
  }
  return into;
}

/** Every source's state: from its documents when they were read, else as stored, with its checks counted now. */
function sourceStates(
  versions: ReadonlyMap<string, number>,
  loaded: ReadonlyMap<string, readonly Document[]>,
  stored: StoredJudgement | undefined,
  checks: ReadonlyMap<string, readonly HealthCheck[]>,
  cutoff: string,
): Map<string, JudgedSource> {
  const out = new Map<string, JudgedSource>();
  for (const [id, version] of versions) {
    const checksSeen = checksUpToCutoff(checks.get(id), cutoff);
    const docs = loaded.get(id);
    const kept = stored?.sources.get(id);
    if (docs) out.set(id, judgedSource(version, docs, checksSeen));
    else if (kept) out.set(id, { ...kept, checksSeen });
  }
  return out;
}

const configs = new WeakMap<object, WeakMap<object, string>>();

/** Digest of the judged catalogue and the sources, computed once per catalogue and sources file. */
function configFor(deps: TaskDeps): string {
  let bySources = configs.get(deps.catalogue);
  if (!bySources) {
    bySources = new WeakMap();
    configs.set(deps.catalogue, bySources);
  }
  let config = bySources.get(deps.sources);
  if (!config) {
    config = configDigest({
      format: JUDGEMENT_FORMAT,
      code: SOURCE_VERSION,
      catalogue: judgedCatalogue(deps),
      sources: deps.sources.sources,
    });
    bySources.set(deps.sources, config);
  }
  return config;
}

/**
 * The judgement of every obligation in catalogue order, the fresh ones from this run and the others
 * as stored: the same lists, in the same order, as matching and judging all of them at once.
 */
function mergeJudgements(
  obligations: readonly Obligation[],
  plan: JudgementPlan,
  match: { evidence: Evidence[]; candidates: Evidence[]; warnings: string[] },
  judged: Verdict[],
  visible: readonly Document[],
  asOf: IsoDate,
) {
  const evidence = groupByObligation(match.evidence);
  const candidates = groupByObligation(match.candidates);
  const verdicts = groupByObligation(judged);
  const again = new Map(plan.reevaluated.map((r) => [r.obligation.id, r.before]));
  const byUrl = new Map(visible.map((d) => [d.url, d]));
  const byObligation = new Map<string, ObligationJudgement>();
  const out = {
    evidence: [] as Evidence[],
    candidates: [] as Evidence[],
    warnings: [] as string[],
    verdicts: [] as Verdict[],
  };
  for (const obligation of obligations) {
    const before = again.get(obligation.id);
    const entry =
      plan.reused.get(obligation.id) ??
      (before ? { ...before, verdicts: verdicts.get(obligation.id) ?? [], judgedOn: asOf } : undefined) ??
      freshEntry(
        obligation.id,
        plan,
        {
          evidence: evidence.get(obligation.id) ?? [],
          candidates: candidates.get(obligation.id) ?? [],
          warnings: match.warnings.filter((w) => w.startsWith(`${obligation.id}: `)),
          verdicts: verdicts.get(obligation.id) ?? [],
          judgedOn: asOf,
        },
        byUrl,
      );
    byObligation.set(obligation.id, entry);
    out.evidence.push(...entry.evidence);
    out.candidates.push(...entry.candidates);
    out.warnings.push(...entry.warnings);
    out.verdicts.push(...entry.verdicts);
  }
  return { ...out, byObligation };
}

/** A judgement just made, with the documents its evidence and candidates link. */
function freshEntry(
  obligationId: string,
  plan: JudgementPlan,
  judged: Pick<ObligationJudgement, 'evidence' | 'candidates' | 'warnings' | 'verdicts' | 'judgedOn'>,
  byUrl: ReadonlyMap<string, Document>,
): ObligationJudgement {
  const urls = new Set([...judged.evidence, ...judged.candidates].map((e) => e.url));
  return {
    fingerprint: plan.fingerprints.get(obligationId) ?? '',
    reads: plan.reads.get(obligationId) ?? [],
    ...judged,
    documents: [...urls].flatMap((url) => byUrl.get(url) ?? []),
  };
}

/** The last instant of a Shanghai calendar day, as a UTC ISO string comparable with stored instants. */
export function endOfDayInstant(date: IsoDate): string {
  return new Date(`${date}T23:59:59.999+08:00`).toISOString();
}
