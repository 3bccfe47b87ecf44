/** One crawl of one source against a local test server, over real stores and a directory archive. */

import type { CrawlSummary } from '../../src/core/crawl-summary';
import type { Source } from '../../src/core/source';
import { SourceCrawler } from '../../src/crawl/crawl-source';
import { createFetcher } from '../../src/crawl/fetch';
import { DirectoryArchive } from '../../src/store/archive/directory-archive';
import type { DynamoStores } from '../../src/store/dynamo/create-stores';

export interface CrawlOnceOptions {
  stores: DynamoStores;
  archiveDir: string;
  /** host:port of the test server (private addresses are allowed for it). */
  host: string;
  /** The crawl's instant (ISO); its Beijing date is the sweep's asOf. */
  at: string;
  runId?: string;
  perHostConcurrency?: number;
}

export async function crawlOnce(source: Source, options: CrawlOnceOptions): Promise<CrawlSummary> {
  const fetcher = createFetcher({
    hosts: [{ host: options.host, allowPrivateNetwork: true }],
    perHostDelayMs: 0,
    ...(options.perHostConcurrency ? { perHostConcurrency: options.perHostConcurrency } : {}),
  });
  try {
    return await new SourceCrawler(source, {
      fetcher,
      documents: options.stores.documents,
      health: options.stores.health,
      archive: new DirectoryArchive(options.archiveDir),
      now: () => new Date(options.at),
      asOf: options.at.slice(0, 10),
      runId: options.runId ?? `run-${options.at}`,
    }).crawl();
  } finally {
    await fetcher.close();
  }
}
