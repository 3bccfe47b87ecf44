/**
 * The sources that have per-source partitions (documents, health checks, runs). Listing "all
 * documents" or "all runs of a date" reads this small partition first and then each source's own,
 * all strongly consistent; a GSI would have been eventually consistent.
 */
import type { DynamoGateway } from './gateway';
import { keys, PK } from './keys';

export class SourceRegistry {
  private readonly known = new Set<string>();

  constructor(private readonly gateway: DynamoGateway) {}

  /** Registers a source once per process: a read when unknown, a write only the first time ever. */
  async ensure(sourceId: string): Promise<void> {
    if (this.known.has(sourceId)) return;
    const existing = await this.gateway.get(keys.source(sourceId));
    if (!existing) {
      await this.gateway.put(
        { ...keys.source(sourceId), itemType: 'source', sourceId },
        { ConditionExpression: 'attribute_not_exists(pk)' },
      );
    }
    this.known.add(sourceId);
  }

  /**
   * Moves the source's document counter (`docVersion`) after a write made one of its documents new
   * or changed: one UpdateItem per write, on a small item, so a sweep's judging can tell which
   * sources' documents it must read again without reading them.
   */
  async bump(sourceId: string): Promise<void> {
    await this.gateway.update(keys.source(sourceId), {
      UpdateExpression: 'SET #itemType = :itemType, #sourceId = :sourceId ADD #docVersion :one',
      ExpressionAttributeNames: {
        '#itemType': 'itemType',
        '#sourceId': 'sourceId',
        '#docVersion': 'docVersion',
      },
      ExpressionAttributeValues: { ':itemType': 'source', ':sourceId': sourceId, ':one': 1 },
    });
    this.known.add(sourceId);
  }

  /** Every registered source's document counter (0 before its first counted write). */
  async versions(): Promise<Map<string, number>> {
    const items = await this.gateway.queryPartition(PK.source);
    return new Map(items.map((item) => [String(item.sourceId), Number(item.docVersion ?? 0)]));
  }

  async list(): Promise<string[]> {
    const items = await this.gateway.queryPartition(PK.source);
    const ids = items.map((item) => String(item.sourceId));
    for (const id of ids) this.known.add(id);
    return ids;
  }
}
