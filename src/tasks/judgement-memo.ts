/**
 * Incremental judging: a process keeps each obligation's last judgement (its evidence, candidates,
 * match warnings and verdicts) with a fingerprint of what that judgement read, and the next sweep
 * of the same process re-judges only the obligations whose judgement can have changed. The local
 * runner's year of sweeps and a warm Lambda container gain it; a cold start judges everything.
 *
 * An obligation's stored judgement is reused as of a later date only when all of these hold, each
 * because the core reads nothing else (src/core/match, src/core/verdicts.ts):
 * - it is judged from documents (no site or personal-data rule: those read every new check);
 * - every one of its periods fell due before the previous judgement's date, so no period can move
 *   between pending, due-soon and missing, and each period's check window ended before it;
 * - its periods, active waivers and active manual evidence are the same (the fingerprint);
 * - no document that could be its evidence changed, appeared or disappeared: the documents of its
 *   units' sources and of every source with a document naming one of its units (the fingerprint
 *   digests them, all fields but lastSeen, which judging never reads);
 * - none of those documents shows a date after the previous judgement's date (it would count from
 *   the day it becomes "published", with no change to any document);
 * - no check of those sources was recorded with an instant the previous judgement had already
 *   covered (a backfilled check could change a window or the backdating test; new checks come after).
 * Anything else re-judges it. test/unit/tasks/incremental-judging.test.ts compares a sequence of
 * incremental judgements with judging everything from scratch at each date.
 */
import { createHash } from 'node:crypto';
import type { IsoDate } from '../core/dates';
import type { Document } from '../core/document';
import type { Evidence } from '../core/evidence';
import type { DocumentIndex } from '../core/match/document-index';
import { sourcesOf, type UnitSources } from '../core/match/match-evidence';
import type { Obligation } from '../core/obligation';
import type { Period } from '../core/period';
import type { Verdict } from '../core/verdict';
import type { Waiver } from '../core/verdicts';
import type { HealthCheck } from '../store/ports';

/** One obligation's judgement as of the memo's date. */
export interface ObligationJudgement {
  fingerprint: string;
  evidence: Evidence[];
  candidates: Evidence[];
  warnings: string[];
  verdicts: Verdict[];
}

export interface JudgementMemo {
  asOf: IsoDate;
  /** The last instant the memo's judgement covered (end of its day, Shanghai). */
  cutoff: string;
  /** Checks per source with checkedAt ≤ cutoff when the memo was made. */
  checksSeen: Map<string, number>;
  byObligation: Map<string, ObligationJudgement>;
}

export interface JudgementInputs {
  obligations: readonly Obligation[];
  periods: ReadonlyMap<string, readonly Period[]>;
  documents: readonly Document[];
  index: DocumentIndex;
  unitSources: UnitSources;
  checks: ReadonlyMap<string, readonly HealthCheck[]>;
  waivers: readonly Waiver[];
  manual: readonly Evidence[];
}

export interface JudgementPlan {
  fingerprints: Map<string, string>;
  /** Obligations whose memo entry stands, by id. */
  reused: Map<string, ObligationJudgement>;
  /** Obligations to judge again, in catalogue order. */
  fresh: Obligation[];
}

const digest = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/** Per source: a digest of its documents as judging reads them (lastSeen left out), and their latest shown date. */
function sourceDigests(documents: readonly Document[]): Map<string, { digest: string; latestDate: string }> {
  const bySource = new Map<string, Document[]>();
  for (const doc of documents) {
    const list = bySource.get(doc.sourceId);
    if (list) list.push(doc);
    else bySource.set(doc.sourceId, [doc]);
  }
  const out = new Map<string, { digest: string; latestDate: string }>();
  for (const [sourceId, docs] of bySource) {
    const sorted = [...docs].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
    out.set(sourceId, {
      digest: digest(sorted.map(({ lastSeen: _, ...judged }) => judged)),
      latestDate: sorted.reduce((latest, d) => (d.date && d.date > latest ? d.date : latest), ''),
    });
  }
  return out;
}

/** Sources whose checks up to the memo's cutoff are not the ones the memo saw. */
function backfilledSources(
  memo: JudgementMemo,
  checks: ReadonlyMap<string, readonly HealthCheck[]>,
): Set<string> {
  const out = new Set<string>();
  for (const [sourceId, list] of checks) {
    const upTo = list.filter((c) => c.checkedAt <= memo.cutoff).length;
    if (upTo !== (memo.checksSeen.get(sourceId) ?? 0)) out.add(sourceId);
  }
  return out;
}

/** Decides which obligations are judged again and which keep the memo's judgement. */
export function planJudgement(
  inputs: JudgementInputs,
  memo: JudgementMemo | undefined,
  asOf: IsoDate,
): JudgementPlan {
  const digests = sourceDigests(inputs.documents);
  const usable = memo && memo.asOf <= asOf ? memo : undefined;
  const backfilled = usable ? backfilledSources(usable, inputs.checks) : new Set<string>();
  const fingerprints = new Map<string, string>();
  const reused = new Map<string, ObligationJudgement>();
  const fresh: Obligation[] = [];
  for (const obligation of inputs.obligations) {
    const units = obligation.evidence.units ?? obligation.units;
    const own = sourcesOf(inputs.unitSources, units);
    const naming = new Set<string>();
    for (const unit of units) for (const s of inputs.index.sourcesNaming(unit)) naming.add(s);
    const read = [...new Set([...own, ...naming])].sort();
    const periods = inputs.periods.get(obligation.id) ?? [];
    const fingerprint = digest({
      periods,
      own,
      read: read.map((s) => [s, digests.get(s)?.digest ?? '']),
      waivers: inputs.waivers.filter((w) => w.obligationId === obligation.id),
      manual: inputs.manual.filter((e) => e.obligationId === obligation.id),
    });
    fingerprints.set(obligation.id, fingerprint);
    const before = usable?.byObligation.get(obligation.id);
    const stands =
      usable !== undefined &&
      before?.fingerprint === fingerprint &&
      !obligation.evidence.site &&
      !obligation.evidence.personalData &&
      periods.every((p) => p.due < usable.asOf) &&
      read.every((s) => !backfilled.has(s) && (digests.get(s)?.latestDate ?? '') <= usable.asOf);
    if (stands && before) reused.set(obligation.id, before);
    else fresh.push(obligation);
  }
  return { fingerprints, reused, fresh };
}

/** The memo after a judgement as of `asOf`: every obligation's judgement, and the checks it covered. */
export function nextMemo(
  asOf: IsoDate,
  cutoff: string,
  checks: ReadonlyMap<string, readonly HealthCheck[]>,
  byObligation: Map<string, ObligationJudgement>,
): JudgementMemo {
  const checksSeen = new Map<string, number>();
  for (const [sourceId, list] of checks)
    checksSeen.set(sourceId, list.filter((c) => c.checkedAt <= cutoff).length);
  return { asOf, cutoff, checksSeen, byObligation };
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
