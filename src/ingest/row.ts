import { endsClause, isTaskPrefix } from './lines';

/** One numbered item of a plan as read, before its schedule is decided. */
export interface PlanRow {
  item: number;
  category: string | null;
  /** Task lines verbatim, in order; joined by `joinTaskLines`. */
  taskLines: string[];
  units: string[];
  unitsCarried: boolean;
  supportingUnits?: string[];
  /** Deadline cell lines verbatim (empty when the plan shows none). */
  deadlineLines: string[];
  /** 1-based, inclusive line numbers in the input file. */
  lines: [number, number];
  review: string[];
}

/** What a plan reader returns. */
export interface ReadPlan {
  title: string | null;
  rows: PlanRow[];
}

/**
 * Joins task lines verbatim. A line that ends without sentence punctuation (and is no 预算信息公开:
 * prefix) was cut by the width of a table cell, so the next line follows it directly (准确把 / 握);
 * otherwise the lines are separate sentences and keep a line break between them.
 */
export function joinTaskLines(lines: string[]): string {
  let text = '';
  lines.forEach((line, i) => {
    const previous = lines[i - 1];
    if (previous === undefined) text = line;
    else text += (endsClause(previous) || isTaskPrefix(previous) ? '\n' : '') + line;
  });
  return text;
}

/**
 * Carries units down to a row that shows none, as the merged cells of a plan table do. Carried
 * units are always marked for review: in flattened tables repeated names were lost, so the unit
 * above is often not the right one.
 */
export function carryUnits(rows: PlanRow[], noUnitsReason: string, carriedReason: (from: number) => string) {
  let last: { units: string[]; supporting: string[]; item: number } | null = null;
  for (const row of rows) {
    if (row.units.length > 0) {
      last = { units: row.units, supporting: row.supportingUnits ?? [], item: row.item };
      continue;
    }
    if (last) {
      row.units = [...last.units];
      // A row showing no unit at all sits under merged unit cells: the supporting ones carry too.
      if ((row.supportingUnits ?? []).length === 0 && last.supporting.length > 0)
        row.supportingUnits = [...last.supporting];
      row.unitsCarried = true;
      row.review.push(carriedReason(last.item));
    } else {
      row.review.push(noUnitsReason);
    }
  }
}
