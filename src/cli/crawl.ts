import { z } from 'zod';
import type { CrawlSummary } from '../core/crawl-summary';
import { IsoDateSchema } from '../core/dates';
import type { Fetcher } from '../crawl/fetch';
import { crawlSource } from '../tasks/crawl-source';
import type { Command } from './command';
import { parseFlags } from './flags';
import { LOCAL_FLAGS, LocalFlagsSchema, today, withLocalRuntime } from './local-session';
import { ProgressBar } from './progress-bar';

const FlagsSchema = LocalFlagsSchema.extend({
  sources: z.string().min(1, '--sources FILE is required'),
  'as-of': IsoDateSchema.optional(),
  json: z.boolean().default(false),
  concurrency: z.coerce.number().int().min(1).max(32).default(4),
  _: z.array(z.string()).max(0, 'crawl takes no positional arguments'),
});

export const command: Command = {
  usage:
    'gongkai crawl --sources FILE [--as-of YYYY-MM-DD] [--data-dir .gongkai] [--concurrency 4] [--json]\n\nExit 0 when every source answered, 3 when at least one was unreachable (recorded, not fatal).',
  async run(argv) {
    const flags = parseFlags(
      argv,
      {
        ...LOCAL_FLAGS,
        'as-of': { type: 'string' },
        json: { type: 'boolean' },
        concurrency: { type: 'string' },
      },
      FlagsSchema,
    );
    const asOf = flags['as-of'] ?? today();
    const runId = `crawl-${asOf}-${Date.now().toString(36)}`;
    return withLocalRuntime(
      {
        dataDir: flags['data-dir'],
        catalogue: flags.catalogue,
        sources: flags.sources,
        ...(flags['dynamo-endpoint'] ? { dynamoEndpoint: flags['dynamo-endpoint'] } : {}),
      },
      async (runtime) => {
        const sources = runtime.deps.sources.sources;
        const bar = new ProgressBar(sources.length);
        const onFetch = (result: Awaited<ReturnType<Fetcher['fetch']>>) =>
          bar.update({
            pages: 1,
            bytes: result.ok && !result.notModified ? result.body.byteLength : 0,
            errors: result.ok ? 0 : 1,
          });
        const summaries: CrawlSummary[] = [];
        const queue = [...sources];
        const worker = async () => {
          for (let source = queue.shift(); source; source = queue.shift()) {
            summaries.push(
              await crawlSource({ asOf, runId, sourceId: source.id }, { ...runtime.deps, onFetch }),
            );
            bar.update({ done: 1 });
          }
        };
        await Promise.all(Array.from({ length: Math.min(flags.concurrency, sources.length) }, worker));
        bar.finish();
        if (flags.json) {
          console.log(JSON.stringify({ asOf, runId, sources: summaries }, null, 2));
        } else {
          for (const s of summaries.sort((a, b) => a.sourceId.localeCompare(b.sourceId))) {
            const state = !s.reachable ? 'DOWN' : s.cutShort ? 'CUT ' : 'ok  ';
            const notes = [s.error ?? s.cutShort, ...(s.limitsHit ?? [])].filter(Boolean);
            console.log(
              `${state} ${s.sourceId.padEnd(24)} ${String(s.pages).padStart(4)} pages  ${String(s.newDocuments).padStart(4)} new  ${String(s.changedDocuments).padStart(4)} changed  ${s.errors} errors${notes.length > 0 ? `  (${notes.join('; ')})` : ''}`,
            );
          }
        }
        return summaries.some((s) => !s.reachable) ? 3 : 0;
      },
    );
  },
};
