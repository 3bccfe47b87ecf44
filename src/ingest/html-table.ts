import { type CheerioAPI, load } from 'cheerio';
import type { Element } from 'domhandler';
import type { Cell } from './cell-stream';

/** Where a cell's provenance line comes from: the HTML source line, or the table row (a .docx). */
export type HtmlLines = 'source' | 'row';

/**
 * The cells of the plan's tables in reading order. Only innermost tables are read (a layout table
 * wrapping the plan's table is skipped; a table nested in a cell is read in its place). Merged
 * cells are laid out: a rowspan cell repeats in each row it covers, so every item gets its
 * category and units; a colspan cell counts once. Several tables (one per category) are read one
 * after another, each repeated header left to the reader to skip.
 */
export function htmlCells(
  html: string,
  lines: HtmlLines = 'source',
): { cells: Cell[]; tables: number; title: string | null } {
  const $ = load(html, { sourceCodeLocationInfo: true });
  const leaves = $('table')
    .toArray()
    .filter((table) => $(table).find('table').length === 0);
  const cells: Cell[] = [];
  let rowNumber = 0;
  for (const table of leaves) {
    // A heading just before a table of one category names that category.
    const caption = $(table).find('caption').first().text().trim() || headingBefore($, table);
    if (caption) cells.push({ text: caption, line: lineOf(table, ++rowNumber, lines) });
    for (const row of layOut($, table)) {
      rowNumber++;
      for (const cell of row) cells.push({ text: cell.text, line: lines === 'row' ? rowNumber : cell.line });
    }
  }
  const firstParagraph = $('body > p').first().text().trim();
  const title =
    $('title').first().text().trim() ||
    $('h1, h2').first().text().trim() ||
    (firstParagraph.length <= 60 ? firstParagraph : '') ||
    null;
  return { cells, tables: leaves.length, title };
}

function lineOf(element: Element, row: number, lines: HtmlLines): number {
  return lines === 'row' ? row : (element.sourceCodeLocation?.startLine ?? row);
}

/** Text of the paragraph or heading right before a table, when short enough to be a heading. */
function headingBefore($: CheerioAPI, table: Element): string {
  const previous = $(table).prev();
  if (!previous.length || !previous.is('p, h1, h2, h3, h4, h5, h6, div, strong')) return '';
  const text = previous.text().replace(/\s+/g, ' ').trim();
  return text.length > 0 &&
    text.length <= 40 &&
    /^[一二三四五六七八九十]+、|^[（(][一二三四五六七八九十]+[）)]/.test(text)
    ? text
    : '';
}

interface LaidCell {
  text: string;
  line: number;
}

/** Rows of a table with rowspan cells repeated where they cover; colspan cells once. */
function layOut($: CheerioAPI, table: Element): LaidCell[][] {
  const grid: (LaidCell | null | undefined)[][] = [];
  const rows = $(table).find('tr').toArray();
  rows.forEach((tr, r) => {
    grid[r] ??= [];
    let c = 0;
    for (const td of $(tr).children('td, th').toArray()) {
      while (grid[r]![c] !== undefined) c++;
      const rowspan = clampSpan($(td).attr('rowspan'));
      const colspan = clampSpan($(td).attr('colspan'));
      const cell = { text: cellText($, td), line: td.sourceCodeLocation?.startLine ?? r + 1 };
      for (let dr = 0; dr < rowspan && r + dr < rows.length; dr++) {
        grid[r + dr] ??= [];
        for (let dc = 0; dc < colspan; dc++) grid[r + dr]![c + dc] = dc === 0 ? cell : null;
      }
      c += colspan;
    }
  });
  return grid.map((row) => row.filter((cell): cell is LaidCell => cell !== null && cell !== undefined));
}

/** A span attribute as a count; absurd values (a hostile page) are capped. */
function clampSpan(value: string | undefined): number {
  const n = Number.parseInt(value ?? '1', 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, 200) : 1;
}

/** A cell's text with its paragraphs and line breaks kept as lines. */
function cellText($: CheerioAPI, td: Element): string {
  const copy = $(td).clone();
  copy.find('br').replaceWith('\n');
  copy.find('p, div, li').each((_, el) => {
    $(el).append('\n');
  });
  return copy
    .text()
    .replace(/\u00a0|\u3000/g, ' ')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}
