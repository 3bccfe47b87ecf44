/**
 * The evidence archive on the local file system. Content is written once per sha256 (temp file,
 * then a hard link that fails if the name exists: concurrent writers cannot both "store" it, and
 * no reader ever sees a half-written file); every fetch appends one JSON line to its shard folder's
 * fetch log.
 *
 * A put decides on the crawl's thread, with a stat and the shard folder's listing (read once per
 * instance), whether the content is new; the file writes (content and fetch-log line) run on the
 * archive's writer thread (file-writer.ts), since creating a file costs more than everything else
 * in a put. Reads (get, locate, fetches) stay on the calling thread: a report reads few.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { parseOrThrow } from '../../core/validation';
import { PathOutsideRootError, resolveInside } from '../fs-paths';
import type { Archive, ArchivedObject, ArchiveMeta } from '../ports';
import { ArchiveMetaSchema } from '../record-schemas';
import {
  ArchiveIntegrityError,
  type ArchiveMetaRecord,
  type ArchiveMetrics,
  archiveKey,
  assertSha256,
  contentDigestOf,
  contentNameAmong,
  fetchLogKey,
  metaRecord,
  metaSidecarKey,
  sha256Of,
  shardOf,
} from './content-address';
import { writeFiles } from './file-writer';

export class DirectoryArchive implements Archive {
  private counters: ArchiveMetrics = { puts: 0, stored: 0, deduplicated: 0, bytesStored: 0, reads: 0 };
  /**
   * Per shard folder this instance has written to: digest → content file name, listed once and kept
   * up to date by this instance's writes. Another writer's files are found by the stat of the
   * expected name or, failing that, by the hard link refusing to overwrite them.
   */
  private readonly shards = new Map<string, Map<string, string>>();
  private realRoot: string | undefined;
  private tmpReady = false;

  constructor(readonly rootDir: string) {}

  metrics(): ArchiveMetrics {
    return { ...this.counters };
  }

  async put(bytes: Uint8Array, input: ArchiveMeta): Promise<ArchivedObject> {
    const meta = parseOrThrow(ArchiveMetaSchema, input, 'archive metadata');
    const sha256 = sha256Of(bytes);
    this.counters.puts += 1;
    const shard = shardOf(sha256);
    const names = this.shardReady(shard);
    const expected = archiveKey(sha256, meta.contentType);
    const existing = this.storedKey(shard, names, sha256, expected);
    // Content that loses a race to store it is found under the expected name: the link that failed
    // was to that name. So the key, and the fetch-log line, are known before anything is written.
    const key = existing ?? expected;
    const write = {
      log: this.path(fetchLogKey(sha256)),
      line: `${JSON.stringify(metaRecord(sha256, key, bytes.byteLength, meta))}\n`,
    };
    if (existing) {
      await writeFiles(write);
      this.counters.deduplicated += 1;
      return { sha256, key, stored: false };
    }
    const stored = await writeFiles({
      ...write,
      store: { tmp: this.tmpPath(), target: this.path(key), bytes },
    });
    names.set(sha256, key.slice(shard.length + 1));
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
    const logged = (await this.readLines(fetchLogKey(digest)))
      .filter((line) => line.includes(digest))
      .map((line) => JSON.parse(line) as ArchiveMetaRecord)
      .filter((record) => record.sha256 === digest);
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

  /**
   * The key content already has: under the expected name (content seen before almost always comes
   * back with its first content type) or under the name this shard's listing gives it.
   */
  private storedKey(
    shard: string,
    names: Map<string, string>,
    sha256: string,
    expected: string,
  ): string | undefined {
    if (this.isFile(expected)) return expected;
    const listed = names.get(sha256);
    const key = listed ? `${shard}/${listed}` : undefined;
    return key && key !== expected && this.isFile(key) ? key : undefined;
  }

  private isFile(key: string): boolean {
    return statSync(this.path(key), { throwIfNoEntry: false })?.isFile() ?? false;
  }

  private listContent(shard: string): Map<string, string> {
    const names = new Map<string, string>();
    for (const name of readdirSync(this.path(shard))) {
      const digest = contentDigestOf(name);
      if (digest && !names.has(digest)) names.set(digest, name);
    }
    return names;
  }

  /**
   * Creates a shard folder the first time this instance writes to it, and checks on every put that
   * its real path is inside the root: a folder replaced by a link later must still be refused.
   */
  private shardReady(shard: string): Map<string, string> {
    const dir = this.path(shard);
    let names = this.shards.get(shard);
    if (!names) mkdirSync(dir, { recursive: true });
    try {
      this.assertRealInside(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      // Removed since this instance created it (someone cleaned the archive): create it again.
      mkdirSync(dir, { recursive: true });
      this.assertRealInside(dir);
      names = undefined;
    }
    if (!names) {
      names = this.listContent(shard);
      this.shards.set(shard, names);
    }
    return names;
  }

  /** Refuses a folder whose real path, links followed, lies outside the root's. */
  private assertRealInside(dir: string): void {
    this.realRoot ??= realpathSync.native(this.rootDir);
    const rel = relative(this.realRoot, realpathSync.native(dir));
    if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
      throw new PathOutsideRootError(`refused folder ${dir}: a link leads outside ${this.realRoot}`);
    }
  }

  /** A fresh temp file name; the writer thread creates the folder again if it was removed. */
  private tmpPath(): string {
    const tmpDir = this.path('.tmp');
    if (!this.tmpReady) {
      mkdirSync(tmpDir, { recursive: true });
      this.tmpReady = true;
    }
    return join(tmpDir, `${randomUUID()}.part`);
  }
}
