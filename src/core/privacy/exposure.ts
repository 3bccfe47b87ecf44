/**
 * When a document with personal data was out in public: from the day the monitor first saw it,
 * except the spans it had vanished from its column, until it was taken down for good or fixed in
 * place. All dates are Asia/Shanghai days.
 */
import { addDays, type IsoDate, shanghaiDate } from '../dates';
import type { Document } from '../document';
import type { PersonalDataKind } from './finding';

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
