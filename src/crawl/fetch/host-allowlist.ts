import { classifyHost } from './address';
import type { AllowedHost } from './options';

/** One allowlist entry, normalised the way URLs are. */
export interface HostRule {
  hostname: string;
  /** null: any port. */
  port: string | null;
  allowPrivateNetwork: boolean;
}

/** The port a URL connects to, explicit or the scheme's default. */
export function effectivePort(url: URL): string {
  return url.port || (url.protocol === 'https:' ? '443' : '80');
}

/** The politeness and robots key of a URL: hostname:port, as the brief of a "site". */
export function hostKey(url: URL): string {
  return `${url.hostname}:${effectivePort(url)}`;
}

/**
 * Normalises an allowlist entry through the URL parser, so `LOCALHOST`, IDN names and odd IP
 * forms compare equal to what a URL to them carries.
 */
export function compileHostRule(entry: AllowedHost): HostRule {
  const raw = entry.host.trim();
  const url = new URL(`http://${raw}`);
  const explicitPort = /:(\d+)$/.exec(raw.replace(/^\[[^\]]*\]/, ''));
  return {
    hostname: url.hostname,
    port: explicitPort ? String(Number(explicitPort[1])) : null,
    allowPrivateNetwork: entry.allowPrivateNetwork ?? false,
  };
}

/** The sources' hosts: nothing else is ever fetched. */
export class HostAllowlist {
  private readonly rules: HostRule[];

  constructor(entries: readonly AllowedHost[]) {
    this.rules = entries.map(compileHostRule);
  }

  /** The rule that admits this URL, preferring one that names the exact port. */
  match(url: URL): HostRule | null {
    const port = effectivePort(url);
    const same = this.rules.filter((r) => r.hostname === url.hostname);
    return same.find((r) => r.port === port) ?? same.find((r) => r.port === null) ?? null;
  }
}

export type UrlCheck =
  | { ok: true; url: URL; rule: HostRule }
  | {
      ok: false;
      reason: 'invalid-url' | 'host-not-allowed' | 'blocked-ssrf';
      /** What was refused: the URL, host or address. */
      subject: string;
      /** Why, e.g. "link-local address". */
      why: string;
    };

/**
 * Decides whether a URL may be requested at all, before any connection: scheme, literal
 * addresses, allowlist. Host names are checked again after DNS resolution by the connector.
 */
export function checkUrl(raw: string, allowlist: HostAllowlist, base?: URL): UrlCheck {
  let url: URL;
  try {
    url = base ? new URL(raw, base) : new URL(raw);
  } catch {
    return { ok: false, reason: 'invalid-url', subject: JSON.stringify(raw), why: 'not a URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return {
      ok: false,
      reason: 'invalid-url',
      subject: url.href,
      why: `scheme ${url.protocol} is not fetched (http and https only)`,
    };
  }
  const rule = allowlist.match(url);
  const literal = classifyHost(url.hostname);
  // The private-network opt-in is for loopback and intranet sites; the cloud metadata address
  // holds credentials and is no one's website, so no opt-in reaches it.
  if (literal?.blocked && (literal.category === 'metadata' || !rule?.allowPrivateNetwork)) {
    return { ok: false, reason: 'blocked-ssrf', subject: literal.address.address, why: literal.label };
  }
  if (!rule) {
    return { ok: false, reason: 'host-not-allowed', subject: url.host, why: "not one of the sources' hosts" };
  }
  return { ok: true, url, rule };
}
