/**
 * A bounded reader of the Compound File Binary format (OLE2, "D0 CF 11 E0"), the container of legacy
 * .xls and .doc files, which government sites still publish by the thousand. Only what the
 * personal-data scan needs: the directory and the bytes of a named stream. Every sector chain is
 * walked with a step limit (a loop in the allocation table ends as an error, not a hang) and every
 * offset is checked against the file, so a damaged or hostile file is "not read", never a crash.
 */
import { UnreadError } from './limits';

const SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const END_OF_CHAIN = 0xfffffffe;
const FREE = 0xffffffff;
const MAX_REGULAR = 0xfffffffa;

interface DirectoryEntry {
  name: string;
  type: number;
  start: number;
  size: number;
}

/** Whether the bytes start with the compound-file signature. */
export function isCompoundFile(bytes: Uint8Array): boolean {
  return SIGNATURE.every((b, i) => bytes[i] === b);
}

/**
 * Which legacy Office format a compound file holds, from its stream names: Excel 5/95 keeps its
 * workbook in "Book", Excel 97 and later in "Workbook", Word 6 to 2003 in "WordDocument". Null when
 * it is neither (a .ppt, an Outlook message).
 */
export function legacyOfficeFormat(file: CompoundFile): 'xls' | 'doc' | null {
  const names = file.streamNames().map((n) => n.toLowerCase());
  if (names.includes('workbook') || names.includes('book')) return 'xls';
  if (names.includes('worddocument')) return 'doc';
  return null;
}

/**
 * Opens a compound file once (header, allocation table, directory) for both the format check and
 * the reader; the UnreadError says why a damaged one cannot be opened.
 */
export function openCompoundFile(bytes: Uint8Array): CompoundFile | UnreadError {
  try {
    return new CompoundFile(bytes);
  } catch (error) {
    if (error instanceof UnreadError) return error;
    if (error instanceof RangeError) return new UnreadError(`damaged compound file: ${error.message}`);
    throw error;
  }
}

export class CompoundFile {
  private readonly buf: Buffer;
  private readonly sectorSize: number;
  private readonly miniSectorSize: number;
  private readonly miniCutoff: number;
  private readonly fat: number[];
  private readonly entries: DirectoryEntry[];
  private miniFat: number[] | null = null;
  private miniStream: Buffer | null = null;

  constructor(bytes: Uint8Array) {
    this.buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (!isCompoundFile(bytes)) throw new UnreadError('not a compound file (OLE2 signature missing)');
    if (this.buf.length < 512)
      throw new UnreadError('truncated compound file: shorter than its 512-byte header');
    const sectorShift = this.buf.readUInt16LE(0x1e);
    const miniShift = this.buf.readUInt16LE(0x20);
    if (sectorShift !== 9 && sectorShift !== 12) throw new UnreadError('corrupt compound file: sector size');
    if (miniShift !== 6) throw new UnreadError('corrupt compound file: mini sector size');
    this.sectorSize = 1 << sectorShift;
    this.miniSectorSize = 1 << miniShift;
    this.miniCutoff = this.buf.readUInt32LE(0x38);
    this.fat = this.readFat();
    this.entries = this.readDirectory(this.buf.readUInt32LE(0x30));
  }

  /** The names of the streams in the file (storages and the root left out). */
  streamNames(): string[] {
    return this.entries.filter((e) => e.type === 2).map((e) => e.name);
  }

  /** The bytes of the first stream with this name (case-insensitive), or null when there is none. */
  stream(name: string): Buffer | null {
    const wanted = name.toLowerCase();
    const entry = this.entries.find((e) => e.type === 2 && e.name.toLowerCase() === wanted);
    if (!entry) return null;
    if (entry.size < this.miniCutoff) return this.readMini(entry.start, entry.size);
    return this.readChain(entry.start, entry.size);
  }

  private sectorOffset(sector: number): number {
    const offset = (sector + 1) * this.sectorSize;
    // A last sector cut short by a truncated download is read as far as it goes.
    if (sector > MAX_REGULAR || offset >= this.buf.length)
      throw new UnreadError('corrupt compound file: sector outside the file');
    return offset;
  }

