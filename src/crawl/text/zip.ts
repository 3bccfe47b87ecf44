/**
 * A bounded reader of the zip container of .xlsx and .docx files, on Node's own zlib. Office
 * libraries inflate whole archives into memory, which a zip bomb (a few KB inflating to gigabytes)
 * turns into an out-of-memory crash; here every entry is inflated with a hard output limit, the
 * declared sizes and the compression ratio are checked first, and the sum over entries is capped.
 */
import { inflateRawSync } from 'node:zlib';
import { type TextLimits, UnreadError } from './limits';

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The entries of a zip archive, read from its central directory. */
export function zipEntries(bytes: Uint8Array): Map<string, ZipEntry> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new UnreadError('not a zip archive (no end of central directory)');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries = new Map<string, ZipEntry>();
  for (let i = 0; i < count; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL)
      throw new UnreadError('corrupt zip central directory');
    const nameLength = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    entries.set(name, {
      name,
      method: buf.readUInt16LE(at + 10),
      compressedSize: buf.readUInt32LE(at + 20),
      size: buf.readUInt32LE(at + 24),
      localOffset: buf.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

/** Inflates zip entries within the limits; one budget per archive. */
export class BoundedZip {
  private readonly entries: Map<string, ZipEntry>;
  private inflated = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly limits: TextLimits,
  ) {
    this.entries = zipEntries(bytes);
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  /** The entry's bytes as UTF-8 text, or UnreadError when it is missing, corrupt or over a limit. */
  text(name: string): string {
    const entry = this.entries.get(name);
    if (!entry) throw new UnreadError(`${name} missing from the archive`);
    const { maxEntryBytes, maxInflatedBytes, maxRatio } = this.limits;
    const budget = Math.min(maxEntryBytes, maxInflatedBytes - this.inflated);
    if (entry.size > budget) throw new UnreadError(`${name} declares ${entry.size} bytes, over the limit`);
    if (entry.compressedSize > 0 && entry.size / entry.compressedSize > maxRatio)
      throw new UnreadError(`${name} inflates ${Math.round(entry.size / entry.compressedSize)}×: a zip bomb`);
    const buf = Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    const at = entry.localOffset;
    if (at + 30 > buf.length || buf.readUInt32LE(at) !== LOCAL)
      throw new UnreadError(`${name}: corrupt local header`);
    const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
    const raw = buf.subarray(start, start + entry.compressedSize);
    let out: Buffer;
    if (entry.method === 0) out = raw;
    else if (entry.method === 8) {
      try {
        // The declared size may lie: the output limit is what holds.
        out = inflateRawSync(raw, { maxOutputLength: Math.max(1, budget) });
      } catch (error) {
        const message = (error as Error).message;
        throw new UnreadError(
          /maxOutputLength|buffer/i.test(message)
            ? `${name} inflates past ${budget} bytes: cut off`
            : `${name}: corrupt deflate data`,
        );
      }
    } else throw new UnreadError(`${name}: compression method ${entry.method} not supported`);
    this.inflated += out.length;
    return out.toString('utf8');
  }
}
