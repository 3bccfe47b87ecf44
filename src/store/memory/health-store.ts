/** Health checks and crawl runs in memory, listed in the DynamoDB store's order. */
import type { IsoDate } from '../../core/dates';
import { parseOrThrow } from '../../core/validation';
import { keys } from '../dynamo/keys';
import type { CrawlRun, HealthCheck, HealthStore } from '../ports';
import { CrawlRunSchema, HealthCheckSchema } from '../record-schemas';
import { SortedItems } from './sorted-items';

export class MemoryHealthStore implements HealthStore {
  private readonly checks = new SortedItems<HealthCheck>();
  private readonly runs = new SortedItems<CrawlRun>();

  async recordCheck(check: HealthCheck): Promise<void> {
    await this.recordChecks([check]);
  }

  async recordChecks(input: HealthCheck[]): Promise<void> {
    const checks = input.map((c, i) => parseOrThrow(HealthCheckSchema, c, `health checks[${i}]`));
    for (const check of checks) this.checks.set(itemKey(keys.health(check)), check);
  }

  /** `to` is inclusive as a prefix, as in the DynamoDB store: a date means that whole day. */
  async listChecks(sourceId: string, range: { from?: string; to?: string } = {}): Promise<HealthCheck[]> {
    return this.checks
      .list(`${keys.health({ sourceId, checkedAt: '', url: '' }).pk}|`)
      .filter(
        (c) =>
          (range.from === undefined || c.checkedAt >= range.from) &&
          (range.to === undefined || c.checkedAt <= range.to || c.checkedAt.startsWith(range.to)),
      );
  }

  async putRun(input: CrawlRun): Promise<void> {
    const run = parseOrThrow(CrawlRunSchema, input, 'crawl run');
    this.runs.set(`${run.asOf}#${run.sourceId}#${run.runId}`, run);
  }

  async listRuns(filter: { sourceId?: string; asOf?: IsoDate } = {}): Promise<CrawlRun[]> {
    return this.runs
      .list(filter.asOf === undefined ? '' : `${filter.asOf}#`)
      .filter((run) => filter.sourceId === undefined || run.sourceId === filter.sourceId);
  }
}

/** One string per table key, sorting as DynamoDB sorts within a partition. */
export function itemKey(key: { pk: string; sk: string }): string {
  return `${key.pk}|${key.sk}`;
}
