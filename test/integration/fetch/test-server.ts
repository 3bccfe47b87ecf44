import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createFetcher, type Fetcher, type FetcherOptions } from '../../../src/crawl/fetch';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface ReceivedRequest {
  path: string;
  /** performance.now() when the request arrived. */
  at: number;
  headers: IncomingMessage['headers'];
}

/** A real HTTP server on loopback that records what it receives. */
export interface TestServer {
  origin: string;
  /** hostname:port as the allowlist names it. */
  host: string;
  port: number;
  received: ReceivedRequest[];
  /** TCP connections accepted so far. */
  connections(): number;
  /** Highest number of requests in flight at the same time. */
  maxInFlight(): number;
  close(): Promise<void>;
}

/**
 * Starts a server whose routes are keyed by path (query included). Unknown paths, robots.txt
 * included unless routed, answer 404.
 */
export async function startServer(
  routes: Record<string, Handler>,
  options: { bind?: '127.0.0.1' | '::1' } = {},
): Promise<TestServer> {
  const bind = options.bind ?? '127.0.0.1';
  const received: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const server = createServer(async (req, res) => {
    const path = req.url ?? '/';
    received.push({ path, at: performance.now(), headers: req.headers });
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => {
      inFlight--;
    });
    const handler = routes[path];
    if (!handler) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    await handler(req, res);
  });
  server.on('connection', (socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, bind, resolve));
  const port = (server.address() as AddressInfo).port;
  const hostname = bind === '::1' ? '[::1]' : bind;
  return {
    origin: `http://${hostname}:${port}`,
    host: `${hostname}:${port}`,
    port,
    received,
    connections: () => connections,
    maxInFlight: () => maxInFlight,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Paths the server received, robots.txt left out. */
export function pagePaths(server: TestServer): string[] {
  return server.received.map((r) => r.path).filter((p) => p !== '/robots.txt');
}

/** A fetcher allowed onto the given servers, with small timeouts and no retries unless asked. */
export function fetcherFor(servers: TestServer[], overrides: Partial<FetcherOptions> = {}): Fetcher {
  return createFetcher({
    hosts: servers.map((s) => ({ host: s.host, allowPrivateNetwork: true })),
    perHostDelayMs: 0,
    connectTimeoutMs: 1_000,
    headersTimeoutMs: 2_000,
    bodyTimeoutMs: 2_000,
    totalTimeoutMs: 5_000,
    retries: { attempts: 1, baseDelayMs: 10, maxDelayMs: 50 },
    ...overrides,
  });
}

/** A sleep that records what it was asked to wait and returns at once. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    sleep: async (ms) => {
      waits.push(ms);
    },
  };
}

export const html =
  (body: string): Handler =>
  (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body);
  };
