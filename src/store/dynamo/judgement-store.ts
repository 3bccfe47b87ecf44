/**
 * The last judgement in the table, so a cold Lambda judges incrementally (src/tasks/judgement-memo.ts).
 *
 * - `JUDGE`/`HEAD`: the committed sweep (run, date, cutoff, configuration digest) and `owners`, how
 *   many stored obligation judgements each committed sweep wrote that still stand.
 * - `JUDGE`/`SRC#<run>#<nnnn>`: every source's state, gzip'd JSON in chunks under the item limit.
 * - `JUDGE#<shard>`/`<obligationId>`: one obligation's judgement, gzip'd JSON, with the run that
 *   wrote it; sharded like evidence, verdicts and flags.
 *
 * Nothing is deleted: superseded source chunks carry `expiresAt`, obligation items are overwritten.
 * A save writes the chunks and the re-judged obligations first and commits the head last, on
 * condition that the head is still the one it planned from. A reader trusts an obligation only when
 * its run is one of the head's owners: a sweep that crashed, or lost the race to commit, leaves
 * items nobody trusts, and the next sweep re-judges and overwrites them.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { IsoDateSchema } from '../../core/dates';
import { DocumentSchema } from '../../core/document';
import { EvidenceSchema } from '../../core/evidence';
import { parseOrThrow } from '../../core/validation';
import { VerdictSchema } from '../../core/verdict';
import type {
  JudgedSource,
  JudgementHead,
  JudgementSave,
  JudgementStore,
  ObligationJudgement,
  StoredJudgement,
} from '../ports';
import type { DynamoGateway, Item } from './gateway';
import { ALL_OBLIGATION_SHARDS, keys, PK } from './keys';
import type { Metered } from './metrics';

/** Days a judgement's source chunks are kept after they are written (DynamoDB TTL). */
export const JUDGED_SOURCES_TTL_DAYS = 45;

/** Compressed bytes per item: well under DynamoDB's 400 KB with the key and attributes around it. */
export const JUDGEMENT_ITEM_BYTES = 350_000;

const JudgedSourceSchema = z.object({
  version: z.number().int(),
  checksSeen: z.number().int().nonnegative(),
  unitsNamed: z.array(z.string()),
  latestDate: z.string(),
  latestFirstSeen: z.string(),
  privacy: z.array(DocumentSchema).nullable(),
});

const ObligationJudgementSchema = z.object({
  fingerprint: z.string(),
  reads: z.array(z.string()),
  evidence: z.array(EvidenceSchema),
  candidates: z.array(EvidenceSchema),
  warnings: z.array(z.string()),
  verdicts: z.array(VerdictSchema),
  judgedOn: IsoDateSchema,
  documents: z.array(DocumentSchema),
});

const HeadSchema = z.object({
  runId: z.string().min(1),
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  cutoff: z.string(),
  config: z.string(),
  chunks: z.number().int().nonnegative(),
  owners: z.record(z.string(), z.number().int().positive()),
});

const SourceChunkSchema = z.array(z.tuple([z.string(), JudgedSourceSchema]));

const pack = (value: unknown): Uint8Array => gzipSync(JSON.stringify(value));
const unpack = (bytes: unknown): unknown => JSON.parse(gunzipSync(bytes as Uint8Array).toString('utf8'));

export class DynamoJudgementStore implements JudgementStore, Metered {
  /** The head and obligation owners of the last load: what a save builds its owners from. */
  private loaded: { head: z.infer<typeof HeadSchema>; ownerOf: Map<string, string> } | undefined;

  constructor(private readonly gateway: DynamoGateway) {}

  metrics() {
    return this.gateway.metrics();
  }

  resetMetrics() {
    this.gateway.resetMetrics();
  }

