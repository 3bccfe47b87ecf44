import type { Cell } from './cell-stream';
import type { NumberedLine } from './flattened-table';

/** A line that only separates cells: | or ||| (a web page's table copied as text). */
function isSeparatorLine(text: string): boolean {
  return /^\|+$/.test(text);
}

/** True when most lines are lone | separators: each table cell was copied onto a line of its own. */
export function looksCellPerLine(lines: NumberedLine[]): boolean {
  const separators = lines.filter((line) => isSeparatorLine(line.text)).length;
  return separators >= 6 && separators >= lines.length * 0.3;
}

/** True when several lines carry | or tab separators between cells. */
export function looksDelimited(lines: NumberedLine[]): boolean {
  const delimited = lines.filter((line) => /\t|\S\s*\|\s*\S|\|\s*$/.test(line.raw)).length;
  return delimited >= 3;
}

/**
 * The cells of a table copied as text. One cell per line with | lines between cells (lines
 * between two separators are one cell), or rows with | or tab separators. Row boundaries are not
 * kept: the cell reader finds items by their numbers.
 */
export function textCells(lines: NumberedLine[]): Cell[] {
  if (looksCellPerLine(lines)) {
    const cells: Cell[] = [];
    let current: Cell | null = null;
    for (const line of lines) {
      if (isSeparatorLine(line.text)) {
        if (current) cells.push(current);
        current = null;
      } else if (current) current.text += `\n${line.text}`;
      else current = { text: line.text, line: line.no };
    }
    if (current) cells.push(current);
    return cells;
  }
  return lines.flatMap((line) => {
    const separator = line.raw.includes('\t') ? '\t' : '|';
    return line.raw
      .split(separator)
      .map((text) => ({ text: text.replace(/\u3000/g, ' ').trim(), line: line.no }))
      .filter((cell) => cell.text !== '');
  });
}
