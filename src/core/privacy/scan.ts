/**
 * Finds personal data in text segments (a page's paragraphs, a sheet's cells, a PDF's lines). Pure
 * and linear in the text: a handful of regular expressions without nested quantifiers, each
 * candidate checked by its validator. Precision first: a number that fails its checksum, names an
 * impossible date or region, or (for cards and 15-digit IDs) stands with no word saying what it is,
 * is not a finding. Names and home addresses are judged per row (the segments that share a `where`:
 * a table row, a line): only next to an ID number or a phone number of the same row (see
 * `personHits`), never on their own.
 */
import { isBankCardNumber } from './bank-card';
import type { PersonalDataKind, TextSegment } from './finding';
import { HOME_ADDRESS_HEADER, isHomeAddress, maskAddress, OFFICE_ADDRESS_HEADER } from './home-address';
import { maskDigitRuns, maskValue } from './mask';
import { isMobileNumber } from './mobile';
import { isPersonName, maskName, OFFICIAL_HEADER, PERSON_HEADER } from './person-name';
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
/** What separates the fields of a line: spaces, bars, tabs, commas, enumeration commas, semicolons. */
const FIELD = /[^\s|,，、;；]+/g;
/** A field that carries its own label: 姓名：张三, 住址:江门市…. */
const LABELLED = /^(.{1,10}?)[：:](.+)$/;

interface Span {
  start: number;
  end: number;
}

/** One finding in one segment, where it sits in the segment's text. */
interface Hit extends Span {
  kind: PersonalDataKind;
  masked: string;
}

/**
 * The first of a list of non-overlapping spans in reading order that overlaps a span, or undefined:
 * a binary search, so a paragraph of thousands of numbers is not checked against every one.
 */
function firstOverlap<T extends Span>(spans: readonly T[], s: Span): T | undefined {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.end <= s.start) lo = mid + 1;
    else hi = mid;
  }
  const next = spans[lo];
  return next !== undefined && next.start < s.end ? next : undefined;
}

const overlapsSorted = (spans: readonly Span[], s: Span) => firstOverlap(spans, s) !== undefined;

