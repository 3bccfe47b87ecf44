/**
 * Ports: what the task functions need from storage. One DynamoDB adapter implements them against
 * AWS and DynamoDB Local alike (they differ only in endpoint); the archive has a directory adapter
 * and an S3 adapter. Every write is idempotent: re-running a sweep changes nothing already right.
 *
 * The records they exchange (Flag, HealthCheck, LedgerEntry, …) are domain records and live in
 * src/core; they are re-exported here because every port names them.
 */
import type { IsoDate } from '../core/dates';
import type { Document } from '../core/document';
import type { Evidence } from '../core/evidence';
import type { Flag } from '../core/flag';
import type { HealthCheck } from '../core/health-check';
import type { LedgerEntry } from '../core/ledger-entry';
import type { ListItem } from '../core/list-item';
import type { Verdict, VerdictKind } from '../core/verdict';

export type { Flag, HealthCheck, LedgerEntry };

/** The crawler's memory of a URL, for conditional GET and content-hash dedup. */
export interface PageState {
  url: string;
  etag?: string;
  lastModified?: string;
  sha256?: string;
  /** The archive's key for the copy `sha256` names, so an unchanged (304) check can carry it too. */
  archiveKey?: string;
  fetchedAt: string;
  /** What the list showed when it last changed, so an unchanged (304) check can still report it. */
  itemCount?: number;
  undatedCount?: number;
  newestItemDate?: IsoDate | null;
  /** When the list's longest-unchecked known page falls due for a re-check (see recheckAfterDays). */
  recheckDueAt?: string;
  /**
   * Documents of the column carrying personal data not yet fixed. A fix in place changes no list,
   * so an unchanged list with such documents still has them read again.
   */
  awaitingFix?: number;
}

export interface CrawlRun {
  runId: string;
  sourceId: string;
  asOf: IsoDate;
  startedAt: string;
  finishedAt: string;
  pages: number;
  bytes: number;
  notModified: number;
  newDocuments: number;
  changedDocuments: number;
  errors: number;
  reachable: boolean;
  error?: string;
}

export type UpsertResult = 'new' | 'changed' | 'unchanged';

/** What one crawl has counted so far, across its passes. */
export interface CrawlTotals {
  pages: number;
  bytes: number;
  newDocuments: number;
  changedDocuments: number;
  errors: number;
}

/**
 * Where a source's crawl stands within one sweep, saved as it goes: a crawl that runs out of its
 * invocation's time resumes from here in the next invocation, and one that crashed loses only
 * what it had not yet committed. Columns in `columnsDone` have their documents and page state
 * written; their checks wait in `checks` until the whole source is read, so a source read only in
 * part never has a check saying it was read.
 */
export interface CrawlCursor {
  runId: string;
  sourceId: string;
  /** The instant of the first pass: every pass records its checks and sightings at this time. */
  startedAt: string;
  /** Passes run so far (1 after the first). */
  passes: number;
  /** The crawl is finished: checks and crawl run written; a repeated invocation does nothing. */
  done: boolean;
  /** The home page was read (its check is in `checks`) and whether the site answered. */
  home?: { reachable: boolean; error?: string };
  columnsDone: string[];
  checks: HealthCheck[];
  totals: CrawlTotals;
  limitsHit: string[];
  /** A deadline (the source's or the sweep's, not the invocation's budget) cut the crawl short. */
  cutShort?: string;
  /**
   * Where the reading of each column the pause stopped part-way through its list stands; the next
   * pass continues there. A column without one restarts from its first list page.
   */
  columns?: ColumnProgress[];
}

/**
 * A column's list read in part: the first list page as read (its page state and check are written
 * when the column finishes), the list pages still to read, and what the next pass needs so that no
 * list page is read again and no item's document is written twice. Addresses already met are kept
 * as short digests (`urlDigest`), so a column of thousands of items fits in the cursor item.
 */
export interface ColumnProgress {
  columnId: string;
  first: {
    status: number;
    latencyMs: number;
    sha256: string;
    etag?: string;
    lastModified?: string;
    archiveKey?: string;
  };
  /** List pages still to read, in page order. */
  queue: string[];
  /** List pages requested so far (what `maxPages` counts). */
  requested: number;
  /** Digests of the list pages read or queued: not asked for again. */
  pagesSeen: string[];
  /** Digests of the items taken from the list pages read, in page order. */
  listed: string[];
  /** Digests of the items whose own page this crawl read (not read again, not re-checked). */
  read: string[];
  /** Items taken from a page whose documents are not yet written (the pause cut them off). */
  pending: ListItem[];
  /** No list page failed and no limit cut the list: items not listed are gone from it. */
  complete: boolean;
  limitsHit: string[];
}

