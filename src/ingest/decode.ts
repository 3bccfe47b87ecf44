import { PlanInputError } from './errors';

/** The encodings a plan text is read in, in the order they are tried. */
export type PlanEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

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
  if (bytes.length === 0) throw new PlanInputError(`the plan file is empty: expected ${EXPECTED}`);
  // Notepad's "Unicode": UTF-16 with a byte-order mark.
  const utf16 =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? 'utf-16le'
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? 'utf-16be'
        : null;
  if (utf16) return withText(new TextDecoder(utf16).decode(bytes.subarray(2)), utf16, bytes.length);
  if (looksBinary(bytes)) {
    throw new PlanInputError(
      looksUtf16(bytes)
        ? 'the plan file is binary, not text: it looks like UTF-16 text without a byte-order mark: save the plan as UTF-8 (or GBK) text'
        : 'the plan file is binary, not text: save the plan as plain text (UTF-8 or GBK)',
    );
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
      const at = firstInvalidUtf8(bytes);
      throw new PlanInputError(
        `the plan file is neither UTF-8 nor GBK/GB18030 text (byte 0x${bytes[at]!.toString(16).padStart(2, '0')} at offset ${at} fits neither): save the plan as UTF-8 text`,
      );
    }
  }
  return withText(text, encoding, bytes.length);
}

const EXPECTED = 'the plan as a text (UTF-8 or GBK), an HTML page or a .docx';

function withText(decoded: string, encoding: PlanEncoding, size: number): DecodedPlan {
  const text = decoded.replace(/^\uFEFF/, '');
  if (text.trim() === '')
    throw new PlanInputError(`the plan file holds only white space (${size} bytes): expected ${EXPECTED}`);
  return { text, encoding };
}

/** Where strict UTF-8 decoding first fails: the offset of the offending byte. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let low = 0;
  let high = bytes.length;
  // The longest valid prefix, by bisection (a prefix cut inside a character is invalid too, so
  // widen by up to 3 bytes before calling it invalid).
  const valid = (end: number) =>
    [0, 1, 2, 3].some((extra) => {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(
          bytes.subarray(0, Math.min(bytes.length, end + extra)),
        );
        return true;
      } catch {
        return false;
      }
    });
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (valid(mid)) low = mid;
    else high = mid - 1;
  }
  return Math.min(low, bytes.length - 1);
}

/**
 * Text saved as UTF-16 without a mark: decoded as UTF-16 (either byte order) the sample is almost
 * all Chinese, ASCII and punctuation, which no image or document format would be.
 */
function looksUtf16(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, Math.min(bytes.length, 4096) & ~1);
  return (['utf-16le', 'utf-16be'] as const).some((encoding) => {
    const text = new TextDecoder(encoding).decode(sample);
    const readable = text.match(/[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\x20-\x7e\s]/gu)?.length ?? 0;
    return text.length > 0 && readable >= text.length * 0.95;
  });
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
