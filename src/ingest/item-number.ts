import { parseNumeral } from '../core/numerals';

/**
 * Item numbers as plans write them: 1 / 1. / 1、 / （1） / (一) / 第一条. A number is accepted only
 * where the sequence continues (the next number, or 1 when numbering restarts), so dates and
 * amounts (2016.5, 1.5亿元) are never read as items.
 */
const LEADING_NUMBER =
  /^\s*(?:第([零〇一二两三四五六七八九十百\d]{1,5})条|[（(]([一二三四五六七八九十百\d]{1,5})[）)]|(\d{1,3})\s*[.、．](?![\d０-９])|(\d{1,3})(?=\s|$))/;

export interface LeadingNumber {
  number: number;
  /** The text after the number (a task written in the same cell as its number). */
  rest: string;
}

/** The item number a cell or line starts with, if any (no sequence check). */
export function leadingNumber(text: string): LeadingNumber | null {
  const match = LEADING_NUMBER.exec(text);
  if (!match) return null;
  const raw = match[1] ?? match[2] ?? match[3] ?? match[4];
  const number = raw === undefined ? null : parseNumeral(raw);
  if (number === null || number <= 0) return null;
  return { number, rest: text.slice(match[0].length).trim() };
}

/** True when `number` continues a sequence whose last item was `previous` (or restarts at 1). */
export function continuesSequence(number: number, previous: number | null): boolean {
  if (previous === null) return number <= 3;
  return number === previous + 1 || number === 1;
}

/** A cell holding only an item number: 1 / 1. / （1）. */
export function bareNumber(text: string): number | null {
  const found = leadingNumber(text);
  return found && found.rest === '' ? found.number : null;
}
