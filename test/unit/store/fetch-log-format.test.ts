import { describe, expect, it } from 'vitest';
import type { ArchiveMetaRecord } from '../../../src/store/archive/content-address';
import {
  fetchLogLine,
  parseFetchLog,
  recordOfLine,
  setAsideOffsets,
} from '../../../src/store/archive/fetch-log';

function record(n: number): ArchiveMetaRecord {
  const sha256 = `${n}`.padStart(2, '0').repeat(32);
  return {
    sha256,
    key: `sha256/${sha256.slice(0, 2)}/${sha256}.html`,
    size: 100 + n,
    url: `http://czj.example.gov.cn/zwgk/${n}.html`,
    finalUrl: `http://czj.example.gov.cn/zwgk/${n}.html`,
    status: 200,
    fetchedAt: `2016-04-0${n}T02:00:00Z`,
    contentType: 'text/html; charset=utf-8',
    headers: { 'content-type': 'text/html; charset=utf-8', server: '部门预算' },
  };
}

const bytes = (text: string) => new TextEncoder().encode(text);

describe('fetch log line format', () => {
  it('writes one JSON line ending in a checksum that reads back as the same record', () => {
    const line = fetchLogLine(record(1));
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    expect(JSON.parse(line)).toMatchObject({ ...record(1), sum: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(recordOfLine(line.slice(0, -1))).toEqual({ record: record(1) });
  });

  it('detects a line whose bytes changed after it was written', () => {
    const line = fetchLogLine(record(1)).slice(0, -1).replace('"status":200', '"status":404');
    expect(recordOfLine(line)).toEqual({ problem: 'checksum does not match' });
  });

  it('detects a line cut at any byte', () => {
    const line = fetchLogLine(record(2)).slice(0, -1);
    for (let cut = 1; cut < line.length; cut += 1) {
      expect('problem' in recordOfLine(line.slice(0, cut)), `cut at ${cut}`).toBe(true);
    }
  });

  it('still reads lines written before checksums existed', () => {
    expect(recordOfLine(JSON.stringify(record(3)))).toEqual({ record: record(3) });
    expect(recordOfLine('{"sha256":"zz"}')).toMatchObject({
      problem: expect.stringContaining('not a fetch record'),
    });
  });
});

describe('parseFetchLog', () => {
  it('returns every whole record and each torn line with its number and byte offset', () => {
    const first = fetchLogLine(record(1));
    const torn = fetchLogLine(record(2)).slice(0, 50);
    const log = `${first}${torn}\n\n${fetchLogLine(record(3))}`;
    const parsed = parseFetchLog(bytes(log));
    expect(parsed.records).toEqual([record(1), record(3)]);
    expect(parsed.damaged).toEqual([
      {
        line: 2,
        offset: bytes(first).length,
        problem: 'cut short (not JSON, no checksum)',
        unterminated: false,
        recovered: false,
      },
    ]);
  });

  it('reports a log that ends in the middle of a line as unterminated', () => {
    const log = `${fetchLogLine(record(1))}${fetchLogLine(record(2)).slice(0, 80)}`;
    const parsed = parseFetchLog(bytes(log));
    expect(parsed.records).toEqual([record(1)]);
    expect(parsed.damaged).toMatchObject([{ line: 2, unterminated: true, recovered: false }]);
  });

  it('recovers a record appended onto a torn line and still reports the tear', () => {
    const log = `${fetchLogLine(record(1)).slice(0, 70)}${fetchLogLine(record(2))}${fetchLogLine(record(3))}`;
    const parsed = parseFetchLog(bytes(log));
    expect(parsed.records).toEqual([record(2), record(3)]);
    expect(parsed.damaged).toMatchObject([{ line: 1, offset: 0, recovered: true }]);
  });

  it('recovers an old unsummed record appended onto a torn old line', () => {
    const log = `${JSON.stringify(record(1)).slice(0, 60)}${JSON.stringify(record(2))}\n`;
    expect(parseFetchLog(bytes(log)).records).toEqual([record(2)]);
  });
});

describe('setAsideOffsets', () => {
  it('reads the offsets of set-aside lines and ignores a torn line in the .torn file itself', () => {
    const text = `${JSON.stringify({ offset: 12, text: '{"sha' })}\n{"offset":40,"te`;
    expect([...setAsideOffsets(text)]).toEqual([12]);
  });
});
