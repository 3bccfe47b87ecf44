/**
 * The text of a legacy Word document (.doc), the format of many notices and name lists on
 * government sites. Word 97–2003: the main document's characters are found through the piece table
 * (the Clx in the table stream, located by the FIB), each piece either 16-bit or "compressed" 8-bit.
 * Word 6/95: no Unicode and no table stream; the text is bytes in the code page of the document's
 * language (GBK for Chinese), from fcMin on, or through a piece table in the WordDocument stream when
 * the file was fast-saved. Table cells end with U+0007 and a row with one more; field codes (between
 * U+0013 and U+0014) are instructions, not text, and are dropped. Headers, footers, footnotes and
 * comments are not read.
 */
import type { TextSegment } from '../../core/privacy';
import { CompoundFile } from './cfb';
import { codePageDecoder, codePageOfLanguage, DEFAULT_CODE_PAGE } from './code-page';
import { type TextLimits, UnreadError } from './limits';
import { SegmentBuilder } from './segments';

const WORD_MAGIC = 0xa5ec;
/** FibRgFcLcb97's fcClx is its 34th (fc, lcb) pair. */
const CLX_PAIR = 33;
/** nFib of Word 6.0 (101) to Word 95 (104, 105); Word 97 and later write 193 or more. */
const WORD6_FIRST = 101;
const WORD6_LAST = 105;

interface Piece {
  cpStart: number;
  cpEnd: number;
  fc: number;
  compressed: boolean;
}

interface Fib {
  tableStream: '0Table' | '1Table';
  ccpText: number;
  fcClx: number;
  lcbClx: number;
}

function readFib(word: Buffer): Fib {
  if (word.length < 64 || word.readUInt16LE(0) !== WORD_MAGIC)
    throw new UnreadError('not a Word document: FIB missing');
  const flags = word.readUInt16LE(0x0a);
  if (flags & 0x0100) throw new UnreadError('encrypted Word document: not read');
  if (word.readUInt16LE(2) < WORD6_FIRST)
    throw new UnreadError('Word 2.x or older document: not read; save it as .docx');
  const csw = word.readUInt16LE(32);
  const lwAt = 34 + csw * 2;
  const cslw = word.readUInt16LE(lwAt);
  const ccpText = word.readInt32LE(lwAt + 2 + 3 * 4);
  const fcLcbAt = lwAt + 2 + cslw * 4;
  const pairs = word.readUInt16LE(fcLcbAt);
  const clxAt = fcLcbAt + 2 + CLX_PAIR * 8;
  if (pairs <= CLX_PAIR || clxAt + 8 > word.length)
    throw new UnreadError('corrupt Word document: FIB too short');
  return {
    tableStream: flags & 0x0200 ? '1Table' : '0Table',
    ccpText,
    fcClx: word.readUInt32LE(clxAt),
    lcbClx: word.readUInt32LE(clxAt + 4),
  };
}

/** Whether the FIB is that of Word 6.0 or Word 95. */
function isWord6(word: Buffer): boolean {
  const nFib = word.length >= 4 && word.readUInt16LE(0) === WORD_MAGIC ? word.readUInt16LE(2) : 0;
  return nFib >= WORD6_FIRST && nFib <= WORD6_LAST;
}

/**
 * The code page of a Word 6/95 document's text: that of its language when the language settles it
 * (Chinese, Japanese, Korean), the Mac character set when it says so, else GBK when the bytes are
 * GBK (a Chinese document written with an English Word), else Windows-1252.
 */
function word6Decoder(word: Buffer, bytes: Buffer): TextDecoder {
  const byLanguage = codePageOfLanguage(word.readUInt16LE(0x06));
  if (byLanguage) return codePageDecoder(byLanguage);
  if (word.readUInt16LE(0x14) === 256) return codePageDecoder(10000);
  try {
    new TextDecoder('gbk', { fatal: true }).decode(bytes);
    return codePageDecoder(DEFAULT_CODE_PAGE);
  } catch {
    return codePageDecoder(1252);
  }
}

