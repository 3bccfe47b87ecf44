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

/**
 * The bidirectional controls: embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069)
 * and the marks (U+200E, U+200F, U+061C). One U+202E in a unit name, a reason or a site's error
 * message would show the rest of that line reversed in a report (a "deadline missed" read
 * backwards), so every rendered report drops them, whatever field the text came from.
 */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Text with every bidirectional control removed (the report renderers' last step). */
export function withoutBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}
