/**
 * The cells of a legacy Excel workbook (.xls), the format most subsidy lists and recipient tables on
 * government sites are still published in: Excel 97–2003 (BIFF8, the "Workbook" stream) and Excel
 * 5/95 (BIFF5/7, the "Book" stream). It walks the records of the stream: the shared strings (SST,
 * split over CONTINUE records; BIFF8 only), the sheet names, and the cell records that carry text or
 * numbers. BIFF5 keeps its text as 8-bit strings in the workbook's code page (its CODEPAGE record,
 * 936 = GBK on Chinese Windows). Formatting, formulas' expressions and charts are skipped.
 */
import type { TextSegment } from '../../core/privacy';
import { CompoundFile } from './cfb';
import { codePageDecoder, DEFAULT_CODE_PAGE } from './code-page';
import { type TextLimits, UnreadError } from './limits';

const BOF = 0x0809;
const EOF = 0x000a;
const FILEPASS = 0x002f;
const BOUNDSHEET = 0x0085;
const SST = 0x00fc;
const CONTINUE = 0x003c;
const LABELSST = 0x00fd;
const LABEL = 0x0204;
const NUMBER = 0x0203;
const RK = 0x027e;
const MULRK = 0x00bd;
const FORMULA = 0x0006;
const STRING = 0x0207;
const RSTRING = 0x00d6;
const CODEPAGE = 0x0042;
const BIFF8 = 0x0600;
const BIFF5 = 0x0500;

/** How a workbook's strings are stored: BIFF8 Unicode strings, or BIFF5 bytes in a code page. */
interface Biff {
  version: typeof BIFF5 | typeof BIFF8;
  decoder: TextDecoder;
}

interface BiffRecord {
  type: number;
  /** Where the record starts in the stream (sheets are found by this offset). */
  offset: number;
  data: Buffer;
  /** The CONTINUE records that follow it, in order. */
  continues: Buffer[];
}

/** The records of a BIFF stream, each with its CONTINUE records attached. */
function records(stream: Buffer): BiffRecord[] {
  const out: BiffRecord[] = [];
  for (let at = 0; at + 4 <= stream.length; ) {
    const type = stream.readUInt16LE(at);
    const length = stream.readUInt16LE(at + 2);
    const data = stream.subarray(at + 4, Math.min(at + 4 + length, stream.length));
    const last = out.at(-1);
    if (type === CONTINUE && last) last.continues.push(data);
    else out.push({ type, offset: at, data, continues: [] });
    at += 4 + length;
  }
  return out;
}

/**
 * Reads BIFF8 Unicode strings across record boundaries: when a string's characters run past the end
 * of a record, the next CONTINUE record starts with a fresh flags byte saying whether the rest is
 * 8-bit or 16-bit; formatting runs and phonetic blocks that run over carry no such byte.
 */
class StringReader {
  private part = 0;
  private at = 0;

  constructor(private readonly parts: Buffer[]) {}

  private get current(): Buffer {
    return this.parts[this.part] ?? Buffer.alloc(0);
  }

  private ensure(): void {
    while (this.at >= this.current.length && this.part < this.parts.length) {
      this.part += 1;
      this.at = 0;
    }
    if (this.part >= this.parts.length) throw new UnreadError('corrupt workbook: string table ends early');
  }

  u8(): number {
    this.ensure();
    return this.current[this.at++] ?? 0;
  }

  u16(): number {
    return this.u8() | (this.u8() << 8);
  }

  u32(): number {
    return (this.u16() | (this.u16() << 16)) >>> 0;
  }

  skip(bytes: number): void {
    for (let left = bytes; left > 0; ) {
      this.ensure();
      const step = Math.min(left, this.current.length - this.at);
      this.at += step;
      left -= step;
    }
  }

  chars(count: number, highByte: boolean): string {
    let text = '';
    let wide = highByte;
    for (let left = count; left > 0; ) {
      if (this.at >= this.current.length) {
        this.part += 1;
        this.at = 0;
        if (this.part >= this.parts.length) throw new UnreadError('corrupt workbook: string cut short');
        wide = ((this.current[this.at++] ?? 0) & 1) === 1;
      }
      const width = wide ? 2 : 1;
      const take = Math.min(left, Math.floor((this.current.length - this.at) / width));
      if (take <= 0) throw new UnreadError('corrupt workbook: string split inside a character');
      const bytes = this.current.subarray(this.at, this.at + take * width);
      text += wide ? bytes.toString('utf16le') : bytes.toString('latin1');
      this.at += take * width;
      left -= take;
    }
    return text;
  }

