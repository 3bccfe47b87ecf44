/** How many attempts a fetch may make and how long it waits between them. */
export interface RetryPolicy {
  /** Total attempts, the first included (1 = never retry). */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export { backoffDelayMs } from '../../core/backoff';

/**
 * Reads a Retry-After header: delta-seconds or an HTTP date. Returns the wait in ms (never
 * negative), or null when the header is absent or unreadable.
 *
 * @param nowMs the current wall-clock time, needed for the HTTP-date form
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | null {
  if (value === undefined) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP date always names a weekday and GMT; refusing anything else avoids Date.parse's
  // leniency turning "5 minutes" into a date.
  if (!/GMT$/i.test(text)) return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}

/** Statuses worth another attempt: the server said "later", not "no". */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599 && status !== 501 && status !== 505);
}
