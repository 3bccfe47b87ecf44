import type { PersonalDataKind } from './finding';

/**
 * Masks a number as the monitor writes it anywhere outside the archive: IDs and cards keep their
 * first 4 and last 4 characters (`4407**********1234`), mobile numbers their first 3 and last 4
 * (`138****8000`), enough for a department to find the record and for nobody to use it.
 */
export function maskValue(kind: PersonalDataKind, value: string): string {
  const keepHead = kind === 'mobile' ? 3 : 4;
  const keepTail = 4;
  if (value.length <= keepHead + keepTail) return '*'.repeat(value.length);
  return value.slice(0, keepHead) + '*'.repeat(value.length - keepHead - keepTail) + value.slice(-keepTail);
}

/**
 * Masks every run of 5 or more digits (ID-like, with an X check digit) in free text: an excerpt must
 * not carry a number the detectors did not recognise (a neighbour's ID with a typo is still a leak).
 */
export function maskDigitRuns(text: string): string {
  return text.replace(/\d{5,}[\dXx]?/g, (run) =>
    run.length <= 8 ? `${run.slice(0, 2)}${'*'.repeat(run.length - 2)}` : maskValue('resident-id', run),
  );
}
