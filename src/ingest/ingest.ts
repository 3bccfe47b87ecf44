import { type DraftCatalogue, DraftCatalogueSchema } from '../core/obligation';
import { parseOrThrow } from '../core/validation';
import { findHeader, readCellTable } from './cell-stream';
import { readColumnTable } from './column-table';
import { PlanInputError } from './errors';
import { type NumberedLine, readFlattenedTable } from './flattened-table';
import { htmlCells } from './html-table';
import { rowToObligations } from './obligations';
import { looksLikeParagraph, readParagraphTable } from './paragraph-table';
import { readProseList } from './prose-list';
import { REVIEW } from './review';
import type { ReadPlan } from './row';
import { looksCellPerLine, looksDelimited, textCells } from './text-cells';
import { collectiveUnits } from './units';

export interface IngestOptions {
  year: number;
  issuer: string;
  /** Recorded in the draft's plan.sourceFile. */
  sourceFile?: string;
  /** Overrides the title found in the text. */
  title?: string;
  /** Which reader to use; `auto` (the default) detects the shape. */
  format?: InputFormat;
}

/** What the user may ask for with --format: detect, or one family of shapes. */
export type InputFormat = 'auto' | 'text' | 'cells' | 'html' | 'docx';
export const INPUT_FORMATS: readonly InputFormat[] = ['auto', 'text', 'cells', 'html', 'docx'];

/** Which reader understood the plan (the shape detected). */
export type PlanFormat =
  | 'column-table'
  | 'cell-table'
  | 'paragraph-table'
  | 'flattened-table'
  | 'prose-list'
  | 'html-table'
  | 'docx-table'
  | 'doc-table';

/** The plan text's lines, numbered from 1, trimmed, blank lines dropped (their numbers are kept). */
export function numberLines(text: string): NumberedLine[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((raw, i) => ({ no: i + 1, raw, text: raw.replace(/\u3000/g, ' ').trim() }))
    .filter((line) => line.text !== '');
}

const NOTHING_FOUND =
  'no numbered items found: expected a table with a 序号 column, item numbers on their own lines, or a numbered list (1. / （一） / 一、)';

/**
 * Tries each text reader in turn: cells one per line, a delimited table with a 序号 header, a
 * delimited table with another header, a flattened Word table, a table flattened into one
 * paragraph, a numbered list. `format` narrows the readers: `cells` only the table readers,
 * `text` only the flattened and prose readers, `html` the HTML table reader.
 */
export function readPlan(text: string, format: InputFormat = 'auto'): { format: PlanFormat; plan: ReadPlan } {
  if (format === 'html' || (format === 'auto' && looksLikeHtml(text)))
    return readHtmlPlan(text, 'html-table');
  if (format === 'docx') throw new PlanInputError('--format docx needs a .docx file, and this is text');
  const lines = numberLines(text);
  const found = (format === 'auto' || format === 'cells' ? cellReaders : [])
    .concat(format === 'auto' || format === 'text' ? textReaders : [])
    .map((read) => read(lines))
    .find((result) => result !== null);
  if (found) return found;
  throw new PlanInputError(
    format === 'cells'
      ? `no table found: expected a header row (序号 / 工作任务 / 具体要求 / 责任单位 / 完成时限) with cells separated by |, tabs or | lines; found ${describeText(lines)}`
      : `${NOTHING_FOUND}; found ${describeText(lines)}`,
  );
}

type Reader = (lines: NumberedLine[]) => { format: PlanFormat; plan: ReadPlan } | null;
const tagged =
  (format: PlanFormat, read: (lines: NumberedLine[]) => ReadPlan | null): Reader =>
  (lines) => {
    const plan = read(lines);
    return plan ? { format, plan } : null;
  };

const cellReaders: Reader[] = [
  tagged('cell-table', (lines) =>
    looksCellPerLine(lines) ? readCellTable(textCells(lines), { keepEmpty: false }) : null,
  ),
  tagged('column-table', readColumnTable),
  tagged('cell-table', (lines) =>
    looksDelimited(lines) ? readCellTable(textCells(lines), { keepEmpty: false }) : null,
  ),
  // Cells one per line with no separators at all, rows without numbers (潍坊市 2017).
  tagged('cell-table', (lines) =>
    readCellTable(
      lines.map((line) => ({ text: line.text, line: line.no })),
      { keepEmpty: false, unnumberedOnly: true },
    ),
  ),
];
const textReaders: Reader[] = [
  tagged('flattened-table', readFlattenedTable),
  tagged('paragraph-table', (lines) => (looksLikeParagraph(lines) ? readParagraphTable(lines) : null)),
  tagged('prose-list', readProseList),
];

