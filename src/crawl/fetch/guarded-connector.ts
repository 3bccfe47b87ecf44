import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import type { buildConnector as BuildConnector } from 'undici';
import { classifyAddress, classifyHost, parseIpAddress } from './address';
import { buildConnector } from './undici-core';

/** Raised inside the connector when an address is refused; mapped to `blocked-ssrf`. */
export class SsrfRefusedError extends Error {
  readonly code = 'GONGKAI_SSRF_REFUSED';
  constructor(message: string) {
    super(message);
    this.name = 'SsrfRefusedError';
  }
}

/** First blocked address among those a name resolved to, as a refusal message. */
function refusal(hostname: string, addresses: readonly LookupAddress[]): string | null {
  for (const entry of addresses) {
    const address = parseIpAddress(entry.address);
    const verdict = address ? classifyAddress(address) : null;
    if (!verdict || verdict.blocked) {
      return `${hostname} resolved to ${entry.address} (${verdict?.blocked ? verdict.label : 'unreadable address'})`;
    }
  }
  return null;
}

/**
 * A DNS lookup that refuses the whole name if any of its addresses is non-public. It runs inside
 * net.connect, so the address checked is the address connected to: a name cannot answer one
 * address to a pre-check and another to the connection (DNS rebinding).
 */
export const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '', 4);
    const refused = refusal(hostname, addresses);
    if (refused) return callback(new SsrfRefusedError(refused), '', 4);
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    const first = addresses[0];
    if (!first)
      return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 4);
    callback(null, first.address, first.family);
  });
};

/**
 * An undici connector that enforces the SSRF policy at the socket: literal addresses are checked
 * before connecting, names through {@link guardedLookup}. With `allowPrivateNetwork` it connects
 * anywhere (the source opted in).
 */
export function createGuardedConnector(options: {
  allowPrivateNetwork: boolean;
  connectTimeoutMs: number;
}): BuildConnector.connector {
  if (options.allowPrivateNetwork) return buildConnector({ timeout: options.connectTimeoutMs });
  const connect = buildConnector({ timeout: options.connectTimeoutMs, lookup: guardedLookup });
  return (connectOptions, callback) => {
    const literal = classifyHost(connectOptions.hostname);
    if (literal?.blocked) {
      const error = new SsrfRefusedError(`${literal.address.address} (${literal.label})`);
      queueMicrotask(() => callback(error, null));
      return;
    }
    connect(connectOptions, callback);
  };
}
