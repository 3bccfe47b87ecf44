import { byText, compareText } from '../compare';
import {
  addDays,
  daysBetween,
  type IsoDate,
  isoDate,
  maxDate,
  minDate,
  shanghaiDate,
  yearOf,
} from '../dates';
import { type Document, type FetchProblem, notEvidence } from '../document';
import type { Evidence } from '../evidence';
import type { Obligation } from '../obligation';
import type { Period } from '../period';
import { defaultPeriodFrom, type IssueNumbering, type PeriodFrom } from '../period-from';
import type { Source } from '../source';
import { DocumentIndex } from './document-index';
import { issueNumberIn, periodsOfIssue } from './issue-number';
import { type ColumnChecks, type Publication, presenceOn, publishedOn } from './published-on';
import { type CompiledRule, compileRule, type RuleHit, testRule } from './rule-test';
import { mapNamedToPeriods, type NamedPeriod, overlapDays, periodsNamedInTitle } from './title-period';

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

interface Matched {
  doc: Document;
  hit: RuleHit;
  pub: Publication;
}

interface Assignment {
  period: Period;
  kind: 'match' | 'candidate';
  /** How the period was chosen (or why it is only a candidate), for the reason line. */
  how: string;
  named?: NamedPeriod[];
  /** Why the document is not evidence though it would have made the period met. */
  problem?: FetchProblem;
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
    const kind = obligation.schedule.kind;
    const assign =
      kind === 'continuous'
        ? assignContinuous
        : kind === 'once'
          ? assignOnce
          : kind === 'unspecified'
            ? assignUnspecified
            : kind === 'event'
              ? assignEvent
              : assignRecurring;
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

interface AssignContext {
  periods: Period[];
  year: number;
  asOf: IsoDate;
  /** Periods named in a document's title (parsed once per document per run). */
  named(doc: Document): NamedPeriod[];
  /** Whether a date is close enough to the periods for a near miss (else an unrelated year). */
  relevant(date: IsoDate): boolean;
  /** What decides the period (the rule's `periodFrom` or the schedule's default). */
  periodFrom: PeriodFrom;
  issueNumbering: IssueNumbering | undefined;
}

type Assigner = (matched: Matched[], ctx: AssignContext) => { m: Matched; assignments: Assignment[] }[];

/** Documents far from every period are unrelated years, not near misses. */
const RELEVANCE_DAYS = 31;

/** The dates within which a document is at least a near miss for these periods. */
function relevanceWindow(periods: Period[]): { from: IsoDate; to: IsoDate } {
  const lastDue = periods.reduce((d, p) => maxDate(d, p.due), periods[0]!.due);
  return { from: addDays(periods[0]!.start, -RELEVANCE_DAYS), to: addDays(lastDue, RELEVANCE_DAYS) };
}

function nearest(date: IsoDate, periods: Period[]): Period {
  let best = periods[0]!;
  let bestGap = Number.POSITIVE_INFINITY;
  for (const p of periods) {
    const gap = date < p.start ? daysBetween(date, p.start) : date > p.end ? daysBetween(p.end, date) : 0;
    if (gap < bestGap) {
      best = p;
      bestGap = gap;
    }
  }
  return best;
}

function planYearRange(year: number): { start: IsoDate; end: IsoDate } {
  return { start: isoDate(year, 1, 1), end: isoDate(year, 12, 31) };
}

/** Names in the title that all lie outside `span`: the document is about another time. */
function namesOutside(named: NamedPeriod[], span: { start: IsoDate; end: IsoDate }): NamedPeriod[] | null {
  if (named.length === 0) return null;
  return named.every((n) => overlapDays(n, span) === 0) ? named : null;
}

const quoted = (named: NamedPeriod[]): string => named.map((n) => `“${n.text}”`).join(', ');

function candidate(period: Period, how: string, named?: NamedPeriod[]): Assignment {
  return { period, kind: 'candidate', how, ...(named ? { named } : {}) };
}

/**
 * Recurring and seasonal schedules, by the rule's `periodFrom`: the issue number (issue-number), a
 * period named in the title, else (unless `title`) the publication date.
 */
const assignRecurring: Assigner = (matched, ctx) => {
  const { periods, named: namedIn, relevant, periodFrom } = ctx;
  const span = { start: periods[0]!.start, end: periods[periods.length - 1]!.end };
  const earliest = new Map<string, IsoDate>();
  const note = (p: Period, date: IsoDate) => {
    const seen = earliest.get(p.key);
    if (!seen || date < seen) earliest.set(p.key, date);
  };
  const results = new Map<Matched, Assignment[]>();
  const byDate: Matched[] = [];
  for (const m of matched) {
    const byIssue = periodFrom === 'issue-number' ? assignByIssue(m, ctx) : null;
    if (byIssue) {
      for (const a of byIssue) if (a.kind === 'match') note(a.period, m.pub.date);
      results.set(m, byIssue);
      continue;
    }
    const named = namedIn(m.doc);
    const chosen = new Map<string, Period>();
    const used: NamedPeriod[] = [];
    for (const n of named) {
      let ps = mapNamedToPeriods(n, periods);
      if (n.grain === 'batch' && ps.length > 1) ps = [byDateAmong(ps, m.pub.date)];
      if (ps.length > 0) used.push(n);
      for (const p of ps) chosen.set(p.key, p);
    }
    if (chosen.size > 0) {
      const list = [...chosen.values()].map((p) => {
        note(p, m.pub.date);
        return { period: p, kind: 'match' as const, how: `title names ${quoted(used)}`, named: used };
      });
      results.set(m, list);
      continue;
    }
    const outside = namesOutside(named, span);
    if (outside) {
      const p = nearest(outside[0]!.start, periods);
      results.set(
        m,
        relevant(m.pub.date)
          ? [candidate(p, `title names ${quoted(outside)}, no period of this obligation`, outside)]
          : [],
      );
      continue;
    }
    if (periodFrom === 'title') {
      const p = nearest(m.pub.date, periods);
      results.set(
        m,
        relevant(m.pub.date)
          ? [candidate(p, 'title names no period (the rule reads the period from the title)')]
          : [],
      );
      continue;
    }
    byDate.push(m);
  }
  // Publication order matters: a report in the grace time goes to the previous period only while
  // that period has no earlier evidence.
  for (const m of byDate) {
    const d = m.pub.date;
    const containing = periods.find((p) => p.start <= d && d <= p.end);
    let previous: Period | undefined;
    for (const p of periods) if (p.end < d && p.due >= d) previous = p;
    const previousFirst = previous ? earliest.get(previous.key) : undefined;
    const previousEmpty = previous !== undefined && (previousFirst === undefined || previousFirst > d);
    let target: Period | undefined;
    let how = '';
    const mayGoBack = periodFrom === 'publication-or-previous' ? previousEmpty : false;
    if (previous && (mayGoBack || !containing)) {
      target = previous;
      how = `published in the grace time of ${previous.label} (due ${previous.due})`;
    } else if (containing) {
      target = containing;
      how = `published within ${containing.label}`;
    }
    if (target) {
      note(target, d);
      results.set(m, [{ period: target, kind: 'match', how }]);
    } else if (relevant(d)) {
      results.set(m, [candidate(nearest(d, periods), 'published outside every period of this obligation')]);
    }
  }
  return matched.map((m) => ({ m, assignments: results.get(m) ?? [] }));
};

/**
 * The issue-number reading of a document: null when its title carries no issue number (the title
 * and the date decide then), else the periods the issue reports on or a near miss.
 */
function assignByIssue(m: Matched, ctx: AssignContext): Assignment[] | null {
  const found = issueNumberIn(m.doc.title);
  if (!found || !ctx.issueNumbering) return null;
  const { periods, named } = periodsOfIssue(found, ctx.issueNumbering, ctx.periods, ctx.year);
  if (periods.length === 0 || !named) {
    const how = `issue “${found.text}” (${ctx.issueNumbering.kind}) names no period of this obligation`;
    return ctx.relevant(m.pub.date) ? [candidate(nearest(m.pub.date, ctx.periods), how)] : [];
  }
  const how = `issue “${found.text}” (${ctx.issueNumbering.kind})`;
  return periods.map((period) => ({ period, kind: 'match' as const, how, named: [named] }));
}

/** For a batch (8月第一批) spanning several finer periods: the one its publication date falls in. */
function byDateAmong(periods: Period[], date: IsoDate): Period {
  const containing = periods.find((p) => p.start <= date && date <= p.end);
  if (containing) return containing;
  return date < periods[0]!.start ? periods[0]! : periods[periods.length - 1]!;
}

// Only a name (中考, 高考) identifies a once period in a title; a date label says nothing more.
const HAS_DIGIT = /[\d一二三四五六七八九十]/;

/** Once: any document since the plan-year start counts; with several dates, the window decides. */
const assignOnce: Assigner = (matched, { periods, year, named: namedIn, relevant }) => {
  const plan = planYearRange(year);
  return matched.map((m) => {
    const d = m.pub.date;
    const named = namedIn(m.doc);
    const outside = namesOutside(named, plan);
    if (outside) {
      return {
        m,
        assignments: relevant(d)
          ? [candidate(nearest(d, periods), `title names ${quoted(outside)}, outside the plan year`, outside)]
          : [],
      };
    }
    const labelled = periods.filter((p) => !HAS_DIGIT.test(p.label) && m.doc.title.includes(p.label));
    if (labelled.length > 0) {
      return {
        m,
        assignments: labelled.map((p) => ({
          period: p,
          kind: 'match' as const,
          how: `title names “${p.label}”`,
        })),
      };
    }
    if (d < plan.start) {
      return {
        m,
        assignments: relevant(d) ? [candidate(periods[0]!, 'published before the plan year')] : [],
      };
    }
    const target =
      periods.length === 1
        ? periods[0]!
        : (periods.find((p) => p.start <= d && d <= p.end) ?? periods[periods.length - 1]!);
    return {
      m,
      assignments: [{ period: target, kind: 'match' as const, how: `published ${d}, in the plan year` }],
    };
  });
};

/** Unspecified: any document published in the plan year counts for the single period. */
const assignUnspecified: Assigner = (matched, { periods, year, named: namedIn, relevant }) => {
  const plan = planYearRange(year);
  const period = periods[0]!;
  return matched.map((m) => {
    const d = m.pub.date;
    const outside = namesOutside(namedIn(m.doc), plan);
    if (outside) {
      return {
        m,
        assignments: relevant(d)
          ? [candidate(period, `title names ${quoted(outside)}, outside the plan year`, outside)]
          : [],
      };
    }
    if (d >= plan.start && d <= plan.end) {
      return {
        m,
        assignments: [{ period, kind: 'match' as const, how: `published ${d}, in the plan year` }],
      };
    }
    return {
      m,
      assignments: relevant(d) ? [candidate(period, 'published outside the plan year')] : [],
    };
  });
};

/** Event: the latest recorded event on or before the publication date. */
const assignEvent: Assigner = (matched, { periods, relevant }) =>
  matched.map((m) => {
    const d = m.pub.date;
    let target: Period | undefined;
    for (const p of periods) if (p.start <= d) target = p;
    if (target) {
      return {
        m,
        assignments: [
          {
            period: target,
            kind: 'match' as const,
            how: `published on or after the event of ${target.start}`,
          },
        ],
      };
    }
    return {
      m,
      assignments: relevant(d)
        ? [candidate(periods[0]!, `published before the event of ${periods[0]!.start}`)]
        : [],
    };
  });

/** Enough documents per continuous check window to show presence; more would only repeat it. */
const PER_WINDOW = 3;

/**
 * Continuous: each check window the document stood in its column at the window end (or as of now),
 * keeping the PER_WINDOW earliest-published documents per window, and as many lapses.
 */
const assignContinuous: Assigner = (matched, { periods, asOf }) => {
  const present = new Map<string, number>();
  const removed = new Map<string, number>();
  const take = (count: Map<string, number>, key: string): boolean => {
    const n = count.get(key) ?? 0;
    count.set(key, n + 1);
    return n < PER_WINDOW;
  };
  return matched.map((m) => {
    const assignments: Assignment[] = [];
    const firstSeen = shanghaiDate(m.doc.firstSeen);
    for (const p of periods) {
      if (p.start > asOf) break;
      const at = minDate(p.end, asOf);
      if (at < firstSeen) continue;
      const presence = presenceOn(m.doc, at, firstSeen);
      if (presence.present) {
        if (take(present, p.key))
          assignments.push({ period: p, kind: 'match', how: `in its column on ${at}` });
      } else if (presence.since && take(removed, p.key)) {
        assignments.push(candidate(p, `removed from its column on ${presence.since}`));
      }
    }
    return { m, assignments };
  });
};

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
