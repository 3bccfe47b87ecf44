/**
 * The embedded default: DynamoDB Local under the data directory, the file system in place of S3,
 * an outbox file in place of SNS. Gives the task functions the same TaskDeps they get on AWS.
 */
import { mkdirSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { Catalogue } from '../core/obligation';
import type { SourcesFile } from '../core/source';
import { ValidationError } from '../core/validation';
import { DirectoryArchive } from '../store/archive/directory-archive';
import { createDynamoStores } from '../store/dynamo/create-stores';
import { ensureTable } from '../store/dynamo/ensure-table';
import type { InjectedThrottling } from '../store/dynamo/injected-throttling';
import { OutboxNotifier } from '../store/notify/outbox-notifier';
import type { Archive } from '../store/ports';
import { DirectoryReportSink } from '../store/report-sink/directory-report-sink';
import type { TaskDeps } from '../tasks/deps';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoLocal } from './dynamo-local';

export const DEFAULT_DATA_DIR = '.gongkai';
export const TABLE_NAME = 'gongkai';

export interface LocalRuntimeOptions {
  dataDir: string;
  catalogue: Catalogue;
  sources: SourcesFile;
  /** Use an already running DynamoDB (tests); otherwise DynamoDB Local is started under dataDir. */
  dynamoEndpoint?: string;
  tableName?: string;
  now?: () => Date;
  reportDir?: string;
  log?: TaskDeps['log'];
  /** Chaos runs: fail a seeded share of DynamoDB requests with throttling errors. */
  injectThrottling?: InjectedThrottling;
}

/** Requests the run made, for the cost estimate in docs/deploy.md. */
export interface RuntimeMetrics {
  dynamo: {
    readRequests: number;
    writeRequests: number;
    itemsWritten: number;
    readCapacityUnits: number;
    writeCapacityUnits: number;
  };
  archive: { puts: number; stored: number; bytesStored: number };
  /** DynamoDB requests failed on purpose (chaos runs). */
  injectedThrottles: number;
}

export interface LocalRuntime {
  deps: TaskDeps;
  metrics(): RuntimeMetrics;
  dataDir: string;
  reportDir: string;
  endpoint: string;
  close(): Promise<void>;
}

/** A data directory that exists as something other than a folder is a mistake the operator fixes. */
function assertDataDir(given: string, dataDir: string): void {
  let info: import('node:fs').Stats;
  try {
    info = statSync(dataDir);
  } catch {
    return; // absent: created below (a parent that is a file fails there, with ENOTDIR)
  }
  if (!info.isDirectory()) {
    throw new ValidationError(`--data-dir ${given}`, [
      'is a file, not a folder: give a folder for the local store, archive and report (it is created when missing)',
    ]);
  }
}

/** Opens the local runtime; `close()` stops DynamoDB Local (also on Ctrl-C, see src/cli/local-session.ts). */
export async function openLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const dataDir = resolve(options.dataDir);
  assertDataDir(options.dataDir, dataDir);
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOTDIR'
        ? 'a folder on its path is a file'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : (error as Error).message;
    throw new ValidationError(`--data-dir ${options.dataDir}`, [
      `cannot be created: ${why}: give a folder you can write to`,
    ]);
  }
  const dynamo = options.dynamoEndpoint
    ? undefined
    : await startDynamoLocal({ dataDir: join(dataDir, 'dynamodb') });
  const endpoint = options.dynamoEndpoint ?? dynamo!.endpoint;
  const tableName = options.tableName ?? TABLE_NAME;
  const clientConfig = { endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  const stores = createDynamoStores({
    ...clientConfig,
    tableName,
    ...(options.injectThrottling ? { injectThrottling: options.injectThrottling } : {}),
  });
  await ensureTable(stores.client, tableName);
  const reportDir = resolve(options.reportDir ?? join(dataDir, 'report'));
  const archiveDir = join(dataDir, 'archive');
  const archive = new DirectoryArchive(archiveDir);
  const deps: TaskDeps = {
    stores: {
      ...stores,
      archive: linkedFrom(archive, relative(reportDir, archiveDir)),
      notifier: new OutboxNotifier(join(dataDir, 'outbox.jsonl')),
    },
    catalogue: options.catalogue,
    sources: options.sources,
    now: options.now ?? (() => new Date()),
    reportSink: new DirectoryReportSink(reportDir),
    log: options.log ?? (() => undefined),
  };
  await writeFile(
    join(dataDir, LAST_RUN_FILE),
    `${JSON.stringify({ catalogue: options.catalogue, sources: options.sources }, null, 1)}\n`,
  );
  return {
    deps,
    metrics: () => {
      const { readRequests, writeRequests, itemsWritten, readCapacityUnits, writeCapacityUnits } =
        stores.metrics();
      const { puts, stored, bytesStored } = archive.metrics();
      return {
        dynamo: { readRequests, writeRequests, itemsWritten, readCapacityUnits, writeCapacityUnits },
        archive: { puts, stored, bytesStored },
        injectedThrottles: stores.injectedThrottles(),
      };
    },
    dataDir,
    reportDir,
    endpoint,
    async close() {
      stores.close();
      await dynamo?.stop();
    },
  };
}

const LAST_RUN_FILE = 'last-run.json';

export interface LastRun {
  catalogue: Catalogue;
  sources: SourcesFile;
  asOf?: string;
}

/**
 * The catalogue and sources (placeholders filled) of the last run in a data directory, so
 * `gongkai report` can rebuild its report without being told again.
 */
export async function readLastRun(dataDir: string): Promise<LastRun | undefined> {
  try {
    return JSON.parse(await readFile(join(resolve(dataDir), LAST_RUN_FILE), 'utf8')) as LastRun;
  } catch {
    return undefined;
  }
}

/**
 * The archive as the report sees it: `locate` answers with a path relative to the report directory
 * (e.g. ../archive/sha256/ab/…), so the report folder and the archive can be zipped and opened anywhere.
 */
function linkedFrom(archive: Archive, prefix: string): Archive {
  return {
    put: (bytes, meta) => archive.put(bytes, meta),
    get: (sha256) => archive.get(sha256),
    locate: async (sha256, known) => {
      const key = await archive.locate(sha256, known);
      return key === undefined ? undefined : `${prefix.split('\\').join('/')}/${key}`;
    },
  };
}
