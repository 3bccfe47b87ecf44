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

/** Keys a store instance remembers as stored; past this it forgets them all and asks again. */
const KNOWN_KEYS_LIMIT = 250_000;

export class DynamoEvidenceStore implements EvidenceStore, Metered {
  /**
   * Evidence keys this instance has seen stored. Evidence is never deleted or rewritten (the first
   * record of a key wins), so a key once stored stays stored: later sweeps of the same process (the
   * local runner's year, a warm Lambda) do not ask DynamoDB about it again.
   */
  private readonly known = new Set<string>();

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
    for (const sk of unique.keys()) if (this.known.has(sk)) unique.delete(sk);
    const existing = await this.gateway.batchGet(
      [...unique.values()].map((u) => u.key),
      ['pk', 'sk'],
    );
    for (const item of existing) {
      unique.delete(String(item.sk));
      this.remember(String(item.sk));
    }
    const written = await mapLimit([...unique.values()], 8, async ({ key, evidence }) => {
      const stored = await this.gateway.put(toItem(key, 'evidence', evidence), {
        ConditionExpression: 'attribute_not_exists(pk)',
      });
      this.remember(key.sk);
      return stored;
    });
    return written.filter(Boolean).length;
  }

  private remember(sk: string): void {
    if (this.known.size >= KNOWN_KEYS_LIMIT) this.known.clear();
    this.known.add(sk);
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
