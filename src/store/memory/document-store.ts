/** Documents and page states in memory, with the DynamoDB store's rules for "new", "changed" and bounds. */
import { type Document, DocumentSchema } from '../../core/document';
import { parseOrThrow } from '../../core/validation';
import { boundDocument, documentContent, judgedContent, mergeSeen } from '../dynamo/document-store';
import { sameRecord } from '../dynamo/items';
import { keys } from '../dynamo/keys';
import type { DocumentStore, PageState, UpsertResult } from '../ports';
import { PageStateSchema } from '../record-schemas';
import { SortedItems } from './sorted-items';

export class MemoryDocumentStore implements DocumentStore {
  private readonly documents = new SortedItems<Document>();
  private readonly pageStates = new SortedItems<PageState>();
  private readonly versions = new Map<string, number>();

  async upsertDocument(input: Document): Promise<UpsertResult> {
    return this.upsert(boundDocument(parseOrThrow(DocumentSchema, input, 'document')).doc);
  }

  async insertDocuments(input: Document[]): Promise<UpsertResult[]> {
    const docs = input.map(
      (raw, i) => boundDocument(parseOrThrow(DocumentSchema, raw, `documents[${i}]`)).doc,
    );
    return docs.map((doc) => this.upsert(doc));
  }

  async getDocument(url: string): Promise<Document | undefined> {
    return this.documents.list().find((doc) => doc.url === url);
  }

  async listDocuments(filter: { sourceId?: string; columnId?: string } = {}): Promise<Document[]> {
    const prefix = filter.sourceId === undefined ? '' : `${keys.document(filter.sourceId, '').pk}|`;
    return this.documents
      .list(prefix)
      .filter((doc) => filter.columnId === undefined || doc.columnId === filter.columnId);
  }

  async documentVersions(): Promise<Map<string, number>> {
    return new Map(this.versions);
  }

  async getPageState(url: string): Promise<PageState | undefined> {
    return this.pageStates.get(url);
  }

  async getPageStates(urls: readonly string[]): Promise<Map<string, PageState>> {
    const found = new Map<string, PageState>();
    for (const url of urls) {
      const state = this.pageStates.get(url);
      if (state) found.set(url, state);
    }
    return found;
  }

  async putPageState(input: PageState): Promise<void> {
    const state = parseOrThrow(PageStateSchema, input, 'page state');
    this.pageStates.set(state.url, state);
  }

  private upsert(doc: Document): UpsertResult {
    const { pk, sk } = keys.document(doc.sourceId, doc.url);
    const key = `${pk}|${sk}`;
    const previous = this.documents.get(key);
    if (!previous) {
      this.documents.set(key, doc);
      this.bump(doc.sourceId);
      return 'new';
    }
    this.documents.set(key, mergeSeen(previous, doc));
    if (sameRecord(documentContent(previous), documentContent(doc))) return 'unchanged';
    if (!sameRecord(judgedContent(previous), judgedContent(doc))) this.bump(doc.sourceId);
    return 'changed';
  }

  private bump(sourceId: string): void {
    this.versions.set(sourceId, (this.versions.get(sourceId) ?? 0) + 1);
  }
}