  /** An XLUnicodeRichExtendedString (the SST's entries). */
  richString(): string {
    const count = this.u16();
    const flags = this.u8();
    const runs = flags & 0x08 ? this.u16() : 0;
    const ext = flags & 0x04 ? this.u32() : 0;
    const text = this.chars(count, (flags & 1) === 1);
    this.skip(runs * 4 + ext);
    return text;
  }

  /** An XLUnicodeString (LABEL and STRING records): a 16-bit count, flags, the characters. */
  plainString(): string {
    const count = this.u16();
    const flags = this.u8();
    return this.chars(count, (flags & 1) === 1);
  }
}

/** A BIFF5 byte string: a count of bytes (8- or 16-bit), then the bytes in the workbook's code page. */
function byteString(data: Buffer, at: number, biff: Biff, countBytes: 1 | 2 = 2): string {
  if (at + countBytes > data.length) return '';
  const count = countBytes === 1 ? data[at]! : data.readUInt16LE(at);
  const start = at + countBytes;
  return biff.decoder.decode(data.subarray(start, Math.min(start + count, data.length)));
}

/** A LABEL or STRING record's text, in whichever form the workbook's version keeps it. */
function labelText(parts: Buffer[], biff: Biff): string {
  if (biff.version === BIFF5) return byteString(parts[0] ?? Buffer.alloc(0), 0, biff);
  return new StringReader(parts).plainString();
}

function sharedStrings(record: BiffRecord | undefined, limits: TextLimits): string[] {
  if (!record) return [];
  const reader = new StringReader([record.data, ...record.continues]);
  reader.skip(4);
  const unique = reader.u32();
  if (unique > limits.maxCells) throw new UnreadError(`string table of ${unique} entries`);
  const strings: string[] = [];
  for (let i = 0; i < unique; i++) strings.push(reader.richString());
  return strings;
}

/** An RK number: a 30-bit integer or the top of a double, either possibly divided by 100. */
function rkValue(rk: number): number {
  let value: number;
  if (rk & 0x02) value = rk >> 2;
  else {
    const bytes = Buffer.alloc(8);
    bytes.writeUInt32LE((rk & 0xfffffffc) >>> 0, 4);
    value = bytes.readDoubleLE(0);
  }
  return rk & 0x01 ? value / 100 : value;
}

/**
 * A number as a reader of the sheet sees it. Integers past 2^53 were rounded when typed into Excel
 * (an ID number entered as a number): their digits are not the original, so they are written in
 * exponent form and no detector mistakes them for a real number.
 */
function numberText(value: number): string {
  if (!Number.isFinite(value)) return '';
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) return value.toExponential();
  return String(value);
}

interface Sheet {
  name: string;
  offset: number;
}

function sheetsOf(all: BiffRecord[], biff: Biff): Sheet[] {
  return all
    .filter((r) => r.type === BOUNDSHEET && r.data.length >= 8)
    .map((r, i) => {
      let name = `Sheet${i + 1}`;
      try {
        if (biff.version === BIFF5) name = byteString(r.data, 6, biff, 1) || name;
        else {
          const reader = new StringReader([r.data]);
          reader.skip(6);
          const count = reader.u8();
          const flags = reader.u8();
          name = reader.chars(count, (flags & 1) === 1) || name;
        }
      } catch {
        // a damaged name keeps the default
      }
      return { name, offset: r.data.readUInt32LE(0) };
    });
}

type Cell = { row: number; col: number; text: string };

