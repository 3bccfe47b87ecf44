/**
 * Working days on the Chinese calendar: weekends, public holidays, and the make-up working days
 * (调休) the State Council announces each autumn. Built-in data comes from `chinese-days`, which
 * covers 2004–2026 and would silently treat later years as plain weekdays; this calendar knows
 * which years it has data for and records a warning whenever a computation touches another year.
 */
import chineseDays from 'chinese-days/dist/chinese-days.json';
import { z } from 'zod';
import { addDays, type IsoDate, IsoDateSchema, weekday, yearOf } from './dates';

const CalendarEntrySchema = z.object({
  date: IsoDateSchema,
  name: z.string().optional().describe('Holiday name, e.g. 国庆节'),
});

/**
 * A user calendar file. Every year listed in `years` is fully described by the file: built-in data
 * for that year is dropped, so the file can correct it as well as extend it. Entries in years not
 * listed are single-day overrides on top of the built-in data.
 */
export const CalendarFileSchema = z
  .object({
    $schema: z.string().optional(),
    years: z
      .array(z.number().int().min(1900).max(2200))
      .describe('Years this file covers completely (all holidays and make-up working days listed)'),
    holidays: z.array(CalendarEntrySchema).default([]).describe('Days off, including weekday holidays'),
    workdays: z
      .array(CalendarEntrySchema)
      .default([])
      .describe('Make-up working days (调休) that fall on a Saturday or Sunday'),
  })
  .superRefine((file, ctx) => {
    const holidays = new Set(file.holidays.map((entry) => entry.date));
    file.workdays.forEach((entry, i) => {
      if (holidays.has(entry.date)) {
        ctx.addIssue({
          code: 'custom',
          path: ['workdays', i, 'date'],
          message: `${entry.date} is listed both as a holiday and as a working day`,
        });
      }
    });
  });
export type CalendarFile = z.infer<typeof CalendarFileSchema>;
export type CalendarFileInput = z.input<typeof CalendarFileSchema>;

/** Raw calendar data: date → name for holidays and make-up working days, plus the years covered. */
export interface CalendarData {
  holidays: Record<IsoDate, string>;
  workdays: Record<IsoDate, string>;
  years: number[];
}

/** chinese-days writes names as "English,中文,n"; reports want the Chinese name. */
function chineseName(raw: string): string {
  const parts = raw.split(',');
  return parts[1] ?? parts[0] ?? raw;
}

function builtInData(): CalendarData {
  const holidays: Record<IsoDate, string> = {};
  const workdays: Record<IsoDate, string> = {};
  const years = new Set<number>();
  for (const [date, name] of Object.entries(chineseDays.holidays as Record<string, string>)) {
    holidays[date] = chineseName(name);
    years.add(yearOf(date));
  }
  for (const [date, name] of Object.entries(chineseDays.workdays as Record<string, string>)) {
    workdays[date] = chineseName(name);
  }
  return { holidays, workdays, years: [...years].sort((a, b) => a - b) };
}

function mergeUserFile(base: CalendarData, file: CalendarFile): CalendarData {
  const declared = new Set(file.years);
  const keep = (entries: Record<IsoDate, string>) =>
    Object.fromEntries(Object.entries(entries).filter(([date]) => !declared.has(yearOf(date))));
  const holidays = keep(base.holidays);
  const workdays = keep(base.workdays);
  for (const { date, name } of file.holidays) {
    delete workdays[date];
    holidays[date] = name ?? 'holiday';
  }
  for (const { date, name } of file.workdays) {
    delete holidays[date];
    workdays[date] = name ?? '调休';
  }
  const years = [...new Set([...base.years, ...file.years])].sort((a, b) => a - b);
  return { holidays, workdays, years };
}

/** The warning text for a year without data; `date` is the first date of that year a computation touched. */
export function noDataWarning(year: number, date: IsoDate): string {
  return `no holiday data for ${year}: ${date} treated as a plain weekday`;
}

