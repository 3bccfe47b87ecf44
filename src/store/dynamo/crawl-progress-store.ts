/**
 * A sweep's crawl work in the table: one item per shard (`SHARD#<runId>`, its source ids) and one
 * cursor per source and sweep (`CURSOR#<sourceId>` / `<runId>`). Both are working state, not
 * audit trail: they carry `expiresAt` so DynamoDB removes them once no retry can need them.
 */
import { z } from 'zod';
import { parseOrThrow } from '../../core/validation';
import type { CrawlCursor, CrawlProgressStore } from '../ports';
import { CrawlCursorSchema } from '../record-schemas';
import type { DynamoGateway } from './gateway';
import { fromItem, toItem } from './items';
import { keys } from './keys';
import type { Metered } from './metrics';

/** How long shards and cursors are kept: far past any sweep's execution (Step Functions' 1 year is not needed). */
export const CRAWL_PROGRESS_TTL_DAYS = 30;

const ShardItemSchema = z.object({ sourceIds: z.array(z.string().min(1)) });

/** Epoch seconds (wall clock: a simulated run's clock may stand in the past) when the item may go. */
function expiresAt(): number {
  return Math.floor(Date.now() / 1000) + CRAWL_PROGRESS_TTL_DAYS * 86_400;
}

export class DynamoCrawlProgressStore implements CrawlProgressStore, Metered {
  constructor(private readonly gateway: DynamoGateway) {}

  metrics() {
    return this.gateway.metrics();
  }

  resetMetrics() {
    this.gateway.resetMetrics();
  }

  async putShards(runId: string, shards: readonly (readonly string[])[]): Promise<void> {
    const expires = expiresAt();
    await this.gateway.batchPut(
      shards.map((sourceIds, i) =>
        toItem(keys.shard(runId, i), 'crawl-shard', { sourceIds: [...sourceIds] }, { expiresAt: expires }),
      ),
    );
  }

  async getShard(runId: string, shard: number): Promise<string[] | undefined> {
    const item = await this.gateway.get(keys.shard(runId, shard));
    return item ? fromItem(ShardItemSchema, item).sourceIds : undefined;
  }

  async getCursor(runId: string, sourceId: string): Promise<CrawlCursor | undefined> {
    const item = await this.gateway.get(keys.cursor(runId, sourceId));
    return item ? fromItem(CrawlCursorSchema, item) : undefined;
  }

  async putCursor(input: CrawlCursor): Promise<void> {
    const cursor = parseOrThrow(CrawlCursorSchema, input, 'crawl cursor');
    await this.gateway.put(
      toItem(keys.cursor(cursor.runId, cursor.sourceId), 'crawl-cursor', cursor, { expiresAt: expiresAt() }),
    );
  }
}