/**
 * The main text of a Word 6/95 document. Its character positions count bytes. A file saved in full
 * keeps the text from fcMin on; a fast-saved one ("complex", flag 0x0004) lists its pieces in a Clx
 * inside the WordDocument stream (fcClx at 0x160 of the Word 6 FIB).
 */
function word6Text(word: Buffer, maxChars: number): { text: string; cut: boolean } {
  if (word.length < 0x168) throw new UnreadError('corrupt Word 6/95 document: FIB too short');
  const ccpText = word.readInt32LE(0x34);
  if (ccpText < 0) throw new UnreadError('corrupt Word 6/95 document: negative text length');
  const take = Math.min(ccpText, maxChars * 2);
  let bytes: Buffer;
  if (word.readUInt16LE(0x0a) & 0x0004) {
    const parts = pieces(word, { fcClx: word.readUInt32LE(0x160), lcbClx: word.readUInt32LE(0x164) });
    const chunks: Buffer[] = [];
    let length = 0;
    for (const piece of parts) {
      if (piece.cpStart >= take) break;
      const end = piece.fc + Math.min(piece.cpEnd, take) - piece.cpStart;
      if (piece.cpEnd <= piece.cpStart) continue;
      if (end > word.length) throw new UnreadError('corrupt Word document: text outside the file');
      chunks.push(word.subarray(piece.fc, end));
      length += end - piece.fc;
    }
    bytes = Buffer.concat(chunks, length);
  } else {
    const fcMin = word.readUInt32LE(0x18);
    if (fcMin + take > word.length) throw new UnreadError('corrupt Word document: text outside the file');
    bytes = word.subarray(fcMin, fcMin + take);
  }
  const text = word6Decoder(word, bytes).decode(bytes);
  return { text: text.slice(0, maxChars), cut: ccpText > take || text.length > maxChars };
}

/** The pieces of the main text, from the Clx: formatting blocks (0x01) skipped, then the piece table (0x02). */
function pieces(table: Buffer, fib: Pick<Fib, 'fcClx' | 'lcbClx'>): Piece[] {
  if (fib.fcClx + fib.lcbClx > table.length)
    throw new UnreadError('corrupt Word document: piece table outside the file');
  const clx = table.subarray(fib.fcClx, fib.fcClx + fib.lcbClx);
  let at = 0;
  // A property block's size is read unsigned: a negative one would never move past it.
  while (at + 3 <= clx.length && clx[at] === 0x01) at += 3 + clx.readUInt16LE(at + 1);
  if (clx[at] !== 0x02) throw new UnreadError('corrupt Word document: no piece table');
  const length = clx.readUInt32LE(at + 1);
  const plc = clx.subarray(at + 5, at + 5 + length);
  const count = Math.floor((plc.length - 4) / 12);
  const out: Piece[] = [];
  for (let i = 0; i < count; i++) {
    const pcd = (count + 1) * 4 + i * 8;
    const fcRaw = plc.readUInt32LE(pcd + 2);
    const compressed = (fcRaw & 0x40000000) !== 0;
    const fc = fcRaw & 0x3fffffff;
    out.push({
      cpStart: plc.readUInt32LE(i * 4),
      cpEnd: plc.readUInt32LE(i * 4 + 4),
      fc: compressed ? fc / 2 : fc,
      compressed,
    });
  }
  return out;
}

const cp1252 = new TextDecoder('windows-1252');

/** The main document's characters, up to `maxChars`. */
function mainText(word: Buffer, parts: Piece[], ccpText: number, maxChars: number): string {
  let text = '';
  for (const piece of parts) {
    if (piece.cpStart >= ccpText || text.length >= maxChars) break;
    const chars = Math.min(piece.cpEnd, ccpText) - piece.cpStart;
    if (chars <= 0) continue;
    const width = piece.compressed ? 1 : 2;
    const end = piece.fc + chars * width;
    if (end > word.length) throw new UnreadError('corrupt Word document: text outside the file');
    const bytes = word.subarray(piece.fc, end);
    text += piece.compressed ? cp1252.decode(bytes) : bytes.toString('utf16le');
  }
  return text.slice(0, maxChars);
}

