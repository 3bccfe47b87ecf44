import type { Document } from '../document';
import { visibleText } from '../visible-text';

/**
 * Documents indexed once per matching run so that no obligation scans every document: per source,
 * a character-bigram inverted index over titles and attachment names. A term's candidates are the
 * intersection of its bigrams' postings in the sources that matter, then confirmed by substring.
 * Results per (source, term) are cached: obligations share sources and vocabulary.
 */
export class DocumentIndex {
  readonly docs: readonly Document[];
  private readonly texts: string[];
  private readonly bySource = new Map<string, number[]>();
  private readonly sourcesNamingUnit = new Map<string, Set<string>>();
  /** Per source: bigram (two UTF-16 units packed in one number) → ascending document ids. */
  private readonly grams = new Map<string, Map<number, number[]>>();
  private readonly cache = new Map<string, readonly number[]>();

  constructor(docs: readonly Document[]) {
    this.docs = docs;
    this.texts = docs.map(searchText);
    const seen = new Set<number>();
    docs.forEach((doc, id) => {
      push(this.bySource, doc.sourceId, id);
      for (const unit of doc.units) {
        const set = this.sourcesNamingUnit.get(unit);
        if (set) set.add(doc.sourceId);
        else this.sourcesNamingUnit.set(unit, new Set([doc.sourceId]));
      }
      const grams = this.grams.get(doc.sourceId) ?? new Map<number, number[]>();
      this.grams.set(doc.sourceId, grams);
      const text = this.texts[id]!;
      seen.clear();
      for (let i = 0; i + 1 < text.length; i++) {
        const gram = bigram(text, i);
        if (seen.has(gram)) continue;
        seen.add(gram);
        push(grams, gram, id);
      }
    });
  }

  /** A document's title and attachment names, lower-cased once for every rule test. */
  lowered(id: number): { title: string; names: string[] } {
    const [title = '', ...names] = this.texts[id]!.split('\n');
    return { title, names };
  }

  /** Ids of every document of a source, in input order. */
  inSource(sourceId: string): readonly number[] {
    return this.bySource.get(sourceId) ?? [];
  }

  /** Sources holding at least one document that names this unit itself. */
  sourcesNaming(unit: string): ReadonlySet<string> {
    return this.sourcesNamingUnit.get(unit) ?? EMPTY;
  }

  /** Ids (ascending) of a source's documents whose title or an attachment name contains `term`. */
  containing(sourceId: string, term: string): readonly number[] {
    const key = `${sourceId}\u0000${term}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const found = this.search(sourceId, visibleText(term).toLowerCase());
    this.cache.set(key, found);
    return found;
  }

  private search(sourceId: string, term: string): number[] {
    if (term.length < 2) return this.inSource(sourceId).filter((id) => this.texts[id]!.includes(term));
    const grams = this.grams.get(sourceId);
    if (!grams) return [];
    const lists: number[][] = [];
    for (let i = 0; i + 1 < term.length; i++) {
      const list = grams.get(bigram(term, i));
      if (!list) return [];
      lists.push(list);
    }
    lists.sort((a, b) => a.length - b.length);
    let ids = lists[0]!;
    for (const list of lists.slice(1)) {
      ids = intersect(ids, list);
      if (ids.length === 0) return [];
    }
    return ids.filter((id) => this.texts[id]!.includes(term));
  }
}

const EMPTY: ReadonlySet<string> = new Set();

/** The two UTF-16 code units at `i` as one number: cheaper to hash than a two-character string. */
function bigram(text: string, i: number): number {
  return text.charCodeAt(i) * 65536 + text.charCodeAt(i + 1);
}

function searchText(doc: Document): string {
  // One line per name: the lines are split again by lowered().
  const names = (doc.attachments ?? []).map((a) => a.name);
  return [doc.title, ...names]
    .map((line) => visibleText(line).replaceAll('\n', ' '))
    .join('\n')
    .toLowerCase();
}

function push<K>(map: Map<K, number[]>, key: K, id: number): void {
  const list = map.get(key);
  if (list) list.push(id);
  else map.set(key, [id]);
}

/** Intersection of two ascending id lists. */
function intersect(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      out.push(x);
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return out;
}
