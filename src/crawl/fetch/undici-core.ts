/**
 * The parts of undici the fetcher uses, loaded from undici's own modules instead of its index. The
 * index also loads fetch, WebSocket, EventSource, the cache and mock agents — about half of undici —
 * and the crawler Lambda bundle must stay small (esbuild cannot tree-shake CommonJS).
 * Types still come from the package's public declarations.
 */
import type * as Undici from 'undici';
// @ts-expect-error see above
import api from 'undici/lib/api/index.js';
// @ts-expect-error see above
import buildConnectorModule from 'undici/lib/core/connect.js';
// @ts-expect-error undici ships no declarations for its internal modules
import AgentModule from 'undici/lib/dispatcher/agent.js';

export const Agent = AgentModule as typeof Undici.Agent;
export const buildConnector = buildConnectorModule as typeof Undici.buildConnector;

type RequestOptions = Parameters<typeof Undici.request>[1] & { dispatcher: Undici.Dispatcher };

/** undici's `request(url, options)` for an explicit dispatcher (the fetcher always passes one). */
export function request(url: URL, options: RequestOptions): ReturnType<typeof Undici.request> {
  const { dispatcher, ...rest } = options;
  return (api.request as (this: Undici.Dispatcher, opts: unknown) => ReturnType<typeof Undici.request>).call(
    dispatcher,
    {
      ...rest,
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: rest.method ?? 'GET',
    },
  );
}
