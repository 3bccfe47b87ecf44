/**
 * Collects what the personal-data scan finds in one document: its page and each attachment, read
 * as archived. Only masked findings leave here; a document with thousands of rows of IDs keeps its
 * first findings and counts the rest.
 */
import type { PersonalDataFinding, PersonalDataScan, UnreadFile } from '../core/privacy';
import type { FetchedBody } from './fetch';
import { scanFile } from './text';

/** Findings kept per document; the rest are counted in `more`. */
export const FINDINGS_PER_DOCUMENT = 40;

export class PersonalDataCollector {
  private readonly findings: PersonalDataFinding[] = [];
  private readonly unread: UnreadFile[] = [];
  private more = 0;

  constructor(private readonly charsetHint?: string | null) {}

  /** Scans one fetched file (the document's page, or an attachment) by its archived hash. */
  async scan(file: FetchedBody, sha256: string): Promise<void> {
    const result = await scanFile(file.body, {
      url: file.url,
      contentType: file.contentType ?? null,
      charsetHint: this.charsetHint ?? null,
      sha256,
    });
    for (const f of result.findings) {
      if (this.findings.length < FINDINGS_PER_DOCUMENT) this.findings.push(f);
      else this.more += 1;
    }
    this.unread.push(...result.unread);
  }

  /** An attachment that was not fetched (over the size limit): its content is unknown. */
  notFetched(url: string, reason: string): void {
    this.unread.push({ file: url, reason: `not fetched: ${reason}` });
  }

  /** The scan to store on the document, or undefined when there is nothing to say. */
  result(scannedAt: string): PersonalDataScan | undefined {
    if (this.findings.length === 0 && this.unread.length === 0) return undefined;
    return { scannedAt, findings: this.findings, more: this.more, unread: this.unread };
  }
}
