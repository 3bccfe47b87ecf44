import { createHash } from 'node:crypto';
import { parseOrThrow } from '../../core/validation';
import { readBody } from './body';
import { classifyExchangeError, type ExchangeFailure } from './errors';
import { createGuardedConnector } from './guarded-connector';
import { checkUrl, HostAllowlist, type HostRule, hostKey } from './host-allowlist';
import {
  type FetcherConfig,
  type FetcherOptions,
  type FetchRequestOptions,
  FetchRequestOptionsSchema,
  parseFetcherOptions,
} from './options';
import { PolitenessGate } from './politeness';
import { REDIRECT_STATUSES, RedirectTrail } from './redirects';
import {
  FETCH_FAILURE_REASONS,
  type FetchFailure,
  type FetchFailureReason,
  type FetchResult,
  type FetchStats,
} from './result';
import { backoffDelayMs, isRetryableStatus, parseRetryAfter } from './retry-policy';
import { ROBOTS_MAX_BYTES, type RobotsRules, robotsAgentToken } from './robots';
import { RobotsCache } from './robots-cache';
import { Agent, request } from './undici-core';

export interface Fetcher {
  /**
   * Fetches one URL politely and safely. Never throws for anything a site does: every failure
   * is a result with a reason. Throws only for invalid `options` (a caller's mistake).
   */
  fetch(url: string, options?: FetchRequestOptions): Promise<FetchResult>;
  /** Counters since the fetcher was created. */
  stats(): FetchStats;
  /** Closes pooled connections (idempotent); the fetcher must not be used afterwards. */
  close(): Promise<void>;
}

/** One HTTP exchange that got a response. */
interface ExchangeResponse {
  kind: 'response';
  status: number;
  headers: Record<string, string>;
  body?: Buffer;
}
type Exchange = ExchangeResponse | ExchangeFailure;

/** A hop after retries: the response (or failure) and how many attempts it took. */
type HopOutcome = (ExchangeResponse | ExchangeFailure) & { attempts: number };

