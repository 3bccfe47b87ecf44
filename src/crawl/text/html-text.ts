import { Parser } from 'htmlparser2';
import type { TextSegment } from '../../core/privacy';
import { BLOCK } from '../extract/dom';
import { SegmentBuilder } from './segments';

/** Block elements end a paragraph; a page's title and list items too. */
const BLOCKS = new Set([...BLOCK, 'li', 'p', 'title', 'pre', 'section', 'ul', 'ol']);
const SKIPPED = new Set(['script', 'style', 'noscript', 'template']);

/** The text of an HTML page, by paragraph and table cell (scripts and styles left out). */
export function htmlSegments(html: string, maxChars: number): { segments: TextSegment[]; cut: boolean } {
  const out = new SegmentBuilder(maxChars);
  let skipping = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIPPED.has(name)) skipping += 1;
        else if (name === 'table') out.startTable();
        else if (name === 'tr') out.startRow();
        else if (BLOCKS.has(name)) out.flush();
      },
      ontext(text) {
        if (skipping === 0) out.add(text);
      },
      onclosetag(name) {
        if (SKIPPED.has(name)) skipping = Math.max(0, skipping - 1);
        else if (name === 'td' || name === 'th') out.endCell();
        else if (name === 'table') out.endTable();
        else if (BLOCKS.has(name)) out.flush();
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  out.flush();
  return { segments: out.segments, cut: out.full };
}
