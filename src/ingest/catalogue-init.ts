import type { DraftCatalogue, DraftObligation, Obligation } from '../core/obligation';
import type { ColumnKind } from '../core/source';

/** Review reasons `catalogue init` adds to each guess it makes. */
export const INIT_REVIEW = {
  id: (id: string) => `id "${id}" proposed from the item number; keep it stable from year to year`,
  keywords: (keywords: string[]) =>
    `evidence keywords proposed from the task text (${keywords.join('、')}): check them against real page titles`,
  noKeywords:
    'no keywords could be taken from the task text: write the evidence rule, or mark it unverifiable with the reason',
  columnKinds: (kinds: ColumnKind[]) =>
    `columns narrowed to ${kinds.join(', ')} from what the task is about; widen them if evidence is published elsewhere`,
} as const;

/** Words of the task that name what gets published, most specific first. */
const SUBJECT =
  /([\u4e00-\u9fff]{2,8}?)(?:信息|情况|清单|目录|报告|公告|公示|名录|标准|政策|文件|数据|结果)/gu;
/** Verbs and fillers that start a clause and are not a subject. */
const FILLER =
  /^(?:及时|主动|全面|依法|规范|做好|加强|推进|深化|进一步|积极|严格|持续|公开|发布|更新|完善|建立|健全|落实|推动|加大|各类|相关|有关|重点|本级|本部门|本单位|政府|工作)+/u;

/** Up to four keywords naming what the task says is published (预算, 权力清单, 行政处罚 …). */
export function proposeKeywords(task: string): string[] {
  const words: string[] = [];
  for (const match of task.matchAll(/《([^》]{2,20})》/gu)) words.push(match[1]!);
  for (const match of task.matchAll(SUBJECT)) {
    const word = match[1]!.replace(FILLER, '');
    if (word.length >= 2) words.push(word);
  }
  // 推进本中心预算、决算及相关报表公开: the things listed before 公开 / 发布.
  for (const match of task.matchAll(/([\u4e00-\u9fff、]{2,24}?)(?:公开|发布|公示)/gu)) {
    for (const part of match[1]!.split(/[、及和与]/u)) {
      const word = part.replace(FILLER, '').replace(/^(?:本中心|本局|本部门|本单位|相关|有关|等)+|等$/u, '');
      if (word.length >= 2 && word.length <= 8) words.push(word);
    }
  }
  return [...new Set(words)]
    .filter((w, _, all) => !all.some((o) => o !== w && o.includes(w) && o.length <= 6))
    .slice(0, 4);
}

const COLUMN_HINTS: [RegExp, ColumnKind[]][] = [
  [/预算|决算|三公|财政资金|收支/, ['budget', 'data']],
  [/统计|数据|指标|监测/, ['data']],
  [/解读|政策|规范性文件|文件/, ['policy']],
  [/公告|公示|招标|采购|征收|通知/, ['notice']],
  [/回应|舆情|留言|咨询|信箱|互动|访谈/, ['interaction']],
  [/发布会|动态|新闻/, ['news']],
];

/** Column kinds the obligation's type suggests, or none (search every column). */
export function proposeColumnKinds(task: string): ColumnKind[] {
  return [...new Set(COLUMN_HINTS.filter(([pattern]) => pattern.test(task)).flatMap(([, kinds]) => kinds))];
}

/** `<prefix>-007`, with `-2`, `-3` for the further obligations a split item became. */
function idFor(prefix: string, obligation: DraftObligation, seen: Map<number, number>): string {
  const count = (seen.get(obligation.item) ?? 0) + 1;
  seen.set(obligation.item, count);
  const base = `${prefix}-${String(obligation.item).padStart(3, '0')}`;
  return count === 1 ? base : `${base}-${count}`;
}

/**
 * Proposes a catalogue from a draft: an id per obligation, the draft's schedule, and an evidence
 * rule with keywords from the task text and column kinds from what the task is about. Every guess
 * is added to the obligation's review, so nothing proposed passes for reviewed.
 */
export function initCatalogue(draft: DraftCatalogue, prefix: string) {
  const seen = new Map<number, number>();
  const obligations: Obligation[] = draft.obligations.map((obligation) => {
    const id = idFor(prefix, obligation, seen);
    const keywords = proposeKeywords(obligation.task);
    const columnKinds = proposeColumnKinds(obligation.task);
    const review = [...obligation.review, INIT_REVIEW.id(id)];
    review.push(keywords.length > 0 ? INIT_REVIEW.keywords(keywords) : INIT_REVIEW.noKeywords);
    if (columnKinds.length > 0) review.push(INIT_REVIEW.columnKinds(columnKinds));
    const evidence =
      keywords.length > 0
        ? { keywords, ...(columnKinds.length > 0 ? { columnKinds } : {}) }
        : {
            verifiable: false,
            unverifiableReason: 'to decide: no keywords could be proposed from the task text',
          };
    return { id, ...obligation, review, evidence } as unknown as Obligation;
  });
  return { plan: draft.plan, obligations };
}

/** One obligation as `catalogue diff` compares it. */
export interface Comparable {
  id?: string;
  item?: number;
  task: string;
}

export interface CatalogueDiff {
  added: Comparable[];
  dropped: Comparable[];
  reworded: { before: Comparable; after: Comparable; similarity: number }[];
  unchanged: { before: Comparable; after: Comparable }[];
}

/** Character bigrams of a task, punctuation and spaces ignored. */
function bigrams(text: string): Set<string> {
  const clean = text.replace(/[\s\p{P}]/gu, '');
  const out = new Set<string>();
  for (let i = 0; i + 1 < clean.length; i++) out.add(clean.slice(i, i + 2));
  return out;
}

/** Dice similarity of two tasks' bigrams: 1 for the same text, near 0 for unrelated ones. */
export function taskSimilarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.size + y.size === 0) return 1;
  let shared = 0;
  for (const gram of x) if (y.has(gram)) shared++;
  return (2 * shared) / (x.size + y.size);
}

/** Tasks at least this similar are one obligation reworded; below, one dropped and one new. */
export const REWORDED_AT = 0.5;

/**
 * Compares two years' obligations by their task text (ids and item numbers change between plans):
 * the same text is unchanged, a similar one reworded (so last year's reviewed rule can carry
 * over), the rest new or dropped. Each obligation pairs with at most one, best match first.
 */
export function diffCatalogues(before: Comparable[], after: Comparable[]): CatalogueDiff {
  const pairs: { i: number; j: number; similarity: number }[] = [];
  before.forEach((b, i) => {
    after.forEach((a, j) => {
      const similarity = taskSimilarity(b.task, a.task);
      if (similarity >= REWORDED_AT) pairs.push({ i, j, similarity });
    });
  });
  pairs.sort((p, q) => q.similarity - p.similarity);
  const usedBefore = new Set<number>();
  const usedAfter = new Set<number>();
  const diff: CatalogueDiff = { added: [], dropped: [], reworded: [], unchanged: [] };
  for (const { i, j, similarity } of pairs) {
    if (usedBefore.has(i) || usedAfter.has(j)) continue;
    usedBefore.add(i);
    usedAfter.add(j);
    const pair = { before: before[i]!, after: after[j]! };
    if (pair.before.task === pair.after.task) diff.unchanged.push(pair);
    else diff.reworded.push({ ...pair, similarity });
  }
  diff.dropped = before.filter((_, i) => !usedBefore.has(i));
  diff.added = after.filter((_, j) => !usedAfter.has(j));
  return diff;
}
