/**
 * Bytes → text for HTML pages. Government sites often declare one charset in the HTTP header and
 * another in <meta>, and many older ones are GB2312/GBK, so the decision rests on the bytes: a
 * declaration the bytes cannot satisfy loses, and the disagreement is recorded for the person who
 * maintains the source.
 */

export type EncodingSource = 'bom' | 'header' | 'meta' | 'hint' | 'sniffed' | 'default';

export interface DecodeOptions {
  /** The raw Content-Type header, e.g. `text/html; charset=utf-8`. */
  contentTypeHeader?: string | null;
  /** Charset to assume when neither header nor meta says (a source's `charset`). */
  charsetHint?: string | null;
}

export interface DecodedHtml {
  text: string;
  /** Canonical name of the decoder used: `utf-8`, `gb18030` (for the whole GB2312/GBK family), … */
  encoding: string;
  encodingSource: EncodingSource;
  /** Human-readable notes where declarations disagreed with each other or with the bytes. */
  conflicts: string[];
}

/** GB2312 and GBK pages routinely contain characters only their supersets define. */
const GB_FAMILY = new Set([
  'gb2312',
  'gbk',
  'x-gbk',
  'gb_2312-80',
  'gb_2312',
  'csgb2312',
  'cp936',
  'ms936',
  'windows-936',
  'chinese',
  'iso-ir-58',
  'csiso58gb231280',
  'gb18030',
]);
const UTF8 = new Set([
  'utf-8',
  'utf8',
  'unicode-1-1-utf-8',
  'unicode11utf8',
  'unicode20utf8',
  'x-unicode20utf8',
]);

/** How many leading bytes are searched for <meta charset>; heads of old CMS pages are long. */
const META_SCAN_BYTES = 8192;

/**
 * Canonical decoder name for a charset label, or null when the label names nothing we can decode.
 */
