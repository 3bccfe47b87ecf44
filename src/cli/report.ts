import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { IsoDateSchema } from '../core/dates';
import { readLastRun } from '../local/local-runtime';
import { findUnit, reportUnits } from '../report/department';
import { renderDepartmentFiles } from '../report/department-files';
import { renderCsv } from '../report/render-csv';
import { renderHtml } from '../report/render-html';
import { renderSummary } from '../report/render-summary';
import { buildSweepReport } from '../tasks/write-report';
import type { Command } from './command';
import { parseFlags, UsageError } from './flags';
import { LOCAL_FLAGS, LocalFlagsSchema, today, withLocalRuntime } from './local-session';
import { findChromium, printToPdf } from './notice-pdf';

const FlagsSchema = LocalFlagsSchema.extend({
  'as-of': IsoDateSchema.optional(),
  lang: z.enum(['zh', 'en']).default('zh'),
  out: z.string().min(1).optional(),
  target: z.enum(['local', 'aws']).default('local'),
  bucket: z.string().optional(),
  region: z.string().optional(),
  link: z.boolean().optional().describe('With --target aws: print presigned links (the default there)'),
  share: z
    .boolean()
    .optional()
    .describe('With --target aws: a copy of the latest report whose evidence links open in a browser'),
  'expires-hours': z.coerce.number().min(1).max(168).default(24),
  department: z.string().min(1).optional(),
  'reply-by': IsoDateSchema.optional(),
  'reply-days': z.coerce.number().int().min(1).max(365).optional(),
  'csv-unit-per-row': z.boolean().optional(),
  province: z.string().min(1).optional(),
  pdf: z.boolean().optional().describe('With --department: print the 整改通知 to PDF with a local Chromium'),
  chromium: z.string().min(1).optional(),
  title: z.string().min(1).optional(),
  _: z.array(z.string()).max(0, 'report takes no positional arguments'),
}).superRefine((f, ctx) => {
  if (f.pdf && f.department === undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['pdf'],
      message: 'needs --department (the notice printed is that unit’s)',
    });
  if (f.chromium !== undefined && !f.pdf)
    ctx.addIssue({ code: 'custom', path: ['chromium'], message: 'needs --pdf' });
  if (f.share && f.target !== 'aws')
    ctx.addIssue({
      code: 'custom',
      path: ['share'],
      message: 'needs --target aws (it shares the latest report on S3)',
    });
  if (f.province === undefined) {
    if (f.title !== undefined) ctx.addIssue({ code: 'custom', path: ['title'], message: 'needs --province' });
    return;
  }
  for (const flag of [
    'department',
    'as-of',
    'reply-by',
    'reply-days',
    'bucket',
    'link',
    'share',
    'csv-unit-per-row',
  ] as const)
    if (f[flag] !== undefined)
      ctx.addIssue({ code: 'custom', path: [flag], message: 'does not go with --province' });
  if (f.target !== 'local')
    ctx.addIssue({ code: 'custom', path: ['target'], message: '--province reads local files' });
});

