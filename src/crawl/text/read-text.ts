/**
 * Reads the text of an archived file for the personal-data scan, whatever its format: HTML pages,
 * .xlsx, .docx, legacy .xls and .doc, PDF, CSV and plain text. The bytes decide the format (a PDF served as
 * text/html is still a PDF); the name and Content-Type only break ties. A file that cannot be read,
 * or only in part, says why: the scan records it instead of calling the file clean.
 */
import type { TextSegment } from '../../core/privacy';
import { decodeHtml } from '../extract';
import { type CompoundFile, isCompoundFile, legacyOfficeFormat, openCompoundFile } from './cfb';
import { csvSegments, decodeText } from './csv-text';
import { docSegments } from './doc-text';
import { docxSegments } from './docx-text';
import { htmlSegments } from './html-text';
import { DEFAULT_TEXT_LIMITS, type TextLimits, UnreadError, unreadIfDamaged } from './limits';
import { pdfSegments } from './pdf-text';
import { xlsSegments } from './xls-text';
import { xlsxSegments } from './xlsx-text';
import { zipEntries } from './zip';

export type FileFormat = 'html' | 'pdf' | 'xlsx' | 'docx' | 'csv' | 'text' | 'xls' | 'doc' | 'other';

export interface FileMeta {
  url: string;
  contentType?: string | null;
  charsetHint?: string | null;
}

export interface ReadText {
  format: FileFormat;
  segments: TextSegment[];
  /** Why the file was not read, or read only in part. */
  unread?: string;
}

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** A file's format, and for a legacy Office file its compound-file directory, opened once. */
interface Sniffed {
  format: FileFormat;
  compound?: CompoundFile | UnreadError;
}

/** The format of a file, from its first bytes, then its name and Content-Type. */
export function formatOf(bytes: Uint8Array, meta: FileMeta): FileFormat {
  return sniff(bytes, meta).format;
}

function sniff(bytes: Uint8Array, meta: FileMeta): Sniffed {
  const ext = /\.([a-z0-9]+)(?:[?#]|$)/i.exec(new URL(meta.url, 'http://x/').pathname)?.[1]?.toLowerCase();
  const type = (meta.contentType ?? '').toLowerCase();
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return { format: 'pdf' };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    try {
      const names = zipEntries(bytes);
      if (names.has('xl/workbook.xml')) return { format: 'xlsx' };
      if (names.has('word/document.xml')) return { format: 'docx' };
    } catch {
      // a broken archive falls through to its name
    }
    return { format: ext === 'xlsx' ? 'xlsx' : ext === 'docx' ? 'docx' : 'other' };
  }
  if (isCompoundFile(bytes)) {
    const compound = openCompoundFile(bytes);
    // A damaged directory falls back to the file's name; the reader then reports the damage.
    const format = compound instanceof Error ? null : legacyOfficeFormat(compound);
    return { format: format ?? (ext === 'doc' || type.includes('msword') ? 'doc' : 'xls'), compound };
  }
  if (ext === 'csv' || type.includes('text/csv')) return { format: 'csv' };
  if (type.includes('html') || ext === 'htm' || ext === 'html' || ext === 'shtml') return { format: 'html' };
  if (ext === 'txt' || type.startsWith('text/plain')) return { format: 'text' };
  if (!type && !ext) return { format: 'html' };
  return { format: 'other' };
}

const NOT_READ: Partial<Record<FileFormat, string>> = {
  other: 'format not read',
};

/** The text segments of a file, or the reason it was not (fully) read. Never throws for the file's content. */
export async function readText(
  bytes: Uint8Array,
  meta: FileMeta,
  limits: TextLimits = DEFAULT_TEXT_LIMITS,
): Promise<ReadText> {
  const sniffed = sniff(bytes, meta);
  const { format } = sniffed;
  const notRead = NOT_READ[format];
  if (notRead) return { format, segments: [], unread: notRead };
  try {
    const read = await readFormat(sniffed, bytes, meta, limits);
    return {
      format,
      segments: read.segments,
      ...(read.cut ? { unread: `read in part: ${read.cutReason}` } : {}),
    };
  } catch (error) {
    if (error instanceof UnreadError) return { format, segments: [], unread: error.message };
    if (error instanceof RangeError)
      return { format, segments: [], unread: `too large to read: ${error.message}` };
    throw error;
  }
}

/** The opened compound file, or the reason it could not be opened. */
function compoundOf({ compound }: Sniffed): CompoundFile {
  if (!compound) throw new UnreadError('not a compound file (OLE2 signature missing)');
  if (compound instanceof Error) throw compound;
  return compound;
}

async function readFormat(
  sniffed: Sniffed,
  bytes: Uint8Array,
  meta: FileMeta,
  limits: TextLimits,
): Promise<{ segments: TextSegment[]; cut: boolean; cutReason?: string }> {
  switch (sniffed.format) {
    case 'html': {
      const { text } = decodeHtml(bytes, {
        contentTypeHeader: meta.contentType,
        charsetHint: meta.charsetHint,
      });
      return { ...htmlSegments(text, limits.maxChars), cutReason: `text past ${limits.maxChars} characters` };
    }
    case 'xlsx':
      return { ...xlsxSegments(bytes, limits), cutReason: `cells past ${limits.maxCells}` };
    case 'docx':
      return { ...docxSegments(bytes, limits), cutReason: `text past ${limits.maxChars} characters` };
    case 'xls':
      return {
        ...unreadIfDamaged('workbook', () => xlsSegments(compoundOf(sniffed), limits)),
        cutReason: `cells past ${limits.maxCells}`,
      };
    case 'doc':
      return {
        ...unreadIfDamaged('Word document', () => docSegments(compoundOf(sniffed), limits)),
        cutReason: `text past ${limits.maxChars} characters`,
      };
    case 'pdf': {
      const read = await pdfSegments(bytes, limits);
      return { ...read, cutReason: `${read.pages} pages, ${limits.maxPdfPages} read` };
    }
    case 'csv':
      return { ...csvSegments(bytes, limits.maxChars), cutReason: `text past ${limits.maxChars} characters` };
    default: {
      const text = decodeText(bytes).slice(0, limits.maxChars);
      const segments = text
        .split(/\r?\n/)
        .map((line, i) => ({ text: line, where: `line ${i + 1}` }))
        .filter((s) => s.text.trim());
      return {
        segments,
        cut: bytes.byteLength > limits.maxChars,
        cutReason: `text past ${limits.maxChars} characters`,
      };
    }
  }
}
