import type { TextSegment } from '../../core/privacy';

/** UTF-8 (with or without BOM) when the bytes are valid UTF-8, else GB18030 (Excel's "CSV" on Chinese Windows). */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // The built-in WHATWG decoder, as pages are decoded: iconv-lite stays out of the Lambda bundle.
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** Splits one CSV line into fields (double quotes, "" as a quote). */
function fields(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',' || ch === '\t') {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out;
}

/**
 * A CSV (or tab-separated) file, one segment per non-empty field located by line, with its
 * column's header (the first line) and the field before it as context.
 */
export function csvSegments(bytes: Uint8Array, maxChars: number): { segments: TextSegment[]; cut: boolean } {
  const text = decodeText(bytes);
  const cut = text.length > maxChars;
  const lines = (cut ? text.slice(0, maxChars) : text).split(/\r?\n/);
  const headers = fields(lines[0] ?? '').map((h) => h.trim());
  const segments: TextSegment[] = [];
  lines.forEach((line, i) => {
    let previous = '';
    fields(line).forEach((raw, column) => {
      const value = raw.trim();
      if (!value) return;
      const context = [i > 0 ? headers[column] : '', previous].filter(Boolean).join(' ');
      previous = value;
      const header = i > 0 ? headers[column] : undefined;
      segments.push({
        text: value,
        where: `line ${i + 1}`,
        ...(context ? { context } : {}),
        ...(header ? { header } : {}),
      });
    });
  });
  return { segments, cut };
}
