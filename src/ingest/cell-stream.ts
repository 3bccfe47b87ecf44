import { bareNumber, continuesSequence, leadingNumber } from './item-number';
import { isDeadlineLine } from './lines';
import { REVIEW } from './review';
import { carryUnits, type PlanRow, type ReadPlan } from './row';
import { looksLikeUnitCell, readUnitCell } from './units';

/** One table cell as read, with the line (or table row) it starts on, for provenance. */
export interface Cell {
  text: string;
  line: number;
}

export type Column = 'item' | 'category' | 'task' | 'lead' | 'responsible' | 'supporting' | 'deadline';

/** Header words of each column, tried in this order (具体要求 before 工作任务). */
const HEADERS: [Column, RegExp][] = [
  ['item', /^(?:序号|编号|项次|序)$/],
  [
    'task',
    /具体工作|工作内容|具体内容|主要内容|工作措施|具体任务|任务内容|具体要求|工作要求|贯彻举措|具体措施|主要任务|工作目标/,
  ],
  ['category', /工作任务|类别|领域|工作事项|重点工作|目标任务|^目标$|^任务$|^项目$/],
  ['lead', /牵头单位|牵头部门|牵头领导单位/],
  ['supporting', /配合单位|配合部门|协办单位|参与单位|协同单位/],
  ['responsible', /责任单位|责任部门|负责单位|责任科室|责任股室|责任处室|承办单位|责任主体/],
  ['deadline', /完成时限|时限|时间要求|完成时间|时间节点|进度安排/],
];

/** The column a header cell names, or null. Header cells are short labels. */
export function headerColumn(text: string): Column | null {
  const label = text.replace(/\s+/g, '');
  if (label.length === 0 || label.length > 10) return null;
  return HEADERS.find(([, pattern]) => pattern.test(label))?.[0] ?? null;
}

/**
 * Finds the header: the first run of header cells naming a task column and a unit column.
 * Returns the columns in order and the index of the first cell after the header.
 */
export function findHeader(cells: Cell[]): { columns: Column[]; end: number; start: number } | null {
  for (let start = 0; start < cells.length; start++) {
    const columns: Column[] = [];
    let end = start;
    while (end < cells.length) {
      const column = headerColumn(cells[end]!.text);
      // Two category columns (目标 / 任务: a heading and a sub-heading) are allowed; other repeats end the header.
      if (!column || (columns.includes(column) && column !== 'category')) break;
      columns.push(column);
      end++;
    }
    const hasUnits = columns.includes('lead') || columns.includes('responsible');
    // Without a 具体要求-like column, the last category column (工作任务) holds the tasks.
    const lastCategory = columns.lastIndexOf('category');
    if (!columns.includes('task') && lastCategory >= 0) columns[lastCategory] = 'task';
    if (columns.length >= 2 && columns.includes('task') && hasUnits) return { columns, end, start };
  }
  return null;
}

interface Anchor {
  number: number;
  /** The task text when the number sits in the task cell (1.积极推进…). */
  rest: string | null;
}

/** An item number that continues the sequence: a bare number cell, or a task cell starting with one. */
function anchorOf(cell: Cell, previous: number | null, headingsAreCategories = false): Anchor | null {
  // Under a category column, 一、… and （一）… cells are category headings, not numbered items.
  if (headingsAreCategories && isHeading(cell.text)) return null;
  const bare = bareNumber(cell.text);
  if (bare !== null) return continuesSequence(bare, previous) ? { number: bare, rest: null } : null;
  const found = leadingNumber(cell.text);
  if (!found || !continuesSequence(found.number, previous)) return null;
  // 2016年… or 3个工作日 are not numbered tasks: a number followed at once by a unit word is not an item.
  if (/^[年月日个天万亿元%]/.test(found.rest)) return null;
  return { number: found.number, rest: found.rest };
}

interface DraftRow {
  item: number;
  category: string | null;
  fields: Map<Column, string[]>;
  first: number;
  last: number;
  review: string[];
}

export interface CellTableOptions {
  /** Empty cells keep their column (an HTML table); text copies drop them. */
  keepEmpty: boolean;
  /**
   * Accept only a table whose rows carry no numbers (lines read as cells: numbered tables of that
   * shape are the flattened-table reader's).
   */
  unnumberedOnly?: boolean;
}

/**
 * Reads a table given as a stream of cells in reading order, whatever the row boundaries were:
 * the header names the columns; an item starts at a number that continues the sequence (a cell of
 * its own, or the start of the task cell); the cells after it fill the columns after the number in
 * header order; cells before it (a category cell shown once for several items) are the category.
 * Column order is read from the header, so it may differ from plan to plan.
 */
