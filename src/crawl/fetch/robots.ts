import robotsParser from 'robots-parser';
import type { FetchFailureReason, RobotsState } from './result';

/** What robots.txt says about one host, for one user agent. */
export interface RobotsRules {
  state: RobotsState;
  /** Why the state is what it is, for messages (e.g. "robots.txt answered HTTP 503"). */
  detail: string;
  isAllowed(url: string): boolean;
  /** Crawl-delay in ms, when the file sets one for this agent. */
  crawlDelayMs: number | null;
}

/** RFC 9309 §2.5: crawlers may stop reading after 500 KiB. */
export const ROBOTS_MAX_BYTES = 500 * 1024;

/**
 * The text of a robots.txt body read up to the cap. A file cut at the cap loses its last, partial
 * line, so a rule cut in half (`Disallow: /adm` of `/admin/`) is never applied.
 */
export function robotsText(body: Uint8Array): string {
  let bytes = body;
  if (body.byteLength >= ROBOTS_MAX_BYTES) {
    const lastBreak = body.lastIndexOf(0x0a);
    bytes = body.subarray(0, lastBreak + 1);
  }
  return new TextDecoder('utf-8').decode(bytes);
}

/**
 * The product token robots.txt groups are matched against: the user agent up to the first "/"
 * or space (`GongkaiMonitor/0.1 (+…)` → `GongkaiMonitor`).
 */
export function robotsAgentToken(userAgent: string): string {
  return userAgent.split(/[/\s]/)[0] || userAgent;
}

/** Rules from a robots.txt body that was fetched successfully. */
export function parsedRobots(robotsUrl: string, text: string, agent: string): RobotsRules {
  const robots = robotsParser(robotsUrl, text);
  const delay = robots.getCrawlDelay(agent);
  return {
    state: 'parsed',
    detail: `${robotsUrl} disallows it`,
    // robots-parser answers undefined for URLs of another origin; those never reach here.
    isAllowed: (url) => robots.isAllowed(url, agent) !== false,
    crawlDelayMs: typeof delay === 'number' && Number.isFinite(delay) && delay > 0 ? delay * 1000 : null,
  };
}

/** No robots.txt (4xx other than 429): everything is allowed (RFC 9309 §2.3.1.3). */
export function absentRobots(status: number): RobotsRules {
  return {
    state: 'absent',
    detail: `robots.txt answered HTTP ${status}`,
    isAllowed: () => true,
    crawlDelayMs: null,
  };
}

/**
 * robots.txt could not be read (5xx, 429, network, timeout): the site is treated as fully
 * disallowed for this fetcher's lifetime, as RFC 9309 §2.3.1.4 requires. The sweep then reports
 * the source as unreachable rather than crawling a site whose wishes it could not read.
 */
export function unreachableRobots(why: string): RobotsRules {
  return {
    state: 'unreachable',
    detail: `robots.txt could not be read (${why}); the host is treated as disallowed for this sweep`,
    isAllowed: () => false,
    crawlDelayMs: null,
  };
}

/** A robots.txt fetch refused by the guard: the page fetch fails for the same reason. */
export interface RobotsRefusal {
  reason: FetchFailureReason;
  message: string;
}
