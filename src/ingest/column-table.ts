import { assignUnits } from './annotations';
import type { NumberedLine } from './flattened-table';
import { parseNumeral, splitUnits } from './lines';
import { REVIEW } from './review';
import { carryUnits, type PlanRow, type ReadPlan } from './row';

type Column = 'item' | 'category' | 'task' | 'lead' | 'responsible' | 'supporting' | 'deadline';

/** Header words of each column, tried in this order (具体工作 before 工作任务). */
const HEADERS: [Column, RegExp][] = [
  ['item', /^(?:序号|编号|项次)$/],
  ['task', /具体工作|工作内容|主要内容|工作措施|具体任务|任务内容/],
  ['category', /工作任务|类别|领域|工作事项|重点工作/],
  ['lead', /牵头单位|牵头部门/],
  ['supporting', /配合单位|配合部门|协办单位|参与单位/],
  ['responsible', /责任单位|责任部门|负责单位/],
  ['deadline', /完成时限|时限|时间要求|完成时间/],
];

function cellsOf(line: string): string[] | null {
  if (line.includes('\t')) return line.split('\t').map((cell) => cell.trim());
  if (line.includes('|')) {
    return line
      .replace(/^\|/, '')
      .replace(/\|$/, '')
      .split('|')
      .map((cell) => cell.trim());
  }
  return null;
}

function columnsOf(cells: string[]): Map<number, Column> | null {
  const columns = new Map<number, Column>();
  cells.forEach((cell, i) => {
    const found = HEADERS.find(([, pattern]) => pattern.test(cell));
    if (found && ![...columns.values()].includes(found[0])) columns.set(i, found[0]);
  });
  const kinds = new Set(columns.values());
  const hasUnits = kinds.has('lead') || kinds.has('responsible');
  return kinds.has('item') && kinds.has('task') && hasUnits ? columns : null;
}

/**
 * Reads a table saved as tab- or |-separated lines with a header row naming its columns (序号,
 * 工作任务, 具体工作, 牵头单位/责任单位, 配合单位, 完成时限). A row whose 序号 cell is empty
 * continues the row above (a cell that wrapped); an empty 工作任务 cell is a merged cell and takes
 * the category above.
 */
export function readColumnTable(lines: NumberedLine[]): ReadPlan | null {
  const headerIndex = lines.findIndex((line) => {
    const cells = cellsOf(line.raw);
    return cells !== null && columnsOf(cells) !== null;
  });
  if (headerIndex < 0) return null;
  const columns = columnsOf(cellsOf(lines[headerIndex]!.raw)!)!;
  const title = lines.slice(0, headerIndex).at(0)?.text ?? null;

  type Draft = { item: number; first: number; last: number; cells: Map<Column, string[]> };
  const drafts: Draft[] = [];
  for (const line of lines.slice(headerIndex + 1)) {
    const cells = cellsOf(line.raw);
    if (!cells || /^[\s|:-]+$/.test(line.text)) continue;
    const byColumn = new Map<Column, string>();
    cells.forEach((cell, i) => {
      const column = columns.get(i);
      if (column && cell !== '') byColumn.set(column, cell);
    });
    const number = byColumn.has('item') ? parseNumeral(byColumn.get('item')!) : null;
    const previous = drafts.at(-1);
    if (number === null && !previous) continue;
    const target: Draft =
      number === null ? previous! : { item: number, first: line.no, last: line.no, cells: new Map() };
    if (number !== null) drafts.push(target);
    target.last = line.no;
    for (const [column, value] of byColumn) {
      if (column === 'item') continue;
      target.cells.set(column, [...(target.cells.get(column) ?? []), value]);
    }
  }
  if (drafts.length === 0) return null;

  let category: string | null = null;
  const rows = drafts.map((draft): PlanRow => {
    const cell = (column: Column) => draft.cells.get(column) ?? [];
    if (cell('category').length > 0) category = cell('category').join('');
    const units = (column: Column) => cell(column).flatMap(splitUnits);
    const assigned = assignUnits({
      lead: units('lead'),
      responsible: units('responsible'),
      supporting: units('supporting'),
    });
    const review: string[] = [];
    const taskLines = cell('task');
    if (taskLines.length === 0) {
      taskLines.push(category ?? `(item ${draft.item})`);
      review.push(REVIEW.headingOnly);
    }
    return {
      item: draft.item,
      category,
      taskLines,
      units: assigned.units,
      unitsCarried: false,
      ...(assigned.supportingUnits.length > 0 ? { supportingUnits: assigned.supportingUnits } : {}),
      deadlineLines: cell('deadline'),
      lines: [draft.first, draft.last],
      review,
    };
  });
  carryUnits(rows, REVIEW.noUnits, REVIEW.unitsCarried);
  return { title, rows };
}
