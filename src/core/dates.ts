import { z } from 'zod';

/**
 * A calendar date in Asia/Shanghai, written `YYYY-MM-DD`.
 * Obligations are judged on local dates, so the core never handles time zones: it only compares
 * and shifts plain dates. The schema rejects dates that do not exist (2016-02-30).
 */
export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine(isRealDate, { message: 'this date does not exist' });
export type IsoDate = z.infer<typeof IsoDateSchema>;

function isRealDate(text: string): boolean {
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Builds an ISO date from parts; month is 1-12. Overflowing days roll over (month 2, day 30 → March). */
export function isoDate(year: number, month: number, day: number): IsoDate {
  return toIso(new Date(Date.UTC(year, month - 1, day)));
}

function toIso(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

function toUtc(date: IsoDate): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** Adds calendar days (negative to go back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return toIso(d);
}

/** Last day of a month (month 1-12). */
export function endOfMonth(year: number, month: number): IsoDate {
  return isoDate(year, month + 1, 0);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((toUtc(b).getTime() - toUtc(a).getTime()) / 86_400_000);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function weekday(date: IsoDate): number {
  const day = toUtc(date).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The Monday of the Monday–Sunday week that contains `date`. */
export function mondayOf(date: IsoDate): IsoDate {
  return addDays(date, 1 - weekday(date));
}

/**
 * Week number of `date` within `year` (default: its own), week 1 being the Monday–Sunday week
 * that contains 1 January, as 第N周 is counted in Chinese usage: every year starts at week 1.
 */
export function weekOfYear(date: IsoDate, year = yearOf(date)): number {
  return Math.floor(daysBetween(mondayOf(isoDate(year, 1, 1)), mondayOf(date)) / 7) + 1;
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

export function monthOf(date: IsoDate): number {
  return Number(date.slice(5, 7));
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

/** The Asia/Shanghai calendar date of an instant, so a crawl at 23:30 UTC counts for the next local day. */
export function shanghaiDate(instant: Date | string): IsoDate {
  const t = typeof instant === 'string' ? new Date(instant) : instant;
  return toIso(new Date(t.getTime() + 8 * 3_600_000));
}

/**
 * Adds calendar months, clamping to the month's last day (2016-08-31 + 6 months → 2017-02-28), as
 * "within 6 months" (6个月内) is counted.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = endOfMonth(target.getUTCFullYear(), target.getUTCMonth() + 1);
  return isoDate(target.getUTCFullYear(), target.getUTCMonth() + 1, Math.min(d, Number(last.slice(8))));
}
