/**
 * Crawl benchmark: a generated portal of 5,000 pages (bench/crawl/portal-content.ts) on 127.0.0.1,
 * crawled in the same run by the monitor (the `crawlSource` task over DynamoDB Local and the
 * directory archive) and by Crawlee's CheerioCrawler, each in a child process of its own; then the
 * monitor crawls the unchanged portal again.
 *
 * Targets (exit 1 when one is missed): the monitor at least 2× Crawlee's pages/s; the re-crawl at
 * most 5% of the first crawl's bytes on the wire and at most 1% of its DynamoDB writes; both
 * crawlers fetch every page.
 *
 *   npm run bench:crawl                      # 5,000 pages, prints the tables
 *   npm run bench:crawl -- --pages 500       # a smaller portal while developing
 *   npm run bench:crawl -- --record          # also writes the section of docs/benchmarks.md
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { parseOrThrow } from '../src/core/validation';
import { type CrawlMeasurement, startCrawlerProcess } from './crawl/child-protocol';
import type { CrawleeJob } from './crawl/crawlee-crawler';
import type { MonitorJob } from './crawl/monitor-crawler';
import { DEFAULT_SHAPE, generatePortal } from './crawl/portal-content';
import { portalSources, startPortal, type Traffic, trafficBetween } from './crawl/portal-server';

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SECTION = '## Crawl (npm run bench:crawl)';
const MIN_SPEEDUP = 2;
const MAX_RECRAWL_BYTES = 0.05;
const MAX_RECRAWL_WRITES = 0.01;

const ArgsSchema = z.object({
  pages: z.coerce.number().int().min(100).max(50_000).default(DEFAULT_SHAPE.pages),
  /** Requests in flight per host (the monitor's default); Crawlee gets this × sites overall. */
  perHost: z.coerce.number().int().min(1).max(16).default(2),
  record: z.boolean().default(false),
});

function parseArgs(argv: string[]) {
  const raw: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--record') raw.record = true;
    else if (arg === '--pages') raw.pages = argv[++i];
    else if (arg === '--per-host') raw.perHost = argv[++i];
    else throw new Error(`unknown argument ${arg} (expected --pages N, --per-host N, --record)`);
  }
  return parseOrThrow(ArgsSchema, raw, 'bench:crawl arguments');
}

interface Row {
  name: string;
  traffic: Traffic;
  measured: CrawlMeasurement;
}

const pagesPerSecond = (row: Row) => row.traffic.htmlPages / row.measured.seconds;
/** CPU of the crawler's process plus its helpers (DynamoDB Local): what the crawl costs the machine. */
const totalCpu = (m: CrawlMeasurement) => m.cpuSeconds + (m.helpers?.cpuSeconds ?? 0);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const kib = (bytes: number) => (bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : mb(bytes));
const pct = (part: number, whole: number) => `${((100 * part) / whole).toFixed(2)}%`;

function crawlTable(rows: Row[]): string {
  return [
    '| crawl | pages (distinct) | requests | 304s | time | pages/s | CPU: crawler + DynamoDB Local | pages per CPU s | peak RSS: crawler + DynamoDB Local | wire bytes |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((row) => {
      const { name, traffic: t, measured: m } = row;
      const helperCpu = m.helpers ? ` + ${m.helpers.cpuSeconds.toFixed(2)} s` : '';
      const helperRss = m.helpers ? ` + ${mb(m.helpers.peakRssBytes)}` : '';
      return `| ${name} | ${t.htmlPages} (${t.distinctPages}) | ${t.requests} | ${t.notModified} | ${m.seconds.toFixed(2)} s | ${pagesPerSecond(row).toFixed(1)} | ${m.cpuSeconds.toFixed(2)} s${helperCpu} | ${(t.htmlPages / totalCpu(m)).toFixed(1)} | ${mb(m.peakRssBytes)}${helperRss} | ${kib(t.wireBytes)} |`;
    }),
  ].join('\n');
}

function storeTable(first: CrawlMeasurement, again: CrawlMeasurement): string {
  const row = (name: string, m: CrawlMeasurement) => {
    const s = m.stores!;
    return `| ${name} | ${s.writeRequests} | ${s.itemsWritten} | ${s.writeCapacityUnits.toFixed(1)} | ${s.readRequests} | ${s.archivePuts} | ${s.archiveFiles} |`;
  };
  return [
    '| monitor crawl | DynamoDB write requests | items written | WCU | read requests | archive puts | archive files after |',
    '|---|---:|---:|---:|---:|---:|---:|',
    row('first', first),
    row('again, portal unchanged', again),
  ].join('\n');
}

