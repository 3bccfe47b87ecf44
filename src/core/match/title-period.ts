import { addDays, endOfMonth, type IsoDate, isoDate, maxDate, minDate, weekday } from '../dates';
import { parseNumeral as parseChineseNumeral } from '../numerals';

/**
 * How wide a period named in a title is. `batch` is a numbered release inside a month (8月第一批):
 * its range is the month, and the publication date picks the finer period inside it.
 */
export type NamedGrain = 'year' | 'half' | 'quarter' | 'month' | 'batch' | 'week' | 'range';

/** A period a title names, as a date range. `text` is the words that named it. */
export interface NamedPeriod {
  text: string;
  grain: NamedGrain;
  start: IsoDate;
  end: IsoDate;
}

/** Parses 8, 08, 八, 十二, 二十七 as in titles; NaN when it is none of these. */
export function parseNumeral(text: string): number {
  return parseChineseNumeral(text) ?? Number.NaN;
}

const NUM = '(?:\\d{1,2}|[一二三四五六七八九十]{1,3})';
const YEAR = '(?:(\\d{4})\\s*年(?:度)?\\s*)?';
// A month followed by a day (8月15日) is a date, not a period.
const NOT_DAY = '(?!\\s*(?:\\d{1,2}|[一二三四五六七八九十]{1,3})\\s*[日号])';

interface Rule {
  re: RegExp;
  read(m: RegExpExecArray, year: number): NamedPeriod[];
}

function quarterRange(year: number, q: number): [IsoDate, IsoDate] {
  return [isoDate(year, (q - 1) * 3 + 1, 1), endOfMonth(year, q * 3)];
}

function monthRange(year: number, m: number): [IsoDate, IsoDate] {
  return [isoDate(year, m, 1), endOfMonth(year, m)];
}

/**
 * Week `week` of `year` as the weekly periods number them: week 1 is the Monday–Sunday week holding
 * 1 January, clipped to the year (so in 2016 第1周 is 1–3 January and 第27周 is 27 June–3 July).
 */
export function weekRange(year: number, week: number): [IsoDate, IsoDate] {
  const jan1 = isoDate(year, 1, 1);
  const monday = addDays(jan1, 1 - weekday(jan1) + (week - 1) * 7);
  return [maxDate(monday, jan1), minDate(addDays(monday, 6), isoDate(year, 12, 31))];
}

const yearOr = (m: RegExpExecArray, year: number): number => (m[1] ? Number(m[1]) : year);

// Ordered from the most specific form to the least: each match masks its text so that the year in
// 2016年第三季度 is not read again as a bare year.
const RULES: Rule[] = [
  {
    // 8月第一批, 2016年8月份第2批
    re: new RegExp(`${YEAR}(?<!\\d)(${NUM})\\s*月份?\\s*第\\s*(${NUM})\\s*批`, 'g'),
    read(m, year) {
      const month = parseNumeral(m[2]!);
      if (!(month >= 1 && month <= 12)) return [];
      const [start, end] = monthRange(yearOr(m, year), month);
      return [{ text: m[0].trim(), grain: 'batch', start, end }];
    },
  },
  {
    // 1-6月, 2016年1至9月, 一至六月
    re: new RegExp(
      `${YEAR}(?<!\\d)(${NUM})\\s*(?:月份?)?\\s*[-—–~～至到]\\s*(${NUM})\\s*月份?${NOT_DAY}`,
      'g',
    ),
    read(m, year) {
      const from = parseNumeral(m[2]!);
      const to = parseNumeral(m[3]!);
      if (!(from >= 1 && to <= 12 && from < to)) return [];
      const y = yearOr(m, year);
      return [
        { text: m[0].trim(), grain: 'range', start: monthRange(y, from)[0], end: monthRange(y, to)[1] },
      ];
    },
  },
  {
    // 前三季度 (the year to date at the end of Q3)
    re: new RegExp(`${YEAR}前\\s*([1-4一二三四])\\s*(?:个)?季度`, 'g'),
    read(m, year) {
      const q = parseNumeral(m[2]!);
      const y = yearOr(m, year);
      return [{ text: m[0].trim(), grain: 'range', start: isoDate(y, 1, 1), end: quarterRange(y, q)[1] }];
    },
  },
  {
    // 第三季度, 三季度, 第3季度, 第三、四季度, 一至三季度, 2016年第四季
    re: new RegExp(
      `${YEAR}(?:第\\s*)?((?:[1-4一二三四]\\s*[、,，和及与至到~～\\-—–]\\s*)*[1-4一二三四])\\s*季度`,
      'g',
    ),
    read(m, year) {
      const y = yearOr(m, year);
      const list = m[2]!;
      const digits = [...list.matchAll(/[1-4一二三四]/g)].map((d) => parseNumeral(d[0]));
      const text = m[0].trim();
      if (/[至到~～\-—–]/.test(list) && digits.length === 2) {
        const [a, b] = digits as [number, number];
        if (a >= b) return [];
        return [{ text, grain: 'range', start: quarterRange(y, a)[0], end: quarterRange(y, b)[1] }];
      }
      return digits.map((q) => {
        const [start, end] = quarterRange(y, q);
        return { text, grain: 'quarter' as const, start, end };
      });
    },
  },
  {
    re: new RegExp(`${YEAR}第\\s*([1-4一二三四])\\s*季(?!度)`, 'g'),
    read(m, year) {
      const [start, end] = quarterRange(yearOr(m, year), parseNumeral(m[2]!));
      return [{ text: m[0].trim(), grain: 'quarter', start, end }];
    },
  },
  {
    // 上半年, 2016年下半年
    re: new RegExp(`${YEAR}([上下])半年度?`, 'g'),
    read(m, year) {
      const y = yearOr(m, year);
      const first = m[2] === '上';
      return [
        {
          text: m[0].trim(),
          grain: 'half',
          start: isoDate(y, first ? 1 : 7, 1),
          end: first ? isoDate(y, 6, 30) : isoDate(y, 12, 31),
        },
      ];
    },
  },
  {
    // 第27周
    re: new RegExp(`${YEAR}第\\s*(\\d{1,2}|[一二三四五六七八九十]{1,3})\\s*周`, 'g'),
    read(m, year) {
      const week = parseNumeral(m[2]!);
      if (!(week >= 1 && week <= 53)) return [];
      const [start, end] = weekRange(yearOr(m, year), week);
      if (end < start) return [];
      return [{ text: m[0].trim(), grain: 'week', start, end }];
    },
  },
  {
    // 2016年8月, 8月份, 八月 — but not 8月15日
    re: new RegExp(`${YEAR}(?<![\\d一二三四五六七八九十])(${NUM})\\s*月份?${NOT_DAY}`, 'g'),
    read(m, year) {
      const month = parseNumeral(m[2]!);
      if (!(month >= 1 && month <= 12)) return [];
      const [start, end] = monthRange(yearOr(m, year), month);
      return [{ text: m[0].trim(), grain: 'month', start, end }];
    },
  },
  {
    // 2016年度, 2016年 (a bare year; weak evidence of which period, see mapNamedToPeriods)
    re: /(?<!\d)(\d{4})\s*年(?:度)?/g,
    read(m) {
      const y = Number(m[1]);
      return [{ text: m[0].trim(), grain: 'year', start: isoDate(y, 1, 1), end: isoDate(y, 12, 31) }];
    },
  },
];