/**
 * A sweep's crawl work: ListSources splits the sources into shards, each crawled by one Map
 * iteration, and every source's crawl keeps its cursor here between invocations.
 */
export interface CrawlProgressStore {
  /** Writes the sweep's shards (source ids), shard `i` at index `i`; rewriting the same is harmless. */
  putShards(runId: string, shards: readonly (readonly string[])[]): Promise<void>;
  /** The source ids of one shard; undefined when ListSources wrote no such shard. */
  getShard(runId: string, shard: number): Promise<string[] | undefined>;
  getCursor(runId: string, sourceId: string): Promise<CrawlCursor | undefined>;
  putCursor(cursor: CrawlCursor): Promise<void>;
}

export interface DocumentStore {
  /**
   * Inserts or refreshes a document: firstSeen is kept, lastSeen moves forward, title/date/sha256/
   * attachments/absences changes are written and reported as 'changed'; an identical document is
   * 'unchanged' and costs no write (reads are cheap, writes are what a sweep pays for).
   * `expectNew` (the caller has just listed what exists) skips the read before a new document's
   * conditional put; the result is the same either way.
   */
  upsertDocument(doc: Document, options?: { expectNew?: boolean }): Promise<UpsertResult>;
  /**
   * Documents the caller has just found absent (it listed their column): written in as few requests
   * as the store allows, each only if still absent; any that exist meanwhile are upserted instead.
   */
  insertDocuments(docs: Document[]): Promise<UpsertResult[]>;
  getDocument(url: string): Promise<Document | undefined>;
  listDocuments(filter?: { sourceId?: string; columnId?: string }): Promise<Document[]>;
  /**
   * Per source with documents: a counter that moves after every write that made one of its
   * documents new or changed (never before the write, so a reader that reads the counter and then
   * the documents never pairs a counter with older documents). Incremental judging reads only the
   * documents of sources whose counter moved.
   */
  documentVersions(): Promise<Map<string, number>>;
  getPageState(url: string): Promise<PageState | undefined>;
  /** The states of several URLs in as few requests as the store allows (a crawl reads its columns' at once). */
  getPageStates(urls: readonly string[]): Promise<Map<string, PageState>>;
  /**
   * Writes a page state unless it equals the stored one. `previous`, when the caller has just read
   * it (null: there was none), spares the store reading it again.
   */
  putPageState(state: PageState, previous?: PageState | null): Promise<void>;
}

export interface HealthStore {
  recordCheck(check: HealthCheck): Promise<void>;
  /** Several checks in as few requests as the store allows (a crawl records its checks together). */
  recordChecks(checks: HealthCheck[]): Promise<void>;
  listChecks(sourceId: string, range?: { from?: string; to?: string }): Promise<HealthCheck[]>;
  putRun(run: CrawlRun): Promise<void>;
  listRuns(filter?: { sourceId?: string; asOf?: IsoDate }): Promise<CrawlRun[]>;
}

export interface EvidenceStore {
  /** Stores evidence keyed by (obligation, period, url, kind); returns how many were new. */
  putEvidence(items: Evidence[]): Promise<number>;
  listEvidence(filter?: { obligationId?: string }): Promise<Evidence[]>;
}

/**
 * Limits a listing to some obligations. Evidence, verdicts and flags are stored by obligation, so
 * such a listing reads only what it names (docs/table-design.md).
 */
export interface ObligationFilter {
  obligationIds?: readonly string[];
}

export interface StoredVerdict {
  obligationId: string;
  periodKey: string;
  /** The sweep date this verdict was last judged as of. */
  asOf: IsoDate;
  kind: VerdictKind;
  due: IsoDate;
  reasons: string[];
  evidenceUrls: string[];
  /** Site rules that hold: the day they trip if nothing new is published. */
  forecast?: IsoDate;
}

