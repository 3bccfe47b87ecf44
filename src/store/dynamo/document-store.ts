/**
 * Documents and page states. A document lives in its source's partition (`DOC#<sourceId>`, sort
 * key = the URL), so a crawl's parallel branches write to different partitions and "list a source"
 * is one Query. Upserts read first and write only on change: a sweep re-seeing a thousand
 * documents pays a thousand cheap reads and no writes.
 */
import { type Document, DocumentSchema } from '../../core/document';
import { parseOrThrow } from '../../core/validation';
import type { DocumentStore, PageState, UpsertResult } from '../ports';
import { PageStateSchema } from '../record-schemas';
import type { DynamoGateway, Item } from './gateway';
import { fromItem, mapLimit, sameRecord, toItem } from './items';
import { keys, PK } from './keys';
import type { Metered } from './metrics';
import type { SourceRegistry } from './source-registry';

/** Bounds that keep a document item far below DynamoDB's 400 KB item limit. */
export const DOCUMENT_LIMITS = {
  titleChars: 1_000,
  dateTextChars: 200,
  attachments: 100,
  attachmentNameChars: 300,
  /** The newest spans are kept: they are the ones freshness rules look at. */
  absences: 50,
  /** Earlier titles kept per URL; the newest are kept. */
  versions: 20,
  units: 50,
  /** Attachments are dropped from the end until the item fits. */
  itemBytes: 300_000,
} as const;

export interface DocumentStoreOptions {
  /**
   * An unchanged document whose stored lastSeen is older than this gets one UpdateItem moving
   * lastSeen forward; younger, it costs no write. lastSeen is therefore exact to this resolution.
   */
  lastSeenResolutionMs?: number;
}

const WEEK_MS = 7 * 86_400_000;

/** Fields that make a document "changed"; firstSeen/lastSeen are facts about the crawl, not the page. */
export function documentContent(doc: Document): Omit<Document, 'firstSeen' | 'lastSeen'> {
  const { firstSeen: _first, lastSeen: _last, ...rest } = doc;
  return rest;
}

/**
 * What judging reads of a document: its content without when it was last re-checked. A re-check
 * that found the page as it was is written (its time is kept) but moves no document counter, so it
 * does not make incremental judging read the source again.
 */
export function judgedContent(doc: Document): Omit<Document, 'firstSeen' | 'lastSeen' | 'recheckedAt'> {
  const { recheckedAt: _rechecked, ...rest } = documentContent(doc);
  return rest;
}

/** Caps the fields a page controls so a hostile or odd page cannot make the item too large. */
export function boundDocument(doc: Document): { doc: Document; droppedAttachments: number } {
  const bounded: Document = {
    ...doc,
    title: doc.title.slice(0, DOCUMENT_LIMITS.titleChars),
    dateText: doc.dateText === null ? null : doc.dateText.slice(0, DOCUMENT_LIMITS.dateTextChars),
    units: doc.units.slice(0, DOCUMENT_LIMITS.units),
    attachments: doc.attachments
      .slice(0, DOCUMENT_LIMITS.attachments)
      .map((a) => ({ ...a, name: a.name.slice(0, DOCUMENT_LIMITS.attachmentNameChars) })),
    absences: doc.absences.slice(-DOCUMENT_LIMITS.absences),
    ...(doc.versions
      ? {
          versions: doc.versions
            .slice(-DOCUMENT_LIMITS.versions)
            .map((v) => ({ ...v, title: v.title.slice(0, DOCUMENT_LIMITS.titleChars) })),
        }
      : {}),
  };
  const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));
  // Sizes are summed once rather than re-serialising the whole document per dropped attachment.
  let size = bytes({ ...bounded, attachments: [] });
  if (size > DOCUMENT_LIMITS.itemBytes) {
    throw new Error(`document ${doc.url} does not fit in a table item even without attachments`);
  }
  let kept = 0;
  for (const attachment of bounded.attachments) {
    size += bytes(attachment) + 1;
    if (size > DOCUMENT_LIMITS.itemBytes) break;
    kept += 1;
  }
  bounded.attachments = bounded.attachments.slice(0, kept);
  return { doc: bounded, droppedAttachments: doc.attachments.length - bounded.attachments.length };
}

