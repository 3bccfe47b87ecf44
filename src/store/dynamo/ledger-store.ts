import { parseOrThrow } from '../../core/validation';
/**
 * The append-only ledger. Entries sort by time within `LEDGER#<type>`; a guard item `LEDGERID/<id>`
 * written in the same transaction makes ids unique across all types and times, so an entry can
 * never be overwritten, only refused.
 */
import type { LedgerEntry, LedgerStore } from '../ports';
import { LedgerEntrySchema } from '../record-schemas';
import type { DynamoGateway } from './gateway';
import { fromItem, toItem } from './items';
import { keys, PK } from './keys';
import type { Metered } from './metrics';

export class DynamoLedgerStore implements LedgerStore, Metered {
  constructor(private readonly gateway: DynamoGateway) {}

  metrics() {
    return this.gateway.metrics();
  }

  resetMetrics() {
    this.gateway.resetMetrics();
  }

  async append(input: LedgerEntry): Promise<boolean> {
    const entry = parseOrThrow(LedgerEntrySchema, input, 'ledger entry');
    const entryKey = keys.ledger(entry);
    const notThere = { ConditionExpression: 'attribute_not_exists(pk)' };
    return this.gateway.transactPut([
      {
        item: {
          ...keys.ledgerId(entry.id),
          itemType: 'ledger-id',
          entryPk: entryKey.pk,
          entrySk: entryKey.sk,
        },
        ...notThere,
      },
      { item: toItem(entryKey, 'ledger-entry', entry), ...notThere },
    ]);
  }

  async list<T extends LedgerEntry['type']>(type: T): Promise<Extract<LedgerEntry, { type: T }>[]> {
    const items = await this.gateway.queryPartition(PK.ledger(type));
    return items.map((item) => fromItem(LedgerEntrySchema, item)) as Extract<LedgerEntry, { type: T }>[];
  }
}
