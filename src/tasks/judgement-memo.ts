/**
 * Incremental judging: the last sweep's judgement is kept (a `JudgementStore`: DynamoDB on AWS, so
 * a cold Lambda judges incrementally too) with what each obligation's judgement read, and the next
 * sweep re-judges only the obligations whose judgement can have changed, reading only the
 * documents it needs: those of sources whose documents changed since, and those the re-judged
 * obligations read. Sources keep, between sweeps, what judging needs of an unchanged source without
 * its documents (`JudgedSource`: the units its documents name, their latest dates, the documents
 * personal-data rules read).
 *
 * An obligation's stored judgement is reused as of a later date only when all of these hold, each
 * because the core reads nothing else (src/core/match, src/core/verdicts.ts):
 * - the configuration judged (catalogue and sources file) is the same;
 * - it is judged from documents (no site or personal-data rule: those read every new check);
 * - its periods, active waivers and active manual evidence are the same, and so are the sources it
 *   reads (its units' own and every source with a document naming one of its units) and their
 *   document counters (the fingerprint): no document that could be its evidence changed, appeared
 *   or disappeared;
 * - none of those sources has a document dated after the previous judgement's date or first seen
 *   after its cutoff (it would count from the day it becomes visible, with no change to any document);
 * - no check of those sources was recorded with an instant the previous judgement had already
 *   covered (a backfilled check could change a window or the backdating test; new checks come after).
 * Then its evidence (matches, candidates, match warnings) stands, unless it is a continuous duty (its
 * evidence is presence in the column at each check, so every new check adds some); its verdicts
 * stand too when every
 * one of its periods fell due before the date they were judged as of (no period can move between
 * pending, due-soon and missing, and each period's check window ended before it), else its periods
 * are judged again from the stored evidence and the documents it links, kept with it. Anything
 * else matches and judges it again. test/unit/tasks/incremental-judging.test.ts compares a sequence of
 * incremental judgements, in one process and across cold starts, with judging everything from
 * scratch at each date.
 */
import { createHash } from 'node:crypto';
import type { IsoDate } from '../core/dates';
import type { Document } from '../core/document';
import type { Evidence } from '../core/evidence';
import { sourcesOf, type UnitSources } from '../core/match/match-evidence';
import type { Obligation } from '../core/obligation';
import type { Period } from '../core/period';
import type { Waiver } from '../core/verdicts';
import type { HealthCheck, JudgedSource, ObligationJudgement, StoredJudgement } from '../store/ports';

export type { ObligationJudgement };

export interface JudgementInputs {
  obligations: readonly Obligation[];
  periods: ReadonlyMap<string, readonly Period[]>;
  /** Every source's state now: re-read for sources whose documents changed, kept for the others. */
  sources: ReadonlyMap<string, JudgedSource>;
  /** Sources whose documents were read again for this judgement. */
  changed: ReadonlySet<string>;
  unitSources: UnitSources;
  checks: ReadonlyMap<string, readonly HealthCheck[]>;
  waivers: readonly Waiver[];
  manual: readonly Evidence[];
}

export interface JudgementPlan {
  fingerprints: Map<string, string>;
  /** Per obligation, the sources its judgement reads. */
  reads: Map<string, string[]>;
  /** Obligations whose stored judgement stands, by id. */
  reused: Map<string, ObligationJudgement>;
  /**
   * Obligations whose evidence stands but whose periods are judged again (one is not yet due, so
   * the date alone can change its verdicts), with their stored judgement, in catalogue order.
   */
  reevaluated: { obligation: Obligation; before: ObligationJudgement }[];
  /** Obligations to match and judge again, in catalogue order. */
  fresh: Obligation[];
}

const digest = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/** Digest of what the judgement reads beyond documents and checks: a change re-judges everything. */
export function configDigest(value: unknown): string {
  return digest(value);
}

/**
 * Sources whose documents must be read again: unknown to the stored judgement, their counter moved,
 * or their personal-data documents were too many to keep. `versions` names every source (0: none yet).
 */
export function changedSources(
  versions: ReadonlyMap<string, number>,
  stored: StoredJudgement | undefined,
): Set<string> {
  const out = new Set<string>();
  for (const [sourceId, version] of versions) {
    const known = stored?.sources.get(sourceId);
    if (!known || known.version !== version || known.privacy === null) out.add(sourceId);
  }
  return out;
}

/** Above this many, a source's personal-data documents are not kept: its documents are read instead. */
const PRIVACY_KEPT = 200;

