/**
 * The demo portal: simulated Jiangmen department websites, each on its own port on 127.0.0.1,
 * serving only what is published as of a simulated date. `npm start` sets the date before each
 * weekly sweep; the end-to-end test compares the verdicts with demo-ground-truth.ts.
 */
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
  STATUS_CODES,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { type IsoDate, IsoDateSchema } from '../core/dates';
import { parseOrThrow } from '../core/validation';
import { DEFAULT_DEMO_DIR, type DemoContent, type DemoSite, loadDemoContent, outageOn } from './content';
import { etagOf, httpDateOf, renderPath } from './render';

/**
 * A fault to answer a request with: an error status (optionally with Retry-After), a connection
 * reset before any byte, or the real page cut short — `truncate` closes the connection halfway
 * through the announced Content-Length, `stall` sends half and then nothing until the client gives up.
 */
export type DemoFault =
  | { kind: 'status'; status: number; retryAfterSeconds?: number }
  | { kind: 'reset' }
  | { kind: 'truncate' }
  | { kind: 'stall' };

/**
 * Optional fault injection: return a status code or a DemoFault to answer a request with instead
 * of the page (e.g. 500 for one site on one date), or undefined to serve it normally.
 */
export type DemoChaos = (request: {
  siteId: string;
  path: string;
  date: IsoDate;
}) => number | DemoFault | undefined;

export interface DemoPortalOptions {
  /** Content directory (default seeds/jiangmen-2016/demo). */
  contentDir?: string;
  /** Content already loaded (tests); takes precedence over contentDir. */
  content?: DemoContent;
  /** The simulated date the portal starts at. */
  date: IsoDate;
  /**
   * Port of the first site (in content order); site i listens on basePort + i. Fixed ports keep
   * document URLs stable across runs. Default: ephemeral ports.
   */
  basePort?: number;
  chaos?: DemoChaos;
}

export interface DemoPortal {
  /** Site id → origin, e.g. http://127.0.0.1:41234 (a closed port for a `refused` site). */
  origins: Record<string, string>;
  /** `site:<id>` → origin: the values for `{{site:<id>}}` placeholders in the demo sources. */
  substitutions: Record<string, string>;
  content: DemoContent;
  /** Moves the simulated date; later requests see what is published as of it. */
  setDate(date: IsoDate): void;
  date(): IsoDate;
  /** Requests answered so far, over all sites. */
  requests(): number;
  stop(): Promise<void>;
}

/** Starts one HTTP server per demo site on 127.0.0.1 (ephemeral ports). */
export async function startDemoPortal(options: DemoPortalOptions): Promise<DemoPortal> {
  const content = options.content ?? (await loadDemoContent(options.contentDir ?? DEFAULT_DEMO_DIR));
  let date = parseOrThrow(IsoDateSchema, options.date, 'demo portal date');
  let requests = 0;
  const servers: Server[] = [];
  const origins: Record<string, string> = {};

  const handle = (site: DemoSite) => (req: IncomingMessage, res: ServerResponse) => {
    requests++;
    const url = new URL(req.url ?? '/', 'http://localhost');
    const chaos = options.chaos?.({ siteId: site.id, path: url.pathname, date });
    const injected: DemoFault | undefined =
      typeof chaos === 'number' ? { kind: 'status', status: chaos } : chaos;
    if (injected?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    const outage = outageOn(site, date);
    if (site.down === '503' || outage || injected?.kind === 'status') {
      const status =
        injected?.kind === 'status'
          ? injected
          : { status: outage?.status ?? 503, retryAfterSeconds: undefined };
      res.writeHead(status.status, {
        'Content-Type': 'text/html; charset=utf-8',
        ...(status.retryAfterSeconds === undefined
          ? {}
          : { 'Retry-After': String(status.retryAfterSeconds) }),
      });
      res.end(
        `<html><body><h1>${status.status} ${STATUS_CODES[status.status] ?? 'Error'}</h1></body></html>`,
      );
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' });
      res.end();
      return;
    }
    const page = renderPath(content, site, url.pathname, url.searchParams, date);
    const headers: Record<string, string> = {
      'Content-Type': page.contentType,
      'Cache-Control': 'no-cache',
    };
    if (page.status === 200) {
      headers.ETag = etagOf(page.body);
      headers['Last-Modified'] = httpDateOf(page.changed);
      if (notModified(req, headers.ETag, page.changed)) {
        res.writeHead(304, { ETag: headers.ETag, 'Last-Modified': headers['Last-Modified'] });
        res.end();
        return;
      }
    }
    headers['Content-Length'] = String(page.body.byteLength);
    res.writeHead(page.status, headers);
    if (req.method !== 'HEAD' && (injected?.kind === 'truncate' || injected?.kind === 'stall')) {
      // A stalled response stays open until the client times out or the portal stops.
      const kind = injected.kind;
      res.write(page.body.subarray(0, Math.floor(page.body.byteLength / 2)), () => {
        if (kind === 'truncate') req.socket.destroy();
      });
      return;
    }
    res.end(req.method === 'HEAD' ? undefined : page.body);
  };

  try {
    for (const [index, site] of content.sites.entries()) {
      const port = options.basePort === undefined ? 0 : options.basePort + index;
      if (site.down === 'refused') {
        origins[site.id] = `http://127.0.0.1:${port || (await closedPort())}`;
        continue;
      }
      const server = createServer(handle(site));
      servers.push(server);
      origins[site.id] = `http://127.0.0.1:${await listen(server, port)}`;
    }
  } catch (error) {
    await Promise.all(servers.map(close));
    throw error;
  }

  return {
    origins,
    substitutions: Object.fromEntries(Object.entries(origins).map(([id, origin]) => [`site:${id}`, origin])),
    content,
    setDate(next) {
      date = parseOrThrow(IsoDateSchema, next, 'demo portal date');
    },
    date: () => date,
    requests: () => requests,
    stop: async () => {
      await Promise.all(servers.map(close));
    },
  };
}

/** If-None-Match wins over If-Modified-Since, as RFC 9110 says. */
function notModified(req: IncomingMessage, etag: string, changed: IsoDate): boolean {
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    return ifNoneMatch
      .split(',')
      .map((tag) => tag.trim().replace(/^W\//, ''))
      .some((tag) => tag === etag || tag === '*');
  }
  const ifModifiedSince = req.headers['if-modified-since'];
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  return Number.isFinite(since) && since >= Date.parse(httpDateOf(changed));
}

function listen(server: Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

/**
 * A port nothing listens on: bound, then released. Another process could take it in between; on a
 * test machine that is rare, and the site then still fails (wrong content), just differently.
 */
async function closedPort(): Promise<number> {
  const probe = createServer();
  const port = await listen(probe);
  await close(probe);
  return port;
}
