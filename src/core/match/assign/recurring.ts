/** Recurring and seasonal schedules (weekly, monthly, quarterly…): one assignment per document. */
import type { IsoDate } from '../../dates';
import type { Period } from '../../period';
import { issueNumberIn, periodsOfIssue } from '../issue-number';
import { mapNamedToPeriods, type NamedPeriod } from '../title-period';
import {
  type AssignContext,
  type Assigner,
  type Assignment,
  candidate,
  type Matched,
  namesOutside,
  nearest,
  quoted,
} from './assignment';

/**
 * Recurring and seasonal schedules, by the rule's `periodFrom`: the issue number (issue-number), a
 * period named in the title, else (unless `title`) the publication date.
 */
export const assignRecurring: Assigner = (matched, ctx) => {
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
