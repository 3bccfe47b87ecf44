import { assignUnits, proseUnits, takeAnnotations } from './annotations';
import type { NumberedLine } from './flattened-table';
import { parseNumeral } from './lines';
import { REVIEW } from './review';
import { carryUnits, type PlanRow, type ReadPlan } from './row';

/** Numbering styles of a prose plan, outermost first: 一、 / （一） / 1. / （1）. */
const LEVELS: RegExp[] = [
  /^([一二三四五六七八九十]+)、\s*(.*)$/,
  /^[（(]([一二三四五六七八九十百]+)[）)]\s*(.*)$/,
  /^(\d{1,4})[.、．](?!\d)\s*(.*)$/,
  /^[（(](\d{1,4})[）)]\s*(.*)$/,
];

interface Heading {
  level: number;
  number: number;
  text: string;
}

function headingOf(line: string): Heading | null {
  for (const [level, pattern] of LEVELS.entries()) {
    const match = pattern.exec(line);
    if (!match) continue;
    const number = parseNumeral(match[1]!);
    if (number !== null) return { level, number, text: match[2]!.trim() };
  }
  return null;
}

/**
 * Reads a numbered prose plan. The deepest numbering style in the file numbers the items; the
 * shallower ones are headings whose text becomes the category. An item runs until the next
 * numbered line; its units and deadline come from labelled notes (（责任单位：…）, 完成时限：…) or
 * from the prose (区财政局牵头，各部门配合).
 */
export function readProseList(lines: NumberedLine[]): ReadPlan | null {
  const headings = lines.map((line) => headingOf(line.text));
  const levels = new Set(headings.filter((h) => h !== null).map((h) => h.level));
  if (levels.size === 0) return null;
  const itemLevel = Math.max(...levels);
  const firstHeading = headings.findIndex((h) => h !== null);
  const title = lines.slice(0, firstHeading).at(0)?.text ?? null;

  const rows: PlanRow[] = [];
  let category: string | null = null;
  let current: { heading: Heading; body: NumberedLine[] } | null = null;
  const flush = () => {
    if (current) rows.push(toRow(current.heading, current.body, category));
    current = null;
  };
  lines.forEach((line, i) => {
    const heading = headings[i];
    if (heading && heading.level === itemLevel) {
      flush();
      current = { heading, body: [line] };
    } else if (heading) {
      flush();
      category = heading.text.replace(/[。；;]$/, '');
    } else if (current) {
      current.body.push(line);
    }
  });
  flush();
  if (rows.length === 0) return null;
  carryUnits(rows, REVIEW.noUnits, REVIEW.unitsCarried);
  return { title, rows };
}

function toRow(heading: Heading, body: NumberedLine[], category: string | null): PlanRow {
  const text = [heading.text, ...body.slice(1).map((line) => line.text)].join('\n');
  const notes = takeAnnotations(text);
  let { units, supportingUnits } = assignUnits(notes);
  if (units.length === 0) {
    const fromProse = proseUnits(notes.rest);
    if (fromProse) ({ units, supportingUnits } = fromProse);
  }
  const taskLines = notes.rest.split('\n').filter((line) => line !== '');
  const review: string[] = [];
  if (taskLines.length === 0) {
    taskLines.push(category ?? heading.text);
    review.push(REVIEW.headingOnly);
  }
  return {
    item: heading.number,
    category,
    taskLines,
    units,
    unitsCarried: false,
    ...(supportingUnits.length > 0 ? { supportingUnits } : {}),
    deadlineLines: notes.deadline,
    lines: [body[0]!.no, body.at(-1)!.no],
    review,
  };
}