  async load(): Promise<StoredJudgement | undefined> {
    this.loaded = undefined;
    const item = await this.gateway.get(keys.judgementHead());
    if (!item) return undefined;
    const head = parseOrThrow(HeadSchema, item, 'judgement head');
    const [chunks, entries] = await Promise.all([
      this.gateway.queryPartition(PK.judgement, `SRC#${head.runId}#`),
      this.gateway.queryPartitions(ALL_OBLIGATION_SHARDS.map(PK.obligationJudgement)),
    ]);
    const sources = new Map<string, JudgedSource>();
    for (const chunk of chunks)
      for (const [id, state] of parseOrThrow(
        SourceChunkSchema,
        unpack(chunk.body),
        `judged sources ${chunk.sk}`,
      ))
        sources.set(id, state);
    // Chunks expired (no sweep for weeks): the head alone, so the next save still commits over it,
    // and nothing else is trusted: every source is read and every obligation judged again.
    const whole = chunks.length === head.chunks;
    if (!whole) sources.clear();
    const byObligation = new Map<string, ObligationJudgement>();
    const ownerOf = new Map<string, string>();
    for (const entry of entries) {
      const id = String(entry.sk);
      const runId = String(entry.runId);
      ownerOf.set(id, runId);
      if (!whole || !Object.hasOwn(head.owners, runId) || entry.body === undefined) continue;
      byObligation.set(id, parseOrThrow(ObligationJudgementSchema, unpack(entry.body), `judgement of ${id}`));
    }
    // Without its chunks no stored obligation stands, now or after the next save.
    this.loaded = { head: whole ? head : { ...head, owners: {} }, ownerOf };
    return {
      head: { runId: head.runId, asOf: head.asOf, cutoff: head.cutoff, config: head.config },
      sources,
      byObligation,
    };
  }

  async save(next: JudgementSave, previous: JudgementHead | undefined): Promise<boolean> {
    const runId = next.head.runId;
    const chunks = sourceChunks([...next.sources]);
    // Superseded chunks are never deleted (no task may delete): they expire. A head left unused
    // longer than that loses its chunks, and the next sweep judges everything once.
    const expiresAt = Math.floor(Date.now() / 1000) + JUDGED_SOURCES_TTL_DAYS * 86_400;
    await this.gateway.batchPut(
      chunks.map((body, n) => ({
        ...keys.judgedSources(runId, n),
        itemType: 'judged-sources',
        body,
        expiresAt,
      })),
    );
    const known = this.loaded && this.loaded.head.runId === previous?.runId ? this.loaded : undefined;
    const owners: Record<string, number> = { ...(known?.head.owners ?? {}) };
    const items: Item[] = [];
    for (const [obligationId, judgement] of next.written) {
      const before = known?.ownerOf.get(obligationId);
      if (before && owners[before] !== undefined) owners[before] -= 1;
      const body = Buffer.from(pack(judgement));
      // Too large to keep: a tombstone, so the judgement it replaces is not trusted either.
      items.push({
        ...keys.obligationJudgement(obligationId),
        itemType: 'obligation-judgement',
        runId,
        ...(body.length <= JUDGEMENT_ITEM_BYTES ? { body } : { tooLarge: true }),
      });
    }
    await this.gateway.batchPut(items);
    owners[runId] = (owners[runId] ?? 0) + next.written.size;
    for (const [id, count] of Object.entries(owners)) if (count <= 0) delete owners[id];
    const committed = await this.gateway.put(
      { ...keys.judgementHead(), itemType: 'judgement-head', ...next.head, chunks: chunks.length, owners },
      previous
        ? {
            ConditionExpression: '#runId = :previous',
            ExpressionAttributeNames: { '#runId': 'runId' },
            ExpressionAttributeValues: { ':previous': previous.runId },
          }
        : { ConditionExpression: 'attribute_not_exists(pk)' },
    );
    this.loaded = undefined;
    return committed;
  }
}

/** Sources in gzip'd chunks each under the item limit; a source too large alone drops its kept documents. */
function sourceChunks(entries: [string, JudgedSource][]): Uint8Array[] {
  if (entries.length === 0) return [];
  const body = pack(entries);
  if (body.length <= JUDGEMENT_ITEM_BYTES) return [body];
  if (entries.length === 1) {
    const [id, state] = entries[0]!;
    return [pack([[id, { ...state, privacy: null }]])];
  }
  const half = Math.ceil(entries.length / 2);
  return [...sourceChunks(entries.slice(0, half)), ...sourceChunks(entries.slice(half))];
}