const later = (a: string, b: string) => (a >= b ? a : b);
const earlier = (a: string, b: string) => (a <= b ? a : b);

/** A changed document as stored: first seen at the earlier (a new version at its own), last seen at the later of the two. */
export function mergeSeen(previous: Document, doc: Document): Document {
  return {
    ...doc,
    // A new version (the title changed) restarts first-seen: it is a new document for backdating.
    firstSeen:
      (doc.versions?.length ?? 0) > (previous.versions?.length ?? 0)
        ? doc.firstSeen
        : earlier(previous.firstSeen, doc.firstSeen),
    lastSeen: later(previous.lastSeen, doc.lastSeen),
  };
}

export class DynamoDocumentStore implements DocumentStore, Metered {
  private readonly lastSeenResolutionMs: number;

  constructor(
    private readonly gateway: DynamoGateway,
    private readonly sources: SourceRegistry,
    options: DocumentStoreOptions = {},
  ) {
    this.lastSeenResolutionMs = options.lastSeenResolutionMs ?? WEEK_MS;
  }

  metrics() {
    return this.gateway.metrics();
  }

  resetMetrics() {
    this.gateway.resetMetrics();
  }

  async upsertDocument(input: Document, options: { expectNew?: boolean } = {}): Promise<UpsertResult> {
    const { doc, droppedAttachments } = boundDocument(parseOrThrow(DocumentSchema, input, 'document'));
    const key = keys.document(doc.sourceId, doc.url);
    // A racing writer makes a conditional write fail; re-reading and comparing again settles it.
    for (let attempt = 0; attempt < 5; attempt++) {
      // A caller that just listed the column knows the document is new: skip the read, let the
      // conditional put decide, and read only if someone wrote it meanwhile.
      const stored = attempt === 0 && options.expectNew ? undefined : await this.gateway.get(key);
      if (!stored) {
        await this.sources.ensure(doc.sourceId);
        const item = toItem(key, 'document', doc, { rev: 1, droppedAttachments });
        if (await this.gateway.put(item, { ConditionExpression: 'attribute_not_exists(pk)' })) {
          await this.sources.bump(doc.sourceId);
          return 'new';
        }
        continue;
      }
      const previous = fromItem(DocumentSchema, stored);
      const rev = Number(stored.rev ?? 0);
      if (sameRecord(documentContent(previous), documentContent(doc))) {
        if (this.lastSeenIsStale(previous.lastSeen, doc.lastSeen))
          await this.touchLastSeen(key, doc.lastSeen);
        return 'unchanged';
      }
      const merged = mergeSeen(previous, doc);
      const written = await this.gateway.put(
        toItem(key, 'document', merged, { rev: rev + 1, droppedAttachments }),
        {
          ConditionExpression: 'attribute_not_exists(#rev) OR #rev = :rev',
          ExpressionAttributeNames: { '#rev': 'rev' },
          ExpressionAttributeValues: { ':rev': rev },
        },
      );
      if (written) {
        if (!sameRecord(judgedContent(previous), judgedContent(doc))) await this.sources.bump(doc.sourceId);
        return 'changed';
      }
    }
    throw new Error(`document ${doc.url}: too many concurrent writers`);
  }

  async documentVersions(): Promise<Map<string, number>> {
    return this.sources.versions();
  }

  async getDocument(url: string): Promise<Document | undefined> {
    // URL alone does not name the partition: ask every source's partition in one BatchGetItem.
    const sourceIds = await this.sources.list();
    const found = await this.gateway.batchGet(sourceIds.map((id) => keys.document(id, url)));
    const item = found.find((candidate) => candidate.url === url);
    return item ? fromItem(DocumentSchema, item) : undefined;
  }

  async listDocuments(filter: { sourceId?: string; columnId?: string } = {}): Promise<Document[]> {
    const sourceIds = filter.sourceId ? [filter.sourceId] : await this.sources.list();
    const columnFilter = filter.columnId
      ? {
          FilterExpression: '#columnId = :columnId',
          ExpressionAttributeNames: { '#columnId': 'columnId' },
          ExpressionAttributeValues: { ':columnId': filter.columnId },
        }
      : {};
    const perSource = await mapLimit(sourceIds, 8, (id) =>
      this.gateway.queryPartition(PK.document(id), undefined, columnFilter),
    );
    return perSource.flat().map((item: Item) => fromItem(DocumentSchema, item));
  }

