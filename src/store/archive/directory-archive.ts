/**
 * The evidence archive on the local file system. Content is written once per sha256 (temp file,
 * then a hard link that fails if the name exists: concurrent writers cannot both "store" it, and
 * no reader ever sees a half-written file); every fetch appends one checksummed JSON line to its
 * shard folder's fetch log (fetch-log.ts).
 *
 * A put decides on the crawl's thread, with a stat and the shard folder's listing (read once per
 * instance), whether the content is new; the file writes (content and fetch-log line) run on the
 * archive's writer thread (file-writer.ts), since creating a file costs more than everything else
 * in a put. Reads (get, locate, fetches) stay on the calling thread: a report reads few.
 */
import { readdirSync, statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseOrThrow } from '../../core/validation';
import { resolveInside } from '../fs-paths';
import type { Archive, ArchivedObject, ArchiveMeta } from '../ports';
import { ArchiveMetaSchema } from '../record-schemas';
import {
  ArchiveIntegrityError,
  type ArchiveMetaRecord,
  type ArchiveMetrics,
  assertSha256,
  contentDigestOf,
  contentFileName,
  contentNameAmong,
  FETCH_LOG_NAME,
  fetchLogKey,
  metaRecord,
  metaSidecarKey,
  sha256Of,
  shardOf,
} from './content-address';
import { fetchLogLine, parseFetchLog } from './fetch-log';
import { writeFiles } from './file-writer';

interface ShardFolder {
  dir: string;
  names: Map<string, string>;
}

export class DirectoryArchive implements Archive {
  private counters: ArchiveMetrics = { puts: 0, stored: 0, deduplicated: 0, bytesStored: 0, reads: 0 };
  /** Per shard folder this instance has used: its path and its content names (see `shardFolder`). */
  private readonly shards = new Map<string, ShardFolder>();

  constructor(readonly rootDir: string) {}

  metrics(): ArchiveMetrics {
    return { ...this.counters };
  }

  async put(bytes: Uint8Array, input: ArchiveMeta): Promise<ArchivedObject> {
    const meta = parseOrThrow(ArchiveMetaSchema, input, 'archive metadata');
    const sha256 = sha256Of(bytes);
    this.counters.puts += 1;
    const shard = shardOf(sha256);
    const { dir, names } = this.shardFolder(shard);
    const listed = names.get(sha256);
    // Content this instance has seen is checked to be still there (an archive can be cleaned);
    // content it has not seen is written, and the link refusing an existing name catches any
    // other writer's copy. A copy found is kept under its first name (another content type's).
    const existing = listed && this.isFile(join(dir, listed)) ? listed : undefined;
    const name = existing ?? contentFileName(sha256, meta.contentType);
    const key = `${shard}/${name}`;
    const stored = await writeFiles({
      root: this.rootDir,
      dir,
      ...(existing ? {} : { store: { name, bytes } }),
      log: FETCH_LOG_NAME,
      line: fetchLogLine(metaRecord(sha256, key, bytes.byteLength, meta)),
    });
    names.set(sha256, name);
    if (stored) {
      this.counters.stored += 1;
      this.counters.bytesStored += bytes.byteLength;
    } else {
      this.counters.deduplicated += 1;
    }
    return { sha256, key, stored };
  }

  /** The bytes of `sha256`, checked against their digest; undefined when not archived. */
  async get(sha256: string): Promise<Uint8Array | undefined> {
    const key = await this.contentKey(assertSha256(sha256));
    if (!key) return undefined;
    this.counters.reads += 1;
    const bytes = new Uint8Array(await readFile(this.path(key)));
    if (sha256Of(bytes) !== sha256)
      throw new ArchiveIntegrityError(`archived ${key} no longer matches its sha256`);
    return bytes;
  }

  /** The key relative to the archive root (e.g. `sha256/ab/ab….html`), for links from a report. */
  async locate(sha256: string): Promise<string | undefined> {
    return this.contentKey(assertSha256(sha256));
  }

  /** Every fetch recorded for `sha256`, oldest first. */
  async fetches(sha256: string): Promise<ArchiveMetaRecord[]> {
    const digest = assertSha256(sha256);
    // Sidecars of older archives hold the earlier fetches; the shard's log holds every later one.
    const legacy = await this.readLines(metaSidecarKey(digest));
    // Torn lines (a full disk, a killed writer) are skipped here; `gongkai verify` reports them.
    const logged = parseFetchLog(await this.readBytes(fetchLogKey(digest))).records.filter(
      (record) => record.sha256 === digest,
    );
    return [...legacy.map((line) => JSON.parse(line) as ArchiveMetaRecord), ...logged];
  }

  /** Absolute path of a key; refuses keys that would leave the root. */
  path(key: string): string {
    return resolveInside(this.rootDir, key);
  }

  private async contentKey(sha256: string): Promise<string | undefined> {
    try {
      const name = contentNameAmong(await readdir(this.path(shardOf(sha256))), sha256);
      return name ? `${shardOf(sha256)}/${name}` : undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  private async readLines(key: string): Promise<string[]> {
    try {
      return (await readFile(this.path(key), 'utf8')).split('\n').filter((line) => line.trim() !== '');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  private async readBytes(key: string): Promise<Uint8Array> {
    try {
      return await readFile(this.path(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Uint8Array();
      throw error;
    }
  }

  private isFile(path: string): boolean {
    return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
  }

  /**
   * A shard folder's path and content names (digest → file name): listed once per instance (an
   * absent folder lists as empty), then kept up to date by this instance's puts.
   */
  private shardFolder(shard: string): ShardFolder {
    let folder = this.shards.get(shard);
    if (!folder) {
      folder = { dir: this.path(shard), names: new Map() };
      let files: string[] = [];
      try {
        files = readdirSync(folder.dir);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      for (const file of files) {
        const digest = contentDigestOf(file);
        if (digest && !folder.names.has(digest)) folder.names.set(digest, file);
      }
      this.shards.set(shard, folder);
    }
    return folder;
  }
}
