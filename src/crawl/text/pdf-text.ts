import type { TextSegment } from '../../core/privacy';
import { type TextLimits, UnreadError } from './limits';

type PdfReader = typeof import('./pdf-reader');

/**
 * Set by a Lambda bundle that ships the PDF reader as a module of its own: its path relative to
 * the bundle (infra/lambda-bundling.ts, `PDF_READER_DEFINE`). Unset when running from the sources.
 */
declare const GONGKAI_PDF_READER: string | undefined;

/**
 * The PDF reader, loaded on the first PDF: the module shipped next to a Lambda bundle, or unpdf
 * from node_modules; an unread reason where neither is there (a bundle built without it).
 */
async function loadPdfReader(): Promise<PdfReader> {
  try {
    if (typeof GONGKAI_PDF_READER === 'string')
      return (await import(new URL(GONGKAI_PDF_READER, import.meta.url).href)) as PdfReader;
    // unpdf is external to every Lambda bundle: this import stays a dynamic one, never bundled.
    return await import('unpdf');
  } catch (error) {
    throw new UnreadError(`PDF text reader not available in this runtime: ${(error as Error).message}`);
  }
}

/**
 * The text of a PDF, page by page, with unpdf (a build of Mozilla's pdf.js with no native parts).
 * Scanned PDFs carry no text layer: they read as empty and are recorded so. Pages past
 * `maxPdfPages` are not read, and the cut is recorded.
 */
export async function pdfSegments(
  bytes: Uint8Array,
  limits: TextLimits,
): Promise<{ segments: TextSegment[]; cut: boolean; pages: number }> {
  const { getDocumentProxy } = await loadPdfReader();
  let doc: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // pdf.js may detach the buffer it is given: it gets a copy, the archive keeps the original.
    doc = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0, isEvalSupported: false });
  } catch (error) {
    throw new UnreadError(`malformed PDF: ${(error as Error).message}`);
  }
  try {
    const pages = Math.min(doc.numPages, limits.maxPdfPages);
    const segments: TextSegment[] = [];
    let chars = 0;
    for (let n = 1; n <= pages && chars < limits.maxChars; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const text = content.items
        .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : ''))
        .join('');
      chars += text.length;
      // A label often sits on the line above its value (卡号：/ 6217…): that line is the context.
      let previous = '';
      for (const [i, line] of text.split('\n').entries()) {
        if (!line.trim()) continue;
        segments.push({
          text: line,
          where: `page ${n} line ${i + 1}`,
          ...(previous ? { context: previous } : {}),
        });
        previous = line;
      }
    }
    return { segments, cut: doc.numPages > pages || chars >= limits.maxChars, pages: doc.numPages };
  } catch (error) {
    throw new UnreadError(`PDF text could not be read: ${(error as Error).message}`);
  } finally {
    await doc.destroy();
  }
}
