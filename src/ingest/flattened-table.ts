import {
  continuesUnits,
  endsClause,
  isDeadlineLine,
  isParenthesised,
  isTaskPrefix,
  isUnitLine,
  splitUnits,
} from './lines';
import { REVIEW } from './review';
import { carryUnits, type PlanRow, type ReadPlan } from './row';

/** A line of the input with its 1-based number. */
export interface NumberedLine {
  no: number;
  /** Trimmed text. */
  text: string;
  /** The line as written (tabs kept, so table cells stay in their columns). */
  raw: string;
}

/** The plan title from the lines before the first item, minus download-site decoration. */
export function titleFrom(header: NumberedLine[]): string | null {
  for (const line of header) {
    if (/由会员分享|在线阅读/.test(line.text)) continue;
    const title = line.text
      .replace(/\.(?:docx?|pdf|txt)$/i, '')
      .replace(/(?:Word|PDF|word|pdf)?文件下载$/, '')
      .trim();
    if (title) return title;
  }
  return null;
}

/**
 * Finds the item starts of a flattened table: lines that hold only the next expected number.
 * Returns null when fewer than three consecutive numbers are found (then it is not such a table).
 */
export function itemStarts(lines: NumberedLine[]): number[] | null {
  const first = lines.findIndex((line) => /^\d{1,3}$/.test(line.text));
  if (first < 0) return null;
  const starts = [first];
  let expected = Number(lines[first]!.text) + 1;
  for (let i = first + 1; i < lines.length; i++) {
    if (lines[i]!.text === String(expected)) {
      starts.push(i);
      expected++;
    }
  }
  return starts.length >= 3 ? starts : null;
}

/**
 * Reads a Word table flattened to lines (the seed plan's shape): an item starts at a line holding
 * only the next number; its lines follow the columns category (merged cell, first row only), task,
 * units, deadline. docs/ingest.md describes each heuristic.
 */
export function readFlattenedTable(lines: NumberedLine[]): ReadPlan | null {
  const starts = itemStarts(lines);
  if (!starts) return null;
  const title = titleFrom(lines.slice(0, starts[0]));
  const rows: PlanRow[] = [];
  let category: string | null = null;
  starts.forEach((start, k) => {
    const end = k + 1 < starts.length ? starts[k + 1]! : lines.length;
    const body = lines.slice(start + 1, end);
    const item = Number(lines[start]!.text);
    const row = readItem(item, body, category);
    row.lines = [lines[start]!.no, (body.at(-1) ?? lines[start]!).no];
    category = row.category;
    const isLast = k === starts.length - 1;
    if (isLast && row.units.length === 0 && row.deadlineLines.length === 0) {
      row.review.push(REVIEW.lastItemTruncated);
    }
    rows.push(row);
  });
  carryUnits(rows, REVIEW.noUnits, REVIEW.unitsCarried);
  return { title, rows };
}

function isTaskLine(line: string): boolean {
  return !isUnitLine(line) && !isDeadlineLine(line) && !isParenthesised(line);
}

function readItem(item: number, body: NumberedLine[], carriedCategory: string | null): PlanRow {
  const text = body.map((line) => line.text);
  const row: PlanRow = {
    item,
    category: carriedCategory,
    taskLines: [],
    units: [],
    unitsCarried: false,
    deadlineLines: [],
    lines: [0, 0],
    review: [],
  };
  let i = 0;
  const first = text[0];
  const second = text[1];
  const looksLikeHeading = (line: string) => !endsClause(line) && !isTaskPrefix(line) && isTaskLine(line);
  if (first !== undefined && looksLikeHeading(first)) {
    if (second !== undefined && isTaskLine(second)) {
      row.category = first;
      i = 1;
    } else if (second === undefined) {
      row.category = first;
      row.taskLines.push(first);
      row.review.push(REVIEW.headingOnly);
      return row;
    }
  }
  for (; i < text.length; i++) {
    const line = text[i]!;
    const started = row.taskLines.length > 0;
    if (isUnitLine(line) || (started && (isDeadlineLine(line) || isParenthesised(line)))) break;
    row.taskLines.push(line);
  }
  let continuing = false;
  for (; i < text.length; i++) {
    const line = text[i]!;
    if (isUnitLine(line) || continuing) {
      row.units.push(...splitUnits(line));
      continuing = continuesUnits(line);
      continue;
    }
    if (row.units.length > 0 && isParenthesised(line) && !isDeadlineLine(line)) {
      // A note under a unit, kept with it: 市农业局 / (扶贫办) reads 市农业局(扶贫办).
      const lastIndex = row.units.length - 1;
      row.units[lastIndex] = `${row.units[lastIndex]}${line}`;
      continue;
    }
    break;
  }
  for (; i < text.length; i++) row.deadlineLines.push(text[i]!);
  if (row.taskLines.length === 0) {
    row.taskLines.push(row.category ?? `(item ${item})`);
    row.review.push(REVIEW.headingOnly);
  }
  return row;
}
