import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { loadCatalogue } from '../../src/config';
import { type ColumnKind, SourcesFileSchema } from '../../src/core/source';
import type { SimulatedClock } from '../../src/demo/run';
import { type LocalRuntime, openLocalRuntime } from '../../src/local/local-runtime';

export interface OneSite {
  id: string;
  units: string[];
  column: { id: string; name: string; path: string; kind: ColumnKind };
}

/**
 * The local runtime (the run's DynamoDB Local, a table of its own) over one test site on
 * 127.0.0.1, named 江门市测试局, with one column and no politeness delay: what sweep tests of one
 * site start from.
 */
export async function openOneSiteRuntime(options: {
  dataDir: string;
  catalogueFile: string;
  origin: string;
  site: OneSite;
  clock: SimulatedClock;
  tablePrefix: string;
}): Promise<LocalRuntime> {
  const { site, origin } = options;
  return openLocalRuntime({
    dataDir: options.dataDir,
    catalogue: await loadCatalogue(options.catalogueFile),
    sources: SourcesFileSchema.parse({
      defaults: { perHostDelayMs: 0 },
      sources: [
        {
          id: site.id,
          units: site.units,
          name: '江门市测试局',
          homepage: `${origin}/`,
          allowPrivateNetwork: true,
          columns: [
            {
              id: site.column.id,
              name: site.column.name,
              url: `${origin}${site.column.path}`,
              kind: site.column.kind,
            },
          ],
        },
      ],
    }),
    now: options.clock.now,
    dynamoEndpoint: inject('dynamoEndpoint'),
    tableName: `${options.tablePrefix}-${randomUUID().slice(0, 8)}`,
  });
}
