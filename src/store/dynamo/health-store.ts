/**
 * Health checks and crawl runs, each in its source's partition: checks sorted by time (a range is
 * one Query), runs sorted by sweep date then run id.
 */
import type { IsoDate } from '../../core/dates';
import { parseOrThrow } from '../../core/validation';
import type { CrawlRun, HealthCheck, HealthStore } from '../ports';
import { CrawlRunSchema, HealthCheckSchema } from '../record-schemas';
import type { DynamoGateway } from './gateway';
import { fromItem, mapLimit, toItem } from './items';
import { keys, PK, prefixUpperBound } from './keys';
import type { Metered } from './metrics';
import type { SourceRegistry } from './source-registry';

export interface HealthStoreOptions {
  /**
   * When set, each check carries `expiresAt` = checkedAt + this many days and DynamoDB's TTL
   * removes it afterwards. Off by default: simulated runs on past dates would expire at once.
   */
  healthRetentionDays?: number;
}

export class DynamoHealthStore implements HealthStore, Metered {
  constructor(
    private readonly gateway: DynamoGateway,
    private readonly sources: SourceRegistry,
    private readonly options: HealthStoreOptions = {},
  ) {}

  metrics() {
    return this.gateway.metrics();
  }

  resetMetrics() {
    this.gateway.resetMetrics();
  }

  async recordCheck(input: HealthCheck): Promise<void> {
    await this.recordChecks([input]);
  }

  /** Writes a crawl's checks together (one BatchWriteItem per 25), after validating every one. */
  async recordChecks(input: HealthCheck[]): Promise<void> {
    const checks = input.map((c, i) => parseOrThrow(HealthCheckSchema, c, `health checks[${i}]`));
    for (const sourceId of new Set(checks.map((c) => c.sourceId))) await this.sources.ensure(sourceId);
    const items = checks.map((check) => {
      const extra: Record<string, unknown> = {};
      const checkedMs = Date.parse(check.checkedAt);
      if (this.options.healthRetentionDays !== undefined && Number.isFinite(checkedMs)) {
        extra.expiresAt = Math.floor(checkedMs / 1000) + this.options.healthRetentionDays * 86_400;
      }
      return toItem(keys.health(check), 'health-check', check, extra);
    });
    if (items.length === 1) await this.gateway.put(items[0]!);
    else if (items.length > 1) await this.gateway.batchPut(items);
  }

  /** Checks of a source with `from` ≤ checkedAt and checkedAt ≤ `to` (`to` inclusive as a prefix: a date means that whole day). */
  async listChecks(sourceId: string, range: { from?: string; to?: string } = {}): Promise<HealthCheck[]> {
    const bounds: string[] = [];
    const values: Record<string, unknown> = {};
    if (range.from !== undefined) {
      bounds.push('#sk >= :from');
      values[':from'] = range.from;
    }
    if (range.to !== undefined) {
      bounds.push('#sk <= :to');
      values[':to'] = prefixUpperBound(range.to);
    }
    const keyCondition =
      bounds.length === 2
        ? '#pk = :pk AND #sk BETWEEN :from AND :to'
        : ['#pk = :pk', ...bounds].join(' AND ');
    const items = await this.gateway.queryAll({
      KeyConditionExpression: keyCondition,
      ExpressionAttributeNames: { '#pk': 'pk', ...(bounds.length > 0 ? { '#sk': 'sk' } : {}) },
      ExpressionAttributeValues: { ':pk': PK.health(sourceId), ...values },
    });
    return items.map((item) => fromItem(HealthCheckSchema, item));
  }

  async putRun(input: CrawlRun): Promise<void> {
    const run = parseOrThrow(CrawlRunSchema, input, 'crawl run');
    await this.sources.ensure(run.sourceId);
    await this.gateway.put(toItem(keys.run(run), 'crawl-run', run));
  }

  async listRuns(filter: { sourceId?: string; asOf?: IsoDate } = {}): Promise<CrawlRun[]> {
    const sourceIds = filter.sourceId ? [filter.sourceId] : await this.sources.list();
    const prefix = filter.asOf === undefined ? undefined : `${filter.asOf}#`;
    const perSource = await mapLimit(sourceIds, 8, (id) => this.gateway.queryPartition(PK.run(id), prefix));
    return perSource
      .flat()
      .map((item) => fromItem(CrawlRunSchema, item))
      .sort(
        (a, b) =>
          a.asOf.localeCompare(b.asOf) ||
          a.sourceId.localeCompare(b.sourceId) ||
          a.runId.localeCompare(b.runId),
      );
  }
}