/** A saved web page rather than a plain text. */
export function looksLikeHtml(text: string): boolean {
  return /<(?:table|html|body|tr)\b/i.test(text.slice(0, 200_000));
}

/** Reads the tables of an HTML page (or the HTML a .docx converts to). */
export function readHtmlPlan(
  html: string,
  format: 'html-table' | 'docx-table' | 'doc-table',
): { format: PlanFormat; plan: ReadPlan } {
  const word = format !== 'html-table';
  const { cells, tables, title } = htmlCells(html, word ? 'row' : 'source');
  const what = word ? 'the Word document' : 'the HTML page';
  if (tables === 0) {
    throw new PlanInputError(
      `${what} has no table: expected the plan as a table (序号 / 具体工作 / 责任单位 / 完成时限); copy the text into a .txt file if the plan is written as numbered paragraphs`,
    );
  }
  const plan = readCellTable(cells, { keepEmpty: true });
  if (!plan) {
    throw new PlanInputError(
      `${what} has ${tables} table${tables === 1 ? '' : 's'} but none with a header naming a task column (具体工作 / 具体要求 …) and a unit column (责任单位 / 牵头单位), or no numbered rows under it`,
    );
  }
  return { format, plan: { ...plan, title: title ?? plan.title } };
}

/** A short description of a text that held no plan, for the error message. */
function describeText(lines: NumberedLine[]): string {
  const chars = lines.reduce((sum, line) => sum + line.text.length, 0);
  const size = `${lines.length} non-empty line${lines.length === 1 ? '' : 's'}, ${chars} characters`;
  const header = headerFound(lines);
  return header
    ? `${size}, a table header (${header}) but no rows under it that read as items`
    : `${size}, no item numbers that continue a sequence`;
}

/** The header cells of a table found in a text that yielded no items, joined for a message. */
function headerFound(lines: NumberedLine[]): string | null {
  const cells =
    looksCellPerLine(lines) || looksDelimited(lines)
      ? textCells(lines)
      : lines.map((line) => ({ text: line.text, line: line.no }));
  const header = findHeader(cells);
  return header
    ? cells
        .slice(header.start, header.end)
        .map((cell) => cell.text.replace(/\s+/g, ''))
        .join(' / ')
    : null;
}

/**
 * Ingests a plan text into a catalogue draft: every obligation with its verbatim task, units,
 * deadline text, a schedule read without guessing, provenance lines and review reasons.
 * The result is validated against DraftCatalogueSchema.
 */
export function ingestPlan(
  text: string,
  options: IngestOptions,
): { format: PlanFormat; draft: DraftCatalogue } {
  const read = readPlan(text, options.format);
  return { format: read.format, draft: toDraft(read.plan, options) };
}

/** Turns read rows into a validated draft: numbering checks, obligations, collective units. */
export function toDraft(plan: ReadPlan, options: IngestOptions): DraftCatalogue {
  const seen = new Set<number>();
  let previous: number | undefined;
  const obligations = plan.rows.flatMap((row) => {
    if (seen.has(row.item)) row.review.push(REVIEW.repeatedItem(row.item));
    else if (previous !== undefined && row.item < previous)
      row.review.push(REVIEW.outOfOrder(row.item, previous));
    seen.add(row.item);
    previous = row.item;
    return rowToObligations(row, options.year).map((obligation) => {
      const collective = collectiveUnits([...obligation.units, ...(obligation.supportingUnits ?? [])]);
      return collective.length > 0 ? { ...obligation, collectiveUnits: collective } : obligation;
    });
  });
  const title = options.title ?? plan.title;
  const draft = {
    plan: {
      issuer: options.issuer,
      year: options.year,
      ...(title ? { title } : {}),
      ...(options.sourceFile ? { sourceFile: options.sourceFile } : {}),
    },
    obligations,
  };
  return parseOrThrow(DraftCatalogueSchema, draft, 'catalogue draft');
}