/** The numbers in one segment; IDs claim their digits first, so a valid ID is never also a card or a phone. */
function numberHits(segment: TextSegment): Hit[] {
  const { text } = segment;
  if (text.length < 11 || !/\d{3}/.test(text)) return [];
  const ids: Hit[] = [];
  const cards: Hit[] = [];
  const mobiles: Hit[] = [];
  const before = (start: number) => text.slice(Math.max(0, start - CONTEXT_CHARS), start);
  const hasContext = (start: number, words: RegExp) =>
    words.test(before(start)) || (segment.context !== undefined && words.test(segment.context));
  const hit = (kind: PersonalDataKind, value: string, start: number, end: number): Hit => ({
    kind,
    masked: maskValue(kind, value),
    start,
    end,
  });
  for (const m of text.matchAll(ID18)) {
    if (isResidentId18(m[0]))
      ids.push(hit('resident-id', m[0].toUpperCase(), m.index, m.index + m[0].length));
  }
  // 15-digit IDs cannot overlap 18-digit ones (digits on both sides are excluded): no check needed.
  const ids15: Hit[] = [];
  for (const m of text.matchAll(ID15)) {
    if (isResidentId15(m[0]) && hasContext(m.index, ID_WORDS))
      ids15.push(hit('resident-id', m[0], m.index, m.index + m[0].length));
  }
  const claimed = [ids, ids15];
  const free = (span: Span) => !claimed.some((list) => overlapsSorted(list, span));
  for (const m of text.matchAll(CARD)) {
    const span = { start: m.index, end: m.index + m[0].length };
    const digits = m[0].replace(/[ -]/g, '');
    if (free(span) && isBankCardNumber(digits) && hasContext(m.index, CARD_WORDS))
      cards.push(hit('bank-card', digits, span.start, span.end));
  }
  claimed.push(cards);
  for (const m of text.matchAll(MOBILE)) {
    const span = { start: m.index, end: m.index + m[0].length };
    const digits = m[0].replace(/[ -]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
    if (free(span) && isMobileNumber(digits)) mobiles.push(hit('mobile', digits, span.start, span.end));
  }
  return [...ids, ...ids15, ...cards, ...mobiles].sort((a, b) => a.start - b.start);
}

/** A field of a row: a table cell, or a run of a line between separators, with what labels it. */
interface Field extends Span {
  segment: number;
  value: string;
  /** Its own label (姓名：…) or its column's header. */
  label: string;
  /** A table cell under a header: a name there needs a name column. */
  inColumn: boolean;
}

function fieldsOf(group: readonly TextSegment[]): Field[] {
  const fields: Field[] = [];
  group.forEach((segment, i) => {
    for (const m of segment.text.matchAll(FIELD)) {
      const labelled = LABELLED.exec(m[0]);
      const value = labelled ? labelled[2]! : m[0];
      const start = m.index + m[0].length - value.length;
      fields.push({
        segment: i,
        start,
        end: start + value.length,
        value,
        label: labelled?.[1] ?? segment.header ?? '',
        inColumn: segment.header !== undefined,
      });
    }
  });
  return fields;
}

/** Which fields hold an ID number: one walk over fields and IDs (numberHits sorts them), both in reading order. */
function idFields(fields: readonly Field[], numbers: readonly Hit[][]): boolean[] {
  const ids = numbers.map((hits) => hits.filter((h) => h.kind === 'resident-id'));
  const at = ids.map(() => 0);
  return fields.map((f) => {
    const list = ids[f.segment]!;
    let k = at[f.segment]!;
    while (k < list.length && list[k]!.end <= f.start) k++;
    at[f.segment] = k;
    return k < list.length && list[k]!.start < f.end;
  });
}

/**
 * A field cut where a number found in it starts (住址江门市…12号4407…: the address runs up to the
 * ID), so findings never overlap, which the excerpts rely on; null when it opens with a number.
 */
function beforeNumbers(f: Field, hits: readonly Hit[]): Field | null {
  const first = firstOverlap(hits, f);
  if (!first) return f;
  if (first.start <= f.start) return null;
  const value = f.value.slice(0, first.start - f.start);
  return { ...f, value, end: first.start };
}

/**
 * Names and home addresses in one row, given the numbers found in it. A name counts under a name
 * column or label (姓名, 户主, 申请人…) in a row with an ID or a phone number, or, in a line with no
 * columns, right beside an ID number; never under 联系人, 负责人, 经办人 or a company's legal
 * representative. A home address counts in a row with an ID or a counted name, or under a home
 * address column beside a phone number; never under an office's address column, never an
 * institution's address.
 */
function personHits(group: readonly TextSegment[], numbers: readonly Hit[][]): Hit[][] {
  const out: Hit[][] = group.map(() => []);
  const all = numbers.flat();
  const hasId = all.some((h) => h.kind === 'resident-id');
  const hasMobile = all.some((h) => h.kind === 'mobile');
  if (!hasId && !hasMobile) return out;
  const fields = fieldsOf(group);
  const ids = idFields(fields, numbers);
  let named = false;
  fields.forEach((f, i) => {
    if (!isPersonName(f.value) || OFFICIAL_HEADER.test(f.label)) return;
    const byLabel = PERSON_HEADER.test(f.label);
    const besideId = !f.inColumn && hasId && (ids[i - 1] === true || ids[i + 1] === true);
    if (!byLabel && !besideId) return;
    out[f.segment]!.push({ kind: 'name', masked: maskName(f.value), start: f.start, end: f.end });
    named = true;
  });
  for (const field of fields) {
    const f = beforeNumbers(field, numbers[field.segment]!);
    if (!f || !isHomeAddress(f.value) || OFFICE_ADDRESS_HEADER.test(f.label)) continue;
    if (!(hasId || named || HOME_ADDRESS_HEADER.test(f.label))) continue;
    out[f.segment]!.push({ kind: 'home-address', masked: maskAddress(f.value), start: f.start, end: f.end });
  }
  return out;
}

/** A window of the text with every finding that touches it masked whole, and long numbers masked. */
function maskedWindow(text: string, from: number, to: number, hits: readonly Hit[]): string {
  const clean = (s: string) => maskDigitRuns(s.replace(/\s+/g, ' '));
  let out = '';
  let at = Math.max(0, from);
  for (const h of hits) {
    if (h.end <= from || h.start >= to) continue;
    out += clean(text.slice(at, Math.max(at, h.start))) + h.masked;
    at = Math.max(at, h.end);
  }
  return out + clean(text.slice(at, Math.max(at, to)));
}

/**
 * The findings that reach into the excerpt window before (-1) or after (+1) the k-th one, nearest
 * in reading order. Findings do not overlap, so the walk stops at the first one
 * out of reach: a paragraph of thousands of numbers costs a few steps per finding, not thousands.
 */
function neighbours(hits: readonly Hit[], k: number, direction: -1 | 1): Hit[] {
  const h = hits[k]!;
  const out: Hit[] = [];
  for (let j = k + direction; j >= 0 && j < hits.length; j += direction) {
    const o = hits[j]!;
    if (direction < 0 ? o.end <= h.start - EXCERPT_CHARS : o.start >= h.end + EXCERPT_CHARS) break;
    out.push(o);
  }
  return direction < 0 ? out.reverse() : out;
}

/** Scans one row (segments sharing a `where`), findings in reading order. */
function scanRow(group: readonly TextSegment[]): TextFinding[] {
  const numbers = group.map(numberHits);
  const persons = personHits(group, numbers);
  return group.flatMap((segment, i) => {
    const hits = [...numbers[i]!, ...persons[i]!].sort((a, b) => a.start - b.start);
    return hits.map((h, k) => {
      const head = maskedWindow(segment.text, h.start - EXCERPT_CHARS, h.start, neighbours(hits, k, -1));
      const tail = maskedWindow(segment.text, h.end, h.end + EXCERPT_CHARS, neighbours(hits, k, 1));
      return {
        kind: h.kind,
        masked: h.masked,
        where: segment.where,
        excerpt: `${head}${h.masked}${tail}`.trim(),
      };
    });
  });
}

/** Scans one segment on its own (a paragraph, a line): a row of one. */
export function scanText(segment: TextSegment): TextFinding[] {
  return scanRow([segment]);
}

/** Scans every segment, in order, a row (consecutive segments with the same `where`) at a time. */
export function scanSegments(segments: Iterable<TextSegment>): TextFinding[] {
  const out: TextFinding[] = [];
  let row: TextSegment[] = [];
  for (const segment of segments) {
    if (row.length > 0 && row[0]!.where !== segment.where) {
      out.push(...scanRow(row));
      row = [];
    }
    row.push(segment);
  }
  if (row.length > 0) out.push(...scanRow(row));
  return out;
}
