/**
 * `npm run bench:privacy`: the personal-data scan.
 *
 * 1. Detection: precision and recall over the demo content's planted values and look-alikes
 *    (targets 100% / ≥ 99%).
 * 2. Cost: the same crawl of every demo site (as of 2017-01-31: the whole year's items new) with
 *    scanning on and off, alternating, in this one process; CPU time (user + system) of each,
 *    as a ratio (target ≤ 1.10). Stores are in memory so only the crawl itself is measured; the
 *    demo portal renders in the same process and counts in both runs alike.
 */
import { createHash } from 'node:crypto';
import type { Document } from '../src/core/document';
import type { Source } from '../src/core/source';
import { SourceCrawler } from '../src/crawl/crawl-source';
import { createFetcher } from '../src/crawl/fetch';
import { loadDemoContent } from '../src/demo/content';
import { startDemoPortal } from '../src/demo/portal';
import { demoSources, substitutePlaceholders } from '../src/demo/sources';
import type { Archive, DocumentStore, HealthStore, PageState } from '../src/store/ports';
import { scoreDemoDetection } from './privacy/demo-scan';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const AS_OF = '2017-01-31';

/** Just enough of the ports for a crawl, in memory. */
function memoryStores() {
  const docs = new Map<string, Document>();
  const states = new Map<string, PageState>();
  const documents = {
    async upsertDocument(doc: Document) {
      const had = docs.has(doc.url);
      docs.set(doc.url, doc);
      return had ? 'changed' : 'new';
    },
    async insertDocuments(list: Document[]) {
      return list.map((d) => {
        docs.set(d.url, d);
        return 'new' as const;
      });
    },
    async getDocument(url: string) {
      return docs.get(url);
    },
    async listDocuments(filter: { sourceId?: string; columnId?: string } = {}) {
      return [...docs.values()].filter(
        (d) =>
          (!filter.sourceId || d.sourceId === filter.sourceId) &&
          (!filter.columnId || d.columnId === filter.columnId),
      );
    },
    async getPageState(url: string) {
      return states.get(url);
    },
    async getPageStates(urls: readonly string[]) {
      return new Map(urls.filter((u) => states.has(u)).map((u) => [u, states.get(u)!]));
    },
    async putPageState(state: PageState) {
      states.set(state.url, state);
    },
  } as unknown as DocumentStore;
  const health = {
    async recordChecks() {},
    async recordCheck() {},
    async putRun() {},
  } as unknown as HealthStore;
  const archive = {
    async put(bytes: Uint8Array) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      return { sha256, key: `sha256/${sha256}`, stored: true };
    },
  } as unknown as Archive;
  return { documents, health, archive, docs };
}

async function crawlAll(sources: Source[], scan: boolean) {
  const stores = memoryStores();
  const fetcher = createFetcher({
    hosts: sources.map((s) => ({ host: new URL(s.homepage).host, allowPrivateNetwork: true })),
    perHostDelayMs: 0,
  });
  const before = process.cpuUsage();
  const started = performance.now();
  try {
    for (const source of sources) {
      await new SourceCrawler(source, {
        fetcher,
        ...stores,
        now: () => new Date(`${AS_OF}T02:00:00.000Z`),
        asOf: AS_OF,
        runId: 'bench',
        defaults: { perHostDelayMs: 0 },
        scanPersonalData: scan,
      }).crawl();
    }
  } finally {
    await fetcher.close();
  }
  const cpu = process.cpuUsage(before);
  const findings = [...stores.docs.values()].reduce((n, d) => n + (d.personalData?.findings.length ?? 0), 0);
  return {
    cpuMs: (cpu.user + cpu.system) / 1000,
    wallMs: performance.now() - started,
    docs: stores.docs.size,
    findings,
  };
}

async function main() {
  const content = await loadDemoContent();
  const score = await scoreDemoDetection(content);
  console.log('Detection on the demo ground truth');
  console.log(
    `  files scanned ${score.files} (${(score.bytes / 1024).toFixed(0)} KiB), planted ${score.expected}, found ${score.found}`,
  );
  console.log(
    `  precision ${(score.precision * 100).toFixed(1)}%  recall ${(score.recall * 100).toFixed(1)}%`,
  );
  for (const f of score.falsePositives) console.log(`  false positive: ${f}`);
  for (const m of score.missed) console.log(`  missed: ${m}`);

  const portal = await startDemoPortal({ content, date: AS_OF });
  try {
    const file = JSON.parse(
      substitutePlaceholders(JSON.stringify(demoSources(content)), portal.substitutions),
    );
    const sources = (file.sources as Source[]).filter(
      (s) => content.sites.find((x) => x.id === s.id)?.down === undefined,
    );
    await crawlAll(sources, true); // warm-up: JIT, pdf.js loaded
    const on: number[] = [];
    const off: number[] = [];
    let last = { docs: 0, findings: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? [true, false] : [false, true];
      for (const scan of order) {
        const r = await crawlAll(sources, scan);
        (scan ? on : off).push(r.cpuMs);
        if (scan) last = r;
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    console.log(
      `\nCrawl of ${sources.length} demo sites as of ${AS_OF}: ${last.docs} documents, ${last.findings} findings`,
    );
    console.log(
      `  CPU scanning off ${median(off).toFixed(0)} ms, on ${median(on).toFixed(0)} ms (median of ${ROUNDS})`,
    );
    console.log(`  ratio on/off ${(median(on) / median(off)).toFixed(3)} (target ≤ 1.10)`);
  } finally {
    await portal.stop();
  }
}

await main();
