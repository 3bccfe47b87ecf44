import type { Source } from '../core/source';
import type { AllowedHost } from './fetch';

/** `hostname:port` with the scheme's default port written out, so an allowlist entry names one port. */
export function hostWithPort(url: string): string {
  const parsed = new URL(url);
  const port = parsed.port || (parsed.protocol === 'https:' ? '443' : '80');
  return `${parsed.hostname}:${port}`;
}

/**
 * Hosts a source may be fetched from: its home page, every column's list page, and the other hosts
 * of the same government it names in `hosts` (an attachment server, the portal's file host).
 * Everything else a page links to is recorded as "not fetched: other host".
 *
 * The private-network opt-in covers the home page's host and port only: `http://127.0.0.1/` means
 * port 80, never every port of the machine (by link or by redirect). Public hosts keep any port.
 */
export function sourceHosts(
  source: Pick<Source, 'homepage' | 'columns' | 'allowPrivateNetwork' | 'hosts'>,
): AllowedHost[] {
  const home = new URL(source.homepage).host;
  const out = new Map<string, AllowedHost>();
  if (source.allowPrivateNetwork) {
    const pinned = hostWithPort(source.homepage);
    out.set(pinned, { host: pinned, allowPrivateNetwork: true });
  }
  const others = [home, ...source.columns.map((c) => new URL(c.url).host), ...(source.hosts ?? [])];
  for (const host of others) {
    if (source.allowPrivateNetwork && host === home) continue;
    if (!out.has(host)) out.set(host, { host, allowPrivateNetwork: false });
  }
  return [...out.values()];
}