/** What judging needs to remember of a source whose documents it just read (all of them, visible or not). */
export function judgedSource(
  version: number,
  documents: readonly Document[],
  checksSeen: number,
): JudgedSource {
  const units = new Set<string>();
  let latestDate = '';
  let latestFirstSeen = '';
  const privacy: Document[] = [];
  for (const doc of documents) {
    for (const unit of doc.units) units.add(unit);
    if (doc.date && doc.date > latestDate) latestDate = doc.date;
    if (doc.firstSeen > latestFirstSeen) latestFirstSeen = doc.firstSeen;
    const scan = doc.personalData;
    if (scan && (scan.findings.length > 0 || scan.unread.length > 0)) privacy.push(doc);
  }
  return {
    version,
    checksSeen,
    unitsNamed: [...units].sort(),
    latestDate,
    latestFirstSeen,
    privacy: privacy.length > PRIVACY_KEPT ? null : privacy,
  };
}

/** Checks of a source with checkedAt ≤ cutoff. */
export function checksUpToCutoff(checks: readonly HealthCheck[] | undefined, cutoff: string): number {
  return (checks ?? []).filter((c) => c.checkedAt <= cutoff).length;
}

/** Per unit, the sources with a document naming it. */
function namingIndex(sources: ReadonlyMap<string, JudgedSource>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [sourceId, state] of sources)
    for (const unit of state.unitsNamed) {
      const list = out.get(unit);
      if (list) list.push(sourceId);
      else out.set(unit, [sourceId]);
    }
  return out;
}

/** Decides which obligations are judged again and which keep the stored judgement. */
export function planJudgement(
  inputs: JudgementInputs,
  stored: StoredJudgement | undefined,
  asOf: IsoDate,
): JudgementPlan {
  const usable = stored && stored.head.asOf <= asOf ? stored : undefined;
  const naming = namingIndex(inputs.sources);
  const fingerprints = new Map<string, string>();
  const reads = new Map<string, string[]>();
  const reused = new Map<string, ObligationJudgement>();
  const reevaluated: JudgementPlan['reevaluated'] = [];
  const fresh: Obligation[] = [];
  const settledSource = (sourceId: string): boolean => {
    if (!usable || inputs.changed.has(sourceId)) return false;
    const now = inputs.sources.get(sourceId);
    const before = usable.sources.get(sourceId);
    if (!now || !before) return false;
    return (
      checksUpToCutoff(inputs.checks.get(sourceId), usable.head.cutoff) === before.checksSeen &&
      now.latestDate <= usable.head.asOf &&
      now.latestFirstSeen <= usable.head.cutoff
    );
  };
  for (const obligation of inputs.obligations) {
    const units = obligation.evidence.units ?? obligation.units;
    const own = sourcesOf(inputs.unitSources, units);
    const read = new Set(own);
    for (const unit of units) for (const s of naming.get(unit) ?? []) read.add(s);
    const sorted = [...read].sort();
    const periods = inputs.periods.get(obligation.id) ?? [];
    const fingerprint = digest({
      periods,
      own,
      read: sorted.map((s) => [s, inputs.sources.get(s)?.version ?? 0]),
      waivers: inputs.waivers.filter((w) => w.obligationId === obligation.id),
      manual: inputs.manual.filter((e) => e.obligationId === obligation.id),
    });
    fingerprints.set(obligation.id, fingerprint);
    reads.set(obligation.id, sorted);
    const before = usable?.byObligation.get(obligation.id);
    const evidenceStands =
      usable !== undefined &&
      before?.fingerprint === fingerprint &&
      !obligation.evidence.site &&
      !obligation.evidence.personalData &&
      sorted.every(settledSource);
    if (!evidenceStands || !before) fresh.push(obligation);
    else if (periods.every((p) => p.due < before.judgedOn)) reused.set(obligation.id, before);
    // A continuous duty's evidence is its documents' presence in their column at each check: new
    // checks add evidence, so it is matched again.
    else if (obligation.schedule.kind === 'continuous') fresh.push(obligation);
    else reevaluated.push({ obligation, before });
  }
  return { fingerprints, reads, reused, reevaluated, fresh };
}

/**
 * Sources whose documents judging the fresh obligations reads. A personal-data rule with no words
 * to match reads only the documents its site keeps in `JudgedSource.privacy`.
 */
export function sourcesToRead(plan: JudgementPlan, unitSources: UnitSources): Set<string> {
  const out = new Set<string>();
  for (const obligation of plan.fresh) {
    const rule = obligation.evidence;
    if (rule.site || rule.verifiable === false) continue;
    const wordless = !rule.keywords?.length && !rule.titlePatterns?.length;
    if (rule.personalData && wordless && sourcesOf(unitSources, rule.units ?? obligation.units).length > 0)
      continue;
    for (const s of plan.reads.get(obligation.id) ?? []) out.add(s);
  }
  return out;
}

/** Items grouped by obligation id, each group in its original order. */
export function groupByObligation<T extends { obligationId: string }>(items: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(item.obligationId);
    if (list) list.push(item);
    else out.set(item.obligationId, [item]);
  }
  return out;
}
