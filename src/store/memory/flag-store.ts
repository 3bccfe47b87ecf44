/** Flags in memory, with the DynamoDB store's once-only raise and claim. */
import { parseOrThrow } from '../../core/validation';
import { keys } from '../dynamo/keys';
import type { Flag, FlagStore, NotifyClaim, ObligationFilter } from '../ports';
import { FlagNotFoundError } from '../ports';
import { FlagSchema } from '../record-schemas';
import { byObligation, SortedItems } from './sorted-items';

export class MemoryFlagStore implements FlagStore {
  private readonly flags = new SortedItems<Flag>();
  private readonly claims = new Map<string, NotifyClaim>();

  async claimForNotify(obligationId: string, periodKey: string, claim: NotifyClaim): Promise<boolean> {
    const flag = this.existing(obligationId, periodKey);
    if (flag.notifiedAt !== undefined) return false;
    const key = keys.flag(obligationId, periodKey).sk;
    const held = this.claims.get(key);
    if (held && held.runId !== claim.runId && held.until >= claim.at) return false;
    this.claims.set(key, claim);
    return true;
  }

  async raiseFlag(input: Flag): Promise<boolean> {
    const flag = parseOrThrow(FlagSchema, input, 'flag');
    const key = keys.flag(flag.obligationId, flag.periodKey).sk;
    if (this.flags.has(key)) return false;
    this.flags.set(key, flag);
    return true;
  }

  async updateFlagStatus(
    obligationId: string,
    periodKey: string,
    status: Flag['status'],
    note: string,
    at: string,
  ): Promise<void> {
    const entry = parseOrThrow(FlagSchema.shape.history.element, { at, status, note }, 'flag status');
    const flag = this.existing(obligationId, periodKey);
    this.store({ ...flag, status: entry.status, history: [...flag.history, entry] });
  }

  async listFlags(filter: ObligationFilter = {}): Promise<Flag[]> {
    return byObligation(this.flags, filter);
  }

  async listUnnotified(): Promise<Flag[]> {
    return this.flags.list().filter((flag) => flag.notifiedAt === undefined);
  }

  async markNotified(obligationId: string, periodKey: string, at: string): Promise<boolean> {
    const flag = this.existing(obligationId, periodKey);
    if (flag.notifiedAt !== undefined) return false;
    this.store({ ...flag, notifiedAt: at });
    return true;
  }

  private existing(obligationId: string, periodKey: string): Flag {
    const flag = this.flags.get(keys.flag(obligationId, periodKey).sk);
    if (!flag) throw new FlagNotFoundError(`no flag for ${obligationId} ${periodKey}`);
    return flag;
  }

  private store(flag: Flag): void {
    this.flags.set(keys.flag(flag.obligationId, flag.periodKey).sk, flag);
  }
}