export function readCellTable(cells: Cell[], options: CellTableOptions): ReadPlan | null {
  const header = findHeader(cells);
  if (!header) return null;
  const { columns } = header;
  const before = cells.slice(0, header.start).filter((cell) => cell.text.trim() !== '');
  const title = before.find((cell) => !isHeading(cell.text))?.text.trim() ?? null;
  const itemAt = columns.indexOf('item');
  const taskAt = columns.indexOf('task');
  const numberedColumns = itemAt >= 0 ? columns.slice(itemAt + 1) : columns.slice(taskAt);
  const leadingColumns = columns.slice(0, itemAt >= 0 ? itemAt : taskAt).filter((c) => c !== 'item');
  const body = cells
    .slice(header.end)
    .filter((cell) => options.keepEmpty || cell.text.trim() !== '')
    .filter((cell) => headerColumn(cell.text) === null || cell.text.length > 10);

  // Under a category column, or among items numbered 1. 2. …, 一、 / （一） cells are headings.
  const arabicItems = body.filter((cell) => /^\s*\d{1,3}(?:\s*[.、．](?!\d)|\s*$)/.test(cell.text)).length;
  const headingsAreCategories = leadingColumns.includes('category') || arabicItems >= 2;
  const rows: DraftRow[] = [];
  // A heading just above the header (一、… over a table of one category) is the first category.
  let category: string | null = before.findLast((cell) => isHeading(cell.text))?.text.trim() ?? null;
  let pending: Cell[] = [];
  let i = 0;
  while (i < body.length) {
    const anchor = anchorOf(body[i]!, rows.at(-1)?.item ?? null, headingsAreCategories);
    if (!anchor) {
      pending.push(body[i]!);
      i++;
      continue;
    }
    category = categoryFrom(pending, leadingColumns, rows.at(-1)) ?? category;
    pending = [];
    const row: DraftRow = {
      item: anchor.number,
      category,
      fields: new Map(),
      first: body[i]!.line,
      last: body[i]!.line,
      review: [],
    };
    let slots = numberedColumns;
    if (anchor.rest !== null) {
      // The number sits in the task cell: the cell is the first numbered column.
      put(row, slots[0] ?? 'task', anchor.rest);
      slots = slots.slice(1);
    }
    // An item numbered 1. / 1 stops at a heading (二、… / （二）…): the next category, not a cell of its own.
    const stopsAtHeadings = !isHeading(body[i]!.text);
    i++;
    const taken: Cell[] = [];
    while (
      taken.length < slots.length &&
      i < body.length &&
      !anchorOf(body[i]!, anchor.number, headingsAreCategories) &&
      !(stopsAtHeadings && isHeading(body[i]!.text))
    ) {
      taken.push(body[i]!);
      i++;
    }
    const columnsTaken = options.keepEmpty ? slots : alignShortRow(slots, taken);
    taken.forEach((cell, k) => {
      put(row, columnsTaken[k]!, cell.text);
      row.last = cell.line;
    });
    rows.push(row);
  }
  // Without a 序号 column the rows may carry no numbers at all: read them by their unit cells.
  const unnumbered = itemAt < 0 ? readUnnumbered(body, columns, category) : [];
  if (unnumbered.length > rows.length && rows.length <= 1)
    return { title, rows: finish(unnumbered, columns) };
  if (rows.length === 0 || options.unnumberedOnly) return null;
  return { title, rows: finish(rows, columns) };
}

/**
 * The columns of a row's cells when a text copy shows fewer cells than the header has columns.
 * Copies drop the cells a merged cell covered and shift the rest left, and merged cells (a lead
 * unit, a category shown once) usually stand left of the cells that change row by row, so the
 * cells belong to the rightmost columns, provided each fits its column; otherwise they are taken
 * in order.
 */
function alignShortRow(slots: Column[], cells: Cell[]): Column[] {
  if (cells.length >= slots.length) return slots;
  const right = slots.slice(slots.length - cells.length);
  const fitsRight = cells.every((cell, k) => right[k] === 'task' || fits(right[k]!, cell.text));
  return fitsRight ? right : slots;
}

/** Whether a cell can fill a column after the task: unit columns take unit cells, the deadline column deadlines. */
function fits(column: Column, text: string): boolean {
  if (column === 'deadline') return isDeadlineLine(text);
  if (column === 'task' || column === 'category' || column === 'item') return false;
  return looksLikeUnitCell(text);
}

/**
 * Rows of a table that shows no item numbers (the task column first, units after it): each item is
 * the task cell right before a cell that fits the first column after the task; cells before the
 * task are its category; the columns after the task are filled while their cells fit. Items are
 * numbered 1, 2, … in table order and each is marked for review.
 */