/**
 * The periods a title names (2016年第三季度, 三季度, 上半年, 2016年8月, 8月第一批, 1-6月, 前三季度,
 * 第27周, 2016年度 …) as date ranges, in the order they appear. A name without a year is read in
 * `year` (the plan year). Issue numbers (第27期) and days (8月15日) name no period.
 */
export function periodsNamedInTitle(title: string, year: number): NamedPeriod[] {
  let masked = title;
  const found: { at: number; period: NamedPeriod }[] = [];
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    const hits: RegExpExecArray[] = [];
    for (let m = rule.re.exec(masked); m; m = rule.re.exec(masked)) hits.push(m);
    for (const m of hits) {
      for (const period of rule.read(m, year)) found.push({ at: m.index, period });
      masked = masked.slice(0, m.index) + '\u0000'.repeat(m[0].length) + masked.slice(m.index + m[0].length);
    }
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.period);
}

/** Days since 1970-01-01 of an ISO date; matching compares many ranges, so no Date parsing here. */
function dayNumber(date: IsoDate): number {
  return (
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000
  );
}

/** Days two inclusive date ranges share (0 when disjoint). */
export function overlapDays(
  a: { start: IsoDate; end: IsoDate },
  b: { start: IsoDate; end: IsoDate },
): number {
  const start = maxDate(a.start, b.start);
  const end = minDate(a.end, b.end);
  return end < start ? 0 : dayNumber(end) - dayNumber(start) + 1;
}

const lengthOf = (r: { start: IsoDate; end: IsoDate }): number => dayNumber(r.end) - dayNumber(r.start) + 1;

/**
 * The obligation periods a named period stands for:
 * 1. every period that lies mostly (at least half its days) inside the named range — a quarter for
 *    第三季度, both quarters for 上半年, the weeks of a month for 2016年8月;
 * 2. otherwise the one period that overlaps the range most — the quarter for 2016年8月;
 * A bare year (grain `year`) only stands for a period that covers most of that year (annual,
 * unspecified): 2016年 in "2016年第27期" says nothing about which week.
 */
export function mapNamedToPeriods<P extends { start: IsoDate; end: IsoDate }>(
  named: NamedPeriod,
  periods: readonly P[],
): P[] {
  if (named.grain === 'year') {
    return periods.filter((p) => overlapDays(p, named) * 2 >= lengthOf(named));
  }
  const inside = periods.filter((p) => overlapDays(p, named) * 2 >= lengthOf(p));
  if (inside.length > 0) return inside;
  let best: P | undefined;
  let bestDays = 0;
  for (const p of periods) {
    const days = overlapDays(p, named);
    if (days > bestDays) {
      best = p;
      bestDays = days;
    }
  }
  return best ? [best] : [];
}