/** Drops field instructions (U+0013 … U+0014) and keeps their results (U+0014 … U+0015). */
function withoutFieldCodes(text: string): string {
  let out = '';
  const stack: boolean[] = [];
  for (const ch of text) {
    if (ch === '\u0013') stack.push(true);
    else if (ch === '\u0014') {
      if (stack.length) stack[stack.length - 1] = false;
    } else if (ch === '\u0015') stack.pop();
    else if (!stack.includes(true)) out += ch;
  }
  return out;
}

/** A paragraph, or a table as rows of cell texts, in reading order. */
export type DocBlock = { kind: 'paragraph'; text: string } | { kind: 'table'; rows: string[][] };

const tidy = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * Splits the text into paragraphs and tables: paragraphs end with U+000D, cells with U+0007, and a
 * row with a U+0007 of its own right after its last cell. Without reading paragraph properties an
 * empty last cell looks like a row end, so once the first row has fixed the column count a row ends
 * only when it has that many cells.
 */
function blocksOf(text: string): DocBlock[] {
  const blocks: DocBlock[] = [];
  let cell = '';
  let table: string[][] | null = null;
  let row: string[] | null = null;
  let columns = 0;
  const endTable = () => {
    if (table) blocks.push({ kind: 'table', rows: table });
    table = null;
  };
  for (const ch of text) {
    if (ch === '\u0007') {
      if (row && cell === '' && (columns === 0 || row.length >= columns)) {
        if (columns === 0) columns = row.length;
        row = null;
        continue;
      }
      if (!table) {
        table = [];
        columns = 0;
      }
      if (!row) {
        row = [];
        table.push(row);
      }
      row.push(tidy(cell));
      cell = '';
    } else if (ch === '\r') {
      if (table && !row) endTable();
      if (table) cell += ' ';
      else {
        if (tidy(cell)) blocks.push({ kind: 'paragraph', text: tidy(cell) });
        cell = '';
      }
    } else if (ch === '\u000b' || ch === '\u000c' || ch === '\t') cell += ' ';
    else if (ch >= ' ' || ch === '\u001e') cell += ch === '\u001e' ? '-' : ch;
  }
  endTable();
  if (tidy(cell)) blocks.push({ kind: 'paragraph', text: tidy(cell) });
  return blocks;
}

/**
 * The paragraphs and tables of a .doc's main text, in reading order (the plan reader turns them
 * into HTML; the personal-data scan into located segments).
 */
export function docBlocks(
  input: Uint8Array | CompoundFile,
  limits: Pick<TextLimits, 'maxChars'>,
): { blocks: DocBlock[]; cut: boolean } {
  const file = input instanceof CompoundFile ? input : new CompoundFile(input);
  const word = file.stream('WordDocument');
  if (!word) throw new UnreadError('not a Word document: no WordDocument stream');
  if (isWord6(word)) {
    if (word.readUInt16LE(0x0a) & 0x0100) throw new UnreadError('encrypted Word document: not read');
    const { text, cut } = word6Text(word, limits.maxChars);
    return { blocks: blocksOf(withoutFieldCodes(text)), cut };
  }
  const fib = readFib(word);
  const table = file.stream(fib.tableStream);
  if (!table) throw new UnreadError(`corrupt Word document: ${fib.tableStream} stream missing`);
  const text = withoutFieldCodes(mainText(word, pieces(table, fib), fib.ccpText, limits.maxChars));
  return { blocks: blocksOf(text), cut: fib.ccpText > limits.maxChars };
}

/** The paragraphs and table cells of a .doc, located like those of a .docx. */
export function docSegments(
  input: Uint8Array | CompoundFile,
  limits: TextLimits,
): { segments: TextSegment[]; cut: boolean } {
  const { blocks, cut } = docBlocks(input, limits);
  const out = new SegmentBuilder(limits.maxChars);
  for (const block of blocks) {
    if (block.kind === 'paragraph') {
      out.add(block.text);
      out.endBlock();
      continue;
    }
    out.startTable();
    for (const row of block.rows) {
      out.startRow();
      for (const cell of row) {
        out.add(cell);
        out.endCell();
      }
    }
    out.endTable();
  }
  return { segments: out.segments, cut };
}
