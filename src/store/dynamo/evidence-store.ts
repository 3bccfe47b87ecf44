/**
 * Evidence, sharded by obligation (`EVID#<shard>`), sorted by obligation, period, kind and URL
 * within a shard. Readers read it right after Match wrote it, so with strongly consistent Queries.
 */
import { type Evidence, EvidenceSchema } from '../../core/evidence';
import { parseOrThrow } from '../../core/validation';
import type { EvidenceStore } from '../ports';
import type { DynamoGateway } from './gateway';
import { fromItem, mapLimit, toItem } from './items';
import { type ItemKey, keys, PK } from './keys';
import type { Metered } from './metrics';
import { queryByObligation } from './obligation-shards';

export class DynamoEvidenceStore implements EvidenceStore, Metered {
  constructor(private readonly gateway: DynamoGateway) {}

  metrics() {
    return this.gateway.metrics();
  }

  resetMetrics() {
    this.gateway.resetMetrics();
  }

  /**
   * Looks up which keys exist (one BatchGetItem per 100, reads only), then writes each new item with
   * `attribute_not_exists(pk)`, so a racing sweep cannot count the same evidence as new twice and
   * existing evidence costs no write. The first record of a key wins.
   */
  async putEvidence(items: Evidence[]): Promise<number> {
    const unique = new Map<string, { key: ItemKey; evidence: Evidence }>();
    items.forEach((item, index) => {
      const evidence = parseOrThrow(EvidenceSchema, item, `evidence[${index}]`);
      const key = keys.evidence(evidence);
      if (!unique.has(key.sk)) unique.set(key.sk, { key, evidence });
    });
    const existing = await this.gateway.batchGet(
      [...unique.values()].map((u) => u.key),
      ['pk', 'sk'],
    );
    for (const item of existing) unique.delete(String(item.sk));
    const written = await mapLimit([...unique.values()], 8, ({ key, evidence }) =>
      this.gateway.put(toItem(key, 'evidence', evidence), {
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return written.filter(Boolean).length;
  }

  async listEvidence(filter: { obligationId?: string } = {}): Promise<Evidence[]> {
    const items = await queryByObligation(
      this.gateway,
      PK.evidence,
      filter.obligationId === undefined ? undefined : [filter.obligationId],
    );
    return items.map((item) => fromItem(EvidenceSchema, item));
  }
}