export const command: Command = {
  usage: `gongkai report [--as-of YYYY-MM-DD] [--lang zh|en] [--out DIR] [--data-dir .gongkai] [--catalogue FILE] [--sources FILE] [--calendar FILE]
    (--csv-unit-per-row: one CSV row per responsible unit of each period, for pivoting by unit)
gongkai report --department UNIT [--reply-by YYYY-MM-DD | --reply-days N] [--pdf [--chromium PATH]] [same options]
    (also writes UNIT's own report, CSV and 整改通知: department-UNIT.html, notice-UNIT.html…;
     --pdf also prints the notice to notice-UNIT.pdf with a local Chromium)
gongkai report --province DIR [--out DIR] [--title NAME] [--lang zh|en]
    (province roll-up of the city reports in DIR: folders holding report.json, or NAME.json files;
     writes province.html, province.en.html and province.json, one row per city linking its report)
gongkai report --target aws --link --bucket REPORTS_BUCKET [--region R] [--expires-hours 24]
    (prints presigned links to the latest report, valid for --expires-hours, at most 168)
gongkai report --target aws --share --bucket REPORTS_BUCKET [--region R] [--expires-hours 24]
    (writes a copy of the latest report whose evidence links are signed too, under reports/shared/,
     and prints its links: a supervisor opens the archived copies without AWS credentials)

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
        link: { type: 'boolean' },
        share: { type: 'boolean' },
        'expires-hours': { type: 'string' },
        department: { type: 'string' },
        'reply-by': { type: 'string' },
        'reply-days': { type: 'string' },
        'csv-unit-per-row': { type: 'boolean' },
        province: { type: 'string' },
        pdf: { type: 'boolean' },
        chromium: { type: 'string' },
        title: { type: 'string' },
      },
      FlagsSchema,
    );
    if (flags.province !== undefined) {
      const { writeProvinceRollup } = await import('./province');
      for (const line of await writeProvinceRollup({
        dir: flags.province,
        ...(flags.out ? { out: flags.out } : {}),
        ...(flags.title ? { title: flags.title } : {}),
        lang: flags.lang,
        now: new Date(),
      }))
        console.log(line);
      return 0;
    }
    if (flags.target === 'aws') {
      const bucket = flags.bucket ?? process.env.GONGKAI_REPORTS_BUCKET;
      if (!bucket) throw new UsageError('--target aws needs --bucket (the ReportsBucket stack output)');
      const links = flags.share
        ? (await import('../aws/share-report')).shareLatestReport
        : (await import('../aws/report-on-aws')).latestReportLinks;
      for (const line of await links({
        bucket,
        expiresIn: flags['expires-hours'] * 3600,
        ...(flags.region ? { region: flags.region } : {}),
      }))
        console.log(line);
      return 0;
    }
    // Before any work: a missing browser is told at once, not after the report is written.
    const chromium = flags.pdf ? findChromium(flags.chromium) : undefined;
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
        ...(flags.calendar ? { calendar: flags.calendar } : {}),
        reportDir: outDir,
        ...(flags['dynamo-endpoint'] ? { dynamoEndpoint: flags['dynamo-endpoint'] } : {}),
      },
      async (runtime) => {
        const report = await buildSweepReport({ asOf, runId: `report-${asOf}` }, runtime.deps);
        await mkdir(outDir, { recursive: true });
        const unit = flags.department ? findUnit(report, flags.department) : undefined;
        if (unit === null)
          throw new UsageError(
            `no unit ${JSON.stringify(flags.department)} in the report; units: ${reportUnits(report).join('、')}`,
          );
        const other = flags.lang === 'zh' ? 'en' : 'zh';
        const departmentFiles = unit ? { units: [unit], main: flags.lang } : undefined;
        for (const [name, lang] of [
          ['report.html', flags.lang],
          [`report.${other}.html`, other],
        ] as const)
          await writeFile(
            join(outDir, name),
            renderHtml(report, { lang, ...(departmentFiles ? { departmentFiles } : {}) }),
          );
        await writeFile(join(outDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
        const unitPerRow = flags['csv-unit-per-row'] === true;
        // As the sweep writes them: report.csv with Chinese headings, report.en.csv with the codes.
        await writeFile(join(outDir, 'report.csv'), renderCsv(report, { lang: 'zh', unitPerRow }));
        await writeFile(join(outDir, 'report.en.csv'), renderCsv(report, { lang: 'en', unitPerRow }));
        await writeFile(join(outDir, 'summary.txt'), renderSummary(report));
        console.log(renderSummary(report));
        console.log(`Report: ${join(outDir, 'report.html')}`);
        if (unit) {
          const written = renderDepartmentFiles(report, unit, {
            lang: flags.lang,
            ...(flags['reply-by'] ? { replyBy: flags['reply-by'] } : {}),
            ...(flags['reply-days'] ? { replyDays: flags['reply-days'] } : {}),
          });
          for (const [name, content] of written.files) await writeFile(join(outDir, name), content);
          console.log(written.summary);
          for (const [name] of written.files) console.log(`${unit}: ${join(outDir, name)}`);
          if (chromium) {
            const notices = written.files
              .map(([name]) => name)
              .filter((name) => name.startsWith('notice-'))
              .map((name) => ({
                html: join(outDir, name),
                pdf: join(outDir, name.replace(/\.html$/, '.pdf')),
              }));
            await printToPdf(notices, chromium);
            for (const n of notices) console.log(`${unit}: ${n.pdf}`);
          }
        }
        return 0;
      },
    );
  },
};
