import { byText, compareText } from '../compare';
import { type IsoDate, shanghaiDate, yearOf } from '../dates';
import { type Document, type FetchProblem, notEvidence } from '../document';
import type { Evidence } from '../evidence';
import type { Obligation } from '../obligation';
import type { Period } from '../period';
import { defaultPeriodFrom } from '../period-from';
import type { Source } from '../source';
import { type AssignContext, type Assignment, assignerFor, type Matched, relevanceWindow } from './assign';
import { DocumentIndex } from './document-index';
import { type ColumnChecks, type Publication, presenceOn, publishedOn } from './published-on';
import { type CompiledRule, compileRule, testRule } from './rule-test';
import { type NamedPeriod, periodsNamedInTitle } from './title-period';

/** unit → ids of the sources that carry that unit's evidence. */
export type UnitSources =
  | ReadonlyMap<string, readonly string[]>
  | Readonly<Record<string, readonly string[]>>;

export interface MatchInput {
  obligations: readonly Obligation[];
  /** Periods per obligation id, or one flat list (grouped by `obligationId`). */
  periods: ReadonlyMap<string, readonly Period[]> | readonly Period[];
  documents: readonly Document[];
  unitSources: UnitSources;
  asOf: IsoDate;
  /** Plan year, for titles that name a period without a year; default: the year of the earliest period. */
  year?: number;
  /** Successful column checks, for the backdating test (see publishedOn). */
  columnChecks?: ColumnChecks;
  backdatingToleranceDays?: number;
  /** Sources, only to name sites and columns in reasons. */
  sources?: readonly Source[];
  /** A prebuilt index of `documents` (reuse it across runs over the same documents). */
  index?: DocumentIndex;
}

export interface MatchResult {
  /** Links that count (kind `match`), earliest publication first per obligation-period. */
  evidence: Evidence[];
  /** Near misses (kind `candidate`): right unit and topic, but no period fits or not yet published. */
  candidates: Evidence[];
  warnings: string[];
}

/** Builds unit → source ids from the sources file. */
export function unitSourcesFrom(sources: readonly Pick<Source, 'id' | 'units'>[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const source of sources) {
    for (const unit of source.units) {
      const list = out.get(unit);
      if (list) list.push(source.id);
      else out.set(unit, [source.id]);
    }
  }
  return out;
}

export function sourcesOf(unitSources: UnitSources, units: readonly string[]): string[] {
  const get = (u: string): readonly string[] | undefined =>
    unitSources instanceof Map ? unitSources.get(u) : (unitSources as Record<string, readonly string[]>)[u];
  return [...new Set(units.flatMap((u) => get(u) ?? []))];
}

/** Groups a flat period list by obligation, each sorted by start. */
export function periodsByObligation(
  periods: ReadonlyMap<string, readonly Period[]> | readonly Period[],
): Map<string, Period[]> {
  const out = new Map<string, Period[]>();
  const add = (id: string, list: readonly Period[]) => {
    const existing = out.get(id);
    if (existing) existing.push(...list);
    else out.set(id, [...list]);
  };
  if (periods instanceof Map) for (const [id, list] of periods) add(id, list);
  else for (const p of periods as readonly Period[]) add(p.obligationId, [p]);
  for (const list of out.values()) list.sort(byText((p) => p.start));
  return out;
}

/**
 * Links crawled documents to obligation-periods by each obligation's evidence rule. See
 * docs/matching.md for the rules, the index, title periods, scores, reasons and candidates.
 */
