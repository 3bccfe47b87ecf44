/** The last judgement in memory, with the DynamoDB store's commit rule (a head planned from another is refused). */
import type { JudgementHead, JudgementSave, JudgementStore, StoredJudgement } from '../ports';

export class MemoryJudgementStore implements JudgementStore {
  private stored: StoredJudgement | undefined;

  async load(): Promise<StoredJudgement | undefined> {
    return this.stored ? structuredClone(this.stored) : undefined;
  }

  async save(next: JudgementSave, previous: JudgementHead | undefined): Promise<boolean> {
    if (this.stored?.head.runId !== previous?.runId) return false;
    const byObligation = new Map(this.stored?.byObligation ?? []);
    for (const [id, judgement] of next.written) byObligation.set(id, judgement);
    this.stored = structuredClone({ head: next.head, sources: next.sources, byObligation });
    return true;
  }
}
