import type { NumberedLine } from './flattened-table';
import { splitUnits } from './lines';
import { REVIEW } from './review';
import { carryUnits, type PlanRow, type ReadPlan } from './row';
import { readUnitCell, type UnitCell } from './units';

/**
 * A table flattened into one paragraph by a web page or a PDF copy: numbers, categories, tasks,
 * units and deadlines run together with no separators (一、…（一）…1.全面公开…省编办省直各部门…2.推动…).
 */

/** A paragraph line long enough to hold a whole table. */
const LONG_LINE = 120;

export function looksLikeParagraph(lines: NumberedLine[]): boolean {
  const long = lines.filter((line) => line.text.length >= LONG_LINE);
  const chars = lines.reduce((sum, line) => sum + line.text.length, 0);
  return long.length > 0 && long.reduce((sum, line) => sum + line.text.length, 0) >= chars * 0.6;
}

type Style = 'dot' | 'comma' | 'paren' | 'bare' | 'article';

const NUMBER_AT =
  /(?<![\d.．０-９])(?:第([一二三四五六七八九十百]{1,4})条|[（(](\d{1,3})[）)]|(\d{1,3})\s*([.．、])(?![\d０-９])|(\d{1,3})(?=[\u4e00-\u9fff]))/gu;
const HEADING_AT = /([一二三四五六七八九十]{1,3})、|[（(]([一二三四五六七八九十]{1,3})[）)]/gu;

interface Start {
  at: number;
  end: number;
  number: number;
  style: Style;
}

function styleOf(match: RegExpExecArray): Style {
  if (match[1]) return 'article';
  if (match[2]) return 'paren';
  if (match[3]) return match[4] === '、' ? 'comma' : 'dot';
  return 'bare';
}

const CHINESE = '一二三四五六七八九十';
function chineseNumber(text: string): number {
  if (text.length === 1) return CHINESE.indexOf(text) + 1;
  if (text.startsWith('十')) return 10 + (text.length > 1 ? CHINESE.indexOf(text[1]!) + 1 : 0);
  const tens = CHINESE.indexOf(text[0]!) + 1;
  return tens * 10 + (text.length > 2 ? CHINESE.indexOf(text[2]!) + 1 : 0);
}

/**
 * Item starts: numbers in one style that continue the sequence (the next number, or 1 right after
 * a category heading). The first style that yields at least three items is the plan's.
 */
function itemStarts(text: string, headings: Start[]): Start[] {
  const candidates = [...text.matchAll(NUMBER_AT)].map((m) => ({
    at: m.index,
    end: m.index + m[0].length,
    number: m[1] ? chineseNumber(m[1]) : Number(m[2] ?? m[3] ?? m[5]),
    style: styleOf(m),
  }));
  const styles: Style[] = ['dot', 'comma', 'paren', 'article', 'bare'];
  for (const style of styles) {
    const starts: Start[] = [];
    for (const candidate of candidates.filter((c) => c.style === style)) {
      const previous = starts.at(-1);
      const afterHeading = headings.some((h) => previous && h.at > previous.at && h.at < candidate.at);
      const next = previous ? previous.number + 1 : null;
      if (
        next === null
          ? candidate.number === 1
          : candidate.number === next || (candidate.number === 1 && afterHeading)
      )
        starts.push(candidate);
    }
    if (starts.length >= 3) return starts;
  }
  return [];
}

/** Category headings (一、 / （一）), each style kept only where its own sequence continues. */
function headingStarts(text: string): Start[] {
  const last = new Map<string, number>();
  const starts: Start[] = [];
  for (const m of text.matchAll(HEADING_AT)) {
    const style = m[1] ? 'comma' : 'paren';
    const number = chineseNumber(m[1] ?? m[2]!);
    const previous = last.get(style);
    if (previous === undefined ? number !== 1 : number !== previous + 1 && number !== 1) continue;
    last.set(style, number);
    starts.push({ at: m.index, end: m.index + m[0].length, number, style });
  }
  return starts;
}

