/** A content-addressed archive in memory: identical bytes are stored once. */
import { createHash } from 'node:crypto';
import type { Archive, ArchivedObject, ArchiveMeta } from '../ports';

export class MemoryArchive implements Archive {
  private readonly objects = new Map<string, Uint8Array>();
  /** Every fetch's metadata, in put order (what the directory archive appends to its log). */
  readonly fetches: ArchiveMeta[] = [];

  async put(bytes: Uint8Array, meta: ArchiveMeta): Promise<ArchivedObject> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const stored = !this.objects.has(sha256);
    if (stored) this.objects.set(sha256, Uint8Array.from(bytes));
    this.fetches.push(structuredClone(meta));
    return { sha256, key: `sha256/${sha256.slice(0, 2)}/${sha256}`, stored };
  }

  async get(sha256: string): Promise<Uint8Array | undefined> {
    const bytes = this.objects.get(sha256);
    return bytes && Uint8Array.from(bytes);
  }

  async locate(sha256: string): Promise<string | undefined> {
    return this.objects.has(sha256) ? `memory:sha256/${sha256}` : undefined;
  }
}
