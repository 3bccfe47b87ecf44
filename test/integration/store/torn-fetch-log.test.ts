/**
 * A full disk in the middle of a fetch-log append (simulated by cutting the log mid-line): verify
 * names the torn line, the next run sets it aside and starts a fresh line, and every other record,
 * earlier and later, still reads.
 */
import { appendFile, mkdtemp, readFile, rm, stat, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verified, verifyReportDir } from '../../../src/audit/verify-report';
import { fetchLogKey, sha256Of } from '../../../src/store/archive/content-address';
import { DirectoryArchive } from '../../../src/store/archive/directory-archive';
import { parseFetchLog } from '../../../src/store/archive/fetch-log';
import { fixtureReport, writeFixtureReportDir } from '../../fixtures/reports/fixture-report';

let root: string;
let reportDir: string;
let archiveRoot: string;
const fixture = fixtureReport();

const encode = (text: string) => new TextEncoder().encode(text);

function meta(url: string, fetchedAt: string) {
  return { url, finalUrl: url, status: 200, fetchedAt, contentType: 'text/html; charset=utf-8' };
}

/** Pages whose digests fall in `shard`: their fetches go to the same log. */
function pagesInShard(shard: string, count: number, label: string): Uint8Array[] {
  const pages: Uint8Array[] = [];
  for (let i = 0; pages.length < count; i++) {
    const page = encode(`<p>${label}关于印发政务公开工作要点的通知 ${i}</p>`);
    if (sha256Of(page).startsWith(shard)) pages.push(page);
  }
  return pages;
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'gongkai-torn-log-'));
  reportDir = await writeFixtureReportDir(root, fixture);
  archiveRoot = join(root, 'archive');
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('a fetch log torn by a full disk', () => {
  it('is reported by verify with its line number, set aside by the next run, and loses no other record (H19-08)', async () => {
    const first = new DirectoryArchive(archiveRoot);
    const cited = fixture.pages[0]!;
    const shard = cited.sha256.slice(0, 2);
    await first.put(encode(cited.body), meta('http://czj.example.gov.cn/cited.htm', '2016-04-01T02:00:00Z'));
    const earlier = pagesInShard(shard, 3, '早');
    for (const [i, page] of earlier.entries())
      await first.put(page, meta(`http://czj.example.gov.cn/early-${i}.htm`, `2016-04-0${i + 2}T02:00:00Z`));
    const log = join(archiveRoot, fetchLogKey(cited.sha256));
    const whole = (await stat(log)).size;
    const [lost] = pagesInShard(shard, 1, '断');
    await first.put(lost!, meta('http://czj.example.gov.cn/torn.htm', '2016-04-09T02:00:00Z'));
    // The disk filled 40 bytes into the fifth line.
    await truncate(log, whole + 40);

    const before = await verifyReportDir(reportDir);
    expect(verified(before)).toBe(false);
    expect(before.damagedLogLines).toMatchObject([
      { log, line: 5, offset: whole, unterminated: true, recovered: false, setAside: false },
    ]);
    expect(await first.fetches(sha256Of(earlier[2]!))).toHaveLength(1);

    const next = new DirectoryArchive(archiveRoot);
    const later = pagesInShard(shard, 2, '晚');
    for (const [i, page] of later.entries())
      await next.put(page, meta(`http://czj.example.gov.cn/late-${i}.htm`, `2016-05-0${i + 1}T02:00:00Z`));
    await next.put(
      encode(cited.body),
      meta('http://czj.example.gov.cn/cited-again.htm', '2016-05-09T02:00:00Z'),
    );

    const parsed = parseFetchLog(await readFile(log));
    expect(parsed.records.map((r) => r.url)).toEqual([
      'http://czj.example.gov.cn/cited.htm',
      'http://czj.example.gov.cn/early-0.htm',
      'http://czj.example.gov.cn/early-1.htm',
      'http://czj.example.gov.cn/early-2.htm',
      'http://czj.example.gov.cn/late-0.htm',
      'http://czj.example.gov.cn/late-1.htm',
      'http://czj.example.gov.cn/cited-again.htm',
    ]);
    expect(parsed.damaged).toMatchObject([{ line: 5, offset: whole, unterminated: false }]);
    expect((await next.fetches(cited.sha256)).map((f) => f.fetchedAt)).toEqual([
      '2016-04-01T02:00:00Z',
      '2016-05-09T02:00:00Z',
    ]);
    const setAside = (await readFile(`${log}.torn`, 'utf8')).trim().split('\n');
    expect(setAside.map((line) => JSON.parse(line))).toEqual([
      { offset: whole, text: (await readFile(log, 'utf8')).slice(whole, whole + 40) },
    ]);

    const after = await verifyReportDir(reportDir);
    expect(after.damagedLogLines).toMatchObject([{ log, line: 5, setAside: true }]);
    expect(verified(after)).toBe(true);
  });

  it('keeps reporting a torn line that a record was appended onto, and recovers that record', async () => {
    const archive = new DirectoryArchive(archiveRoot);
    const cited = fixture.pages[0]!;
    await archive.put(
      encode(cited.body),
      meta('http://czj.example.gov.cn/cited.htm', '2016-04-01T02:00:00Z'),
    );
    const log = join(archiveRoot, fetchLogKey(cited.sha256));
    const text = await readFile(log, 'utf8');
    // What a writer without the fresh-line rule left behind: a torn line with the next record on it.
    await truncate(log, 0);
    await appendFile(log, `${text.slice(0, 30)}${text}`);
    expect((await archive.fetches(cited.sha256)).map((f) => f.url)).toEqual([
      'http://czj.example.gov.cn/cited.htm',
    ]);
    const result = await verifyReportDir(reportDir);
    expect(result.damagedLogLines).toMatchObject([{ line: 1, recovered: true, setAside: false }]);
    expect(verified(result)).toBe(false);
  });
});
