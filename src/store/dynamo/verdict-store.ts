import { parseOrThrow } from '../../core/validation';
/**
 * Latest verdict per obligation-period (partitions `VERDICT#<shard>`, by obligation) and one summary
 * per sweep (partition `SUMMARY`). putVerdicts reads the stored verdicts of the obligations it is
 * given and writes only what changed.
 */
import type { ObligationFilter, StoredVerdict, SweepSummary, VerdictStore } from '../ports';
import { StoredVerdictSchema, SweepSummarySchema } from '../record-schemas';
import type { DynamoGateway } from './gateway';
import { fromItem, itemBytes, sameRecord, toItem } from './items';
import { keys, PK } from './keys';
import type { Metered } from './metrics';
import { queryByObligation } from './obligation-shards';

/**
 * What makes a verdict "changed": its kind, due date, evidence or forecast. `asOf` is left out on
 * purpose: it moves every sweep, and the stored one then says since when the verdict has stood.
 * So are the reasons: many name the sweep date or count the checks so far ("due 2016-07-31, 12
 * working days after 2016-07-11"), which would rewrite half the stored verdicts every week for no
 * change of judgement; the stored reasons are those of the sweep that reached the judgement, true
 * as of the stored `asOf`. The report is built from the sweep's own judgement, with today's reasons.
 */
export function judgement(v: StoredVerdict) {
  return { kind: v.kind, due: v.due, evidenceUrls: v.evidenceUrls, forecast: v.forecast };
}

export class DynamoVerdictStore implements VerdictStore, Metered {
  constructor(private readonly gateway: DynamoGateway) {}

  metrics() {
    return this.gateway.metrics();
  }

  resetMetrics() {
    this.gateway.resetMetrics();
  }

  async putVerdicts(input: StoredVerdict[]): Promise<number> {
    const latest = new Map<string, StoredVerdict>();
    input.forEach((item, index) => {
      const verdict = parseOrThrow(StoredVerdictSchema, item, `verdicts[${index}]`);
      latest.set(keys.verdict(verdict.obligationId, verdict.periodKey).sk, verdict);
    });
    if (latest.size === 0) return 0;
    // Only the obligations being written are read: a Query per obligation, or per shard when many
    // (far less than a GetItem per verdict).
    const obligationIds = [...new Set([...latest.values()].map((v) => v.obligationId))];
    const stored = new Map(
      (await queryByObligation(this.gateway, PK.verdict, obligationIds)).map((item) => [
        String(item.sk),
        fromItem(StoredVerdictSchema, item),
      ]),
    );
    const changed = [...latest.entries()].filter(([sk, verdict]) => {
      const before = stored.get(sk);
      return !before || !sameRecord(judgement(before), judgement(verdict));
    });
    await this.gateway.batchPut(
      changed.map(([, v]) => toItem(keys.verdict(v.obligationId, v.periodKey), 'verdict', v)),
    );
    return changed.length;
  }

  async listVerdicts(filter: ObligationFilter = {}): Promise<StoredVerdict[]> {
    return (await queryByObligation(this.gateway, PK.verdict, filter.obligationIds)).map((item) =>
      fromItem(StoredVerdictSchema, item),
    );
  }

  /**
   * One head item per (asOf, runId) in `SUMMARY` (counts, groups, how many unit chunks), and the
   * counts per unit in chunks under `SUMMARY#<asOf>#<runId>`, each under 300 KB whatever the
   * number of units: a province's summary would pass DynamoDB's 400 KB item limit near 9,500 units
   * in one item. Chunks are written first and the head last, so a reader never finds a head whose
   * chunks are not all there; a re-run sweep overwrites its own summary.
   */
  async putSummary(input: SweepSummary): Promise<void> {
    const { byUnit, ...summary } = parseOrThrow(SweepSummarySchema, input, 'sweep summary');
    const chunks = unitChunks(byUnit);
    await this.gateway.batchPut(
      chunks.map((units, n) =>
        toItem(keys.summaryUnits(summary.asOf, summary.runId, n), 'summary-units', { byUnit: units }),
      ),
    );
    await this.gateway.put(
      toItem(keys.summary(summary.asOf, summary.runId), 'summary', summary, { unitChunks: chunks.length }),
    );
  }

  /** Every summary in (asOf, runId) order: the heads in one Query, their unit chunks in BatchGetItems. */
  async listSummaries(): Promise<SweepSummary[]> {
    const heads = await this.gateway.queryPartition(PK.summary);
    const wanted = heads.flatMap((head) =>
      Array.from({ length: Number(head.unitChunks ?? 0) }, (_, n) =>
        keys.summaryUnits(String(head.asOf), String(head.runId), n),
      ),
    );
    const chunks = new Map(
      (await this.gateway.batchGet(wanted)).map((item) => [`${item.pk}\u0000${item.sk}`, item]),
    );
    return heads.map((head) => {
      // Summaries written before the split keep their units in the head.
      if (head.unitChunks === undefined) return fromItem(SweepSummarySchema, head);
      const byUnit: Record<string, unknown> = {};
      for (let n = 0; n < Number(head.unitChunks); n++) {
        const key = keys.summaryUnits(String(head.asOf), String(head.runId), n);
        const chunk = chunks.get(`${key.pk}\u0000${key.sk}`);
        if (!chunk) throw new Error(`sweep summary ${key.pk}: unit chunk ${key.sk} is missing`);
        Object.assign(byUnit, chunk.byUnit);
      }
      const { unitChunks: _, ...rest } = head;
      return fromItem(SweepSummarySchema, { ...rest, byUnit });
    });
  }
}

/** Bytes of unit counts per chunk item: far under 400 KB with the key and attributes around them. */
export const SUMMARY_CHUNK_BYTES = 300_000;

/** The counts per unit in chunks of at most SUMMARY_CHUNK_BYTES each (sized as DynamoDB sizes items). */
export function unitChunks(byUnit: SweepSummary['byUnit']): SweepSummary['byUnit'][] {
  const chunks: SweepSummary['byUnit'][] = [];
  let chunk: SweepSummary['byUnit'] = {};
  let bytes = 0;
  for (const [unit, counts] of Object.entries(byUnit)) {
    const size = itemBytes({ [unit]: counts });
    if (bytes > 0 && bytes + size > SUMMARY_CHUNK_BYTES) {
      chunks.push(chunk);
      chunk = {};
      bytes = 0;
    }
    chunk[unit] = counts;
    bytes += size;
  }
  if (bytes > 0) chunks.push(chunk);
  return chunks;
}
