/** Latest verdicts and per-sweep summaries in memory; a verdict is rewritten only when its judgement changed. */
import { parseOrThrow } from '../../core/validation';
import { sameRecord } from '../dynamo/items';
import { keys } from '../dynamo/keys';
import { judgement } from '../dynamo/verdict-store';
import type { ObligationFilter, StoredVerdict, SweepSummary, VerdictStore } from '../ports';
import { StoredVerdictSchema, SweepSummarySchema } from '../record-schemas';
import { byObligation, SortedItems } from './sorted-items';

export class MemoryVerdictStore implements VerdictStore {
  private readonly verdicts = new SortedItems<StoredVerdict>();
  private readonly summaries = new SortedItems<SweepSummary>();

  async putVerdicts(input: StoredVerdict[]): Promise<number> {
    const latest = new Map<string, StoredVerdict>();
    input.forEach((item, i) => {
      const verdict = parseOrThrow(StoredVerdictSchema, item, `verdicts[${i}]`);
      latest.set(keys.verdict(verdict.obligationId, verdict.periodKey).sk, verdict);
    });
    let written = 0;
    for (const [key, verdict] of latest) {
      const before = this.verdicts.get(key);
      if (before && sameRecord(judgement(before), judgement(verdict))) continue;
      this.verdicts.set(key, verdict);
      written += 1;
    }
    return written;
  }

  async listVerdicts(filter: ObligationFilter = {}): Promise<StoredVerdict[]> {
    return byObligation(this.verdicts, filter);
  }

  async putSummary(input: SweepSummary): Promise<void> {
    const summary = parseOrThrow(SweepSummarySchema, input, 'sweep summary');
    this.summaries.set(keys.summary(summary.asOf, summary.runId).sk, summary);
  }

  async listSummaries(): Promise<SweepSummary[]> {
    return this.summaries.list();
  }
}
