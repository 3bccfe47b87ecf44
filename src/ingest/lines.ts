/**
 * Line classifiers shared by the plan readers. They encode what cells of a disclosure plan look
 * like once a Word table has been flattened to text; docs/ingest.md lists them with examples.
 */

/** A line that ends a sentence or a clause, so the next line starts a new one. */
export function endsClause(line: string): boolean {
  return /[。；;！!？?…”"）)]$/.test(line.trim());
}

/** A line ending with a colon introduces what follows (预算信息公开:): a task prefix, never a heading. */
export function isTaskPrefix(line: string): boolean {
  return /[:：]$/.test(line.trim());
}

/** A line wrapped wholly in parentheses, e.g. a note under a unit or a deadline remark. */
export function isParenthesised(line: string): boolean {
  return /^[(（].*[)）]$/.test(line.trim());
}

const UNIT_SUFFIX = '(?:局|委员会|委|办公室|办|中心|室|工委|院|厅|部门|部|单位|机构|政府|公司|台|所)';
const UNIT_NOTE = '(?:[(（][^()（）]{1,20}[)）])?';
const UNIT_LINE = new RegExp(
  `^(?:(?:省|市|县|区|镇|各)[^，,。；;：:！？\\s]{0,18}${UNIT_SUFFIX}${UNIT_NOTE}[、，,]?)+$`,
);

/**
 * A responsible-unit cell line: 市…局/委/办/中心/室/办公室/工委, 市直有关单位, 市政府各部门、,
 * 各直属机构, possibly with a parenthesised note (市科技局(市知识产权局)). Short, no sentence
 * punctuation: a task that merely starts with 市 is longer and ends a clause.
 */
export function isUnitLine(line: string): boolean {
  const text = line.trim();
  return text.length <= 30 && UNIT_LINE.test(text);
}

/** A unit line ending with 、 continues onto the next line (市政府各部门、 / 各直属机构). */
export function continuesUnits(line: string): boolean {
  return /[、，,]$/.test(line.trim());
}

const DEADLINE_PATTERNS: RegExp[] = [
  /^\d{4}年$/,
  /\d{1,2}月(?:底|末|份|前|上旬|中旬|下旬|\d{1,2}日)?/,
  /年底|年内|年末|上半年|下半年/,
  /时限/,
  /以后$|之后$|后及时/,
  /全年工作|全年/,
  /不定期|定期|长期|常态/,
  /^[(（]?按.*(?:要求|规定|部署)/,
  /工作日|小时内|日内|天内/,
  // A cell that is only an ongoing-duty phrase; task sentences that start with one are longer.
  /^(?:持续推进|持续开展|持续实施|长期坚持|常态化推进|长期|持续|常态化|及时|立即|随时)$/,
];

/**
 * A deadline cell line: month/year dates, 时限, 以后, 全年工作, 不定期, 按…要求, 工作日/小时内.
 * Only short lines qualify, since task sentences mention months and years too.
 */
export function isDeadlineLine(line: string): boolean {
  const text = line.trim();
  if (text.length > 40 || isUnitLine(text)) return false;
  // A full sentence is a task line unless it names a time limit rule (按预算法规定时限完成。).
  if (endsClause(text) && !isParenthesised(text)) return /时限|^按/.test(text);
  return DEADLINE_PATTERNS.some((pattern) => pattern.test(text));
}

/**
 * Splits a units cell into unit names. Separators are 、，,；; and white space; names run together
 * without a separator (市发展改革局市财政局) are cut where a unit suffix is followed by a new
 * 省/市/县/区 prefix. Parenthesised notes stay with their unit.
 */
export function splitUnits(cell: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  // 省编办 (省审改办): a note after a space still belongs to its unit.
  for (const char of cell.replace(/\s+(?=[（(])/gu, '')) {
    if (char === '(' || char === '（') depth++;
    if (char === ')' || char === '）') depth = Math.max(0, depth - 1);
    if (depth === 0 && /[、，,；;\s]/.test(char)) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return (
    parts
      .flatMap((part) => part.split(/(?<=[局委办室心院厅部府位构司])(?=[省市县区](?![、，,）)]))/))
      // 区发改委等相关区直部门, 市税务局等市有关单位: the named unit, then the group the list closes with.
      .flatMap((part) =>
        part.split(/等(?=[省市县区镇]?(?:相关|有关|其他|其它)[^、，,]{0,6}(?:部门|单位|机构))/),
      )
      // 财政所、土管所等: a list closing with 等 ("and others") names no unit 土管所等.
      .map((part) => part.replace(/(?<=[所局委办室心院厅部府位构司站队])等$/u, ''))
      .map((part) => part.trim())
      .filter((part) => part.length > 0)
  );
}

export { parseNumeral } from '../core/numerals';
