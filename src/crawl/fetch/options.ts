import { z } from 'zod';
import { parseOrThrow } from '../../core/validation';

export const DEFAULT_USER_AGENT =
  'GongkaiMonitor/0.1 (+https://example.org/gongkai-monitor; compliance crawler)';

export const AllowedHostSchema = z.object({
  host: z
    .string()
    .min(1)
    .describe('hostname or hostname:port; without a port every port of that hostname is allowed'),
  allowPrivateNetwork: z
    .boolean()
    .default(false)
    .describe('Allow loopback/private addresses for this host (local demo or intranet sites only)'),
});
export type AllowedHost = z.input<typeof AllowedHostSchema>;

const ms = (fallback: number) => z.number().int().min(0).default(fallback);
const positive = (fallback: number) => z.number().int().positive().default(fallback);
const fn = <T>(what: string) => z.custom<T>((v) => typeof v === 'function', `${what} must be a function`);

export const FetcherOptionsSchema = z.object({
  userAgent: z.string().min(1).default(DEFAULT_USER_AGENT),
  hosts: z.array(AllowedHostSchema).min(1),
  globalConcurrency: positive(8),
  perHostConcurrency: positive(2),
  perHostDelayMs: ms(250),
  connectTimeoutMs: positive(5_000),
  headersTimeoutMs: positive(15_000),
  bodyTimeoutMs: positive(15_000),
  totalTimeoutMs: positive(60_000),
  maxBodyBytes: positive(10 * 1024 * 1024),
  maxRedirects: ms(5),
  retries: z
    .object({ attempts: positive(3), baseDelayMs: ms(500), maxDelayMs: ms(10_000) })
    .default({ attempts: 3, baseDelayMs: 500, maxDelayMs: 10_000 }),
  maxRetryAfterMs: ms(60_000),
  respectRobots: z.boolean().default(true),
  maxCrawlDelayMs: ms(60_000),
  sleep: fn<(ms: number) => Promise<void>>('sleep').optional(),
  now: fn<() => number>('now').optional(),
  random: fn<() => number>('random').optional(),
});

/** Options as callers write them: everything but `hosts` has a default. */
export type FetcherOptions = z.input<typeof FetcherOptionsSchema>;
/** Options with defaults applied. */
export type FetcherConfig = z.output<typeof FetcherOptionsSchema>;

/** Validates fetcher options, naming the path of every wrong value. */
export function parseFetcherOptions(options: FetcherOptions): FetcherConfig {
  return parseOrThrow(FetcherOptionsSchema, options, 'fetcher options');
}

export const FetchRequestOptionsSchema = z.object({
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  maxBodyBytes: z.number().int().positive().optional(),
  /**
   * Epoch ms (by the fetcher's clock) after which no request starts, a body being read is cut off
   * and no retry wait runs past: a whole crawl's deadline, shared by all its fetches.
   */
  deadlineAt: z.number().finite().optional(),
});
export type FetchRequestOptions = z.input<typeof FetchRequestOptionsSchema>;
