/**
 * When a document with personal data was out in public: from the day the monitor first saw it,
 * except the spans it had vanished from its column, until it was taken down for good or fixed in
 * place. All dates are Asia/Shanghai days.
 */
import { addDays, type IsoDate, shanghaiDate } from '../dates';
import type { Document } from '../document';
import type { PersonalDataKind, PersonalDataScan } from './finding';

/** A half-open span of days [from, to); `to: null` = still public. */
export interface ExposureSpan {
  from: IsoDate;
  to: IsoDate | null;
}

/** The spans a document was public, in order. */
export function exposureSpans(doc: Document): ExposureSpan[] {
  const spans: ExposureSpan[] = [];
  let from: IsoDate | null = shanghaiDate(doc.firstSeen);
  for (const gone of doc.absences) {
    if (from !== null) spans.push({ from, to: shanghaiDate(gone.from) });
    from = gone.to === null ? null : shanghaiDate(gone.to);
  }
  if (from !== null) spans.push({ from, to: null });
  const fixed = doc.personalData?.fixedAt ? shanghaiDate(doc.personalData.fixedAt) : null;
  return spans
    .map((s) => (fixed && (s.to === null || s.to > fixed) ? { ...s, to: fixed } : s))
    .filter((s) => s.to === null || s.to > s.from);
}

/** Whether the document was public on some day of [start, end]. */
export function exposedBetween(doc: Document, start: IsoDate, end: IsoDate): boolean {
  const after = addDays(end, 1);
  return exposureSpans(doc).some((s) => s.from < after && (s.to === null || s.to > start));
}

/**
 * The day the exposure ended as of `asOf` (taken down or fixed), or null while it is public. A
 * document gone on `asOf` but back later is not settled; the caller only knows up to `asOf`.
 */
export function settledOn(doc: Document, asOf: IsoDate): { on: IsoDate; how: 'taken down' | 'fixed' } | null {
  const spans = exposureSpans(doc).filter((s) => s.from <= asOf);
  const last = spans.at(-1);
  if (!last || last.to === null || last.to > asOf) return null;
  const fixed = doc.personalData?.fixedAt ? shanghaiDate(doc.personalData.fixedAt) : null;
  return { on: last.to, how: fixed === last.to ? 'fixed' : 'taken down' };
}

/** Whether a document carries findings of the kinds asked for (all kinds when none are named). */
export function hasFindings(doc: Document, kinds?: readonly PersonalDataKind[]): boolean {
  const findings = doc.personalData?.findings ?? [];
  return findings.some((f) => !kinds || kinds.length === 0 || kinds.includes(f.kind));
}

/**
 * Whether a document must be read again for personal data: it carries findings the department has
 * not yet fixed in place. Only such documents are fetched again on later crawls, so a fix (the same
 * page or file republished masked) is seen on the day it happens.
 */
export function awaitsFix(doc: Document): boolean {
  return hasFindings(doc) && !doc.personalData?.fixedAt;
}

/**
 * The scan a document keeps after it was read again at `at`. Findings are kept as first found (they
 * are what was exposed, and flags are keyed on them); a read that finds none marks the document
 * fixed only when it read the page and every attachment in full (`readInFull`): no fix is claimed
 * on a file the monitor could not fetch or read.
 */
export function afterReread(
  previous: PersonalDataScan | undefined,
  now: PersonalDataScan | undefined,
  at: string,
  readInFull: boolean,
): PersonalDataScan | undefined {
  if (!previous || previous.findings.length === 0) return now;
  if (previous.fixedAt || !readInFull) return previous;
  if (now && (now.findings.length > 0 || now.unread.length > 0)) return previous;
  return { ...previous, fixedAt: at };
}
