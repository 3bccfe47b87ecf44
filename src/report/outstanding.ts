/**
 * What a supervisor acts on first: the obligations outstanding on the report date, the kind of
 * duty each is (plan item, website rule, annual report), and which responsible units are
 * collective (市直有关单位, 市政府各部门…), which name no one department and so are not ranked.
 */
import { daysBetween } from '../core/dates';
import type { VerdictKind } from '../core/verdict';
import type { OutstandingItem, ReportObligation, ReportPeriod } from './model';

/**
 * A unit that names a set of units rather than one department (各县（市、区）, 市直有关单位,
 * 市政府各部门, 各直属机构): its rows are listed apart and never ranked against departments.
 */
export function isCollectiveUnit(unit: string): boolean {
  return /^各|各(部门|单位|直属|县|区|镇|级)|(有关|相关)(单位|部门)|^全市/.test(unit);
}

/** Verdicts that close a period: the period is no longer running or waiting for its due date. */
const SETTLED: ReadonlySet<VerdictKind> = new Set([
  'met',
  'late',
  'missing',
  'waived',
  'unverifiable',
  'insufficient-data',
]);

const URGENCY: Record<OutstandingItem['state'], number> = {
  missing: 0,
  'insufficient-data': 1,
  'due-soon': 2,
};

/**
 * The period an obligation stands on now. A plan item or annual report: its latest period already
 * due (a missing week stays outstanding even when the next week was published early). A website
 * rule: its latest judged period, since a past month cannot be put right and a month can trip
 * before it ends.
 */
function latestPeriod(o: ReportObligation, asOf: string): ReportPeriod | undefined {
  const candidates =
    o.group === 'website'
      ? o.periods.filter((p) => SETTLED.has(p.verdict))
      : o.periods.filter((p) => p.due <= asOf);
  return candidates.reduce<ReportPeriod | undefined>((a, p) => (!a || p.due > a.due ? p : a), undefined);
}

/**
 * Per obligation: its latest period when that is missing (not remedied) or could not be judged,
 * and any period due soon. Most urgent first: missing by days overdue, then periods the monitor
 * could not judge, then due-soon by due date.
 */
export function outstandingNow(obligations: readonly ReportObligation[], asOf: string): OutstandingItem[] {
  const items: OutstandingItem[] = [];
  for (const o of obligations) {
    const latest = latestPeriod(o, asOf);
    const picked = [
      ...(latest && (latest.verdict === 'missing' || latest.verdict === 'insufficient-data') ? [latest] : []),
      ...o.periods.filter((p) => p.verdict === 'due-soon'),
    ];
    for (const p of picked) {
      items.push({
        obligationId: o.id,
        group: o.group,
        task: o.task,
        ...(o.siteName ? { siteName: o.siteName } : {}),
        units: o.units,
        periodKey: p.key,
        periodLabel: p.label,
        due: p.due,
        state: p.verdict as OutstandingItem['state'],
        daysOverdue: daysBetween(p.due, asOf),
      });
    }
  }
  return items.sort(
    (a, b) =>
      URGENCY[a.state] - URGENCY[b.state] ||
      (a.state === 'due-soon'
        ? a.due < b.due
          ? -1
          : a.due > b.due
            ? 1
            : 0
        : b.daysOverdue - a.daysOverdue) ||
      a.obligationId.localeCompare(b.obligationId),
  );
}