function readUnnumbered(body: Cell[], columns: Column[], firstCategory: string | null): DraftRow[] {
  const taskAt = columns.indexOf('task');
  const after = columns.slice(taskAt + 1);
  const leading = columns.slice(0, taskAt);
  if (after.length === 0) return [];
  const cells = body.filter((cell) => cell.text.trim() !== '');
  const rows: DraftRow[] = [];
  let category = firstCategory;
  let from = 0;
  for (let i = 1; i < cells.length; i++) {
    if (!fits(after[0]!, cells[i]!.text) || fits(after[0]!, cells[i - 1]!.text)) continue;
    const task = cells[i - 1]!;
    category = categoryFrom(cells.slice(from, i - 1), leading, rows.at(-1)) ?? category;
    const row: DraftRow = {
      item: rows.length + 1,
      category,
      fields: new Map([['task', [task.text.trim()]]]),
      first: task.line,
      last: task.line,
      review: [REVIEW.unnumbered(rows.length + 1)],
    };
    let slot = 0;
    while (slot < after.length && i < cells.length && fits(after[slot]!, cells[i]!.text)) {
      put(row, after[slot]!, cells[i]!.text);
      row.last = cells[i]!.line;
      slot++;
      i++;
    }
    rows.push(row);
    from = i;
    i--;
  }
  return rows;
}

function put(row: DraftRow, column: Column, text: string): void {
  const value = text.trim();
  if (value === '') return;
  row.fields.set(column, [...(row.fields.get(column) ?? []), value]);
}

/**
 * The category from the cells between two items. Cells beyond the leading columns were left over
 * from the item above (a cell the text copy split in two): they go back to it, marked for review.
 */
function categoryFrom(
  pending: Cell[],
  leadingColumns: Column[],
  previous: DraftRow | undefined,
): string | null {
  const texts = pending.map((cell) => cell.text.trim()).filter((text) => text !== '');
  const unique = texts.filter((text, k) => texts[k - 1] !== text);
  if (unique.length === 0) return null;
  const width = Math.max(1, leadingColumns.filter((c) => c === 'category').length);
  const extra = unique.slice(0, Math.max(0, unique.length - width));
  for (const text of extra) previous?.review.push(REVIEW.unknownLine(text));
  return unique.slice(-width).join(' ');
}

function finish(drafts: DraftRow[], columns: Column[]): PlanRow[] {
  const hasLeadColumn = columns.includes('lead');
  const rows = drafts.map((draft): PlanRow => {
    const cell = (column: Column) => draft.fields.get(column) ?? [];
    const assigned = unitsOfRow(cell('lead'), cell('responsible'), cell('supporting'), hasLeadColumn);
    const review = [...draft.review];
    const taskLines = cell('task')
      .flatMap((text) => text.split('\n'))
      .filter((line) => line.trim() !== '');
    if (taskLines.length === 0) {
      taskLines.push(draft.category ?? `(item ${draft.item})`);
      review.push(REVIEW.headingOnly);
    }
    return {
      item: draft.item,
      category: draft.category,
      taskLines,
      units: assigned.units,
      unitsCarried: false,
      ...(assigned.supportingUnits.length > 0 ? { supportingUnits: assigned.supportingUnits } : {}),
      deadlineLines: cell('deadline')
        .flatMap((text) => text.split('\n'))
        .filter((line) => line.trim() !== ''),
      lines: [draft.first, Math.max(draft.first, draft.last)],
      review,
    };
  });
  carryUnits(rows, REVIEW.noUnits, REVIEW.unitsCarried);
  return rows;
}

/**
 * Lead units are the obligation's units; a unit cell's own 配合 part, 责任单位 beside a 牵头单位
 * column and 配合单位 are supporting units.
 */
function unitsOfRow(
  leadCells: string[],
  responsibleCells: string[],
  supportingCells: string[],
  hasLeadColumn: boolean,
) {
  const lead = leadCells.map(readUnitCell);
  const responsible = responsibleCells.map(readUnitCell);
  const supporting = supportingCells.flatMap((cell) => {
    const read = readUnitCell(cell);
    return [...read.lead, ...read.supporting];
  });
  // Beside a 牵头单位 column, 责任单位 are supporting even on a row whose lead cell is merged away.
  const leadShown = lead.length > 0 || hasLeadColumn;
  const primary = leadShown ? lead : responsible;
  const others = leadShown ? responsible.flatMap((u) => [...u.lead, ...u.supporting]) : [];
  return {
    units: primary.flatMap((u) => u.lead),
    supportingUnits: [...primary.flatMap((u) => u.supporting), ...others, ...supporting],
  };
}

/** A category heading: 一、… or （一）… */
function isHeading(text: string): boolean {
  return /^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])/.test(text);
}
