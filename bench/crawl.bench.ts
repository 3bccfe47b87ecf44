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
    const crawleeJob: CrawleeJob = { homepages: portal.homepages, concurrency };
    // The peer runs before and after the monitor (a fresh process each time) and its faster run
    // counts: neighbours on a shared machine then cannot hand the monitor the comparison.
    const [crawleeBefore] = await runCrawls(portal, 'crawlee-crawler.ts', crawleeJob, ['crawlee-1']);
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
    const [crawleeAfter] = await runCrawls(portal, 'crawlee-crawler.ts', crawleeJob, ['crawlee-2']);
    const rows: Row[] = [
      { name: 'monitor, first crawl', ...first! },
      { name: 'Crawlee CheerioCrawler, run 1 (before)', ...crawleeBefore! },
      { name: 'Crawlee CheerioCrawler, run 2 (after)', ...crawleeAfter! },
      { name: 'monitor, again (unchanged)', ...again! },
    ];
    const [monitorRow, peer1, peer2] = rows as [Row, Row, Row, Row];
    const peer = pagesPerSecond(peer1) >= pagesPerSecond(peer2) ? peer1 : peer2;
    const speedup = pagesPerSecond(monitorRow) / pagesPerSecond(peer);
    const cpuRatio =
      monitorRow.traffic.htmlPages /
      totalCpu(monitorRow.measured) /
      (peer.traffic.htmlPages / totalCpu(peer.measured));
    const firstStores = first!.measured.stores!;
    const againStores = again!.measured.stores!;
    const byteShare = again!.traffic.wireBytes / first!.traffic.wireBytes;
    const itemShare = againStores.itemsWritten / firstStores.itemsWritten;
    const crawleeErrors = peer1.measured.errors + peer2.measured.errors;
    const checks: [boolean, string][] = [
      [
        [monitorRow, peer1, peer2].every((row) => row.traffic.distinctPages === content.htmlPages),
        `coverage: the monitor fetched ${first!.traffic.distinctPages} and Crawlee ${peer1.traffic.distinctPages} / ${peer2.traffic.distinctPages} of ${content.htmlPages} pages`,
      ],
      [
        speedup >= MIN_SPEEDUP,
        `speed: the monitor crawls ${speedup.toFixed(2)}× the pages/s of Crawlee's faster run (${pagesPerSecond(monitorRow).toFixed(1)} against ${pagesPerSecond(peer).toFixed(1)}; target ≥ ${MIN_SPEEDUP}×); per CPU second, DynamoDB Local included, ${cpuRatio.toFixed(2)}×`,
      ],
      [
        byteShare <= MAX_RECRAWL_BYTES,
        `re-crawl bytes on the wire: ${kib(again!.traffic.wireBytes)} = ${pct(again!.traffic.wireBytes, first!.traffic.wireBytes)} of the first crawl's ${kib(first!.traffic.wireBytes)} (target ≤ ${MAX_RECRAWL_BYTES * 100}%)`,
      ],
      [
        // Judged on items written (write capacity, what DynamoDB bills); requests are shown too, but
        // the first crawl packs new documents 25 to a transaction, so its request count is no base.
        itemShare <= MAX_RECRAWL_WRITES,
        `re-crawl DynamoDB writes: ${againStores.writeRequests} requests / ${againStores.itemsWritten} items = ${pct(againStores.writeRequests, firstStores.writeRequests)} / ${pct(againStores.itemsWritten, firstStores.itemsWritten)} of the first crawl's ${firstStores.writeRequests} / ${firstStores.itemsWritten} (target: items ≤ ${MAX_RECRAWL_WRITES * 100}%)`,
      ],
      [
        first!.measured.errors === 0 && again!.measured.errors === 0 && crawleeErrors === 0,
        `errors: monitor ${first!.measured.errors} + ${again!.measured.errors}, Crawlee ${crawleeErrors}`,
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
        speedMet: speedup >= MIN_SPEEDUP,
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
  speedMet: boolean;
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
    ...(input.speedMet ? [] : ['', DOC_FINDINGS]),
  ].join('\n');
}

const DOC_INTRO = `\`bench/crawl.bench.ts\` generates a portal with a seeded PRNG ({portal}; Chinese titles, dates and TRS-style detail URLs such as \`/zwgk/tzgg/202611/t20261120_10001.html\`, list pages about 5 KB, detail pages about 1.3 KB: small beside real ones, which puts the weight on per-page overhead rather than parsing) and serves it from node:http on 127.0.0.1 with ETag/Last-Modified and 304s. In one run, each in a child process of its own: Crawlee's CheerioCrawler crawls it from the home pages; the monitor runs the \`crawlSource\` task for every source at once over the embedded default runtime (DynamoDB Local in a temp data directory, the directory archive), then crawls the unchanged portal again; Crawlee crawls it a second time. The faster of Crawlee's two runs is the one compared, so a busy neighbour during the peer's run cannot flatter the monitor.

- **Same politeness for both:** no per-host delay (for the benchmark only; the monitor's default is 250 ms), robots.txt read and obeyed, at most 10 requests in flight (the monitor: 2 per host × 5 hosts, one fetcher per source as the sweep's Map state runs them; Crawlee: min = max concurrency 10, as it has no per-host cap), 2 retries.
- **Same parsing:** both parse every page with cheerio. Crawlee's handler reads list items with their dates and detail titles with their dates, and enqueues same-origin links (\`persistStorage: false\`: its queue stays in memory, nothing is written). The monitor runs its extractor, archives every body (content-addressed by sha256) and writes documents, page states and health to DynamoDB Local.
- **Counting:** pages, requests and bytes are counted by the portal (bytes on the wire, headers included), so both crawlers are measured the same way. Time and CPU are measured inside each crawler's process around the crawl. Peak RSS is the process's getrusage maxrss, so the peaks of the two crawlers do not mix. DynamoDB Local's JVM is a child process of the monitor's process; its CPU during the crawl and its peak RSS (VmHWM) are read from /proc and shown after the "+".
- The run fails (exit 1) when a target is missed, and exits 2 when it cannot run (bad arguments, a crawler process that fails). \`--pages N\` sets the portal size and \`--per-host N\` the concurrency. \`--record\` rewrites this section. With \`CRAWL_BENCH_PROFILE_DIR=dir\` set, each crawler process writes a V8 CPU profile to that directory.`;

