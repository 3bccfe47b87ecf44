/**
 * The fetch-log half of `gongkai verify`: every shard folder's fetch log in the archives a report
 * cites is read, and each line that is not a whole record is reported with its line number. A torn
 * line the archive has since set aside (copied into `<log>.torn` and ended, so later records start
 * a fresh line) is listed but does not fail the check; one still open at the end of a log, or one
 * never set aside, does.
 */
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { FETCH_LOG_NAME } from '../store/archive/content-address';
import { type DamagedLine, parseFetchLog, setAsideOffsets, TORN_SUFFIX } from '../store/archive/fetch-log';

/** A fetch-log line that is not a whole record. */
export interface DamagedLogLine extends DamagedLine {
  /** Absolute path of the log. */
  log: string;
  /** Copied into `<log>.torn` and ended by a later run: readers skip it and nothing else was lost. */
  setAside: boolean;
}

/** The archive root holding an archived copy at `<root>/sha256/<xx>/<file>`. */
export function archiveRootOf(path: string): string {
  return dirname(dirname(dirname(path)));
}

async function readIfPresent(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
    throw error;
  }
}

async function shardFolders(root: string): Promise<string[]> {
  try {
    const names = await readdir(join(root, 'sha256'));
    return names.filter((name) => /^[0-9a-f]{2}$/.test(name)).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw error;
  }
}

/** Damaged lines of one fetch log (none when it is absent). */
export async function damagedLinesOf(log: string): Promise<DamagedLogLine[]> {
  const bytes = await readIfPresent(log);
  if (!bytes) return [];
  const { damaged } = parseFetchLog(bytes);
  if (damaged.length === 0) return [];
  const setAside = setAsideOffsets((await readIfPresent(`${log}${TORN_SUFFIX}`))?.toString('utf8') ?? '');
  return damaged.map((line) => ({
    ...line,
    log,
    setAside: !line.unterminated && setAside.has(line.offset),
  }));
}

/** Damaged lines of every fetch log in the archives rooted at `roots`, log by log. */
export async function damagedFetchLogLines(roots: Iterable<string>): Promise<DamagedLogLine[]> {
  const found: DamagedLogLine[] = [];
  for (const root of new Set(roots)) {
    for (const shard of await shardFolders(root)) {
      found.push(...(await damagedLinesOf(join(root, 'sha256', shard, FETCH_LOG_NAME))));
    }
  }
  return found;
}
