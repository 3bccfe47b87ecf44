import { parseOrThrow } from '../../core/validation';
/**
 * Flags, sharded by obligation (`FLAG#<shard>`, sort key `<obligationId>#<periodKey>`). Notify reads
 * the unnotified ones right after RaiseFlags wrote them, so they are read with consistent Queries of
 * the shards, not a GSI.
 */
import {
  type Flag,
  FlagNotFoundError,
  type FlagStore,
  type NotifyClaim,
  type ObligationFilter,
} from '../ports';
import { FlagSchema } from '../record-schemas';
import type { DynamoGateway } from './gateway';
import { fromItem, toItem } from './items';
import { keys, PK } from './keys';
import type { Metered } from './metrics';
import { type FlagMigrationReport, migrateFlags } from './migrate-flags';
import { queryByObligation } from './obligation-shards';

export class DynamoFlagStore implements FlagStore, Metered {
  constructor(private readonly gateway: DynamoGateway) {}

  metrics() {
    return this.gateway.metrics();
  }

  resetMetrics() {
    this.gateway.resetMetrics();
  }

  /** Moves flags of a table written before sharding to their shards (src/store/dynamo/migrate-flags.ts). */
  migrateOldLayout(options: { dryRun?: boolean } = {}): Promise<FlagMigrationReport> {
    return migrateFlags(this.gateway, options);
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

  async listFlags(filter: ObligationFilter = {}): Promise<Flag[]> {
    return (await queryByObligation(this.gateway, PK.flag, filter.obligationIds)).map((item) =>
      fromItem(FlagSchema, item),
    );
  }

  async listUnnotified(): Promise<Flag[]> {
    const items = await queryByObligation(this.gateway, PK.flag, undefined, {
      FilterExpression: 'attribute_not_exists(#notifiedAt)',
      ExpressionAttributeNames: { '#notifiedAt': 'notifiedAt' },
    });
    return items.map((item) => fromItem(FlagSchema, item));
  }

  /**
   * Conditional on notifiedAt being unset and no other sweep holding a live claim: of two racing
   * Notify steps one publishes the flag; a retry of the same sweep, or any sweep after the claim
   * lapsed, may claim it again.
   */
  async claimForNotify(obligationId: string, periodKey: string, claim: NotifyClaim): Promise<boolean> {
    const result = await this.gateway.update(keys.flag(obligationId, periodKey), {
      UpdateExpression: 'SET #claimRun = :run, #claimUntil = :until',
      ConditionExpression:
        'attribute_exists(pk) AND attribute_not_exists(#notifiedAt) AND ' +
        '(attribute_not_exists(#claimUntil) OR #claimRun = :run OR #claimUntil < :at)',
      ExpressionAttributeNames: {
        '#notifiedAt': 'notifiedAt',
        '#claimRun': 'notifyClaimRun',
        '#claimUntil': 'notifyClaimUntil',
      },
      ExpressionAttributeValues: { ':run': claim.runId, ':until': claim.until, ':at': claim.at },
    });
    if (result.ok) return true;
    if (!result.old) throw new FlagNotFoundError(`no flag for ${obligationId} ${periodKey}`);
    return false;
  }

  /** Conditional on notifiedAt being unset: the first publication's time stays. */
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
