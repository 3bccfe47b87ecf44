/**
 * Large reports open fast: the folded, heavy table bodies (every obligation's period rows, the flags,
 * the site cards' pages as read) leave the page's markup and travel as one gzip-compressed block;
 * the page paints its first screen, department table and obligation headers at once, and the
 * report's script inflates the block (DecompressionStream) and puts the rows back before it turns
 * the filters on. Repeated markup compresses about tenfold, so the demo year's 4.2 MB page shrinks
 * to about a third. Small reports stay as they are: every row in the markup.
 */
import { gzipSync } from 'node:zlib';
import { attr } from './escape';

/** The bodies that may move: marked by the renderer with one of these classes. */
const LAZY_BODY = /<tbody class="(pr|lz)">([\s\S]*?)<\/tbody>/g;

/** Markup moved out above this many bytes: below it, parsing the page costs less than inflating. */
export const LAZY_THRESHOLD_BYTES = 512 * 1024;

/** The id of the compressed block (base64 of gzip of a JSON array of the bodies' markup). */
export const LAZY_BLOCK_ID = 'lazy-parts';

export interface Lazified {
  html: string;
  /** Bodies moved out (0: the page is unchanged). */
  moved: number;
}

/**
 * Moves every marked table body's rows into one compressed block, leaving `<tbody … data-lazy="n">`
 * placeholders, when they weigh more than `threshold` bytes (or `force` says so).
 */
export function lazify(
  page: string,
  options: { force?: boolean; threshold?: number; failedNote?: string } = {},
): Lazified {
  const bodies = [...page.matchAll(LAZY_BODY)];
  const weight = bodies.reduce((n, m) => n + Buffer.byteLength(m[2] ?? ''), 0);
  const wanted = options.force ?? weight > (options.threshold ?? LAZY_THRESHOLD_BYTES);
  if (!wanted || bodies.length === 0) return { html: page, moved: 0 };
  const parts: string[] = [];
  const html = page.replace(LAZY_BODY, (_, cls: string, rows: string) => {
    parts.push(rows);
    return `<tbody class="${cls}" data-lazy="${parts.length - 1}"></tbody>`;
  });
  const block = gzipSync(JSON.stringify(parts), { level: 9 }).toString('base64');
  // A data block, not a script: it never runs, so the page's script policy does not concern it.
  return {
    html: html.replace(
      '</main>',
      `</main>\n<script type="application/gzip+base64" id="${LAZY_BLOCK_ID}" data-failed="${attr(options.failedNote ?? '')}">${block}</script>`,
    ),
    moved: parts.length,
  };
}
