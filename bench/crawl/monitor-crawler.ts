/**
 * The monitor's side of the crawl benchmark, run as a child process: the embedded default runtime
 * (DynamoDB Local under a temp data directory, the directory archive) and the `crawlSource` task
 * for every source at once, as the sweep's Map state runs them (one fetcher per source).
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { IsoDateSchema } from '../../src/core/dates';
import type { Catalogue } from '../../src/core/obligation';
import { SourcesFileSchema } from '../../src/core/source';
import { parseOrThrow } from '../../src/core/validation';
import { openLocalRuntime } from '../../src/local/local-runtime';
import type { StoreMetrics } from '../../src/store/dynamo/metrics';
import { crawlSource } from '../../src/tasks/crawl-source';
import { type Crawler, serveCrawls } from './child-protocol';
import { descendantUsage } from './process-tree';

const MonitorJobSchema = z.object({
  dataDir: z.string().min(1),
  sources: SourcesFileSchema,
  asOf: IsoDateSchema,
});
export type MonitorJob = z.input<typeof MonitorJobSchema>;

const EMPTY_CATALOGUE: Catalogue = { plan: { issuer: '江门市', year: 2026 }, obligations: [] };

interface Metered {
  metrics(): StoreMetrics;
  resetMetrics(): void;
}

/** The DynamoDB stores count their requests; the local runtime hands them over as plain ports. */
function metered(stores: object): Metered {
  const candidate = stores as Partial<Metered>;
  if (typeof candidate.metrics !== 'function' || typeof candidate.resetMetrics !== 'function')
    throw new Error('the local runtime stores do not expose metrics()');
  return candidate as Metered;
}

/** Files under `dir` (recursively): the archive's content files and fetch logs. */
async function countFiles(dir: string): Promise<number> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).length;
  } catch {
    return 0;
  }
}

async function open(input: unknown): Promise<Crawler> {
  const job = parseOrThrow(MonitorJobSchema, input, 'monitor crawl job');
  const runtime = await openLocalRuntime({
    dataDir: job.dataDir,
    catalogue: EMPTY_CATALOGUE,
    sources: job.sources,
  });
  const { deps } = runtime;
  const metrics = metered(deps.stores);
  let archivePuts = 0;
  const archive = deps.stores.archive;
  deps.stores.archive = {
    ...archive,
    put: (bytes, meta) => {
      archivePuts += 1;
      return archive.put(bytes, meta);
    },
    get: (sha256) => archive.get(sha256),
    locate: (sha256) => archive.locate(sha256),
  };
  return {
    async crawl(label) {
      metrics.resetMetrics();
      archivePuts = 0;
      const jvmBefore = descendantUsage();
      const runId = `bench-${label}`;
      const summaries = await Promise.all(
        job.sources.sources.map((s) => crawlSource({ sourceId: s.id, asOf: job.asOf, runId }, deps)),
      );
      const m = metrics.metrics();
      const jvmAfter = descendantUsage();
      return {
        ...(jvmBefore && jvmAfter
          ? {
              helpers: {
                cpuSeconds: jvmAfter.cpuSeconds - jvmBefore.cpuSeconds,
                peakRssBytes: jvmAfter.peakRssBytes,
              },
            }
          : {}),
        pages: summaries.reduce((n, s) => n + s.pages, 0),
        bytes: summaries.reduce((n, s) => n + s.bytes, 0),
        errors: summaries.reduce((n, s) => n + s.errors, 0),
        stores: {
          writeRequests: m.writeRequests,
          itemsWritten: m.itemsWritten,
          readRequests: m.readRequests,
          writeCapacityUnits: m.writeCapacityUnits,
          archivePuts,
          archiveFiles: await countFiles(join(runtime.dataDir, 'archive')),
        },
      };
    },
    close: () => runtime.close(),
  };
}

await serveCrawls(open);
