/**
 * robots.txt, read once per host and crawl. The first page of a host waits for its robots.txt;
 * every later page of the host reuses the same answer (a promise, so concurrent pages share one
 * request). How an answer reads follows RFC 9309: 4xx (but 429) means no rules, 5xx and network
 * errors mean the rules could not be read, and a refusal by the guard refuses the host's pages too.
 */
import { type HostRule, hostKey } from './host-allowlist';
import type { FetchFailureReason, FetchResult, FetchStats } from './result';
import {
  absentRobots,
  parsedRobots,
  type RobotsRefusal,
  type RobotsRules,
  robotsText,
  unreachableRobots,
} from './robots';

/** Fetches robots.txt (the fetcher's own chain, without the robots check). */
export type RobotsFetch = (robotsUrl: URL, rule: HostRule, deadlineAt?: number) => Promise<FetchResult>;

export class RobotsCache {
  private readonly byHost = new Map<string, Promise<RobotsRules | RobotsRefusal>>();

  constructor(
    private readonly fetchRobots: RobotsFetch,
    private readonly agentToken: string,
    /** Where the outcome per host is counted (the fetcher's stats). */
    private readonly counts: FetchStats['robots'],
  ) {}

  /** The rules for `url`'s host, or why its pages cannot be fetched at all. */
  rulesFor(url: URL, rule: HostRule, deadlineAt?: number): Promise<RobotsRules | RobotsRefusal> {
    const key = hostKey(url);
    let cached = this.byHost.get(key);
    if (!cached) {
      const robotsUrl = new URL('/robots.txt', url.origin);
      cached = this.fetchRobots(robotsUrl, rule, deadlineAt).then((result) => {
        const rules = readRobots(robotsUrl, result, this.agentToken);
        // A robots.txt the crawl's deadline cut off says nothing about the host: the next fetch
        // with time left (a resumed crawl's) reads it again instead of finding the host blocked.
        if (!('state' in rules) && rules.reason === 'deadline') this.byHost.delete(key);
        else this.counts[key] = 'state' in rules ? rules.state : 'refused';
        return rules;
      });
      this.byHost.set(key, cached);
    }
    return cached;
  }
}

const HOST_REFUSALS: readonly FetchFailureReason[] = ['blocked-ssrf', 'host-not-allowed', 'invalid-url'];

/** What a robots.txt fetch means for the host's pages. */
export function readRobots(
  robotsUrl: URL,
  result: FetchResult,
  agentToken: string,
): RobotsRules | RobotsRefusal {
  if (!result.ok && result.reason === 'deadline') return { reason: 'deadline', message: result.message };
  if (result.ok) {
    if (result.notModified) return unreachableRobots('HTTP 304 without a conditional request');
    return parsedRobots(robotsUrl.href, robotsText(result.body), agentToken);
  }
  // The host itself refused (no status): its pages would be refused the same way. A refused
  // redirect of robots.txt (status 3xx) only means the rules could not be read.
  if (HOST_REFUSALS.includes(result.reason) && result.status === undefined) {
    return { reason: result.reason, message: result.message };
  }
  if (result.reason === 'http-status' && result.status && result.status >= 400 && result.status < 500) {
    if (result.status !== 429) return absentRobots(result.status);
  }
  return unreachableRobots(result.reason === 'http-status' ? `HTTP ${result.status}` : result.message);
}
