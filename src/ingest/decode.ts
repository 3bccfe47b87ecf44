import { PlanInputError } from './errors';

/** The encodings a plan text is read in, in the order they are tried. */
export type PlanEncoding = 'utf-8' | 'gb18030';

export interface DecodedPlan {
  text: string;
  encoding: PlanEncoding;
}

/**
 * Decodes the bytes of a plan text. UTF-8 is tried first, strictly, because GBK bytes are almost
 * never valid UTF-8; otherwise the bytes are read as GB18030 (a superset of GBK and GB2312, the
 * encodings older government documents are saved in). Binary files are refused rather than decoded
 * into noise.
 */
export function decodePlanBytes(bytes: Uint8Array): DecodedPlan {
  if (bytes.length === 0) throw new PlanInputError('the plan file is empty');
  if (looksBinary(bytes)) {
    throw new PlanInputError('the plan file is binary, not text: save the plan as plain text (UTF-8 or GBK)');
  }
  let text: string;
  let encoding: PlanEncoding;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    encoding = 'utf-8';
  } catch {
    try {
      text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
      encoding = 'gb18030';
    } catch {
      throw new PlanInputError('the plan file is neither UTF-8 nor GBK/GB18030 text');
    }
  }
  text = text.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new PlanInputError('the plan file holds only white space');
  return { text, encoding };
}

/** NUL bytes or many control characters: a document format (docx, pdf) or an image, not a text. */
function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20)) control++;
  }
  return control / sample.length > 0.05;
}
