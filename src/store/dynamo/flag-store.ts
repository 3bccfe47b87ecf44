import { parseOrThrow } from '../../core/validation';
/**
 * Flags, one partition (`FLAG`, sort key `<obligationId>#<periodKey>`). Notify reads the unnotified
 * ones right after RaiseFlags wrote them, so they are read with a consistent Query, not a GSI.
 */
import { type Flag, FlagNotFoundError, type FlagStore } from '../ports';
import { FlagSchema } from '../record-schemas';
import type { DynamoGateway } from './gateway';
import { fromItem, toItem } from './items';
import { keys, PK } from './keys';
import type { Metered } from './metrics';

export class DynamoFlagStore implements FlagStore, Metered {
  constructor(private readonly gateway: DynamoGateway) {}

  metrics() {
    return this.gateway.metrics();
  }

  resetMetrics() {
    this.gateway.resetMetrics();
  }

  /** `attribute_not_exists(pk)`: of any number of concurrent sweeps, exactly one raises the flag. */
  async raiseFlag(input: Flag): Promise<boolean> {
    const flag = parseOrThrow(FlagSchema, input, 'flag');
    return this.gateway.put(toItem(keys.flag(flag.obligationId, flag.periodKey), 'flag', flag), {
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  }

  /** Sets the status and appends to the history; throws FlagNotFoundError for a flag never raised. */
  async updateFlagStatus(
    obligationId: string,
    periodKey: string,
    status: Flag['status'],
    note: string,
    at: string,
  ): Promise<void> {
    const entry = parseOrThrow(FlagSchema.shape.history.element, { at, status, note }, 'flag status');
    const result = await this.gateway.update(keys.flag(obligationId, periodKey), {
      UpdateExpression: 'SET #status = :status, #history = list_append(#history, :entry)',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#status': 'status', '#history': 'history' },
      ExpressionAttributeValues: { ':status': entry.status, ':entry': [entry] },
    });
    if (!result.ok) throw new FlagNotFoundError(`no flag for ${obligationId} ${periodKey}`);
  }

  async listFlags(): Promise<Flag[]> {
    return (await this.gateway.queryPartition(PK.flag)).map((item) => fromItem(FlagSchema, item));
  }

  async listUnnotified(): Promise<Flag[]> {
    const items = await this.gateway.queryPartition(PK.flag, undefined, {
      FilterExpression: 'attribute_not_exists(#notifiedAt)',
      ExpressionAttributeNames: { '#notifiedAt': 'notifiedAt' },
    });
    return items.map((item) => fromItem(FlagSchema, item));
  }

  /** Conditional on notifiedAt being unset, so two racing Notify steps cannot both claim the flag. */
  async markNotified(obligationId: string, periodKey: string, at: string): Promise<boolean> {
    const result = await this.gateway.update(keys.flag(obligationId, periodKey), {
      UpdateExpression: 'SET #notifiedAt = :at',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#notifiedAt)',
      ExpressionAttributeNames: { '#notifiedAt': 'notifiedAt' },
      ExpressionAttributeValues: { ':at': at },
    });
    if (result.ok) return true;
    if (!result.old) throw new FlagNotFoundError(`no flag for ${obligationId} ${periodKey}`);
    return false;
  }
}
