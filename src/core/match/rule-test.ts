import type { Attachment, Document } from '../document';
import type { EvidenceRule } from '../obligation';
import { visibleText } from '../visible-text';

/** File types that count as an attachment for `attachmentOnly` rules. */
const ATTACHMENT_EXT = /\.(pdf|docx?|xlsx?|wps|et|ofd|zip|rar|7z)(?:$|[?#])/i;

export function isAttachmentFile(urlOrName: string): boolean {
  return ATTACHMENT_EXT.test(urlOrName);
}

/** A compiled evidence rule: regular expressions built once per obligation, terms lower-cased. */
export interface CompiledRule {
  keywords: string[];
  required: string[];
  exclude: string[];
  /** `literal`: text every match must contain (lower-cased), so the index can find candidates. */
  patterns: { source: string; re: RegExp; literal: string | null }[];
  columnKinds: ReadonlySet<string> | null;
  attachmentOnly: boolean;
}

export function compileRule(rule: EvidenceRule): CompiledRule {
  // Titles are stored as visibleText; the rule's terms are read the same way so both sides compare alike.
  const lower = (terms: readonly string[] | undefined) =>
    (terms ?? []).map((t) => visibleText(t).toLowerCase());
  return {
    keywords: lower(rule.keywords),
    required: lower(rule.required),
    exclude: lower(rule.exclude),
    patterns: (rule.titlePatterns ?? []).map((source) => {
      const visible = visiblePattern(source);
      return {
        source,
        re: new RegExp(visible, 'i'),
        literal: requiredLiteral(visible)?.toLowerCase() ?? null,
      };
    }),
    columnKinds: rule.columnKinds ? new Set(rule.columnKinds) : null,
    attachmentOnly: rule.attachmentOnly ?? false,
  };
}

const META = new Set([...'\\^$.|?*+()[]{}']);

/**
 * A title pattern read as visibleText, character by character: a full-width （ in the pattern must
 * still match the （ of a title (stored as "("), but as a literal, never as the start of a group.
 */
export function visiblePattern(source: string): string {
  let out = '';
  for (const c of source) {
    const v = visibleText(c);
    out += v !== c && [...v].some((x) => META.has(x)) ? v.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&') : v;
  }
  return out;
}

/**
 * The longest run of plain characters (two or more) that every match of a regular expression must
 * contain, or null when there is none or the pattern is too clever to tell (top-level alternation,
 * escapes). Groups and classes are skipped; a character made optional by ?, * or {0 ends its run.
 */
export function requiredLiteral(pattern: string): string | null {
  let depth = 0;
  let run = '';
  let best = '';
  const close = () => {
    if (run.length > best.length) best = run;
    run = '';
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') return null;
    if (c === '(' || c === '[') {
      depth++;
      close();
    } else if (c === ')' || c === ']') {
      depth--;
      close();
    } else if (depth > 0) {
      // inside a group or class
    } else if (c === '|') {
      return null;
    } else if (c === '{') {
      // {m,n}: optional when m is 0; the counts themselves are not text.
      if (pattern[i + 1] === '0' || pattern[i + 1] === ',') run = run.slice(0, -1);
      close();
      const end = pattern.indexOf('}', i);
      if (end === -1) return null;
      i = end;
    } else if (META.has(c)) {
      if (c === '?' || c === '*') run = run.slice(0, -1);
      close();
    } else {
      run += c;
    }
  }
  close();
  return best.length >= 2 ? best : null;
}

/** Where a term is: in the title, in the attachment name at an index, or nowhere. */
function whereFound(term: string, title: string, names: readonly string[]): 'title' | number | null {
  if (title.includes(term)) return 'title';
  for (let i = 0; i < names.length; i++) if (names[i]!.includes(term)) return i;
  return null;
}

/** Why a document fits a rule: what an auditor needs to see in the reason. */
export interface RuleHit {
  /** Keywords and required terms found, and patterns that matched (as written in the rule). */
  terms: string[];
  /** True when the topic (a keyword or pattern) was found in the title itself. */
  inTitle: boolean;
  /** The attachment that makes it evidence, when the rule wants one or the topic is only there. */
  attachment?: Attachment;
  keywordHits: number;
  columnKindMatched: boolean;
}

/**
 * Tests a document against a rule: any keyword or pattern (title or attachment names), all required
 * terms, no excluded term in the title, an allowed column kind, an attachment when required.
 */
export function testRule(
  rule: CompiledRule,
  doc: Document,
  lowered?: { title: string; names: readonly string[] },
): RuleHit | null {
  const title = lowered?.title ?? visibleText(doc.title).toLowerCase();
  if (rule.exclude.some((t) => title.includes(t))) return null;
  if (rule.columnKinds && !rule.columnKinds.has(doc.columnKind)) return null;
  const attachments = doc.attachments ?? [];
  const names = lowered?.names ?? attachments.map((a) => visibleText(a.name).toLowerCase());
  const terms: string[] = [];
  let inTitle = false;
  let attachmentAt: number | undefined;
  let keywordHits = 0;
  for (const keyword of rule.keywords) {
    const at = whereFound(keyword, title, names);
    if (at === null) continue;
    keywordHits++;
    terms.push(keyword);
    if (at === 'title') inTitle = true;
    else attachmentAt ??= at;
  }
  for (const { source, re } of rule.patterns) {
    if (re.test(title)) {
      inTitle = true;
      terms.push(`/${source}/`);
    } else {
      const i = names.findIndex((name) => re.test(name));
      if (i === -1) continue;
      terms.push(`/${source}/`);
      attachmentAt ??= i;
    }
  }
  if (terms.length === 0) return null;
  for (const term of rule.required) {
    if (whereFound(term, title, names) === null) return null;
    terms.push(term);
  }
  let attachment = attachmentAt === undefined ? undefined : attachments[attachmentAt];
  if (rule.attachmentOnly) {
    const isFile = isAttachmentFile(doc.url);
    if (!isFile) {
      const files = attachments.filter((a) => isAttachmentFile(a.url) || isAttachmentFile(a.name));
      if (files.length === 0) return null;
      if (!attachment || !files.includes(attachment)) attachment = files[0];
    }
  }
  return { terms, inTitle, attachment, keywordHits, columnKindMatched: rule.columnKinds !== null };
}
