import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { IsoDateSchema } from '../core/dates';
import { readLastRun } from '../local/local-runtime';
import { renderCsv } from '../report/render-csv';
import { renderHtml } from '../report/render-html';
import { renderSummary } from '../report/render-summary';
import { buildSweepReport } from '../tasks/write-report';
import type { Command } from './command';
import { parseFlags, UsageError } from './flags';
import { LOCAL_FLAGS, LocalFlagsSchema, today, withLocalRuntime } from './local-session';

const FlagsSchema = LocalFlagsSchema.extend({
  'as-of': IsoDateSchema.optional(),
  lang: z.enum(['zh', 'en']).default('zh'),
  out: z.string().min(1).optional(),
  target: z.enum(['local', 'aws']).default('local'),
  bucket: z.string().optional(),
  region: z.string().optional(),
  _: z.array(z.string()).max(0, 'report takes no positional arguments'),
});

export const command: Command = {
  usage: `gongkai report [--as-of YYYY-MM-DD] [--lang zh|en] [--out DIR] [--data-dir .gongkai] [--catalogue FILE] [--sources FILE]
gongkai report --target aws --bucket REPORTS_BUCKET [--region R]   (prints presigned links to the latest report)

Without --catalogue/--sources, uses the ones of the last run in --data-dir.`,
  async run(argv) {
    const flags = parseFlags(
      argv,
      {
        ...LOCAL_FLAGS,
        'as-of': { type: 'string' },
        lang: { type: 'string' },
        out: { type: 'string' },
        target: { type: 'string' },
        bucket: { type: 'string' },
        region: { type: 'string' },
      },
      FlagsSchema,
    );
    if (flags.target === 'aws') {
      const bucket = flags.bucket ?? process.env.GONGKAI_REPORTS_BUCKET;
      if (!bucket) throw new UsageError('--target aws needs --bucket (the ReportsBucket stack output)');
      const { latestReportLinks } = await import('../aws/report-on-aws');
      for (const line of await latestReportLinks({
        bucket,
        ...(flags.region ? { region: flags.region } : {}),
      }))
        console.log(line);
      return 0;
    }
    const last = await readLastRun(flags['data-dir']);
    const catalogue = argv.includes('--catalogue') ? flags.catalogue : (last?.catalogue ?? flags.catalogue);
    const sources = flags.sources ?? last?.sources;
    if (!sources)
      throw new UsageError(`no sources: pass --sources FILE (no earlier run found in ${flags['data-dir']})`);
    const asOf = flags['as-of'] ?? last?.asOf ?? today();
    const outDir = resolve(flags.out ?? join(flags['data-dir'], 'report'));
    return withLocalRuntime(
      {
        dataDir: flags['data-dir'],
        catalogue,
        sources,
        reportDir: outDir,
        ...(flags['dynamo-endpoint'] ? { dynamoEndpoint: flags['dynamo-endpoint'] } : {}),
      },
      async (runtime) => {
        const report = await buildSweepReport({ asOf, runId: `report-${asOf}` }, runtime.deps);
        await mkdir(outDir, { recursive: true });
        const other = flags.lang === 'zh' ? 'en' : 'zh';
        await writeFile(join(outDir, 'report.html'), renderHtml(report, { lang: flags.lang }));
        await writeFile(join(outDir, `report.${other}.html`), renderHtml(report, { lang: other }));
        await writeFile(join(outDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
        await writeFile(join(outDir, 'report.csv'), renderCsv(report));
        await writeFile(join(outDir, 'summary.txt'), renderSummary(report));
        console.log(renderSummary(report));
        console.log(`Report: ${join(outDir, 'report.html')}`);
        return 0;
      },
    );
  },
};