function machine(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');
  return `${cpus().length} CPUs (nproc), ${cpu}, node ${process.version}, ${process.platform}/${process.arch}, load average ${load} (1/5/15 min) at the start`;
}

/** Replaces (or appends) this benchmark's section of docs/benchmarks.md, leaving the rest alone. */
function replaceSection(doc: string, section: string): string {
  const start = doc.indexOf(SECTION);
  if (start < 0) return `${doc.trimEnd()}\n\n${section}\n`;
  const next = doc.indexOf('\n## ', start + SECTION.length);
  const rest = next < 0 ? '' : doc.slice(next + 1);
  return `${doc.slice(0, start)}${section}\n${rest ? `\n${rest}` : ''}`;
}

/** Runs one crawler process through its crawls, snapshotting the portal's counters around each. */
async function runCrawls(
  portal: Awaited<ReturnType<typeof startPortal>>,
  entry: string,
  job: MonitorJob | CrawleeJob,
  labels: string[],
): Promise<{ traffic: Traffic; measured: CrawlMeasurement }[]> {
  const child = await startCrawlerProcess(join(PROJECT_ROOT, 'bench', 'crawl', entry), job);
  const out: { traffic: Traffic; measured: CrawlMeasurement }[] = [];
  try {
    for (const label of labels) {
      portal.startPhase();
      const before = portal.traffic();
      const measured = await child.crawl(label);
      out.push({ traffic: trafficBetween(before, portal.traffic()), measured });
    }
  } finally {
    await child.exit();
  }
  return out;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const host = machine();
  const content = generatePortal({ ...DEFAULT_SHAPE, pages: args.pages });
  const portal = await startPortal(content);
  mkdirSync(join(PROJECT_ROOT, 'tmp'), { recursive: true });
  const dir = mkdtempSync(join(PROJECT_ROOT, 'tmp', 'bench-crawl-'));
  const concurrency = args.perHost * content.sites.length;
  const columns = content.sites.reduce((n, s) => n + s.columns.length, 0);
  const listPages = content.sites.reduce((n, s) => n + s.columns.reduce((m, c) => m + c.listPages, 0), 0);
  console.log(
    `portal: ${content.sites.length} sites, ${columns} columns, ${content.htmlPages} pages (${content.sites.length} home, ${listPages} list, ${content.htmlPages - listPages - content.sites.length} detail); ${host}`,
  );
  try {
    const [crawlee] = await runCrawls(
      portal,
      'crawlee-crawler.ts',
      { homepages: portal.homepages, concurrency } satisfies CrawleeJob,
      ['crawlee'],
    );
    const sources = portalSources(content, portal.origins, {
      perHostConcurrency: args.perHost,
      perHostDelayMs: 0,
    });
    const [first, again] = await runCrawls(
      portal,
      'monitor-crawler.ts',
      { dataDir: join(dir, 'data'), sources, asOf: '2026-11-25' } satisfies MonitorJob,
      ['first', 'again'],
    );
    const rows: Row[] = [
      { name: 'monitor, first crawl', ...first! },
      { name: 'Crawlee CheerioCrawler', ...crawlee! },
      { name: 'monitor, again (unchanged)', ...again! },
    ];
    const [monitorRow, crawleeRow] = rows as [Row, Row, Row];
    const speedup = pagesPerSecond(monitorRow) / pagesPerSecond(crawleeRow);
    const firstStores = first!.measured.stores!;
    const againStores = again!.measured.stores!;
    const byteShare = again!.traffic.wireBytes / first!.traffic.wireBytes;
    const writeShare = againStores.writeRequests / firstStores.writeRequests;
    const itemShare = againStores.itemsWritten / firstStores.itemsWritten;
    const checks: [boolean, string][] = [
      [
        first!.traffic.distinctPages === content.htmlPages && crawlee!.traffic.distinctPages === content.htmlPages,
        `coverage: the monitor fetched ${first!.traffic.distinctPages} and Crawlee ${crawlee!.traffic.distinctPages} of ${content.htmlPages} pages`,
      ],
      [
        speedup >= MIN_SPEEDUP,
        `speed: the monitor crawls ${speedup.toFixed(2)}× Crawlee's pages/s (target ≥ ${MIN_SPEEDUP}×)`,
      ],
      [
        byteShare <= MAX_RECRAWL_BYTES,
        `re-crawl bytes on the wire: ${kib(again!.traffic.wireBytes)} = ${pct(again!.traffic.wireBytes, first!.traffic.wireBytes)} of the first crawl's ${kib(first!.traffic.wireBytes)} (target ≤ ${MAX_RECRAWL_BYTES * 100}%)`,
      ],
      [
        writeShare <= MAX_RECRAWL_WRITES && itemShare <= MAX_RECRAWL_WRITES,
        `re-crawl DynamoDB writes: ${againStores.writeRequests} requests / ${againStores.itemsWritten} items = ${pct(againStores.writeRequests, firstStores.writeRequests)} / ${pct(againStores.itemsWritten, firstStores.itemsWritten)} of the first crawl's ${firstStores.writeRequests} / ${firstStores.itemsWritten} (target ≤ ${MAX_RECRAWL_WRITES * 100}%)`,
      ],
      [
        first!.measured.errors === 0 && again!.measured.errors === 0 && crawlee!.measured.errors === 0,
        `errors: monitor ${first!.measured.errors} + ${again!.measured.errors}, Crawlee ${crawlee!.measured.errors}`,
      ],
    ];
    const ok = checks.every(([pass]) => pass);
    const verdicts = checks.map(([pass, text]) => `${pass ? 'PASS' : 'FAIL'} ${text}`);
    console.log(
      `\n${crawlTable(rows)}\n\n${storeTable(first!.measured, again!.measured)}\n\n${verdicts.join('\n')}`,
    );
    if (args.record) {
      const docPath = join(PROJECT_ROOT, 'docs', 'benchmarks.md');
      const doc = existsSync(docPath) ? readFileSync(docPath, 'utf8') : '# Benchmarks\n';
      const section = docSection({
        rows,
        first: first!.measured,
        again: again!.measured,
        verdicts,
        host,
        portal: `${content.sites.length} sites on separate ports, ${columns} columns, ${content.htmlPages} pages: ${content.sites.length} home pages, ${listPages} list pages of ${content.shape.pageSize} items, ${content.htmlPages - listPages - content.sites.length} detail pages`,
      });
      writeFileSync(docPath, replaceSection(doc, section));
      console.log(`recorded in ${docPath}`);
    }
    return ok ? 0 : 1;
  } finally {
    await portal.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function docSection(input: {
  rows: Row[];
  first: CrawlMeasurement;
  again: CrawlMeasurement;
  verdicts: string[];
  host: string;
  portal: string;
}): string {
  return [
    SECTION,
    '',
    DOC_INTRO.replace('{portal}', input.portal),
    '',
    crawlTable(input.rows),
    '',
    storeTable(input.first, input.again),
    '',
    ...input.verdicts.map((line) => `- ${line}`),
    '',
    `Machine: ${input.host}. Measured ${new Date().toISOString().slice(0, 10)}.`,
  ].join('\n');
}

const DOC_INTRO = `\`bench/crawl.bench.ts\` generates a portal with a seeded PRNG ({portal}; realistic Chinese titles, dates and TRS-style detail URLs, ~2 KB per page) and serves it from node:http on 127.0.0.1 with ETag/Last-Modified and 304s. In the same run, each in a child process of its own (so memory peaks do not mix; peak RSS is the child's getrusage maxrss), Crawlee's CheerioCrawler crawls it from the home pages, and then the monitor runs the \`crawlSource\` task for every source at once over the embedded default runtime (DynamoDB Local in a temp data directory, the directory archive), then crawls the unchanged portal again.

Same politeness for both: no per-host delay (stated for the benchmark; the monitor's default is 250 ms), robots.txt read and obeyed, at most 10 requests in flight (the monitor: 2 per host × 5 hosts, one fetcher per source as the sweep's Map runs them; Crawlee: min = max concurrency 10, it has no per-host cap), 2 retries. Both parse every page with cheerio: Crawlee's handler reads list items and dates, detail titles and dates, and enqueues same-origin links (\`persistStorage: false\`, nothing written); the monitor runs its extractor, archives every body (sha256, content-addressed) and writes documents, page states and health to DynamoDB Local. Pages, requests and bytes are counted by the portal (bytes on the wire, headers included); time and CPU are measured in each crawler's process around the crawl (DynamoDB Local's JVM is a separate process, not in the monitor's CPU or RSS). The run fails (exit 1) when a target is missed.`;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main();
}