/** Counts per verdict kind for one sweep: the report's "compliance through the year" chart. */
export interface SweepSummary {
  asOf: IsoDate;
  runId: string;
  counts: Partial<Record<VerdictKind, number>>;
  byUnit: Record<string, Partial<Record<VerdictKind, number>>>;
  /** Counts per kind of duty (plan, website, annual-report); absent in sweeps recorded before it. */
  byGroup?: Record<string, Partial<Record<VerdictKind, number>>>;
  recordedAt: string;
}

/**
 * Keeps the latest verdict per obligation-period plus one summary per sweep. A sweep writes only
 * the verdicts whose kind, reasons or evidence changed, so a weekly sweep over a whole year of
 * periods costs a handful of writes, not thousands.
 */
export interface VerdictStore {
  /** Writes the verdicts that differ from the stored ones; returns how many were written. */
  putVerdicts(verdicts: StoredVerdict[]): Promise<number>;
  /** The stored verdicts, of the obligations named or of all; in (obligation, period key) order. */
  listVerdicts(filter?: ObligationFilter): Promise<StoredVerdict[]>;
  putSummary(summary: SweepSummary): Promise<void>;
  listSummaries(): Promise<SweepSummary[]>;
}

/** What a flag store throws when asked to change a flag that was never raised. */
export class FlagNotFoundError extends Error {
  override name = 'FlagNotFoundError';
}

export interface FlagStore {
  /** Raises a flag once: a conditional put, so a repeated sweep returns false and writes nothing. */
  raiseFlag(flag: Flag): Promise<boolean>;
  updateFlagStatus(
    obligationId: string,
    periodKey: string,
    status: Flag['status'],
    note: string,
    at: string,
  ): Promise<void>;
  /** The flags, of the obligations named or of all; in (obligation, period key) order. */
  listFlags(filter?: ObligationFilter): Promise<Flag[]>;
  /** Flags raised but not yet notified (new ones, and any a failed Notify left behind). */
  listUnnotified(): Promise<Flag[]>;
  /**
   * Claims an unnotified flag for one sweep's Notify until `until` (an ISO instant): refused while
   * another sweep holds a live claim, granted again to the same sweep (its retry) or once the claim
   * has lapsed. Returns false when refused or already notified.
   */
  claimForNotify(obligationId: string, periodKey: string, claim: NotifyClaim): Promise<boolean>;
  /** Marks a flag notified, after its message was published. Returns false if already set. */
  markNotified(obligationId: string, periodKey: string, at: string): Promise<boolean>;
}

/** Who is about to notify a flag, and until when the claim holds. */
export interface NotifyClaim {
  runId: string;
  at: string;
  until: string;
}

export interface LedgerStore {
  /** Appends an entry; an entry with an existing id is refused (returns false), never overwritten. */
  append(entry: LedgerEntry): Promise<boolean>;
  list<T extends LedgerEntry['type']>(type: T): Promise<Extract<LedgerEntry, { type: T }>[]>;
}

