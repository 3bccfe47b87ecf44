/** The append-only ledger in memory: ids are unique across types, an entry is never overwritten. */
import { parseOrThrow } from '../../core/validation';
import { keys } from '../dynamo/keys';
import type { LedgerEntry, LedgerStore } from '../ports';
import { LedgerEntrySchema } from '../record-schemas';
import { itemKey } from './health-store';
import { SortedItems } from './sorted-items';

export class MemoryLedgerStore implements LedgerStore {
  private readonly entries = new SortedItems<LedgerEntry>();
  private readonly ids = new Set<string>();

  async append(input: LedgerEntry): Promise<boolean> {
    const entry = parseOrThrow(LedgerEntrySchema, input, 'ledger entry');
    if (this.ids.has(entry.id)) return false;
    this.ids.add(entry.id);
    this.entries.set(itemKey(keys.ledger(entry)), entry);
    return true;
  }

  async list<T extends LedgerEntry['type']>(type: T): Promise<Extract<LedgerEntry, { type: T }>[]> {
    const prefix = `${keys.ledger({ type, at: '', id: '' }).pk}|`;
    return this.entries.list(prefix) as Extract<LedgerEntry, { type: T }>[];
  }
}