export function canonicalCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const name = label
    .trim()
    .replace(/^["']|["']$/g, '')
    .toLowerCase();
  if (!name) return null;
  if (GB_FAMILY.has(name)) return 'gb18030';
  if (UTF8.has(name)) return 'utf-8';
  if (name === 'big5' || name === 'big5-hkscs' || name === 'x-x-big5' || name === 'cn-big5') return 'big5';
  // The WHATWG decoders (GB18030, Big5, Shift_JIS, EUC-KR, the windows-125x family…) cover what
  // government sites declare; keeping to them keeps iconv-lite out of the Lambda bundle.
  if (supportedByTextDecoder(name)) return name;
  return null;
}

function supportedByTextDecoder(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

/** The charset parameter of a Content-Type header, as written. */
export function charsetFromContentType(header: string | null | undefined): string | null {
  if (!header) return null;
  const match = /;\s*charset\s*=\s*("?)([^";,\s]+)\1/i.exec(header);
  return match?.[2] ?? null;
}

/** The charset a page declares in `<meta charset>` or `<meta http-equiv="Content-Type">`. */
export function charsetFromMeta(bytes: Uint8Array): string | null {
  const head = Buffer.from(
    bytes.buffer,
    bytes.byteOffset,
    Math.min(bytes.byteLength, META_SCAN_BYTES),
  ).toString('latin1');
  const metaTag = /<meta\b[^>]*>/gi;
  for (let match = metaTag.exec(head); match; match = metaTag.exec(head)) {
    const tag = match[0];
    const direct = /\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(tag);
    if (direct?.[1]) return direct[1];
  }
  return null;
}

function bomEncoding(bytes: Uint8Array): { encoding: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** Decodes strictly; null when the bytes are not valid in that encoding. */
function decodeStrict(bytes: Uint8Array, encoding: string): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

/** Decodes leniently (invalid sequences become U+FFFD); never throws. */
function decodeLenient(bytes: Uint8Array, encoding: string): string {
  return new TextDecoder(encoding).decode(bytes);
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte >= 0x80) return true;
  return false;
}

/**
 * Decodes an HTML page from its bytes. Order: byte-order mark; header and meta (when they
 * disagree, the one whose decoding is valid wins, UTF-8 first because GBK accepts almost any
 * bytes); without a usable declaration: valid UTF-8, else the hint, else GB18030.
 */
export function decodeHtml(bytes: Uint8Array, options: DecodeOptions = {}): DecodedHtml {
  const conflicts: string[] = [];
  const bom = bomEncoding(bytes);
  if (bom) {
    return {
      text: decodeLenient(bytes.subarray(bom.length), bom.encoding),
      encoding: bom.encoding,
      encodingSource: 'bom',
      conflicts,
    };
  }

  const declared: { source: 'header' | 'meta'; label: string; encoding: string }[] = [];
  const headerLabel = charsetFromContentType(options.contentTypeHeader);
  const metaLabel = charsetFromMeta(bytes);
  for (const [source, label] of [
    ['header', headerLabel],
    ['meta', metaLabel],
  ] as const) {
    if (!label) continue;
    const encoding = canonicalCharset(label);
    if (encoding) declared.push({ source, label, encoding });
    else conflicts.push(`${source} declares unknown charset "${label}"; ignored`);
  }

  if (options.charsetHint && !canonicalCharset(options.charsetHint)) {
    conflicts.push(`configured charset "${options.charsetHint}" is unknown; ignored`);
  }

  const [first, second] = declared;
  if (first && second && first.encoding !== second.encoding) {
    conflicts.push(`header says "${first.label}" but <meta> says "${second.label}"`);
    // UTF-8 is tried first: valid UTF-8 with non-ASCII bytes is almost never anything else.
    const ordered = [first, second].sort(
      (a, b) => Number(b.encoding === 'utf-8') - Number(a.encoding === 'utf-8'),
    );
    for (const candidate of ordered) {
      const text = decodeStrict(bytes, candidate.encoding);
      if (text === null) {
        conflicts.push(`bytes are not valid ${candidate.encoding}`);
        continue;
      }
      conflicts.push(`decoded as ${candidate.encoding}, as the ${candidate.source} says`);
      return { text, encoding: candidate.encoding, encodingSource: candidate.source, conflicts };
    }
    conflicts.push(`bytes are valid in neither: decoded leniently as ${first.encoding}`);
    return {
      text: decodeLenient(bytes, first.encoding),
      encoding: first.encoding,
      encodingSource: first.source,
      conflicts,
    };
  }

  if (first && first.encoding !== 'utf-8' && hasNonAscii(bytes)) {
    // GBK accepts nearly any bytes, so only valid multi-byte UTF-8 can show the label is false.
    const utf8 = decodeStrict(bytes, 'utf-8');
    if (utf8 !== null) {
      const says = second ? 'header and <meta> say' : `${first.source} says`;
      conflicts.push(`${says} "${first.label}" but the bytes are valid UTF-8: decoded as utf-8`);
      return { text: utf8, encoding: 'utf-8', encodingSource: 'sniffed', conflicts };
    }
  }

  if (first) {
    const text = decodeStrict(bytes, first.encoding);
    if (text !== null) return { text, encoding: first.encoding, encodingSource: first.source, conflicts };
    conflicts.push(`${first.source} says "${first.label}" but the bytes are not valid ${first.encoding}`);
  }

  return { ...sniff(bytes, options.charsetHint, first?.encoding), conflicts };
}

function sniff(
  bytes: Uint8Array,
  hintLabel: string | null | undefined,
  rejected: string | undefined,
): Omit<DecodedHtml, 'conflicts'> {
  if (rejected !== 'utf-8') {
    const utf8 = decodeStrict(bytes, 'utf-8');
    if (utf8 !== null) {
      return { text: utf8, encoding: 'utf-8', encodingSource: hasNonAscii(bytes) ? 'sniffed' : 'default' };
    }
  }
  const hint = canonicalCharset(hintLabel);
  if (hint && hint !== rejected) {
    const text = decodeStrict(bytes, hint);
    if (text !== null) return { text, encoding: hint, encodingSource: 'hint' };
  }
  return { text: decodeLenient(bytes, 'gb18030'), encoding: 'gb18030', encodingSource: 'default' };
}