/**
 * Answers working-day questions. Immutable except for `warnings`, which grows as computations
 * touch years the calendar has no data for (each year reported once).
 */
export class WorkingDayCalendar {
  readonly #holidays: ReadonlyMap<IsoDate, string>;
  readonly #workdays: ReadonlyMap<IsoDate, string>;
  readonly #years: ReadonlySet<number>;
  readonly #warnings: string[] = [];
  readonly #warnedYears = new Set<number>();

  private constructor(data: CalendarData) {
    this.#holidays = new Map(Object.entries(data.holidays));
    this.#workdays = new Map(Object.entries(data.workdays));
    this.#years = new Set(data.years);
  }

  /** The built-in Chinese calendar (chinese-days), extended or corrected by a user calendar file. */
  static chinese(extra?: CalendarFile): WorkingDayCalendar {
    const base = builtInData();
    return new WorkingDayCalendar(extra ? mergeUserFile(base, extra) : base);
  }

  /** A calendar from explicit data only (tests, other countries' calendars). */
  static fromData(data: CalendarData): WorkingDayCalendar {
    return new WorkingDayCalendar(data);
  }

  /** Warnings collected so far, e.g. "no holiday data for 2027: 2027-01-04 treated as a plain weekday". */
  get warnings(): readonly string[] {
    return this.#warnings;
  }

  /** True when the calendar has holiday data for every day of `year`. */
  covers(year: number): boolean {
    return this.#years.has(year);
  }

  /** The holiday or make-up working day name of a date, if it is one. */
  nameOf(date: IsoDate): string | undefined {
    return this.#holidays.get(date) ?? this.#workdays.get(date);
  }

  /** A weekday that is not a holiday, or a weekend day that is a make-up working day (调休). */
  isWorkingDay(date: IsoDate): boolean {
    this.#touch(date);
    if (this.#workdays.has(date)) return true;
    if (this.#holidays.has(date)) return false;
    return weekday(date) <= 5;
  }

  /**
   * The n-th working day strictly after `date` (n = 0 returns `date` itself, working day or not).
   * @throws RangeError when n is negative or not an integer.
   */
  addWorkingDays(date: IsoDate, n: number): IsoDate {
    if (!Number.isInteger(n) || n < 0)
      throw new RangeError(`addWorkingDays: n must be an integer >= 0, got ${n}`);
    let current = date;
    let left = n;
    while (left > 0) {
      current = addDays(current, 1);
      if (this.isWorkingDay(current)) left--;
    }
    return current;
  }

  /** `date` if it is a working day, else the next working day: where a deadline on a day off moves to. */
  onOrNextWorkingDay(date: IsoDate): IsoDate {
    return this.isWorkingDay(date) ? date : this.addWorkingDays(date, 1);
  }

  /** Working days in (from, to]; negative (the count in (to, from]) when `to` is before `from`. */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    // 0 - n rather than -n: a weekend-to-weekend span backwards is 0, not -0.
    if (to < from) return 0 - this.workingDaysBetween(to, from);
    let count = 0;
    for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
      if (this.isWorkingDay(day)) count++;
    }
    return count;
  }

  /**
   * Warnings for the years without data that the range [from, to] reaches, naming the first date
   * of each such year in the range. Also records them in `warnings`.
   */
  coverageWarnings(from: IsoDate, to: IsoDate): string[] {
    const out: string[] = [];
    for (let year = yearOf(from); year <= yearOf(to); year++) {
      if (this.covers(year)) continue;
      const first = year === yearOf(from) ? from : `${year}-01-01`;
      this.#touch(first);
      out.push(noDataWarning(year, first));
    }
    return out;
  }

  #touch(date: IsoDate): void {
    const year = yearOf(date);
    if (this.#years.has(year) || this.#warnedYears.has(year)) return;
    this.#warnedYears.add(year);
    this.#warnings.push(noDataWarning(year, date));
  }
}