export function matchEvidence(input: MatchInput): MatchResult {
  const index = input.index ?? new DocumentIndex(input.documents);
  const docs = index.docs;
  const byObligation = periodsByObligation(input.periods);
  const year = input.year ?? inferYear(byObligation, input.asOf);
  const names = nameLookup(input.sources);
  const pubs: (Publication | undefined)[] = new Array(docs.length);
  const publication = (id: number): Publication => {
    let pub = pubs[id];
    if (!pub) {
      pub = publishedOn(docs[id]!, input.columnChecks, input.backdatingToleranceDays);
      pubs[id] = pub;
    }
    return pub;
  };
  const titles = new Map<string, NamedPeriod[]>();
  const named = (doc: Document): NamedPeriod[] => {
    let found = titles.get(doc.title);
    if (!found) {
      found = periodsNamedInTitle(doc.title, year);
      titles.set(doc.title, found);
    }
    return found;
  };
  const evidence: Evidence[] = [];
  const candidates: Evidence[] = [];
  const warnings: string[] = [];

  for (const obligation of input.obligations) {
    const rule = obligation.evidence;
    if (rule.verifiable === false || rule.site) continue;
    const periods = byObligation.get(obligation.id);
    if (!periods || periods.length === 0) continue;
    const units = rule.units ?? obligation.units;
    const own = new Set(sourcesOf(input.unitSources, units));
    const others = new Set<string>();
    for (const unit of units) for (const s of index.sourcesNaming(unit)) if (!own.has(s)) others.add(s);
    if (own.size === 0 && others.size === 0) {
      warnings.push(`${obligation.id}: no source carries the evidence of ${units.join('、') || '(no unit)'}`);
      continue;
    }
    const compiled = compileRule(rule);
    const matched: Matched[] = [];
    const unitSet = new Set(units);
    for (const sourceId of [...own, ...others]) {
      for (const id of candidateIds(index, sourceId, compiled)) {
        const doc = docs[id]!;
        if (!own.has(sourceId) && !doc.units.some((u) => unitSet.has(u))) continue;
        const hit = testRule(compiled, doc, index.lowered(id));
        if (hit) matched.push({ doc, hit, pub: publication(id) });
      }
    }
    if (matched.length === 0) continue;
    matched.sort((a, b) => compareText(a.pub.date, b.pub.date) || compareText(a.doc.url, b.doc.url));
    const assign = assignerFor(obligation.schedule.kind);
    const window = relevanceWindow(periods);
    const relevant = (date: IsoDate) => date >= window.from && date <= window.to;
    const ctx: AssignContext = {
      periods,
      year,
      asOf: input.asOf,
      named,
      relevant,
      periodFrom: rule.periodFrom ?? defaultPeriodFrom(obligation.schedule, rule.issueNumbering),
      issueNumbering: rule.issueNumbering,
    };
    // Evidence is what was fetched, archived and looks like content. Items that are not (a 404, an
    // error page, a page on a host not fetched) are assigned on their own, so they never take a
    // period's place from real evidence, and every period they would have made met keeps them as
    // candidates with the reason.
    const problems = new Map<Matched, FetchProblem>();
    for (const m of matched) {
      const problem = notEvidence(
        m.doc,
        compiled.attachmentOnly || !m.hit.inTitle ? m.hit.attachment : undefined,
      );
      if (problem) problems.set(m, problem);
    }
    const fit = matched.filter((m) => !problems.has(m));
    const unfit = matched.filter((m) => problems.has(m));
    for (const { m, assignments } of [...assign(fit, ctx), ...(unfit.length > 0 ? assign(unfit, ctx) : [])]) {
      const problem = problems.get(m);
      for (const a of assignments) {
        const late = m.pub.date > input.asOf && a.kind === 'match';
        const final: Assignment =
          problem && a.kind === 'match'
            ? { ...a, kind: 'candidate', problem }
            : late
              ? { ...a, kind: 'candidate', how: `${a.how}; published after the as-of date ${input.asOf}` }
              : a;
        const item = toEvidence(obligation.id, final, m, names, input.asOf);
        (item.kind === 'match' ? evidence : candidates).push(item);
      }
    }
  }
  return { evidence, candidates, warnings };
}

function inferYear(byObligation: Map<string, Period[]>, asOf: IsoDate): number {
  let earliest: IsoDate | undefined;
  for (const list of byObligation.values()) {
    const first = list[0];
    if (first && (!earliest || first.start < earliest)) earliest = first.start;
  }
  return yearOf(earliest ?? asOf);
}

/** Documents worth testing: those containing a keyword, or every document when a pattern decides. */
function candidateIds(index: DocumentIndex, sourceId: string, rule: CompiledRule): Iterable<number> {
  if (rule.patterns.length > 0 && rule.patterns.every((p) => p.literal !== null)) {
    const ids = new Set<number>();
    for (const term of [...rule.patterns.map((p) => p.literal!), ...rule.keywords]) {
      for (const id of index.containing(sourceId, term)) ids.add(id);
    }
    return ids;
  }
  if (rule.patterns.length > 0) {
    if (rule.required.length === 0) return index.inSource(sourceId);
    const [first, ...rest] = rule.required.map((t) => index.containing(sourceId, t));
    const others = rest.map((ids) => new Set(ids));
    return first!.filter((id) => others.every((s) => s.has(id)));
  }
  if (rule.keywords.length === 1) return index.containing(sourceId, rule.keywords[0]!);
  const ids = new Set<number>();
  for (const keyword of rule.keywords) for (const id of index.containing(sourceId, keyword)) ids.add(id);
  return ids;
}