/** Column labels a flattened header leaves at the start of the paragraph. */
const HEADER_LABELS =
  /^(?:序号|工作任务|具体要求|具体工作|工作内容|主要内容|工作要求|责任科室|责任单位|责任部门|牵头单位|配合单位|完成时限|时限要求|时间要求|完成时间)+/u;

/** Unit names that start with a place or 各 (省财政厅, 市直有关单位, 各设区市): safe to start a run. */
const NAMED_UNIT =
  '各设区市|各地区各部门|各地各部门|各[县市区](?:[（(][^（）()]{1,8}[）)])?(?:人民)?(?:政府)?|(?:省|市|县|区|镇|乡)直?(?:各|有关|相关)?(?:部门|单位)|各(?:有关|相关)?(?:部门|单位|科室|股室)|(?:省|市|县|区|镇|各)[\\u4e00-\\u9fff]{1,12}?(?:委员会|办公室|办公厅|局|委|办|厅|中心|院|部门|政府|单位|机构|公司|所)';
const UNIT_NOTE = '(?:\\s?[（(][^（）()]{1,12}[）)])?';
const UNIT_NAME = `(?:${NAMED_UNIT}|[\\u4e00-\\u9fff]{2,8}?(?:实验区|新区|开发区|管委会)|[\\u4e00-\\u9fff]{0,4}(?:办公室|科|股))${UNIT_NOTE}`;
const NAMED_START = new RegExp(`(?:${NAMED_UNIT})`, 'uy');
const UNIT_RUN = new RegExp(
  `(?:${UNIT_NAME}[、，,]?)+(?:(?:分别)?牵头(?:[，,、]?(?:${UNIT_NAME}[、，,]?)+(?:配合|参与|协助))?(?:落实)?)?`,
  'uy',
);
const DEADLINE_RUN =
  /(?:(?:\d{4}年)?(?:\d{1,2}月(?:底|末|份|上旬|中旬|下旬|\d{1,2}日)?|年底|年内|年中|上半年|下半年)(?:前|以前|之前)?(?:完成)?[，,、]?|全年|持续推进|长期坚持|长期|常态化|持续开展|每(?:周|月|季度|半年|年)|按[^。；]{1,20}?(?:要求|规定)|\d+个工作日内)+/uy;

function namedAt(text: string, at: number): boolean {
  NAMED_START.lastIndex = at;
  return NAMED_START.test(text);
}

interface Tail {
  units: string;
  deadline: string;
  rest: string;
  at: number;
}

/** Where the units start in an item's text, and what follows them (deadline, then the rest). */
function findTail(segment: string): Tail | null {
  const tails: Tail[] = [];
  for (let p = 1; p < segment.length; p++) {
    UNIT_RUN.lastIndex = p;
    const units = UNIT_RUN.exec(segment);
    if (!units) continue;
    const afterUnits = p + units[0].length;
    DEADLINE_RUN.lastIndex = afterUnits;
    const deadline = DEADLINE_RUN.exec(segment)?.[0] ?? '';
    const rest = segment.slice(afterUnits + deadline.length);
    tails.push({ units: units[0], deadline, rest, at: p });
  }
  // A closing parenthesis ends a sentence only after one (…。）): 省编办 (省审改办) is a unit's note.
  const sentenceEnd = (t: Tail) => /[。；;！？!?][）)]?$/.test(segment.slice(0, t.at));
  const fits = (t: Tail) =>
    t.deadline !== '' || t.rest === '' || /[。；;]$/.test(t.rest) || t.rest.length <= 30;
  return (
    tails.find((t) => sentenceEnd(t) && fits(t)) ??
    // The run that reaches the end (or a deadline) from furthest back, when it starts with a
    // place-named unit: a later start would leave the lead's cell (省编办 before 省直各部门) in the task.
    tails.find((t) => (t.rest === '' || (t.deadline !== '' && fits(t))) && namedAt(segment, t.at)) ??
    tails.filter((t) => t.deadline !== '' || t.rest === '').at(-1) ??
    null
  );
}

