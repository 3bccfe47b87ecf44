/** A paused crawl's cursor stays within DynamoDB's item limit however long its columns' lists are. */
import { describe, expect, it } from 'vitest';
import { urlDigest } from '../../../src/crawl/source/list-progress';
import { boundCursor, firstCursor, MAX_CURSOR_BYTES } from '../../../src/crawl/source/pass-cursor';
import type { ColumnProgress } from '../../../src/store/ports';

function progress(columnId: string, items: number): ColumnProgress {
  return {
    columnId,
    first: { status: 200, latencyMs: 12, sha256: 'ab'.repeat(32) },
    queue: [`http://www.example.gov.cn/${columnId}/index_2.htm`],
    requested: 2,
    pagesSeen: [urlDigest(`http://www.example.gov.cn/${columnId}/index.htm`)],
    listed: Array.from({ length: items }, (_, i) =>
      urlDigest(`http://www.example.gov.cn/${columnId}/t${i}.htm`),
    ),
    read: [],
    pending: [],
    complete: true,
    limitsHit: [],
  };
}

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

describe('the cursor of a paused crawl', () => {
  it('keeps every column where it stopped while it fits', () => {
    const cursor = {
      ...firstCursor('run', 'site', '2016-08-01T03:00:00.000Z'),
      columns: [progress('a', 2_000)],
    };
    boundCursor(cursor);
    expect(cursor.columns?.map((c) => c.columnId)).toEqual(['a']);
    // Two thousand items take about 30 KB: a digest each, not an address.
    expect(bytes(cursor)).toBeLessThan(35_000);
  });

  it('drops the largest columns first until it fits; they restart from their first list page', () => {
    const cursor = {
      ...firstCursor('run', 'site', '2016-08-01T03:00:00.000Z'),
      columns: [
        progress('small', 100),
        progress('huge', 15_000),
        progress('large', 8_000),
        progress('mid', 5_000),
      ],
    };
    expect(bytes(cursor)).toBeGreaterThan(MAX_CURSOR_BYTES);
    boundCursor(cursor);
    expect(bytes(cursor)).toBeLessThanOrEqual(MAX_CURSOR_BYTES);
    expect(cursor.columns?.map((c) => c.columnId)).toEqual(['small', 'large', 'mid']);
  });

  it('holds no column list when none fits', () => {
    const cursor = {
      ...firstCursor('run', 'site', '2016-08-01T03:00:00.000Z'),
      columns: [progress('huge', 30_000)],
    };
    boundCursor(cursor, 10_000);
    expect(cursor.columns).toBeUndefined();
  });
});
