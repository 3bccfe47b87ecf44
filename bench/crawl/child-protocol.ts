/**
 * Each crawler runs in a child process of its own, so their memory peaks do not mix and neither
 * inherits the other's heap, JIT state or open sockets. The parent starts the child with a job
 * (JSON in argv), waits for `ready`, then asks for crawls one at a time; the child measures each
 * crawl and answers with the figures.
 */
import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';

/** What one crawl cost, measured inside the crawler's process. */
export interface CrawlMeasurement {
  seconds: number;
  /** Pages the crawler itself says it fetched with a body. */
  pages: number;
  /** Body bytes the crawler itself says it received. */
  bytes: number;
  errors: number;
  /** Peak resident set size of the process so far (getrusage maxrss). */
  peakRssBytes: number;
  /** CPU time of the process during the crawl (user + system, all its threads). */
  cpuSeconds: number;
  /** Share of the crawl's time the main thread's event loop was busy (0–1). */
  eventLoopBusy: number;
  /** The monitor's store counters for this crawl (DynamoDB requests, archive files). */
  stores?: {
    writeRequests: number;
    itemsWritten: number;
    readRequests: number;
    writeCapacityUnits: number;
    archivePuts: number;
    /** Files in the archive directory after the crawl (content files and fetch logs). */
    archiveFiles: number;
  };
  /** Child processes of the crawler (the monitor's DynamoDB Local JVM) during the crawl. */
  helpers?: { cpuSeconds: number; peakRssBytes: number };
}

type ToChild = { type: 'crawl'; label: string } | { type: 'exit' };
type FromChild =
  | { type: 'ready' }
  | { type: 'crawled'; label: string; measurement: CrawlMeasurement }
  | { type: 'failed'; message: string };

export interface CrawlerProcess {
  crawl(label: string): Promise<CrawlMeasurement>;
  exit(): Promise<void>;
}

/**
 * Starts `entry` (a TypeScript file, run through tsx) with `job` and waits until it is ready.
 * With CRAWL_BENCH_PROFILE_DIR set, the child writes a V8 CPU profile there (`--cpu-prof`).
 */
export async function startCrawlerProcess(entry: string, job: unknown): Promise<CrawlerProcess> {
  const profileDir = process.env.CRAWL_BENCH_PROFILE_DIR;
  const child = fork(entry, [JSON.stringify(job)], {
    execArgv: ['--import', 'tsx', ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const next = () =>
    new Promise<FromChild>((resolve, reject) => {
      const onMessage = (message: FromChild) => {
        child.off('exit', onExit);
        resolve(message);
      };
      const onExit = (code: number | null) => {
        child.off('message', onMessage);
        reject(new Error(`${entry} exited with code ${code} before answering`));
      };
      child.once('message', onMessage);
      child.once('exit', onExit);
    });
  const expect = async <T extends FromChild['type']>(type: T) => {
    const message = await next();
    if (message.type === 'failed') throw new Error(`${entry}: ${message.message}`);
    if (message.type !== type) throw new Error(`${entry}: expected ${type}, got ${message.type}`);
    return message as Extract<FromChild, { type: T }>;
  };
  try {
    await expect('ready');
  } catch (error) {
    child.kill();
    throw error;
  }
  return {
    async crawl(label) {
      child.send({ type: 'crawl', label } satisfies ToChild);
      return (await expect('crawled')).measurement;
    },
    async exit() {
      if (child.exitCode === null) child.send({ type: 'exit' } satisfies ToChild);
      const code = await exited;
      if (code !== 0) throw new Error(`${entry} exited with code ${code}`);
    },
  };
}

export interface Crawler {
  /** Crawls once; the figures it returns are completed with time, CPU and memory by `serveCrawls`. */
  crawl(label: string): Promise<Pick<CrawlMeasurement, 'pages' | 'bytes' | 'errors' | 'stores' | 'helpers'>>;
  close(): Promise<void>;
}

/** Child side: opens the crawler, then answers the parent's requests until told to exit. */
export async function serveCrawls(open: (job: unknown) => Promise<Crawler>): Promise<void> {
  const send = (message: FromChild) => process.send?.(message);
  let crawler: Crawler;
  try {
    crawler = await open(JSON.parse(process.argv[2] ?? 'null'));
  } catch (error) {
    send({ type: 'failed', message: (error as Error).stack ?? String(error) });
    process.exitCode = 1;
    process.disconnect?.();
    return;
  }
  send({ type: 'ready' });
  process.on('message', async (message: ToChild) => {
    if (message.type === 'exit') {
      await crawler.close();
      process.disconnect?.();
      return;
    }
    try {
      const cpu = process.cpuUsage();
      const started = performance.now();
      const loop = performance.eventLoopUtilization();
      const figures = await crawler.crawl(message.label);
      const eventLoopBusy = performance.eventLoopUtilization(loop).utilization;
      const seconds = (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpu);
      send({
        type: 'crawled',
        label: message.label,
        measurement: {
          ...figures,
          seconds,
          cpuSeconds: (used.user + used.system) / 1e6,
          eventLoopBusy,
          peakRssBytes: process.resourceUsage().maxRSS * 1024,
        },
      });
    } catch (error) {
      send({ type: 'failed', message: (error as Error).stack ?? String(error) });
    }
  });
}