interface Names {
  source(id: string): string;
  column(sourceId: string, columnId: string): string;
}

function nameLookup(sources: readonly Source[] | undefined): Names {
  const byId = new Map((sources ?? []).map((s) => [s.id, s]));
  return {
    source: (id) => byId.get(id)?.name ?? id,
    column: (sourceId, columnId) =>
      byId.get(sourceId)?.columns.find((c) => c.id === columnId)?.name ?? columnId,
  };
}

function score(m: Matched, a: Assignment): number {
  const { hit } = m;
  let s = hit.inTitle ? 0.4 : 0.3;
  s += Math.min(0.2, 0.1 * Math.max(0, hit.keywordHits - 1));
  if (hit.terms.length > hit.keywordHits) s += 0.1;
  s += a.named ? 0.2 : 0.1;
  if (hit.columnKindMatched) s += 0.1;
  if (m.pub.origin !== 'shown') s -= 0.1;
  if (a.kind === 'candidate') s /= 2;
  return Math.round(Math.max(0, Math.min(1, s)) * 100) / 100;
}

function publicationText(pub: Publication, doc: Document): string {
  if (pub.origin === 'shown') return `published ${pub.date} (shown)`;
  if (pub.origin === 'first-seen') return `no date shown, first seen ${pub.date}`;
  return `shows ${doc.date} but a check on ${pub.contradictingCheck} did not see it (backdated); counted from first seen ${pub.date}`;
}

/**
 * The day a document that counts was withdrawn, when it still is on `asOf`: it vanished from its
 * column, or its page answers 404/410 while still listed. The period stays met (the archived copy
 * proves publication) but the report says it was withdrawn, and how.
 */
function withdrawal(doc: Document, asOf: IsoDate): { on: IsoDate; how: string } | undefined {
  const presence = doc.absences.length > 0 ? presenceOn(doc, asOf) : null;
  const vanished = presence && !presence.present ? (presence.since ?? undefined) : undefined;
  const goneOn = doc.goneSince ? shanghaiDate(doc.goneSince) : undefined;
  const gone = goneOn && goneOn <= asOf ? goneOn : undefined;
  if (gone && (!vanished || gone < vanished))
    return { on: gone, how: `its page answers “not found” since ${gone} while still listed` };
  return vanished ? { on: vanished, how: `withdrawn from its column on ${vanished}` } : undefined;
}

function toEvidence(obligationId: string, a: Assignment, m: Matched, names: Names, asOf: IsoDate): Evidence {
  const { doc, hit, pub } = m;
  const withdrawn = a.kind === 'match' ? withdrawal(doc, asOf) : undefined;
  const found = hit.terms.map((t) => `“${t}”`).join(', ');
  const where = hit.inTitle ? 'title has' : 'attachment names have';
  const parts = [
    `${where} ${found}`,
    ...(hit.attachment ? [`attachment “${hit.attachment.name}”`] : []),
    `${a.how} → ${a.period.key}`,
    `${names.source(doc.sourceId)} / ${names.column(doc.sourceId, doc.columnId)}`,
    publicationText(pub, doc),
    ...(withdrawn ? [withdrawn.how] : []),
  ];
  const lead = a.problem
    ? `not evidence: ${a.problem.reason}; `
    : a.kind === 'candidate'
      ? 'near miss: '
      : '';
  const reason = lead + parts.join('; ');
  const terms = [...hit.terms, ...(a.named ?? []).map((n) => n.text)];
  return {
    obligationId,
    periodKey: a.period.key,
    url: doc.url,
    kind: a.kind,
    score: score(m, a),
    terms,
    reason,
    publishedOn: pub.date,
    sha256: hit.attachment?.sha256 ?? doc.sha256,
    title: doc.title,
    ...(withdrawn ? { withdrawnOn: withdrawn.on } : {}),
    ...(a.problem?.unread ? { unreadable: a.problem.reason } : {}),
  };
}
