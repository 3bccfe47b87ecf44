import { type DraftCatalogue, DraftCatalogueSchema } from '../core/obligation';
import { parseOrThrow } from '../core/validation';
import { readColumnTable } from './column-table';
import { PlanInputError } from './errors';
import { type NumberedLine, readFlattenedTable } from './flattened-table';
import { rowToObligations } from './obligations';
import { readProseList } from './prose-list';
import { REVIEW } from './review';
import type { ReadPlan } from './row';

export interface IngestOptions {
  year: number;
  issuer: string;
  /** Recorded in the draft's plan.sourceFile. */
  sourceFile?: string;
  /** Overrides the title found in the text. */
  title?: string;
}

/** Which reader understood the plan. */
export type PlanFormat = 'column-table' | 'flattened-table' | 'prose-list';

/** The plan text's lines, numbered from 1, trimmed, blank lines dropped (their numbers are kept). */
export function numberLines(text: string): NumberedLine[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((raw, i) => ({ no: i + 1, raw, text: raw.replace(/\u3000/g, ' ').trim() }))
    .filter((line) => line.text !== '');
}

/** Tries each reader in turn: a delimited table with a header, a flattened table, a numbered list. */
export function readPlan(text: string): { format: PlanFormat; plan: ReadPlan } {
  const lines = numberLines(text);
  const table = readColumnTable(lines);
  if (table) return { format: 'column-table', plan: table };
  const flattened = readFlattenedTable(lines);
  if (flattened) return { format: 'flattened-table', plan: flattened };
  const prose = readProseList(lines);
  if (prose) return { format: 'prose-list', plan: prose };
  throw new PlanInputError(
    'no numbered items found: expected a table with a 序号 column, item numbers on their own lines, or a numbered list (1. / （一） / 一、)',
  );
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
  const { format, plan } = readPlan(text);
  const seen = new Set<number>();
  let previous: number | undefined;
  const obligations = plan.rows.flatMap((row) => {
    if (seen.has(row.item)) row.review.push(REVIEW.repeatedItem(row.item));
    else if (previous !== undefined && row.item < previous)
      row.review.push(REVIEW.outOfOrder(row.item, previous));
    seen.add(row.item);
    previous = row.item;
    return rowToObligations(row, options.year);
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
  return { format, draft: parseOrThrow(DraftCatalogueSchema, draft, 'catalogue draft') };
}
