/**
 * Schedule → periods: lays an obligation's schedule out over a plan year as concrete windows with
 * due dates. Every recurring schedule tiles the year (or its season) without gaps or overlaps, so
 * each publication date belongs to exactly one period.
 */
import type { WorkingDayCalendar } from './calendar';
import {
  addDays,
  endOfMonth,
  type IsoDate,
  isoDate,
  isoWeekOneMonday,
  maxDate,
  minDate,
  mondayOf,
  weekOfYear,
} from './dates';
import type { Period } from './period';
import type { Policy } from './policy';
import type { RecurringKind, Schedule } from './schedule';

/** Something that happened and starts an `event` obligation's clock (e.g. a regulation was passed). */
export interface RecordedEvent {
  id: string;
  obligationId: string;
  date: IsoDate;
  note: string;
}

export interface PeriodContext {
  year: number;
  policy: Policy;
  calendar: WorkingDayCalendar;
  events?: RecordedEvent[];
}

type GraceKind = keyof Policy['graceWorkingDays'];

interface Window {
  key: string;
  label: string;
  start: IsoDate;
  end: IsoDate;
}

const QUARTER_NAMES = ['一', '二', '三', '四'] as const;

/**
 * Recurring layouts already computed, per calendar: a catalogue of 10,000 weekly and monthly
 * obligations has a handful of distinct schedules, and walking the working days for every due date
 * of every one of them was most of a sweep's judging time. Keyed by everything the layout depends
 * on; the calendar is immutable once built, so a layout computed for it stays right.
 */
const layouts = new WeakMap<WorkingDayCalendar, Map<string, readonly Period[]>>();

function recurringLayout(
  ctx: PeriodContext,
  kind: RecurringKind,
  weeks: 'iso' | 'plan',
  grace: number,
  compute: () => Period[],
): readonly Period[] {
  let byKey = layouts.get(ctx.calendar);
  if (!byKey) {
    byKey = new Map();
    layouts.set(ctx.calendar, byKey);
  }
  const key = `${ctx.year}|${kind}|${weeks}|${grace}`;
  let laid = byKey.get(key);
  if (!laid) {
    laid = compute();
    byKey.set(key, laid);
  }
  return laid;
}

/**
 * The periods of one obligation in the plan year `ctx.year`, sorted by start date.
 * Due dates follow docs/core.md: window end + grace working days, and never a day off.
 */
export function periodsFor(obligation: { id: string; schedule: Schedule }, ctx: PeriodContext): Period[] {
  const { schedule } = obligation;
  const make = (window: Window, rest: Omit<Period, keyof Window | 'obligationId' | 'warnings'>): Period => ({
    obligationId: obligation.id,
    ...window,
    ...rest,
    warnings: ctx.calendar.coverageWarnings(window.start, rest.due),
  });
  const withGrace = (window: Window, grace: number): Period =>
    make(window, { due: dueAfter(window.end, grace, ctx.calendar), graceWorkingDays: grace });

  switch (schedule.kind) {
    case 'annual':
      if (schedule.dueOn || schedule.reportYears) {
        return reportYearWindows(schedule.reportYears ?? 'plan', ctx.year).map((w) =>
          schedule.dueOn
            ? make(w, {
                due: ctx.calendar.onOrNextWorkingDay(`${Number(w.key) + 1}-${schedule.dueOn}`),
                graceWorkingDays: 0,
              })
            : withGrace(w, graceFor('annual', schedule.graceWorkingDays, ctx.policy)),
        );
      }
      return [
        withGrace(
          recurringWindows('annual', ctx.year)[0]!,
          graceFor('annual', schedule.graceWorkingDays, ctx.policy),
        ),
      ];
    case 'weekly':
    case 'monthly':
    case 'quarterly':
    case 'semiannual': {
      const grace = graceFor(schedule.kind, schedule.graceWorkingDays, ctx.policy);
      const weeks = schedule.kind === 'weekly' && schedule.weeks === 'iso' ? 'iso' : 'plan';
      const laid = recurringLayout(ctx, schedule.kind, weeks, grace, () =>
        (weeks === 'iso' ? isoWeekWindows(ctx.year) : recurringWindows(schedule.kind, ctx.year)).map((w) =>
          withGrace(w, grace),
        ),
      );
      return laid.map((p) => ({ ...p, obligationId: obligation.id, warnings: [...p.warnings] }));
    }
    case 'seasonal': {
      const grace = graceFor('seasonal', schedule.graceWorkingDays, ctx.policy);
      return seasonalWindows(schedule.every, schedule.fromMonth, schedule.toMonth, ctx.year).map((w) =>
        withGrace(w, grace),
      );
    }
    case 'once': {
      const grace = graceFor('once', schedule.graceWorkingDays, ctx.policy);
      return onceWindows(schedule.dates, schedule.labels, ctx.year)
        .map((w) => withGrace(w, grace))
        .sort(byStart);
    }
    case 'event':
      return (ctx.events ?? [])
        .filter((event) => event.obligationId === obligation.id)
        .sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id))
        .map((event) => eventPeriod(event, schedule.within, ctx, make));
    case 'continuous': {
      const every = schedule.checkEveryDays ?? ctx.policy.continuousCheckEveryDays;
      return checkWindows(every, ctx.year).map((w) => make(w, { due: w.end, graceWorkingDays: 0 }));
    }
    case 'unspecified': {
      const due = unspecifiedDue(ctx.policy.unspecifiedDue, ctx.year);
      return [
        make(
          {
            key: `${ctx.year}`,
            label: `${ctx.year}年度（计划未定时限）`,
            start: isoDate(ctx.year, 1, 1),
            end: due,
          },
          {
            due,
            graceWorkingDays: 0,
            defaultApplied: `the plan states no deadline: policy.unspecifiedDue (${ctx.policy.unspecifiedDue}) makes it due ${due}`,
          },
        ),
      ];
    }
  }
}

