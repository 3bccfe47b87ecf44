/** A sweep's shards and crawl cursors in memory, validated as the DynamoDB adapter validates them. */
import { parseOrThrow } from '../../core/validation';
import type { CrawlCursor, CrawlProgressStore } from '../ports';
import { CrawlCursorSchema } from '../record-schemas';

export class MemoryCrawlProgressStore implements CrawlProgressStore {
  private readonly shards = new Map<string, string[]>();
  private readonly cursors = new Map<string, CrawlCursor>();

  async putShards(runId: string, shards: readonly (readonly string[])[]): Promise<void> {
    shards.forEach((ids, i) => {
      this.shards.set(`${runId}|${i}`, [...ids]);
    });
  }

  async getShard(runId: string, shard: number): Promise<string[] | undefined> {
    const ids = this.shards.get(`${runId}|${shard}`);
    return ids ? [...ids] : undefined;
  }

  async getCursor(runId: string, sourceId: string): Promise<CrawlCursor | undefined> {
    const cursor = this.cursors.get(`${runId}|${sourceId}`);
    return cursor ? structuredClone(cursor) : undefined;
  }

  async putCursor(input: CrawlCursor): Promise<void> {
    const cursor = parseOrThrow(CrawlCursorSchema, input, 'crawl cursor');
    this.cursors.set(`${cursor.runId}|${cursor.sourceId}`, structuredClone(cursor));
  }
}