const DOC_FINDINGS = `### Why the monitor is not 2× Crawlee here

The target is not met. The comparison is uneven by design: Crawlee with \`persistStorage: false\` keeps nothing, while the monitor writes every page it fetches to the evidence archive (a file on disk) and every document to DynamoDB Local, which runs on the same 2 cores. The run is CPU-bound: the monitor's process, DynamoDB Local and the portal together use the machine's 2 cores for the whole crawl, and the monitor's event loop is busy over 90% of the crawl's time (event-loop utilisation, measured 2026-11-25), so every CPU second DynamoDB Local or the kernel spends is a second the crawl waits.

Over the full-size runs of 2026-11-25: before the changes below (3 to 8), 0.65× to 1.06× Crawlee's pages/s and 0.69× per CPU second; after 3 to 6, 1.08× (0.74× per CPU second) with a quiet neighbour and 1.60× with the machine under load from other jobs, which slowed Crawlee more than the monitor; after 7 and 8, 1.28× to 1.66× (0.95× to 1.33× per CPU second) over four runs on a quiet machine (the recorded run above is the slowest), the monitor's process at 8.4–13.1 s of CPU and DynamoDB Local's at 3.8–4.5 s (from 9–11 s). Successive runs on the same quiet machine differ by up to 15%, so a single run says little about a change smaller than that.

Done, in order:
1. **No read before a new document's write** (\`insertDocuments\`): the crawler has just listed the column, so new documents are written without the GetItem the general upsert makes.
2. **New documents in transactions** of up to 25 conditional puts: first-crawl write requests fell from about 4,800 to about 240, and DynamoDB Local's CPU from 13 s to 9 s.
3. **New documents written while the column is still being fetched**, 25 at a time, one write in flight per column. Before, every column reached its writes at the end, at the same time, and DynamoDB Local runs transactions one after another: at 3,000 pages its 120 transactions took 3 to 5 s (median 0.68 s each, measured), a third of the crawl, with no page fetched meanwhile.
4. **Pages fetched in parallel within a column**: the detail pages of new items, and the list pages a pager announces (TRS \`createPageHTML\` gives them all at once), \`perHostConcurrency\` at a time (the fetcher's per-host limit still caps what is in flight). A source with one busy column now uses every connection its host allows; here, with 4 columns per host, it changes little.
5. **Archive: one file per new page instead of two, and fewer system calls per put.** Fetch metadata goes to one \`fetches.jsonl\` per shard folder instead of a sidecar per digest; content already stored is found with one stat (the folder is listed only for new content); folders are created once per archive instance. 3,000 puts, 10 in flight: 4.4–4.7 s and 3.4–3.9 s of CPU against 6.2–6.4 s and 4.3–4.5 s before (same machine, alternating runs); the archive holds 5,256 files after the first crawl instead of 10,000.
6. **The article text of detail pages is no longer extracted** during the crawl (\`maxTextChars: 0\`): the crawler stores title, date and attachments only; the article body is not even located unless its text or date is needed (one tree walk per CMS selector spared).
7. **DynamoDB Local with the quick compiler only** (\`-XX:TieredStopAtLevel=1 -XX:+UseSerialGC\`, src/local/dynamo-local.ts): its CPU in this crawl fell from 9–11 s to about 3.8 s, most of it the optimising compiler's threads, which a run of seconds or minutes never pays back.
8. **One read for every column's page state**: a crawl reads its columns' conditional-GET validators in one BatchGetItem and writes a changed state without reading it again.

Left, in order of expected gain:
1. **DynamoDB Local still shares the 2 cores.** Each transaction of 25 new documents costs it tens of milliseconds; on AWS the table is elsewhere and none of this is on the crawl's CPU. BatchWriteItem would cost about 30% less per item than a transaction, but gives up the per-document \`attribute_not_exists\` condition that keeps inserts idempotent, so it is not used.
2. **Creating files.** Each new page costs a temp file, a link and an unlink (no reader ever sees half a file): with the fetch log's append, about 1 ms of kernel CPU per new page on this VM's ext4 (3,000 puts: 2.6–3.1 s of system time), spent in libuv's thread pool. The temp-and-link step is what makes a put atomic and is kept.
3. **One event loop.** Parsing (cheerio, for list and detail pages), undici and the AWS SDK's marshalling share the monitor's one thread, while Crawlee's process uses more than one core (its CPU seconds exceed its wall time in the table).`;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main().catch((error: Error) => {
    console.error(error.message);
    return 2;
  });
}
