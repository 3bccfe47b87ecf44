/**
 * A redirect chain: every hop is checked against the allowlist and the SSRF guard like the first
 * URL, a chain that comes back to a URL it visited is a loop, and a chain is at most `maxRedirects`
 * hops long. The fetcher follows redirects itself so that no hop escapes these checks.
 */
import { checkUrl, type HostAllowlist, type HostRule } from './host-allowlist';
import type { FetchFailureReason } from './result';

export const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** The next hop, or why the chain stops here. */
export type RedirectStep =
  | { ok: true; url: URL; rule: HostRule }
  | { ok: false; reason: FetchFailureReason; message: string };

export class RedirectTrail {
  /** Every hop followed so far, in order (absolute URLs). */
  readonly redirects: string[] = [];
  private readonly visited: Set<string>;

  constructor(
    start: URL,
    private readonly allowlist: HostAllowlist,
    private readonly maxRedirects: number,
    /** The URL first asked for, as the caller wrote it (for messages). */
    private readonly requested: string,
  ) {
    this.visited = new Set([withoutFragment(start)]);
  }

  /** Checks and records the hop a `status` answer from `current` asks for. */
  follow(current: URL, status: number, location: string | undefined): RedirectStep {
    if (!location) {
      return {
        ok: false,
        reason: 'http-status',
        message: `${current.href} answered HTTP ${status} without a Location header`,
      };
    }
    const next = checkUrl(location, this.allowlist, current);
    if (!next.ok) {
      return { ok: false, reason: next.reason, message: `redirect to ${next.subject} refused: ${next.why}` };
    }
    const key = withoutFragment(next.url);
    if (this.visited.has(key)) {
      return {
        ok: false,
        reason: 'redirect-loop',
        message: `redirect loop: ${[...this.visited, key].join(' → ')}`,
      };
    }
    if (this.redirects.length >= this.maxRedirects) {
      return {
        ok: false,
        reason: 'too-many-redirects',
        message: `more than ${this.maxRedirects} redirects from ${this.requested}`,
      };
    }
    this.visited.add(key);
    this.redirects.push(next.url.href);
    return { ok: true, url: next.url, rule: next.rule };
  }
}

function withoutFragment(url: URL): string {
  const copy = new URL(url);
  copy.hash = '';
  return copy.href;
}
