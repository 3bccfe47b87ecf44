import { BodyTooLargeError, DecodingError } from './body';
import { SsrfRefusedError } from './guarded-connector';
import type { FetchFailureReason } from './result';

/** A failed HTTP exchange, with whether another attempt could help. */
export interface ExchangeFailure {
  kind: 'failure';
  reason: FetchFailureReason;
  message: string;
  retryable: boolean;
  status?: number;
}

export interface ErrorContext {
  host: string;
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  totalTimeoutMs: number;
  /**
   * Which of the fetcher's own timers fired, if any; whatever error followed is a consequence of
   * it. (undici's timers have one-second resolution, too coarse for sub-second limits.)
   */
  expired: 'headers' | 'body' | 'total' | 'deadline' | null;
}

/** undici and node wrap errors in `cause`; the innermost one with a code says what happened. */
function errorChain(err: unknown): { code?: string; message: string; error: unknown }[] {
  const chain: { code?: string; message: string; error: unknown }[] = [];
  let current: unknown = err;
  for (let depth = 0; current && depth < 5; depth++) {
    const e = current as { code?: unknown; message?: unknown; cause?: unknown };
    chain.push({
      code: typeof e.code === 'string' ? e.code : undefined,
      message: typeof e.message === 'string' ? e.message : String(current),
      error: current,
    });
    current = e.cause;
  }
  return chain;
}

// Failures that another attempt will not change (the name does not exist).
const PERMANENT_NETWORK_CODES = new Set(['ENOTFOUND']);

/** Maps an error from an HTTP exchange to a failure reason and a message a person can act on. */
export function classifyExchangeError(err: unknown, ctx: ErrorContext): ExchangeFailure {
  const fail = (reason: FetchFailureReason, message: string, retryable = false): ExchangeFailure => ({
    kind: 'failure',
    reason,
    message,
    retryable,
  });
  const chain = errorChain(err);
  for (const { error } of chain) {
    if (error instanceof SsrfRefusedError)
      return fail('blocked-ssrf', `connection refused by the SSRF guard: ${error.message}`);
    if (error instanceof BodyTooLargeError) return fail('too-large', error.message);
    if (error instanceof DecodingError) return fail('decompression-failed', error.message);
  }
  const codes = chain.map((c) => c.code).filter((c): c is string => c !== undefined);
  if (ctx.expired === 'deadline') {
    return fail('deadline', `${ctx.host}: the crawl's deadline passed while the response was being read`);
  }
  if (ctx.expired === 'total') {
    return fail(
      'timeout',
      `no complete response from ${ctx.host} within ${ctx.totalTimeoutMs} ms (overall deadline)`,
    );
  }
  if (codes.includes('UND_ERR_CONNECT_TIMEOUT')) {
    return fail('timeout', `connecting to ${ctx.host} timed out after ${ctx.connectTimeoutMs} ms`, true);
  }
  if (ctx.expired === 'headers' || codes.includes('UND_ERR_HEADERS_TIMEOUT')) {
    return fail('timeout', `${ctx.host} sent no response headers within ${ctx.headersTimeoutMs} ms`);
  }
  if (ctx.expired === 'body' || codes.includes('UND_ERR_BODY_TIMEOUT')) {
    return fail('timeout', `${ctx.host} stalled mid-body: no data for ${ctx.bodyTimeoutMs} ms`);
  }
  const code = codes.at(-1) ?? codes[0];
  const innermost = chain.at(-1)?.message ?? 'unknown error';
  const retryable = !code || !PERMANENT_NETWORK_CODES.has(code);
  return fail('network', `${ctx.host}: ${code ? `${code} ` : ''}${innermost}`.trim(), retryable);
}
