/**
 * Primary keys of every item type in the single table. Keys are built only here so that the
 * adapter, the docs (docs/table-design.md) and the tests agree on one layout.
 */
import { createHash } from 'node:crypto';

export interface ItemKey {
  pk: string;
  sk: string;
}

/** DynamoDB caps a sort key at 1024 bytes; URLs can be longer, so long ones keep a prefix plus a hash. */
const MAX_URL_KEY_BYTES = 600;

export function sha256Hex(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * A URL as it appears inside a key: the URL itself when short (readable in the console), else its
 * first 400 bytes (whole characters) and its sha256: unique, deterministic, within the key limit.
 */
export function urlKey(url: string): string {
  if (Buffer.byteLength(url, 'utf8') <= MAX_URL_KEY_BYTES) return url;
  let head = '';
  let bytes = 0;
  for (const char of url) {
    bytes += Buffer.byteLength(char, 'utf8');
    if (bytes > 400) break;
    head += char;
  }
  return `${head}…${sha256Hex(url)}`;
}

/**
 * Evidence, verdicts and flags are spread over this many partitions per collection, by a hash of
 * the obligation id: all periods of one obligation share a partition (one Query reads them), and no
 * partition holds a whole city's or province's judgement, so none is read whole and none carries
 * the collection's whole write load.
 */
export const OBLIGATION_SHARDS = 16;

/** The shard (one hex digit) an obligation's evidence, verdicts and flags live in. */
export function obligationShard(obligationId: string): string {
  return (createHash('sha256').update(obligationId).digest()[0]! % OBLIGATION_SHARDS).toString(16);
}

/** Every shard, in order: what a listing of a whole collection reads. */
export const ALL_OBLIGATION_SHARDS: readonly string[] = Array.from({ length: OBLIGATION_SHARDS }, (_, i) =>
  i.toString(16),
);

/** Partition-key values of the collections; `#` separates parts (ids never contain it). */
export const PK = {
  document: (sourceId: string) => `DOC#${sourceId}`,
  pageState: (url: string) => `PAGE#${sha256Hex(url)}`,
  health: (sourceId: string) => `HEALTH#${sourceId}`,
  run: (sourceId: string) => `RUN#${sourceId}`,
  evidence: (shard: string) => `EVID#${shard}`,
  verdict: (shard: string) => `VERDICT#${shard}`,
  summary: 'SUMMARY',
  flag: (shard: string) => `FLAG#${shard}`,
  ledger: (type: string) => `LEDGER#${type}`,
  ledgerId: 'LEDGERID',
  source: 'SOURCE',
  shard: (runId: string) => `SHARD#${runId}`,
  cursor: (sourceId: string) => `CURSOR#${sourceId}`,
  summaryUnits: (asOf: string, runId: string) => `SUMMARY#${asOf}#${runId}`,
  judgement: 'JUDGE',
  obligationJudgement: (shard: string) => `JUDGE#${shard}`,
} as const;

export const keys = {
  document: (sourceId: string, url: string): ItemKey => ({ pk: PK.document(sourceId), sk: urlKey(url) }),
  pageState: (url: string): ItemKey => ({ pk: PK.pageState(url), sk: 'STATE' }),
  health: (check: { sourceId: string; checkedAt: string; columnId?: string; url: string }): ItemKey => ({
    pk: PK.health(check.sourceId),
    sk: `${check.checkedAt}#${check.columnId ?? '-'}#${urlKey(check.url)}`,
  }),
  run: (run: { sourceId: string; asOf: string; runId: string }): ItemKey => ({
    pk: PK.run(run.sourceId),
    sk: `${run.asOf}#${run.runId}`,
  }),
  evidence: (e: { obligationId: string; periodKey: string; kind: string; url: string }): ItemKey => ({
    pk: PK.evidence(obligationShard(e.obligationId)),
    sk: `${e.obligationId}#${e.periodKey}#${e.kind}#${urlKey(e.url)}`,
  }),
  verdict: (obligationId: string, periodKey: string): ItemKey => ({
    pk: PK.verdict(obligationShard(obligationId)),
    sk: `${obligationId}#${periodKey}`,
  }),
  summary: (asOf: string, runId: string): ItemKey => ({ pk: PK.summary, sk: `${asOf}#${runId}` }),
  flag: (obligationId: string, periodKey: string): ItemKey => ({
    pk: PK.flag(obligationShard(obligationId)),
    sk: `${obligationId}#${periodKey}`,
  }),
  ledger: (entry: { type: string; at: string; id: string }): ItemKey => ({
    pk: PK.ledger(entry.type),
    sk: `${entry.at}#${entry.id}`,
  }),
  ledgerId: (id: string): ItemKey => ({ pk: PK.ledgerId, sk: id }),
  source: (sourceId: string): ItemKey => ({ pk: PK.source, sk: sourceId }),
  /** Zero-padded so a sweep's shards list in order. */
  shard: (runId: string, shard: number): ItemKey => ({
    pk: PK.shard(runId),
    sk: String(shard).padStart(6, '0'),
  }),
  cursor: (runId: string, sourceId: string): ItemKey => ({ pk: PK.cursor(sourceId), sk: runId }),
  /** Zero-padded so a summary's chunks list in order. */
  summaryUnits: (asOf: string, runId: string, chunk: number): ItemKey => ({
    pk: PK.summaryUnits(asOf, runId),
    sk: String(chunk).padStart(4, '0'),
  }),
  judgementHead: (): ItemKey => ({ pk: PK.judgement, sk: 'HEAD' }),
  /** Zero-padded so a judgement's source chunks list in order. */
  judgedSources: (runId: string, chunk: number): ItemKey => ({
    pk: PK.judgement,
    sk: `SRC#${runId}#${String(chunk).padStart(4, '0')}`,
  }),
  obligationJudgement: (obligationId: string): ItemKey => ({
    pk: PK.obligationJudgement(obligationShard(obligationId)),
    sk: obligationId,
  }),
};

/** The smallest string sorting after every string that starts with `prefix`: for inclusive upper bounds. */
export function prefixUpperBound(prefix: string): string {
  return `${prefix}\uffff`;
}
