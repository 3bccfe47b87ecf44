import { escapeMarkup } from '../core/escape-markup';
import { type CompoundFile, legacyOfficeFormat, openCompoundFile } from '../crawl/text/cfb';
import { type DocBlock, docBlocks } from '../crawl/text/doc-text';
import { UnreadError } from '../crawl/text/limits';
import { decodePlanBytes, type PlanEncoding } from './decode';
import { PlanInputError } from './errors';
import { type InputFormat, type PlanFormat, readHtmlPlan, readPlan } from './ingest';
import type { ReadPlan } from './row';

/** What a plan file holds, read from its first bytes rather than its name. */
export type FileKind = 'docx' | 'zip' | 'legacy-doc' | 'pdf' | 'image' | 'text';

/** Sniffs the container format of a plan file. */
export function fileKind(bytes: Uint8Array): FileKind {
  const starts = (...sig: number[]) => sig.every((byte, i) => bytes[i] === byte);
  if (starts(0x50, 0x4b, 0x03, 0x04)) {
    const head = Buffer.from(bytes.subarray(0, Math.min(bytes.length, 65_536))).toString('latin1');
    return head.includes('word/') || head.includes('[Content_Types].xml') ? 'docx' : 'zip';
  }
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return 'legacy-doc';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'pdf';
  if (starts(0x89, 0x50, 0x4e, 0x47) || starts(0xff, 0xd8, 0xff) || starts(0x47, 0x49, 0x46, 0x38))
    return 'image';
  return 'text';
}

const REFUSALS: Record<Exclude<FileKind, 'docx' | 'text'>, string> = {
  'legacy-doc':
    'the plan file is binary, not text: it is a legacy Office file (.doc, .xls, .ppt) that could not be opened as a Word document: open it in Word or LibreOffice and save it as .docx, or copy the plan text into a .txt file',
  pdf: 'the plan file is binary, not text: it is a PDF, which ingest cannot read (a scanned PDF holds only images of the text): copy the plan text into a .txt file, or ask the issuing office for the .docx',
  image:
    'the plan file is binary, not text: it is an image; a scanned plan must be typed or copied into a .txt file, or obtained as .docx',
  zip: 'the plan file is binary, not text: it is a zip archive but not a Word .docx (no word/document.xml): unpack it and ingest the plan inside',
};

export interface ReadDocument {
  format: PlanFormat;
  plan: ReadPlan;
  /** How the bytes were read: a text encoding, or the container. */
  encoding: PlanEncoding | 'docx' | 'doc';
}

/**
 * Reads a plan file of any supported kind: a .docx (its tables through mammoth's HTML), a legacy
 * Word .doc (its tables through the project's Word 97 reader, as HTML), an HTML page, or a text
 * (UTF-8 or GBK). PDF and images are refused with what to do instead.
 */
export async function readDocument(bytes: Uint8Array, format: InputFormat = 'auto'): Promise<ReadDocument> {
  const kind = bytes.length === 0 ? 'text' : fileKind(bytes);
  const compound = kind === 'legacy-doc' ? openCompoundFile(bytes) : null;
  const wordDoc = compound && !(compound instanceof Error) && legacyOfficeFormat(compound) === 'doc';
  if (kind === 'docx' || wordDoc || format === 'docx') {
    if (wordDoc) return { ...readHtmlPlan(docToHtml(compound), 'doc-table'), encoding: 'doc' };
    if (kind !== 'docx') throw new PlanInputError(`--format docx, but the file is ${describeKind(kind)}`);
    return { ...readHtmlPlan(await docxToHtml(bytes), 'docx-table'), encoding: 'docx' };
  }
  if (kind !== 'text') throw new PlanInputError(REFUSALS[kind]);
  const { text, encoding } = decodePlanBytes(bytes);
  return { ...readPlan(text, format), encoding };
}

function describeKind(kind: FileKind): string {
  return kind === 'text' ? 'text' : kind === 'legacy-doc' ? 'a legacy .doc' : `a ${kind}`;
}

function blockHtml(block: DocBlock): string {
  if (block.kind === 'paragraph') return `<p>${escapeMarkup(block.text)}</p>`;
  const rows = block.rows.map(
    (row) => `<tr>${row.map((cell) => `<td>${escapeMarkup(cell)}</td>`).join('')}</tr>`,
  );
  return `<table>${rows.join('')}</table>`;
}

/**
 * A legacy Word .doc's main text as HTML (paragraphs and tables), the same shape mammoth makes of a
 * .docx. Encrypted, Word 2.x and damaged files are refused with the reason and what to do.
 */
export function docToHtml(file: Uint8Array | CompoundFile): string {
  try {
    return docBlocks(file, { maxChars: 20 * 1024 * 1024 })
      .blocks.map(blockHtml)
      .join('\n');
  } catch (error) {
    if (!(error instanceof UnreadError) && !(error instanceof RangeError)) throw error;
    throw new PlanInputError(
      `the Word .doc file could not be read (${error.message}): open it in Word or LibreOffice and save it as .docx, or copy the plan text into a .txt file`,
    );
  }
}

/** The document body as HTML, tables kept; a damaged file is refused, never a crash. */
export async function docxToHtml(bytes: Uint8Array): Promise<string> {
  const mammoth = await import('mammoth');
  try {
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
    return result.value;
  } catch (error) {
    throw new PlanInputError(
      `the .docx file could not be opened (${(error as Error).message.split('\n')[0]}): save it again from Word, or copy the plan text into a .txt file`,
    );
  }
}
