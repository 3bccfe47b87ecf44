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
    'the plan file is binary, not text: it is a legacy Word .doc file, which ingest cannot read: open it in Word or LibreOffice and save it as .docx, or copy the plan text into a .txt file',
  pdf: 'the plan file is binary, not text: it is a PDF, which ingest cannot read (a scanned PDF holds only images of the text): copy the plan text into a .txt file, or ask the issuing office for the .docx',
  image:
    'the plan file is binary, not text: it is an image; a scanned plan must be typed or copied into a .txt file, or obtained as .docx',
  zip: 'the plan file is binary, not text: it is a zip archive but not a Word .docx (no word/document.xml): unpack it and ingest the plan inside',
};

export interface ReadDocument {
  format: PlanFormat;
  plan: ReadPlan;
  /** How the bytes were read: a text encoding, or the container. */
  encoding: PlanEncoding | 'docx';
}

/**
 * Reads a plan file of any supported kind: a .docx (its tables through mammoth's HTML), an HTML
 * page, or a text (UTF-8 or GBK). Legacy .doc, PDF and images are refused with what to do instead.
 */
export async function readDocument(bytes: Uint8Array, format: InputFormat = 'auto'): Promise<ReadDocument> {
  const kind = bytes.length === 0 ? 'text' : fileKind(bytes);
  if (kind === 'docx' || format === 'docx') {
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
