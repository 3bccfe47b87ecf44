/**
 * Turns a stream of markup events (HTML pages, Word's document.xml) into text segments with their
 * location: paragraphs numbered in reading order, table cells by table and row with their column's
 * header (the first row) and the cell before them as context, so "卡号 | 6217…" in a table reads as a
 * card number the way it does in a sentence.
 */
import type { TextSegment } from '../../core/privacy';

interface TableState {
  number: number;
  row: number;
  headers: string[];
  cells: string[];
}

export class SegmentBuilder {
  readonly segments: TextSegment[] = [];
  private text = '';
  private paragraphs = 0;
  private tables = 0;
  private readonly open: TableState[] = [];
  private chars = 0;

  constructor(private readonly maxChars: number) {}

  /** Whether the character budget is spent (the caller records the cut). */
  get full(): boolean {
    return this.chars >= this.maxChars;
  }

  add(text: string): void {
    if (this.full) return;
    this.text += text;
    this.chars += text.length;
  }

  /** Ends a paragraph (or a cell, inside a table). */
  endBlock(): void {
    const table = this.open.at(-1);
    if (table) return;
    const text = this.text.replace(/\s+/g, ' ').trim();
    this.text = '';
    if (!text) return;
    this.paragraphs += 1;
    this.segments.push({ text, where: `paragraph ${this.paragraphs}` });
  }

  startTable(): void {
    this.flush();
    this.tables += 1;
    this.open.push({ number: this.tables, row: 0, headers: [], cells: [] });
  }

  endTable(): void {
    this.open.pop();
    this.text = '';
  }

  startRow(): void {
    const table = this.open.at(-1);
    if (!table) return;
    table.row += 1;
    table.cells = [];
  }

  endCell(): void {
    const table = this.open.at(-1);
    if (!table) {
      this.endBlock();
      return;
    }
    const text = this.text.replace(/\s+/g, ' ').trim();
    this.text = '';
    const column = table.cells.length;
    const header = table.headers[column];
    const previous = table.cells.at(-1);
    table.cells.push(text);
    if (table.row === 1) table.headers.push(text);
    if (!text) return;
    const context = [header, previous].filter(Boolean).join(' ');
    this.segments.push({
      text,
      where: `table ${table.number} row ${table.row}`,
      ...(context ? { context } : {}),
      ...(header && table.row > 1 ? { header } : {}),
    });
  }

  /** Whatever text is pending becomes a paragraph; inside a table cell, a space. */
  flush(): void {
    if (this.open.length === 0) this.endBlock();
    else this.add(' ');
  }
}
