/** Why a fetch produced no usable body. Every site misbehaviour maps to one of these. */
export const FETCH_FAILURE_REASONS = [
  'invalid-url',
  'host-not-allowed',
  'blocked-ssrf',
  'blocked-robots',
  'timeout',
  'too-large',
  'decompression-failed',
  'redirect-loop',
  'too-many-redirects',
  'http-status',
  'network',
  /** The caller's deadline (a whole crawl's) passed before or while this fetch ran. */
  'deadline',
] as const;
export type FetchFailureReason = (typeof FETCH_FAILURE_REASONS)[number];

interface FetchOutcomeBase {
  /** The URL the caller asked for. */
  url: string;
  /** Wall time from the call to the result, waits for politeness and retries included. */
  latencyMs: number;
  /** HTTP attempts made for the final hop chain (1 when no retry was needed, 0 when refused up front). */
  attempts: number;
}

export interface FetchedBody extends FetchOutcomeBase {
  ok: true;
  notModified: false;
  /** The URL after redirects. */
  finalUrl: string;
  status: number;
  /** Response headers of the final hop, names in lower case, repeated headers joined with ", ". */
  headers: Record<string, string>;
  contentType?: string;
  /** The body after content-encoding was undone; never decoded to text here. */
  body: Uint8Array;
  /** sha256 of `body`, lowercase hex. */
  sha256: string;
  etag?: string;
  lastModified?: string;
  /** Every URL redirected to, in order (the last one is `finalUrl`). */
  redirects: string[];
}

export interface NotModified extends FetchOutcomeBase {
  ok: true;
  notModified: true;
  finalUrl: string;
  status: 304;
  headers: Record<string, string>;
  etag?: string;
  lastModified?: string;
  redirects: string[];
}

export interface FetchFailure extends FetchOutcomeBase {
  ok: false;
  reason: FetchFailureReason;
  /** HTTP status when the failure is about one (http-status, and too-large/timeouts after headers). */
  status?: number;
  /** What happened, specific enough to act on, e.g. "redirect to 169.254.169.254 refused: cloud metadata address". */
  message: string;
  /** The URL being fetched when it failed (after redirects). */
  finalUrl?: string;
}

export type FetchResult = FetchedBody | NotModified | FetchFailure;

/** How robots.txt was read for one host. */
export type RobotsState =
  | 'parsed'
  /** 4xx: no rules, everything allowed (RFC 9309 §2.3.1.3). */
  | 'absent'
  /** 5xx or unreachable: everything disallowed for this fetcher's lifetime (RFC 9309 §2.3.1.4). */
  | 'unreachable'
  /** The guard refused robots.txt itself (SSRF, allowlist): pages of the host fail the same way. */
  | 'refused';

export interface FetchStats {
  /** HTTP requests sent (robots.txt, redirect hops and retries included). */
  requests: number;
  /** Bytes received on the wire (before decompression). */
  bytes: number;
  /** Attempts beyond the first. */
  retries: number;
  notModified: number;
  failures: Record<FetchFailureReason, number>;
  /** robots.txt outcome per host (hostname:port). */
  robots: Record<string, RobotsState>;
}
