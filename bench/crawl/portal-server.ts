/**
 * Serves the generated portal: one node:http server per site on 127.0.0.1 (separate ports, so
 * per-host politeness applies as it does between real department sites), with ETag/Last-Modified
 * and 304s. It counts what it serves, so both crawlers are measured by the same neutral party.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { SourcesFile } from '../../src/core/source';
import type { PortalContent, PortalSite } from './portal-content';

/** What the portal has served since it started; subtract two snapshots for one crawl. */
export interface Traffic {
  requests: number;
  /** 200 responses with an HTML page (home, list, detail). */
  htmlPages: number;
  notModified: number;
  notFound: number;
  /** Response body bytes. */
  bodyBytes: number;
  /** Bytes written to sockets: status lines, headers and bodies. */
  wireBytes: number;
  /** Distinct HTML paths served with 200 since the last `startPhase()`. */
  distinctPages: number;
}

export interface RunningPortal {
  origins: Record<string, string>;
  /** Homepages of every site, in site order. */
  homepages: string[];
  traffic(): Traffic;
  /** Starts counting distinct pages afresh (one crawl = one phase). */
  startPhase(): void;
  stop(): Promise<void>;
}

/** Starts the portal's sites on ephemeral 127.0.0.1 ports. */
export async function startPortal(content: PortalContent): Promise<RunningPortal> {
  const counts = { requests: 0, htmlPages: 0, notModified: 0, notFound: 0, bodyBytes: 0 };
  const distinct = new Set<string>();
  const sockets = new Set<Socket>();
  let closedSocketBytes = 0;
  const servers: Server[] = [];
  const origins: Record<string, string> = {};

  const handle = (site: PortalSite) => (req: IncomingMessage, res: ServerResponse) => {
    counts.requests++;
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const page = site.pages.get(path === '/' ? '/index.htm' : path);
    if (!page) {
      counts.notFound++;
      const body = Buffer.from('<html><body><h1>404 页面不存在</h1></body></html>');
      counts.bodyBytes += body.byteLength;
      res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.byteLength });
      res.end(body);
      return;
    }
    if (notModified(req, page.etag, page.lastModified)) {
      counts.notModified++;
      res.writeHead(304, { ETag: page.etag, 'Last-Modified': page.lastModified });
      res.end();
      return;
    }
    if (page.kind !== 'robots') {
      counts.htmlPages++;
      distinct.add(`${site.id}${path}`);
    }
    counts.bodyBytes += page.body.byteLength;
    res.writeHead(200, {
      'Content-Type': page.contentType,
      'Content-Length': page.body.byteLength,
      ETag: page.etag,
      'Last-Modified': page.lastModified,
      'Cache-Control': 'no-cache',
    });
    res.end(page.body);
  };

  for (const site of content.sites) {
    const server = createServer({ keepAliveTimeout: 30_000 }, handle(site));
    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => {
        closedSocketBytes += socket.bytesWritten;
        sockets.delete(socket);
      });
    });
    servers.push(server);
    origins[site.id] = `http://127.0.0.1:${await listen(server)}`;
  }

  return {
    origins,
    homepages: content.sites.map((s) => `${origins[s.id]}/index.htm`),
    traffic: () => ({
      ...counts,
      wireBytes: closedSocketBytes + [...sockets].reduce((n, s) => n + s.bytesWritten, 0),
      distinctPages: distinct.size,
    }),
    startPhase: () => distinct.clear(),
    stop: () =>
      Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.closeAllConnections();
              server.close(() => resolve());
            }),
        ),
      ).then(() => undefined),
  };
}

/** The traffic between two snapshots (distinct pages: the later snapshot's, counted per phase). */
export function trafficBetween(before: Traffic, after: Traffic): Traffic {
  return {
    requests: after.requests - before.requests,
    htmlPages: after.htmlPages - before.htmlPages,
    notModified: after.notModified - before.notModified,
    notFound: after.notFound - before.notFound,
    bodyBytes: after.bodyBytes - before.bodyBytes,
    wireBytes: after.wireBytes - before.wireBytes,
    distinctPages: after.distinctPages,
  };
}

/** The monitor's sources file for the portal: every site with its columns, as an operator writes it. */
export function portalSources(
  content: PortalContent,
  origins: Record<string, string>,
  limits: { perHostConcurrency: number; perHostDelayMs: number },
): SourcesFile {
  return {
    defaults: { ...limits, maxPages: 200 },
    sources: content.sites.map((site) => ({
      id: site.id,
      units: [site.name],
      name: site.name,
      homepage: `${origins[site.id]}/index.htm`,
      allowPrivateNetwork: true,
      columns: site.columns.map((c) => ({
        id: c.id,
        name: c.name,
        url: `${origins[site.id]}${c.path}`,
        kind: c.kind,
      })),
    })),
  };
}

/** If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2). */
function notModified(req: IncomingMessage, etag: string, lastModified: string): boolean {
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch !== undefined) return ifNoneMatch.split(',').some((tag) => tag.trim() === etag);
  const since = Date.parse(req.headers['if-modified-since'] ?? '');
  return Number.isFinite(since) && since >= Date.parse(lastModified);
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
