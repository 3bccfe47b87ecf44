/**
 * Reading publication dates the way Chinese government pages show them. Every reading keeps the
 * text exactly as shown and says where its year came from, because an auditor must be able to tell
 * a date the page printed from one the crawler inferred.
 */
import { type IsoDate, IsoDateSchema } from '../../core/dates';

/** Where the year of a date shown without one (`[07-15]`, `7月15日`) was taken from. */
export type YearSource = 'heading' | 'url' | 'comment' | 'page-date' | 'now';

export interface DateContext {
  /** The year to give dates shown without one. */
  year?: number | null;
  yearSource?: YearSource;
  /** Today (Asia/Shanghai); the last resort for a missing year, never a date in the future. */
  now?: IsoDate | null;
}

export interface DateReading {
  /** The normalised date, or null when the text shows an impossible or year-less date. */
  date: IsoDate | null;
  /** The date exactly as shown, e.g. `[07-15]` or `2016-09-30 11:16`. */
  text: string;
  /** `text`: the shown text holds the whole date; `context`: the year was supplied from elsewhere. */
  from: 'text' | 'context';
  yearSource?: YearSource;
  /** Why `date` is null, e.g. `2016-02-30 does not exist`. */
  problem?: string;
}

const FULL_WIDTH = /[\uFF10-\uFF19\uFF0D\uFF0F\uFF0E\uFF1A\u3000]/g;

/** Full-width digits and punctuation (２０１６－０７－１５) are common in hand-typed dates. */
export function normaliseDigits(text: string): string {
  return text.replace(FULL_WIDTH, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

const TIME = String.raw`(?:\s*(?:[T ]\s*)?\d{1,2}[:：]\d{2}(?::\d{2})?)?`;
/** Year, month, day with one kind of separator throughout, so `2016年1-6月` is not a date. */
const FULL_DATE = new RegExp(
  String.raw`(?<!\d)((?:19|20)\d{2})(?:\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})(?!\d)(?:\s*日)?|\s*([-/.])\s*(\d{1,2})\s*\4\s*(\d{1,2})(?!\d))` +
    TIME,
);
const LABELLED = new RegExp(
  String.raw`(?:发布|发稿|成文|印发|公开|更新)?(?:日期|时间)\s*[:：]\s*(?:\[|【)?\s*` + FULL_DATE.source,
);
/** A month-day pair, bracketed or bare; the look-arounds keep it out of phone numbers and full dates. */
const MONTH_DAY = new RegExp(
  String.raw`(?:(\[|【|\()\s*)?(?<![\d\-/.年])(\d{1,2})\s*(?:([-/.])|月)\s*(\d{1,2})(?:\s*日)?(?![\d\-/.])(?:\s*(\]|】|\)))?` +
    TIME,
);

function checked(year: number, month: number, day: number): { date: IsoDate | null; problem?: string } {
  const text = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (IsoDateSchema.safeParse(text).success) return { date: text };
  return { date: null, problem: `${text} does not exist` };
}

/**
 * Reads the first date shown in a piece of text. A labelled date (`发布日期：…`, `时间：…`) wins over
 * an unlabelled one; a full date wins over a month-day pair, which takes its year from `context`.
 * Returns null when the text shows nothing that looks like a date.
 */
export function parseShownDate(text: string, context: DateContext = {}): DateReading | null {
  const normal = normaliseDigits(text);
  const full = LABELLED.exec(normal) ?? FULL_DATE.exec(normal);
  if (full) {
    const start = full.index + full[0].indexOf(full[1] as string);
    const shown = normal.slice(start, full.index + full[0].length).trim();
    const [month, day] = [full[2] ?? full[5], full[3] ?? full[6]].map(Number) as [number, number];
    return { ...checked(Number(full[1]), month, day), text: shown, from: 'text' };
  }
  const partial = MONTH_DAY.exec(normal);
  if (!partial) return null;
  const month = Number(partial[2]);
  const day = Number(partial[4]);
  // A separator-only pair needs a bracket or a plausible month/day to count as a date.
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const shown = partial[0].trim();
  return { ...withContextYear(month, day, context), text: shown, from: 'context' };
}

function withContextYear(
  month: number,
  day: number,
  context: DateContext,
): Omit<DateReading, 'text' | 'from'> {
  if (context.year) {
    return { ...checked(context.year, month, day), yearSource: context.yearSource ?? 'heading' };
  }
  if (context.now) {
    const year = Number(context.now.slice(0, 4));
    const guess = checked(year, month, day);
    // A list never shows dates in the future, so a later month-day belongs to last year.
    if (guess.date && guess.date > context.now)
      return { ...checked(year - 1, month, day), yearSource: 'now' };
    return { ...guess, yearSource: 'now' };
  }
  return { date: null, problem: 'the date shows no year and none was found on the page' };
}

/**
 * The date a URL encodes: TRS-CMS `.../201607/t20160715_12345.htm`, `/2016/07/15/`, `/2016-07-15/`
 * or `/20160715/`. Null when there is none or it does not exist.
 */
export function dateFromUrl(url: string): IsoDate | null {
  const path = pathOf(url);
  const match =
    /\/t((?:19|20)\d{2})(\d{2})(\d{2})_\d+/.exec(path) ??
    /\/((?:19|20)\d{2})[-/]?(\d{2})[-/]?(\d{2})(?=[/_.]|$)/.exec(path);
  if (!match) return null;
  return checked(Number(match[1]), Number(match[2]), Number(match[3])).date;
}

/** The year a URL path shows: a full date, a `/201607/` month folder or a `/2016/` folder. */
export function yearFromUrl(url: string): number | null {
  const date = dateFromUrl(url);
  if (date) return Number(date.slice(0, 4));
  const match = /\/((?:19|20)\d{2})(?:0[1-9]|1[0-2])?(?=[/_]|$)/.exec(pathOf(url));
  return match ? Number(match[1]) : null;
}

/** A year written in a heading or comment: `2016年`, or a bare `2016` standing alone. */
export function yearFromText(text: string): number | null {
  const normal = normaliseDigits(text);
  const match = /((?:19|20)\d{2})\s*年/.exec(normal) ?? /(?<!\d)((?:19|20)\d{2})(?!\d)/.exec(normal);
  return match ? Number(match[1]) : null;
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url.split(/[?#]/)[0] ?? '';
  }
}

/** `<meta>` names and properties that carry a publication date, most specific first. */
export const DATE_META_NAMES = [
  'pubdate',
  'publishdate',
  'articlepubdate',
  'firstpublishedtime',
  'article:published_time',
  'dcterms.created',
  'dcterms.issued',
  'dc.date.created',
  'dc.date.issued',
  'dc.date',
  'date',
];

/** A date introduced by a label (`发布日期：`, `发布时间：`, `时间：`, `日期：`), or null. */
export function findLabelledDate(text: string): DateReading | null {
  const match = LABELLED.exec(normaliseDigits(text));
  if (!match) return null;
  return parseShownDate(match[0]);
}
