/**
 * Characters a reader never sees: zero-width spaces and joiners, word joiner, byte-order mark, soft
 * hyphen, invisible operators, tag characters and every bidirectional control (U+202E would reverse
 * the text that follows it in a report). A site can put them inside 部门预算 to hide a disclosure
 * from matching, or into a title to garble what an auditor reads.
 */
const INVISIBLE =
  /[\u00ad\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufeff\uffa0\u{e0000}-\u{e007f}]/gu;

/**
 * Text as a reader sees and compares it: invisible characters removed, then Unicode NFKC (full-width
 * ２０１６ and （ read as 2016 and (, compatibility ideographs as their unified form). Titles are
 * stored this way, and matching applies the same to keywords, so both sides compare alike.
 */
export function visibleText(text: string): string {
  return text.replace(INVISIBLE, '').normalize('NFKC');
}