/**
 * Year-long windows for reports on a whole year: the annual disclosure report on year N is written
 * after N ends, so in plan year Y the report due is the one on Y-1.
 */
function reportYearWindows(years: 'plan' | 'previous' | 'previous-and-plan', planYear: number): Window[] {
  const list =
    years === 'plan' ? [planYear] : years === 'previous' ? [planYear - 1] : [planYear - 1, planYear];
  return list.map((year) => recurringWindows('annual', year)[0]!);
}

/** Schedule grace overrides the policy's default for the kind. */
function graceFor(kind: GraceKind, override: number | undefined, policy: Policy): number {
  return override ?? policy.graceWorkingDays[kind];
}

/**
 * Window end + `grace` working days. A deadline never falls on a day off: when the end itself is
 * not a working day, the next working day is the earliest due date (the rule for periods whose
 * last day is a statutory holiday, 民法典 Art. 203).
 */
export function dueAfter(end: IsoDate, grace: number, calendar: WorkingDayCalendar): IsoDate {
  return grace > 0 ? calendar.addWorkingDays(end, grace) : calendar.onOrNextWorkingDay(end);
}

function byStart(a: Period, b: Period): number {
  return a.start.localeCompare(b.start) || a.end.localeCompare(b.end) || a.key.localeCompare(b.key);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

function recurringWindows(kind: RecurringKind, year: number): Window[] {
  const yearStart = isoDate(year, 1, 1);
  const yearEnd = isoDate(year, 12, 31);
  switch (kind) {
    case 'weekly':
      return weekWindows(year, yearStart, yearEnd);
    case 'monthly':
      return monthWindows(year, 1, 12);
    case 'quarterly':
      return [0, 1, 2, 3].map((q) => ({
        key: `${year}-Q${q + 1}`,
        label: `${year}年第${QUARTER_NAMES[q]}季度`,
        start: isoDate(year, q * 3 + 1, 1),
        end: endOfMonth(year, q * 3 + 3),
      }));
    case 'semiannual':
      return [
        { key: `${year}-H1`, label: `${year}年上半年`, start: yearStart, end: isoDate(year, 6, 30) },
        { key: `${year}-H2`, label: `${year}年下半年`, start: isoDate(year, 7, 1), end: yearEnd },
      ];
    case 'annual':
      return [{ key: `${year}`, label: `${year}年度`, start: yearStart, end: yearEnd }];
  }
}

/**
 * Monday–Sunday weeks clipped to [from, to]. Weeks are numbered within the plan year, week 1 being
 * the week that contains 1 January (as 第N周 is counted in Chinese usage), so every year starts at
 * W01 and a clipped first week is not keyed to the previous year.
 */
function weekWindows(year: number, from: IsoDate, to: IsoDate): Window[] {
  const windows: Window[] = [];
  let monday = mondayOf(from);
  while (monday <= to) {
    const week = weekOfYear(monday, year);
    windows.push({
      key: `${year}-W${pad2(week)}`,
      label: `${year}年第${week}周`,
      start: maxDate(monday, from),
      end: minDate(addDays(monday, 6), to),
    });
    monday = addDays(monday, 7);
  }
  return windows;
}

/**
 * The ISO 8601 weeks of `year` (52 or 53, Monday–Sunday, not clipped: week 1 may start in December
 * and the last week may end in January), for plans whose 第N期 counts ISO weeks.
 */
function isoWeekWindows(year: number): Window[] {
  const next = isoWeekOneMonday(year + 1);
  const windows: Window[] = [];
  let week = 1;
  for (let monday = isoWeekOneMonday(year); monday < next; monday = addDays(monday, 7), week++) {
    windows.push({
      key: `${year}-W${pad2(week)}`,
      label: `${year}年第${week}周（ISO）`,
      start: monday,
      end: addDays(monday, 6),
    });
  }
  return windows;
}

function monthWindows(year: number, fromMonth: number, toMonth: number): Window[] {
  const windows: Window[] = [];
  for (let month = fromMonth; month <= toMonth; month++) {
    windows.push({
      key: `${year}-${pad2(month)}`,
      label: `${year}年${month}月`,
      start: isoDate(year, month, 1),
      end: endOfMonth(year, month),
    });
  }
  return windows;
}

/** A season that wraps the year end (e.g. 11–3) is two runs of months inside the plan year. */
function seasonalWindows(
  every: 'weekly' | 'monthly',
  fromMonth: number,
  toMonth: number,
  year: number,
): Window[] {
  // A season whose months meet across the year end (e.g. 3–2) is the whole year: one run, so a week
  // straddling the two ends is not split into two periods with the same key.
  const runs: [number, number][] =
    fromMonth <= toMonth
      ? [[fromMonth, toMonth]]
      : fromMonth === toMonth + 1
        ? [[1, 12]]
        : [
            [1, toMonth],
            [fromMonth, 12],
          ];
  return runs.flatMap(([first, last]) =>
    every === 'monthly'
      ? monthWindows(year, first, last)
      : weekWindows(year, isoDate(year, first, 1), endOfMonth(year, last)),
  );
}

/**
 * One window per date: it opens the day after the previous (earlier) date, or on 1 January of the
 * plan year, and ends on the date. Keys follow the order the plan lists the dates in.
 */
function onceWindows(dates: IsoDate[], labels: string[] | undefined, year: number): Window[] {
  const yearStart = isoDate(year, 1, 1);
  return dates.map((date, i) => {
    const earlier = dates.filter((other) => other < date).sort();
    const previous = earlier.at(-1);
    const start = previous ? addDays(previous, 1) : minDate(yearStart, date);
    return { key: `once-${i + 1}`, label: labels?.[i] ?? chineseDate(date), start, end: date };
  });
}

function chineseDate(date: IsoDate): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** Check windows of `every` days from 1 January; the last one is cut at 31 December. */
function checkWindows(every: number, year: number): Window[] {
  const yearEnd = isoDate(year, 12, 31);
  const windows: Window[] = [];
  for (let start = isoDate(year, 1, 1), n = 1; start <= yearEnd; start = addDays(start, every), n++) {
    const end = minDate(addDays(start, every - 1), yearEnd);
    windows.push({ key: `${year}-C${pad2(n)}`, label: `${year}年第${n}次检查`, start, end });
  }
  return windows;
}

function eventPeriod(
  event: RecordedEvent,
  within: Policy['eventWithin'] | undefined,
  ctx: PeriodContext,
  make: (window: Window, rest: Omit<Period, keyof Window | 'obligationId' | 'warnings'>) => Period,
): Period {
  const limit = within ?? ctx.policy.eventWithin;
  const defaultApplied = within
    ? undefined
    : `the plan states no time limit: policy.eventWithin (${describeWithin(limit)}) applied`;
  let end: IsoDate;
  let due: IsoDate;
  switch (limit.unit) {
    case 'hours':
      // A publication is only known to the day, so 24小时内 means by the next day.
      end = addDays(event.date, Math.ceil(limit.amount / 24));
      due = end;
      break;
    case 'days':
      end = addDays(event.date, limit.amount);
      due = ctx.calendar.onOrNextWorkingDay(end);
      break;
    case 'workingDays':
      end = ctx.calendar.addWorkingDays(event.date, limit.amount);
      due = end;
      break;
  }
  const window = {
    key: `event-${event.id}`,
    label: event.note ? `${event.note}（${chineseDate(event.date)}）` : chineseDate(event.date),
    start: event.date,
    end,
  };
  return make(
    window,
    defaultApplied ? { due, graceWorkingDays: 0, defaultApplied } : { due, graceWorkingDays: 0 },
  );
}

function describeWithin(within: Policy['eventWithin']): string {
  const unit = { hours: 'hours', days: 'calendar days', workingDays: 'working days' }[within.unit];
  return `${within.amount} ${unit}`;
}

/** policy.unspecifiedDue (MM-DD) in the plan year; 02-29 falls back to 02-28 outside leap years. */
function unspecifiedDue(monthDay: string, year: number): IsoDate {
  const [month, day] = monthDay.split('-').map(Number) as [number, number];
  return minDate(isoDate(year, month, day), endOfMonth(year, month));
}
