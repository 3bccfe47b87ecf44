/**
 * The evidence archive on the local file system. Content is written once per sha256 (temp file,
 * then a hard link that fails if the name exists: concurrent writers cannot both "store" it, and
 * no reader ever sees a half-written file); every fetch appends one JSON line to its shard folder's
 * fetch log.
 *
 * Cost per put, which a crawl pays for every page: one file created for new content (none for known
 * content), one line appended, one stat; folders are created once per archive instance.
 */
import { randomUUID } from 'node:crypto';
import { appendFile, link, mkdir, readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseOrThrow } from '../../core/validation';
import { assertRealInside, resolveInside } from '../fs-paths';
import type { Archive, ArchivedObject, ArchiveMeta } from '../ports';
import { ArchiveMetaSchema } from '../record-schemas';
import {
  type ArchiveMetaRecord,
  archiveKey,
  assertSha256,
  contentNameAmong,
  fetchLogKey,
  metaRecord,
  metaSidecarKey,
  sha256Of,
  shardOf,
} from './content-address';

export interface ArchiveMetrics {
  puts: number;
  /** Puts that wrote new content. */
  stored: number;
  /** Puts whose content was already there (only metadata appended). */
  deduplicated: number;
  bytesStored: number;
  reads: number;
}

export class ArchiveIntegrityError extends Error {
  override name = 'ArchiveIntegrityError';
}

export class DirectoryArchive implements Archive {
  private counters: ArchiveMetrics = { puts: 0, stored: 0, deduplicated: 0, bytesStored: 0, reads: 0 };
  /** Shard folders this instance has created (or found): mkdir is not repeated for each put. */
  private readonly createdDirs = new Set<string>();

  constructor(readonly rootDir: string) {}

  metrics(): ArchiveMetrics {
    return { ...this.counters };
  }

  async put(bytes: Uint8Array, input: ArchiveMeta): Promise<ArchivedObject> {
    const meta = parseOrThrow(ArchiveMetaSchema, input, 'archive metadata');
    const sha256 = sha256Of(bytes);
    this.counters.puts += 1;
    await this.shardReady(shardOf(sha256));
    const expected = archiveKey(sha256, meta.contentType);
    // Content seen before almost always comes back with its first content type: one stat settles
    // it, and the folder is listed only for new content (or content stored under another extension).
    const existing = (await this.isFile(expected)) ? expected : await this.contentKey(sha256);
    let key = existing ?? expected;
    let stored = false;
    if (!existing) {
      stored = await this.writeOnce(key, bytes);
      if (!stored) key = (await this.contentKey(sha256)) ?? key;
    }
    if (stored) {
      this.counters.stored += 1;
      this.counters.bytesStored += bytes.byteLength;
    } else {
      this.counters.deduplicated += 1;
    }
    const line = `${JSON.stringify(metaRecord(sha256, key, bytes.byteLength, meta))}\n`;
    // O_APPEND: concurrent appends of one short line each do not interleave on a local file system.
    await appendFile(this.path(fetchLogKey(sha256)), line, { flag: 'a' });
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

  private async isFile(key: string): Promise<boolean> {
    try {
      return (await stat(this.path(key))).isFile();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
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
   * Creates a shard folder the first time this instance writes to it, and checks on every put that
   * its real path is inside the root: a folder replaced by a link later must still be refused.
   */
  private async shardReady(shard: string): Promise<void> {
    const dir = this.path(shard);
    if (!this.createdDirs.has(shard)) {
      await mkdir(dir, { recursive: true });
      this.createdDirs.add(shard);
    }
    try {
      await assertRealInside(this.rootDir, dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      // Removed since this instance created it (someone cleaned the archive): create it again.
      await mkdir(dir, { recursive: true });
      await assertRealInside(this.rootDir, dir);
    }
  }

  /** Writes a temp file and links it into place; false when the name already existed. */
  private async writeOnce(key: string, bytes: Uint8Array): Promise<boolean> {
    const tmpDir = this.path('.tmp');
    const tmp = join(tmpDir, `${randomUUID()}.part`);
    try {
      await writeFile(tmp, bytes);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await mkdir(tmpDir, { recursive: true });
      await writeFile(tmp, bytes);
    }
    try {
      await link(tmp, this.path(key));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    } finally {
      await unlink(tmp).catch(() => undefined);
    }
  }
}