/** The cells of one record, if it is a cell record that carries a value. */
function cellsOf(record: BiffRecord, strings: string[], next: BiffRecord | undefined, biff: Biff): Cell[] {
  const d = record.data;
  if (d.length < 6) return [];
  const row = d.readUInt16LE(0) + 1;
  const col = d.readUInt16LE(2);
  switch (record.type) {
    case LABELSST:
      return d.length >= 10 ? [{ row, col, text: strings[d.readUInt32LE(6)] ?? '' }] : [];
    case LABEL:
    case RSTRING:
      return [{ row, col, text: labelText([d.subarray(6), ...record.continues], biff) }];
    case NUMBER:
      return d.length >= 14 ? [{ row, col, text: numberText(d.readDoubleLE(6)) }] : [];
    case RK:
      return d.length >= 10 ? [{ row, col, text: numberText(rkValue(d.readUInt32LE(6))) }] : [];
    case MULRK: {
      const cells: Cell[] = [];
      for (let at = 4, c = col; at + 6 <= d.length - 2; at += 6, c++)
        cells.push({ row, col: c, text: numberText(rkValue(d.readUInt32LE(at + 2))) });
      return cells;
    }
    case FORMULA: {
      if (d.length < 14) return [];
      const isNumber = d.readUInt16LE(12) !== 0xffff;
      if (isNumber) return [{ row, col, text: numberText(d.readDoubleLE(6)) }];
      // A text result follows in a STRING record.
      if (d[6] === 0 && next?.type === STRING)
        return [{ row, col, text: labelText([next.data, ...next.continues], biff) }];
      return [];
    }
    default:
      return [];
  }
}

/**
 * The workbook's version from its first BOF record, and for BIFF5 the code page of its strings.
 * Excel 2.x–4.x files (not compound files) and anything else are not read.
 */
function versionOf(all: BiffRecord[]): Biff {
  const first = all[0];
  const version = first && first.type === BOF && first.data.length >= 2 ? first.data.readUInt16LE(0) : -1;
  if (version === BIFF8) return { version, decoder: codePageDecoder(1200) };
  if (version !== BIFF5) throw new UnreadError('not a BIFF5 or BIFF8 workbook (Excel 5 or later)');
  const record = all.find((r) => r.type === CODEPAGE && r.data.length >= 2);
  return { version, decoder: codePageDecoder(record ? record.data.readUInt16LE(0) : DEFAULT_CODE_PAGE) };
}

/**
 * The cells of every sheet of an .xls, one segment per non-empty cell located by sheet and row
 * (1-based, as Excel shows them), with its column's header (the sheet's first non-empty row) and the
 * cell before it as context, the same as .xlsx files.
 */
export function xlsSegments(
  input: Uint8Array | CompoundFile,
  limits: TextLimits,
): { segments: TextSegment[]; cut: boolean } {
  const file = input instanceof CompoundFile ? input : new CompoundFile(input);
  const stream = file.stream('Workbook') ?? file.stream('Book');
  if (!stream) throw new UnreadError('not a workbook: no Workbook or Book stream');
  const all = records(stream);
  const biff = versionOf(all);
  if (all.some((r) => r.type === FILEPASS)) throw new UnreadError('encrypted workbook: not read');
  const strings =
    biff.version === BIFF8
      ? sharedStrings(
          all.find((r) => r.type === SST),
          limits,
        )
      : [];
  const byOffset = new Map(all.map((r, i) => [r.offset, i]));
  const segments: TextSegment[] = [];
  let cells = 0;
  for (const sheet of sheetsOf(all, biff)) {
    const start = byOffset.get(sheet.offset);
    if (start === undefined) continue;
    const headers = new Map<number, string>();
    let headerRow: number | null = null;
    let lastRow = -1;
    let previous = '';
    for (let i = start + 1; i < all.length && all[i]?.type !== EOF; i++) {
      const record = all[i] as BiffRecord;
      for (const cell of cellsOf(record, strings, all[i + 1], biff)) {
        if (++cells > limits.maxCells) return { segments, cut: true };
        const text = cell.text.trim();
        if (cell.row !== lastRow) previous = '';
        lastRow = cell.row;
        if (!text) continue;
        if (headerRow === null) headerRow = cell.row;
        if (cell.row === headerRow) headers.set(cell.col, text);
        const context = [headers.get(cell.col), previous].filter(Boolean).join(' ');
        previous = text;
        const header = cell.row === headerRow ? undefined : headers.get(cell.col);
        segments.push({
          text,
          where: `sheet ${sheet.name} row ${cell.row}`,
          ...(context ? { context } : {}),
          ...(header ? { header } : {}),
        });
      }
    }
  }
  return { segments, cut: false };
}