/**
 * Reads a one-paragraph table. Items start at numbers that continue the sequence; headings
 * (一、 / （一）) before an item are its category. In each item the task runs to the first unit
 * name that follows a sentence end (or, when the task has none, to the last unit run followed by
 * a deadline); then come the units, a deadline phrase, and either the item's requirement (a
 * sentence, appended to the task) or the next item's category cell (short, no sentence end).
 */
export function readParagraphTable(lines: NumberedLine[]): ReadPlan | null {
  const line = lines.reduce((best, l) => (l.text.length > best.text.length ? l : best), lines[0]!);
  const text = line.text;
  const headings = headingStarts(text);
  const starts = itemStarts(text, headings);
  if (starts.length === 0) return null;
  const title = lines.find((l) => l.no < line.no)?.text ?? null;
  const rows: PlanRow[] = [];
  const opening = text.slice(0, starts[0]!.at);
  let category: string | null =
    categoryBefore(opening, headings, 0) ?? (opening.replace(HEADER_LABELS, '').trim() || null);
  let carried: string | null = null;
  const header = opening.replace(/\s+/g, '');
  const twoUnitColumns =
    /牵头单位|牵头部门/.test(header) && /责任单位|责任部门|配合单位|协办单位/.test(header);
  starts.forEach((start, k) => {
    const stop = starts[k + 1]?.at ?? text.length;
    const headingInside = headings.find((h) => h.at >= start.end && h.at < stop);
    const segment = text.slice(start.end, headingInside?.at ?? stop).trim();
    if (carried) category = carried;
    carried = null;
    const tail = findTail(segment);
    const taskLines = [tail ? segment.slice(0, tail.at) : segment];
    const review: string[] = [];
    let units: string[] = [];
    let supportingUnits: string[] = [];
    if (tail) {
      const read = readUnits(tail.units.replace(/[、，,]$/, ''), twoUnitColumns);
      units = read.lead;
      supportingUnits = read.supporting;
      if (/[。；;]$/.test(tail.rest)) taskLines.push(tail.rest);
      else if (tail.rest !== '') carried = tail.rest;
    }
    rows.push({
      item: start.number,
      category,
      taskLines: taskLines.map((t) => t.trim()).filter((t) => t !== ''),
      units,
      unitsCarried: false,
      ...(supportingUnits.length > 0 ? { supportingUnits } : {}),
      deadlineLines: tail?.deadline ? [tail.deadline.replace(/[，,、]$/, '')] : [],
      lines: [line.no, line.no],
      review,
    });
    if (headingInside)
      category = categoryBefore(text.slice(headingInside.at, stop), headings, headingInside.at);
  });
  for (const row of rows)
    if (row.taskLines.length === 0) row.taskLines.push(row.category ?? `(item ${row.item})`);
  carryUnits(rows, REVIEW.noUnits, REVIEW.unitsCarried);
  return { title, rows };
}

/**
 * The units of an item. Under a header naming both 牵头单位 and 责任单位, the run holds two cells
 * run together: a new cell starts where a name follows another with no separator (省财政厅省直各部门);
 * the first cell is the lead, the second the responsible (supporting) units. A single cell fills
 * the rightmost column, since the lead cell is the one merged over several rows and shown once.
 */
function readUnits(run: string, twoUnitColumns: boolean): UnitCell {
  if (!twoUnitColumns || /牵头|配合|协助|参与/.test(run)) return readUnitCell(run);
  const cells = run.split(/(?<=[局委办室心院厅部府位构司)）])(?=[省市县区各])/u);
  const supporting = splitUnits(cells.slice(cells.length > 1 ? 1 : 0).join('、'));
  return { lead: cells.length > 1 ? splitUnits(cells[0]!) : [], supporting };
}

/** The innermost heading's text in a stretch before an item: （一）进一步推进权力清单公开. */
function categoryBefore(stretch: string, headings: Start[], offset: number): string | null {
  const inside = headings.filter((h) => h.at >= offset && h.at < offset + stretch.length);
  const last = inside.at(-1);
  if (!last) return null;
  const text = stretch.slice(last.end - offset).trim();
  return text === '' ? null : text;
}
