/**
 * Finds personal data in text segments (a page's paragraphs, a sheet's cells, a PDF's pages). Pure
 * and linear in the text: a handful of regular expressions without nested quantifiers, each
 * candidate checked by its validator. Precision first: a number that fails its checksum, names an
 * impossible date or region, or (for cards and 15-digit IDs) stands with no word saying what it is,
 * is not a finding.
 */
import { isBankCardNumber } from './bank-card';
import type { PersonalDataKind, TextSegment } from './finding';
import { maskDigitRuns, maskValue } from './mask';
import { isMobileNumber } from './mobile';
import { isResidentId15, isResidentId18 } from './resident-id';

/** A finding before it is tied to a file. */
export interface TextFinding {
  kind: PersonalDataKind;
  masked: string;
  where: string;
  excerpt: string;
}

/** Words that say a long number is a bank card or account. */
const CARD_WORDS = /卡号|银行卡|储蓄卡|借记卡|信用卡|社保卡|账号|帐号|账户|帐户|开户|card|account/i;
/** Words that say a 15-digit number is an ID (old IDs carry no check digit to prove it). */
const ID_WORDS = /身份证|身份号码|证件号|公民身份|ID/i;
/** How far before a number (in characters) a context word is looked for. */
const CONTEXT_CHARS = 24;
const EXCERPT_CHARS = 12;

const ID18 = /(?<![0-9A-Za-z])[1-9]\d{16}[\dXx](?![0-9A-Za-z])/g;
const ID15 = /(?<![0-9A-Za-z])[1-9]\d{14}(?![0-9A-Za-z])/g;
const CARD = /(?<![0-9A-Za-z])[3-6]\d(?:[ -]?\d){14,17}(?![0-9A-Za-z])/g;
const MOBILE = /(?<![0-9A-Za-z+])(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?![0-9A-Za-z])/g;

interface Span {
  start: number;
  end: number;
}

const overlaps = (spans: Span[], s: Span) => spans.some((o) => s.start < o.end && o.start < s.end);

/** Scans one segment; IDs claim their digits first, so a valid ID is never also a card or a phone. */
export function scanText(segment: TextSegment): TextFinding[] {
  const { text } = segment;
  if (text.length < 11 || !/\d{3}/.test(text)) return [];
  const found: (TextFinding & Span)[] = [];
  const claimed: Span[] = [];
  const before = (start: number) => text.slice(Math.max(0, start - CONTEXT_CHARS), start);
  const hasContext = (start: number, words: RegExp) =>
    words.test(before(start)) || (segment.context !== undefined && words.test(segment.context));
  const take = (kind: PersonalDataKind, value: string, start: number, end: number) => {
    claimed.push({ start, end });
    found.push({ kind, masked: maskValue(kind, value), where: segment.where, excerpt: '', start, end });
  };
  for (const m of text.matchAll(ID18)) {
    if (isResidentId18(m[0])) take('resident-id', m[0].toUpperCase(), m.index, m.index + m[0].length);
  }
  for (const m of text.matchAll(ID15)) {
    const span = { start: m.index, end: m.index + m[0].length };
    if (!overlaps(claimed, span) && isResidentId15(m[0]) && hasContext(m.index, ID_WORDS))
      take('resident-id', m[0], span.start, span.end);
  }
  for (const m of text.matchAll(CARD)) {
    const span = { start: m.index, end: m.index + m[0].length };
    const digits = m[0].replace(/[ -]/g, '');
    if (!overlaps(claimed, span) && isBankCardNumber(digits) && hasContext(m.index, CARD_WORDS))
      take('bank-card', digits, span.start, span.end);
  }
  for (const m of text.matchAll(MOBILE)) {
    const span = { start: m.index, end: m.index + m[0].length };
    const digits = m[0].replace(/[ -]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
    if (!overlaps(claimed, span) && isMobileNumber(digits)) take('mobile', digits, span.start, span.end);
  }
  return found
    .sort((a, b) => a.start - b.start)
    .map(({ start, end, ...f }) => ({ ...f, excerpt: excerpt(text, start, end, f.masked) }));
}

/** The text around a finding, the finding masked and any other long number masked too. */
function excerpt(text: string, start: number, end: number, masked: string): string {
  const head = text.slice(Math.max(0, start - EXCERPT_CHARS), start);
  const tail = text.slice(end, end + EXCERPT_CHARS);
  const clean = (s: string) => maskDigitRuns(s.replace(/\s+/g, ' '));
  return `${clean(head)}${masked}${clean(tail)}`.trim();
}

/** Scans every segment, in order. */
export function scanSegments(segments: Iterable<TextSegment>): TextFinding[] {
  const out: TextFinding[] = [];
  for (const segment of segments) for (const f of scanText(segment)) out.push(f);
  return out;
}