export interface ArchiveMeta {
  url: string;
  finalUrl: string;
  status: number;
  fetchedAt: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface ArchivedObject {
  sha256: string;
  /** Key relative to the archive root, e.g. `sha256/ab/abcdef….html`. */
  key: string;
  /** False when identical content was already stored. */
  stored: boolean;
}

export interface Archive {
  /** Stores bytes content-addressed; identical content is stored once; fetch metadata is appended per fetch. */
  put(bytes: Uint8Array, meta: ArchiveMeta): Promise<ArchivedObject>;
  get(sha256: string): Promise<Uint8Array | undefined>;
  /**
   * A link a report can use: a relative path locally, an S3 key or presigned URL on AWS. `key`, the
   * key `put` returned (a document records it), spares a lookup where finding the key costs a request.
   */
  locate(sha256: string, key?: string): Promise<string | undefined>;
}

/** Where reports go: a directory locally, an S3 prefix on AWS. */
export interface ReportSink {
  /** Writes one report file and returns where a reader finds it. */
  write(name: string, body: string | Uint8Array, contentType: string): Promise<string>;
  /**
   * The sink one sweep's report goes to, when the sink keeps each sweep's report apart (S3:
   * `reports/<asOf>/<runId>/` plus a copy under `reports/latest/`). Without it, `write` is used.
   */
  forRun?(asOf: string, runId: string): ReportSink;
}

export interface Notification {
  subject: string;
  message: string;
  /**
   * The same for every publication of the same content: a retried publish repeats it, so a
   * subscriber that has seen the key drops the message (delivery is at-least-once).
   */
  dedupeKey?: string;
  /** `summary` opens a sweep's notifications (counts, no flags); `flags` carries up to 100 flags. */
  part?: 'summary' | 'flags';
  /** A summary's counts (its `flags` is empty): missed deadlines, veto warnings, documents with personal data. */
  totals?: { missing: number; warnings: number; leaks?: number };
  flags: {
    obligationId: string;
    periodKey: string;
    due: IsoDate;
    units: string[];
    kind?: 'missing' | 'veto-warning' | 'personal-data';
    detail?: string;
  }[];
}

export interface Notifier {
  notify(notification: Notification): Promise<void>;
}

/** Everything a task function needs, built once per process (Lambda cold start or local run). */
/** What a judgement remembers of one source, so a later sweep need not read its documents again. */
export interface JudgedSource {
  /** The source's document counter (`DocumentStore.documentVersions`) its documents were read at. */
  version: number;
  /** Its checks with checkedAt ≤ the head's cutoff when it was judged (a later backfill re-judges). */
  checksSeen: number;
  /** Units named by any of its documents: which obligations may take evidence from it. */
  unitsNamed: string[];
  /** Latest shown date and latest firstSeen of its documents ('' when none). */
  latestDate: string;
  latestFirstSeen: string;
  /**
   * Its documents whose personal-data scan found something or could not read a file: the only
   * ones personal-data rules read. Null when they were too many to keep (its documents are read).
   */
  privacy: Document[] | null;
}

/** One obligation's stored judgement and what it read. */
export interface ObligationJudgement {
  /** Digest of its periods, sources read and their versions, waivers and manual evidence. */
  fingerprint: string;
  /** Sources whose documents the judgement read (its units' own and those naming its units). */
  reads: string[];
  evidence: Evidence[];
  candidates: Evidence[];
  warnings: string[];
  verdicts: Verdict[];
  /**
   * The date its verdicts were judged as of. They are reused as they are only when every period
   * fell due before it; a judgement judged again by date alone is stored again only then.
   */
  judgedOn: IsoDate;
  /**
   * The documents its evidence and candidates link (their presence and dates are judged again as
   * the date moves): a later sweep judges its periods again from these without reading its sources.
   */
  documents: Document[];
}

/** The sweep whose judgement is stored, and the configuration it judged. */
export interface JudgementHead {
  runId: string;
  asOf: IsoDate;
  /** The last instant it covered (end of its day, Shanghai). */
  cutoff: string;
  /** Digest of the judged catalogue, sources and calendar: another configuration re-judges everything. */
  config: string;
}

/** The last sweep's judgement as stored. */
export interface StoredJudgement {
  head: JudgementHead;
  sources: Map<string, JudgedSource>;
  byObligation: Map<string, ObligationJudgement>;
}

/**
 * The last judgement, kept between processes so a cold start judges incrementally
 * (src/tasks/judgement-memo.ts). A save is all-or-nothing for readers: obligations written by a
 * sweep whose head never committed (it crashed, or another sweep committed first) are ignored.
 */
export interface JudgementStore {
  load(): Promise<StoredJudgement | undefined>;
  /**
   * Stores a sweep's judgement: every source's state, the obligations judged again (`written`; the
   * others keep their stored judgement). `previous` is the head it was planned from: when another
   * sweep committed since, nothing commits and the result is false.
   */
  save(next: JudgementSave, previous: JudgementHead | undefined): Promise<boolean>;
}

/** What a sweep stores of its judgement: its head, every source's state, the obligations judged again. */
export interface JudgementSave {
  head: JudgementHead;
  sources: Map<string, JudgedSource>;
  written: Map<string, ObligationJudgement>;
}

export interface Stores {
  documents: DocumentStore;
  /** The last judgement, kept between processes (incremental judging). */
  judgements: JudgementStore;
  health: HealthStore;
  /** Shards and cursors of sweeps' crawls. */
  crawl: CrawlProgressStore;
  evidence: EvidenceStore;
  verdicts: VerdictStore;
  flags: FlagStore;
  ledger: LedgerStore;
  archive: Archive;
  notifier: Notifier;
}
