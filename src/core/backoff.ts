/**
 * Exponential backoff with full jitter: a uniform wait in [0, min(max, base·2^(n-1))]. Jitter
 * spreads retries from many sweeps (or many batch requests) so a struggling server is not hit in
 * lockstep. The one formula the crawler's retries and the DynamoDB adapter's batch retries use.
 *
 * @param retryNumber 1 for the first retry, 2 for the second, …
 * @param random a uniform number in [0, 1)
 */
export function backoffDelayMs(
  delays: { baseDelayMs: number; maxDelayMs: number },
  retryNumber: number,
  random: number,
): number {
  const ceiling = Math.min(delays.maxDelayMs, delays.baseDelayMs * 2 ** Math.max(0, retryNumber - 1));
  return Math.floor(random * ceiling);
}
