import { describe, expect, it } from 'vitest';
import { correlationKeys, jsonLog } from '../../../src/lambda/json-log';

const NOW = () => new Date('2016-07-25T02:00:00.000Z');

function capture(level?: string) {
  const lines: Record<string, unknown>[] = [];
  const log = jsonLog({
    service: 'CrawlSource',
    level,
    now: NOW,
    keys: { runId: 'r1', sourceId: 'hrss' },
    write: (l) => lines.push(JSON.parse(l)),
  });
  return { log, lines };
}

describe('structured logs', () => {
  it('writes one JSON object per line with level, time, service and the correlation keys', () => {
    const { log, lines } = capture();
    log('crawled', { pages: 12 });
    expect(lines).toEqual([
      {
        level: 'INFO',
        message: 'crawled',
        timestamp: '2016-07-25T02:00:00.000Z',
        service: 'CrawlSource',
        runId: 'r1',
        sourceId: 'hrss',
        pages: 12,
      },
    ]);
  });

  it('leaves out lines below LOG_LEVEL, and reads an unknown level as info', () => {
    const warn = capture('WARN');
    warn.log('detail', {}, 'debug');
    warn.log('crawled');
    warn.log('crawl failed', {}, 'error');
    expect(warn.lines.map((l) => l.level)).toEqual(['ERROR']);
    const unknown = capture('verbose');
    unknown.log('detail', {}, 'debug');
    unknown.log('crawled');
    expect(unknown.lines.map((l) => l.message)).toEqual(['crawled']);
  });

  it('writes an error as its name, message and stack', () => {
    const { log, lines } = capture();
    log('task failed', { error: new TypeError('boom') }, 'error');
    expect(lines[0]?.error).toMatchObject({
      name: 'TypeError',
      message: 'boom',
      stack: expect.stringContaining('boom'),
    });
  });

  it('takes runId, asOf and sourceId from a task input, strings only', () => {
    expect(correlationKeys({ runId: 'r1', asOf: '2016-07-25', sourceId: 'hrss', other: 'x' })).toEqual({
      runId: 'r1',
      asOf: '2016-07-25',
      sourceId: 'hrss',
    });
    expect(correlationKeys({ runId: 7, sourceId: null })).toEqual({});
    expect(correlationKeys('not an object')).toEqual({});
  });

  it("takes a crawl's shard and pass when they are whole numbers", () => {
    expect(correlationKeys({ runId: 'r1', shard: 3, pass: 2 })).toEqual({ runId: 'r1', shard: 3, pass: 2 });
    expect(correlationKeys({ shard: '3', pass: 1.5 })).toEqual({});
  });
});
