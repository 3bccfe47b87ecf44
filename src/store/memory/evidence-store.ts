/** Evidence in memory: the first record of a key wins, as in the DynamoDB store. */
import { type Evidence, EvidenceSchema } from '../../core/evidence';
import { parseOrThrow } from '../../core/validation';
import { keys } from '../dynamo/keys';
import type { EvidenceStore } from '../ports';
import { SortedItems } from './sorted-items';

export class MemoryEvidenceStore implements EvidenceStore {
  private readonly items = new SortedItems<Evidence>();

  async putEvidence(input: Evidence[]): Promise<number> {
    const evidence = input.map((item, i) => parseOrThrow(EvidenceSchema, item, `evidence[${i}]`));
    let added = 0;
    for (const item of evidence) {
      const key = keys.evidence(item).sk;
      if (this.items.has(key)) continue;
      this.items.set(key, item);
      added += 1;
    }
    return added;
  }

  async listEvidence(filter: { obligationId?: string } = {}): Promise<Evidence[]> {
    return this.items.list(filter.obligationId === undefined ? '' : `${filter.obligationId}#`);
  }
}