  /**
   * Documents the caller has just found absent from their column: written together, each only if
   * still absent (TransactWriteItems of up to 25 conditional puts, under 3 MB). A transaction that
   * meets an existing document is cancelled whole, and that group falls back to upsertDocument.
   */
  async insertDocuments(input: Document[]): Promise<UpsertResult[]> {
    const prepared = input.map((raw, i) => {
      const { doc, droppedAttachments } = boundDocument(parseOrThrow(DocumentSchema, raw, `documents[${i}]`));
      const item = toItem(keys.document(doc.sourceId, doc.url), 'document', doc, {
        rev: 1,
        droppedAttachments,
      });
      return { doc, item, bytes: Buffer.byteLength(JSON.stringify(item)) };
    });
    for (const sourceId of new Set(prepared.map((p) => p.doc.sourceId))) await this.sources.ensure(sourceId);
    const results: UpsertResult[] = [];
    const added = new Set<string>();
    for (const group of transactionGroups(prepared)) {
      const written = await this.gateway.transactPut(
        group.map((p) => ({ item: p.item, ConditionExpression: 'attribute_not_exists(pk)' })),
      );
      if (written) {
        results.push(...group.map(() => 'new' as const));
        for (const p of group) added.add(p.doc.sourceId);
      } else for (const p of group) results.push(await this.upsertDocument(p.doc));
    }
    // One counter move per source for the whole batch, after its documents are written.
    for (const sourceId of added) await this.sources.bump(sourceId);
    return results;
  }

  async getPageState(url: string): Promise<PageState | undefined> {
    const item = await this.gateway.get(keys.pageState(url));
    return item ? fromItem(PageStateSchema, item) : undefined;
  }

  async getPageStates(urls: readonly string[]): Promise<Map<string, PageState>> {
    const unique = [...new Set(urls)];
    if (unique.length === 0) return new Map();
    const items = await this.gateway.batchGet(unique.map((url) => keys.pageState(url)));
    const states = items.map((item) => fromItem(PageStateSchema, item));
    return new Map(states.map((s) => [s.url, s]));
  }

  /** Skips the write when validators and hash are unchanged and fetchedAt is within the resolution. */
  async putPageState(input: PageState, known?: PageState | null): Promise<void> {
    const state = parseOrThrow(PageStateSchema, input, 'page state');
    const key = keys.pageState(state.url);
    const stored = known !== undefined ? known : await this.getPageState(state.url);
    if (stored) {
      const previous = stored;
      const { fetchedAt: _a, ...before } = previous;
      const { fetchedAt: _b, ...after } = state;
      if (sameRecord(before, after) && !this.lastSeenIsStale(previous.fetchedAt, state.fetchedAt)) return;
    }
    await this.gateway.put(toItem(key, 'page-state', state));
  }

  private lastSeenIsStale(stored: string, seen: string): boolean {
    const gap = Date.parse(seen) - Date.parse(stored);
    return Number.isFinite(gap) && gap >= this.lastSeenResolutionMs;
  }

  private async touchLastSeen(key: { pk: string; sk: string }, lastSeen: string): Promise<void> {
    await this.gateway.update(key, {
      UpdateExpression: 'SET #lastSeen = :lastSeen',
      ConditionExpression: 'attribute_exists(pk) AND #lastSeen < :lastSeen',
      ExpressionAttributeNames: { '#lastSeen': 'lastSeen' },
      ExpressionAttributeValues: { ':lastSeen': lastSeen },
    });
  }
}

/** Groups for one transaction each: at most 25 items and 3 MB (DynamoDB allows 100 and 4 MB). */
function transactionGroups<T extends { bytes: number }>(items: T[]): T[][] {
  const groups: T[][] = [];
  let group: T[] = [];
  let bytes = 0;
  for (const item of items) {
    if (group.length > 0 && (group.length === 25 || bytes + item.bytes > 3_000_000)) {
      groups.push(group);
      group = [];
      bytes = 0;
    }
    group.push(item);
    bytes += item.bytes;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}
