/**
 * Opens the local runtime for a command and guarantees DynamoDB Local stops when the command ends,
 * fails, or is interrupted (Ctrl-C / SIGTERM).
 */
import { z } from 'zod';
import { loadCatalogue, loadSources, withCalendarFile } from '../config';
import { IsoDateSchema, shanghaiDate } from '../core/dates';
import type { Catalogue } from '../core/obligation';
import type { SourcesFile } from '../core/source';
import { DEFAULT_DATA_DIR, type LocalRuntime, openLocalRuntime } from '../local/local-runtime';

export const DEFAULT_CATALOGUE = 'seeds/jiangmen-2016/catalogue.json';

/** Flags most local commands share. */
export const LOCAL_FLAGS = {
  'data-dir': { type: 'string' },
  catalogue: { type: 'string' },
  sources: { type: 'string' },
  calendar: { type: 'string' },
  'dynamo-endpoint': { type: 'string' },
} as const;

export const LocalFlagsSchema = z.object({
  'data-dir': z.string().min(1).default(DEFAULT_DATA_DIR),
  catalogue: z.string().min(1).default(DEFAULT_CATALOGUE),
  sources: z.string().min(1).optional(),
  calendar: z.string().min(1).optional(),
  'dynamo-endpoint': z.string().url().optional(),
});

export const AsOfSchema = IsoDateSchema.optional();

/** Today in Asia/Shanghai: the date obligations are judged on when none is given. */
export function today(now: Date = new Date()): string {
  return shanghaiDate(now);
}

const EMPTY_SOURCES: SourcesFile = { sources: [] };

/** Loads the catalogue (or takes the stored one) with `--calendar` embedded when given. */
export async function catalogueWithCalendar(
  catalogue: Catalogue | string,
  calendar?: string,
): Promise<Catalogue> {
  if (typeof catalogue === 'string') return loadCatalogue(catalogue, calendar ? { calendar } : {});
  return calendar ? withCalendarFile(catalogue, calendar) : catalogue;
}

export interface SessionOptions {
  dataDir: string;
  catalogue: Catalogue | string;
  /** A calendar file (holidays, 调休) overriding the catalogue's policy.calendar. */
  calendar?: string;
  sources?: SourcesFile | string;
  substitutions?: Record<string, string>;
  dynamoEndpoint?: string;
  now?: () => Date;
  reportDir?: string;
  log?: (message: string, detail?: Record<string, unknown>) => void;
}

/** Runs `body` with a local runtime and always closes it, also on SIGINT/SIGTERM. */
export async function withLocalRuntime<T>(
  options: SessionOptions,
  body: (runtime: LocalRuntime) => Promise<T>,
): Promise<T> {
  const catalogue = await catalogueWithCalendar(options.catalogue, options.calendar);
  const sources =
    options.sources === undefined
      ? EMPTY_SOURCES
      : typeof options.sources === 'string'
        ? await loadSources(
            options.sources,
            options.substitutions ? { substitute: options.substitutions } : {},
          )
        : options.sources;
  const runtime = await openLocalRuntime({
    dataDir: options.dataDir,
    catalogue,
    sources,
    ...(options.dynamoEndpoint ? { dynamoEndpoint: options.dynamoEndpoint } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.reportDir ? { reportDir: options.reportDir } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  const interrupt = (signal: NodeJS.Signals) => {
    process.stderr.write(`\ngongkai: ${signal} received, stopping DynamoDB Local…\n`);
    void runtime.close().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    return await body(runtime);
  } finally {
    process.removeListener('SIGINT', interrupt);
    process.removeListener('SIGTERM', interrupt);
    await runtime.close();
  }
}
