import { addDays, isoWeekOneMonday } from '../dates';
import { parseNumeral } from '../numerals';
import type { Period } from '../period';
import type { IssueNumbering } from '../period-from';
import { mapNamedToPeriods, type NamedPeriod, weekRange } from './title-period';

/** An issue number a title carries: 第12期, 2016年第12期. */
export interface IssueNumber {
  text: string;
  year: number | null;
  issue: number;
}

const ISSUE = /(?:(\d{4})\s*年\s*(?:度\s*)?)?第\s*(\d{1,4}|[零〇一二两三四五六七八九十百]{1,6})\s*期/;

/** The first issue number in a title, or null. */
export function issueNumberIn(title: string): IssueNumber | null {
  const m = ISSUE.exec(title);
  if (!m) return null;
  const issue = parseNumeral(m[2]!);
  if (issue === null) return null;
  return { text: m[0].trim(), year: m[1] ? Number(m[1]) : null, issue };
}

/**
 * The periods (of one obligation, sorted by start) an issue reports on under `numbering`, with the
 * range it names; empty when the number names none of them (week 60, an issue before the first).
 * An issue without a year is read in `year` (the plan year).
 */
export function periodsOfIssue(
  found: IssueNumber,
  numbering: IssueNumbering,
  periods: readonly Period[],
  year: number,
): { periods: Period[]; named: NamedPeriod | null } {
  const y = found.year ?? year;
  const n = found.issue;
  const none = { periods: [], named: null };
  const byRange = (start: string, end: string) => {
    const named: NamedPeriod = { text: found.text, grain: 'week', start, end };
    return { periods: mapNamedToPeriods(named, periods), named };
  };
  switch (numbering.kind) {
    case 'plan-year-week': {
      if (n < 1 || n > 54) return none;
      const [start, end] = weekRange(y, n);
      return end < start ? none : byRange(start, end);
    }
    case 'iso-week': {
      const monday = addDays(isoWeekOneMonday(y), (n - 1) * 7);
      if (n < 1 || monday >= isoWeekOneMonday(y + 1)) return none;
      return byRange(monday, addDays(monday, 6));
    }
    case 'period-of-year': {
      const ofYear = periods.filter((p) => p.key.startsWith(String(y)));
      const p = ofYear[n - 1];
      return p ? namedAs(found, p) : none;
    }
    case 'sequence': {
      const first = periods.findIndex((p) => p.key === numbering.first.period);
      const p = first < 0 ? undefined : periods[first + n - numbering.first.issue];
      return p ? namedAs(found, p) : none;
    }
  }
}

function namedAs(found: IssueNumber, p: Period): { periods: Period[]; named: NamedPeriod } {
  return { periods: [p], named: { text: found.text, grain: 'range', start: p.start, end: p.end } };
}