interface ChainOptions {
  conditional: { etag?: string; lastModified?: string };
  maxBodyBytes: number;
  /** `truncate`: keep the first `maxBodyBytes` of a longer body instead of failing (robots.txt). */
  overflow: 'fail' | 'truncate';
  checkRobots: boolean;
  /** Epoch ms after which nothing starts and a read in progress is cut off. */
  deadlineAt?: number;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/**
 * Creates a fetcher for one sweep: a polite, SSRF-guarded HTTP client over undici that honours
 * robots.txt, conditional GET, size and time limits, and retries what is worth retrying.
 *
 * @throws ValidationError when `options` are invalid, naming each wrong path
 */
export function createFetcher(options: FetcherOptions): Fetcher {
  const config: FetcherConfig = parseFetcherOptions(options);
  const now = config.now ?? Date.now;
  const sleep = config.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = config.random ?? Math.random;
  const allowlist = new HostAllowlist(config.hosts);
  const agentFor = (allowPrivateNetwork: boolean) =>
    new Agent({
      connect: createGuardedConnector({ allowPrivateNetwork, connectTimeoutMs: config.connectTimeoutMs }),
      headersTimeout: config.headersTimeoutMs,
      bodyTimeout: config.bodyTimeoutMs,
      connections: config.perHostConcurrency,
    });
  const agents = { guarded: agentFor(false), open: agentFor(true) };
  let closing: Promise<void> | undefined;
  const gate = new PolitenessGate({
    globalConcurrency: config.globalConcurrency,
    perHostConcurrency: config.perHostConcurrency,
    sleep,
    now,
  });
  const counters: FetchStats = {
    requests: 0,
    bytes: 0,
    retries: 0,
    notModified: 0,
    failures: Object.fromEntries(FETCH_FAILURE_REASONS.map((r) => [r, 0])) as Record<
      FetchFailureReason,
      number
    >,
    robots: {},
  };
  // robots.txt comes through the same chain as pages (every redirect hop checked), unchecked
  // against robots.txt itself, truncated rather than failed when long.
  const robotsCache = new RobotsCache(
    (robotsUrl, rule, deadlineAt) =>
      fetchChain(robotsUrl, rule, {
        conditional: {},
        maxBodyBytes: ROBOTS_MAX_BYTES,
        overflow: 'truncate',
        checkRobots: false,
        ...(deadlineAt !== undefined ? { deadlineAt } : {}),
      }),
    robotsAgentToken(config.userAgent),
    counters.robots,
  );

  function hostDelayMs(rules: RobotsRules | null): number {
    const crawlDelay = rules?.crawlDelayMs ? Math.min(rules.crawlDelayMs, config.maxCrawlDelayMs) : 0;
    return Math.max(config.perHostDelayMs, crawlDelay);
  }

  async function exchange(url: URL, rule: HostRule, chain: ChainOptions): Promise<Exchange> {
    const headers: Record<string, string> = {
      'user-agent': config.userAgent,
      accept: 'text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.8',
      'accept-encoding': 'gzip, deflate, br',
      'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5',
    };
    if (chain.conditional.etag) headers['if-none-match'] = chain.conditional.etag;
    if (chain.conditional.lastModified) headers['if-modified-since'] = chain.conditional.lastModified;
    const controller = new AbortController();
    let expired: 'headers' | 'body' | 'total' | 'deadline' | null = null;
    const expire = (which: 'headers' | 'body' | 'total' | 'deadline') => () => {
      expired ??= which;
      controller.abort();
    };
    // The crawl's deadline cuts an exchange short like its own overall limit, whichever comes first.
    const left = chain.deadlineAt === undefined ? Infinity : Math.max(0, chain.deadlineAt - now());
    const deadline =
      left < config.totalTimeoutMs
        ? setTimeout(expire('deadline'), left)
        : setTimeout(expire('total'), config.totalTimeoutMs);
    const headersTimer = setTimeout(expire('headers'), config.headersTimeoutMs);
    let idleTimer: NodeJS.Timeout | undefined;
    counters.requests++;
    try {
      const response = await request(url, {
        method: 'GET',
        headers,
        dispatcher: rule.allowPrivateNetwork ? agents.open : agents.guarded,
        signal: controller.signal,
      });
      clearTimeout(headersTimer);
      const responseHeaders = flattenHeaders(response.headers);
      const status = response.statusCode;
      if (status < 200 || status > 299) {
        // Error pages and redirect bodies are not read; a bounded dump keeps the connection reusable.
        await response.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
        return { kind: 'response', status, headers: responseHeaders };
      }
      const declared = Number(responseHeaders['content-length']);
      if (chain.overflow === 'fail' && Number.isFinite(declared) && declared > chain.maxBodyBytes) {
        response.body.destroy();
        return {
          kind: 'failure',
          reason: 'too-large',
          status,
          retryable: false,
          message: `${url.href} declares ${declared} bytes, over the ${chain.maxBodyBytes}-byte limit`,
        };
      }
      const idle = setTimeout(expire('body'), config.bodyTimeoutMs);
      idleTimer = idle;
      const body = await readBody(
        response.body,
        responseHeaders['content-encoding'],
        chain.maxBodyBytes,
        (n) => {
          counters.bytes += n;
          idle.refresh();
        },
        chain.overflow,
      );
      return { kind: 'response', status, headers: responseHeaders, body };
    } catch (err) {
      return classifyExchangeError(err, {
        host: url.host,
        connectTimeoutMs: config.connectTimeoutMs,
        headersTimeoutMs: config.headersTimeoutMs,
        bodyTimeoutMs: config.bodyTimeoutMs,
        totalTimeoutMs: config.totalTimeoutMs,
        expired,
      });
    } finally {
      clearTimeout(deadline);
      clearTimeout(headersTimer);
      clearTimeout(idleTimer);
    }
  }

  /** One URL, with politeness and retries; no redirects followed here. */
  async function hop(
    url: URL,
    rule: HostRule,
    chain: ChainOptions,
    robots: RobotsRules | null,
  ): Promise<HopOutcome> {
    const key = hostKey(url);
    const policy = config.retries;
    const pastDeadline = (attempt: number): HopOutcome => ({
      kind: 'failure',
      reason: 'deadline',
      retryable: false,
      attempts: attempt - 1,
      message: `${url.href} not fetched: the crawl's deadline passed`,
    });
    for (let attempt = 1; ; attempt++) {
      if (attempt > 1) counters.retries++;
      const release = await gate.enter(key, hostDelayMs(robots));
      if (chain.deadlineAt !== undefined && now() >= chain.deadlineAt) {
        release();
        return pastDeadline(attempt);
      }
      let outcome: Exchange;
      try {
        outcome = await exchange(url, rule, chain);
      } finally {
        release();
      }
      const last = attempt >= policy.attempts;
      if (outcome.kind === 'failure') {
        if (!outcome.retryable || last) return { ...outcome, attempts: attempt };
        const wait = backoffDelayMs(policy, attempt, random());
        if (waitsPastDeadline(wait, chain)) return pastDeadline(attempt + 1);
        await sleep(wait);
        continue;
      }
      if (!isRetryableStatus(outcome.status) || last) return { ...outcome, attempts: attempt };
      const asked =
        outcome.status === 429 || outcome.status === 503
          ? parseRetryAfter(outcome.headers['retry-after'], now())
          : null;
      if (asked !== null && asked > config.maxRetryAfterMs) {
        return {
          kind: 'failure',
          reason: 'http-status',
          status: outcome.status,
          retryable: false,
          attempts: attempt,
          message: `${url.href} answered HTTP ${outcome.status} and asked to retry after ${Math.ceil(asked / 1000)} s, longer than the ${config.maxRetryAfterMs / 1000} s the fetcher waits`,
        };
      }
      const wait = asked ?? backoffDelayMs(policy, attempt, random());
      // A wait that would end after the deadline is not started: the retry could never run.
      if (waitsPastDeadline(wait, chain)) {
        return {
          kind: 'failure',
          reason: 'deadline',
          status: outcome.status,
          retryable: false,
          attempts: attempt,
          message: `${url.href} answered HTTP ${outcome.status}; waiting ${Math.ceil(wait / 1000)} s to retry would pass the crawl's deadline`,
        };
      }
      await sleep(wait);
    }
  }

  function waitsPastDeadline(waitMs: number, chain: ChainOptions): boolean {
    return chain.deadlineAt !== undefined && now() + waitMs >= chain.deadlineAt;
  }

  /** Follows redirects from `start`, checking every hop against the guard and robots.txt. */
  async function fetchChain(
    start: URL,
    startRule: HostRule,
    chain: ChainOptions,
    requested = start.href,
  ): Promise<FetchResult> {
    const began = now();
    const failure = (
      reason: FetchFailureReason,
      message: string,
      extra: { attempts: number; status?: number; finalUrl?: string },
    ): FetchFailure => ({ ok: false, url: requested, reason, message, latencyMs: now() - began, ...extra });
    const trail = new RedirectTrail(start, allowlist, config.maxRedirects, requested);
    let current = start;
    let rule = startRule;
    for (;;) {
      let robots: RobotsRules | null = null;
      if (chain.checkRobots) {
        const found = await robotsCache.rulesFor(current, rule, chain.deadlineAt);
        if (!('state' in found))
          return failure(found.reason, found.message, { attempts: 0, finalUrl: current.href });
        robots = found;
        if (!robots.isAllowed(current.href)) {
          return failure('blocked-robots', `${current.href} not fetched: ${robots.detail}`, {
            attempts: 0,
            finalUrl: current.href,
          });
        }
      }
      const outcome = await hop(current, rule, chain, robots);
      const attempts = outcome.attempts;
      if (outcome.kind === 'failure') {
        return failure(outcome.reason, outcome.message, {
          attempts,
          status: outcome.status,
          finalUrl: current.href,
        });
      }
      const { status, headers } = outcome;
      if (REDIRECT_STATUSES.has(status)) {
        const next = trail.follow(current, status, headers.location);
        if (!next.ok) return failure(next.reason, next.message, { attempts, status, finalUrl: current.href });
        current = next.url;
        rule = next.rule;
        continue;
      }
      const common = {
        url: requested,
        finalUrl: current.href,
        headers,
        ...(headers.etag ? { etag: headers.etag } : {}),
        ...(headers['last-modified'] ? { lastModified: headers['last-modified'] } : {}),
        latencyMs: now() - began,
        attempts,
        redirects: trail.redirects,
      };
      const conditional = Boolean(chain.conditional.etag || chain.conditional.lastModified);
      if (status === 304 && conditional) {
        return { ok: true, notModified: true, status: 304, ...common };
      }
      if (status < 200 || status > 299 || !outcome.body) {
        return failure('http-status', `${current.href} answered HTTP ${status}`, {
          attempts,
          status,
          finalUrl: current.href,
        });
      }
      const body = new Uint8Array(outcome.body.buffer, outcome.body.byteOffset, outcome.body.byteLength);
      return {
        ok: true,
        notModified: false,
        status,
        ...(headers['content-type'] ? { contentType: headers['content-type'] } : {}),
        body,
        sha256: createHash('sha256').update(body).digest('hex'),
        ...common,
      };
    }
  }

  async function fetchOne(raw: string, requestOptions: FetchRequestOptions = {}): Promise<FetchResult> {
    const began = now();
    const opts = parseOrThrow(FetchRequestOptionsSchema, requestOptions, 'fetch options');
    const checked = checkUrl(raw, allowlist);
    if (!checked.ok) {
      return {
        ok: false,
        url: raw,
        reason: checked.reason,
        message: `${checked.subject} refused: ${checked.why}`,
        latencyMs: now() - began,
        attempts: 0,
      };
    }
    if (opts.deadlineAt !== undefined && now() >= opts.deadlineAt) {
      return {
        ok: false,
        url: raw,
        reason: 'deadline',
        message: `${raw} not fetched: the crawl's deadline passed`,
        latencyMs: 0,
        attempts: 0,
      };
    }
    return fetchChain(
      checked.url,
      checked.rule,
      {
        conditional: { etag: opts.etag, lastModified: opts.lastModified },
        maxBodyBytes: opts.maxBodyBytes ?? config.maxBodyBytes,
        overflow: 'fail',
        checkRobots: config.respectRobots,
        ...(opts.deadlineAt !== undefined ? { deadlineAt: opts.deadlineAt } : {}),
      },
      raw,
    );
  }

  return {
    async fetch(url, requestOptions) {
      const result = await fetchOne(url, requestOptions);
      if (!result.ok) counters.failures[result.reason]++;
      else if (result.notModified) counters.notModified++;
      return result;
    },
    stats() {
      return structuredClone(counters);
    },
    close() {
      closing ??= Promise.all([agents.guarded.close(), agents.open.close()]).then(() => undefined);
      return closing;
    },
  };
}
