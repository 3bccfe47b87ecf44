import { Parser } from 'htmlparser2';
import type { TextSegment } from '../../core/privacy';
import type { TextLimits } from './limits';
import { SegmentBuilder } from './segments';
import { BoundedZip } from './zip';

/**
 * The text of a Word .docx: the paragraphs and table cells of word/document.xml in reading order
 * (w:t runs joined, w:tab and w:br as spaces). Headers, footers and comments are not read.
 */
export function docxSegments(
  bytes: Uint8Array,
  limits: TextLimits,
): { segments: TextSegment[]; cut: boolean } {
  const zip = new BoundedZip(bytes, limits);
  const xml = zip.text('word/document.xml');
  const out = new SegmentBuilder(limits.maxChars);
  let inText = false;
  const parser = new Parser(
    {
      onopentag(name) {
        if (name === 'w:t') inText = true;
        else if (name === 'w:tab' || name === 'w:br') out.add(' ');
        else if (name === 'w:tbl') out.startTable();
        else if (name === 'w:tr') out.startRow();
      },
      ontext(text) {
        if (inText) out.add(text);
      },
      onclosetag(name) {
        if (name === 'w:t') inText = false;
        else if (name === 'w:p') out.flush();
        else if (name === 'w:tc') out.endCell();
        else if (name === 'w:tbl') out.endTable();
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(xml);
  parser.end();
  return { segments: out.segments, cut: out.full };
}
