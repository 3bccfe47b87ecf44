import { parseOrThrow } from '../../core/validation';
/**
 * Latest verdict per obligation-period (partitions `VERDICT#<shard>`, by obligation) and one summary
 * per sweep (partition `SUMMARY`). putVerdicts reads the stored verdicts of the obligations it is
 * given and writes only what changed.
 */
import type { ObligationFilter, StoredVerdict, SweepSummary, VerdictStore } from '../ports';
import { StoredVerdictSchema, SweepSummarySchema } from '../record-schemas';
import type { DynamoGateway } from './gateway';
import { fromItem, sameRecord, toItem } from './items';
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

  /** One item per (asOf, runId): a re-run sweep overwrites its own summary with the same counts. */
  async putSummary(input: SweepSummary): Promise<void> {
    const summary = parseOrThrow(SweepSummarySchema, input, 'sweep summary');
    await this.gateway.put(toItem(keys.summary(summary.asOf, summary.runId), 'summary', summary));
  }

  async listSummaries(): Promise<SweepSummary[]> {
    return (await this.gateway.queryPartition(PK.summary)).map((item) => fromItem(SweepSummarySchema, item));
  }
}