  /** The FAT sector numbers: 109 in the header, the rest in the DIFAT chain. */
  private fatSectors(): number[] {
    const count = this.buf.readUInt32LE(0x2c);
    const sectors: number[] = [];
    for (let i = 0; i < 109 && sectors.length < count; i++) sectors.push(this.buf.readUInt32LE(0x4c + i * 4));
    let difat = this.buf.readUInt32LE(0x44);
    const perSector = this.sectorSize / 4 - 1;
    for (let steps = 0; sectors.length < count && difat <= MAX_REGULAR; steps++) {
      if (steps > this.buf.length / this.sectorSize)
        throw new UnreadError('corrupt compound file: DIFAT loop');
      const at = this.sectorOffset(difat);
      for (let i = 0; i < perSector && sectors.length < count; i++) sectors.push(this.readU32(at + i * 4));
      difat = this.readU32(at + perSector * 4);
    }
    return sectors;
  }

  private readFat(): number[] {
    const fat: number[] = [];
    for (const sector of this.fatSectors()) {
      const at = this.sectorOffset(sector);
      for (let i = 0; i < this.sectorSize; i += 4) fat.push(this.readU32(at + i));
    }
    return fat;
  }

  private readU32(at: number): number {
    return at + 4 <= this.buf.length ? this.buf.readUInt32LE(at) : FREE;
  }

  /** The sectors of a chain, in order; a loop or a chain longer than the file is an error. */
  private chain(start: number, table: number[]): number[] {
    const sectors: number[] = [];
    for (let s = start; s !== END_OF_CHAIN && s !== FREE; s = table[s] ?? FREE) {
      if (s > MAX_REGULAR || sectors.length > table.length)
        throw new UnreadError('corrupt compound file: broken sector chain');
      sectors.push(s);
    }
    return sectors;
  }

  private readChain(start: number, size: number): Buffer {
    const parts: Buffer[] = [];
    let length = 0;
    for (const sector of this.chain(start, this.fat)) {
      const at = this.sectorOffset(sector);
      const part = this.buf.subarray(at, Math.min(at + this.sectorSize, this.buf.length));
      parts.push(part);
      length += part.length;
      if (length >= size) break;
    }
    if (length < size) throw new UnreadError('corrupt compound file: stream shorter than declared');
    return Buffer.concat(parts, length).subarray(0, size);
  }

  private readMini(start: number, size: number): Buffer {
    if (!this.miniStream || !this.miniFat) {
      const root = this.entries.find((e) => e.type === 5);
      this.miniStream = root ? this.readChain(root.start, root.size) : Buffer.alloc(0);
      const first = this.buf.readUInt32LE(0x3c);
      const table: number[] = [];
      if (first <= MAX_REGULAR)
        for (const sector of this.chain(first, this.fat)) {
          const at = this.sectorOffset(sector);
          for (let i = 0; i < this.sectorSize; i += 4) table.push(this.readU32(at + i));
        }
      this.miniFat = table;
    }
    const parts: Buffer[] = [];
    let length = 0;
    for (const sector of this.chain(start, this.miniFat)) {
      const at = sector * this.miniSectorSize;
      if (at + this.miniSectorSize > this.miniStream.length)
        throw new UnreadError('corrupt compound file: mini sector outside the mini stream');
      parts.push(this.miniStream.subarray(at, at + this.miniSectorSize));
      length += this.miniSectorSize;
      if (length >= size) break;
    }
    if (length < size) throw new UnreadError('corrupt compound file: stream shorter than declared');
    return Buffer.concat(parts, length).subarray(0, size);
  }

  private readDirectory(start: number): DirectoryEntry[] {
    const entries: DirectoryEntry[] = [];
    for (const sector of this.chain(start, this.fat)) {
      const at = this.sectorOffset(sector);
      for (let i = 0; i + 128 <= this.sectorSize && at + i + 128 <= this.buf.length; i += 128) {
        const e = at + i;
        const nameBytes = Math.min(this.buf.readUInt16LE(e + 64), 64);
        const name = this.buf.toString('utf16le', e, e + Math.max(0, nameBytes - 2));
        // Version 3 files keep only the low 32 bits of a stream's size meaningful.
        const size = this.buf.readUInt32LE(e + 120);
        entries.push({ name, type: this.buf[e + 66] ?? 0, start: this.buf.readUInt32LE(e + 116), size });
      }
    }
    return entries;
  }
}
