import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fetchLogKey, metaSidecarKey, sha256Of } from '../../../src/store/archive/content-address';
import { DirectoryArchive } from '../../../src/store/archive/directory-archive';

let base: string;
let root: string;
let archive: DirectoryArchive;

const encode = (text: string) => new TextEncoder().encode(text);
const meta = (url: string, fetchedAt: string) => ({
  url,
  finalUrl: url,
  status: 200,
  fetchedAt,
  contentType: 'text/html; charset=utf-8',
});

/** Two different bodies whose digests fall in the same shard folder. */
function sameShardPair(): [Uint8Array, Uint8Array] {
  const first = encode('<p>2016年第一季度财政预算执行情况</p>');
  const shard = sha256Of(first).slice(0, 2);
  for (let i = 0; ; i++) {
    const other = encode(`<p>关于印发政务公开工作要点的通知 ${i}</p>`);
    if (sha256Of(other).slice(0, 2) === shard) return [first, other];
  }
}

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'gongkai-archive-layout-'));
  root = join(base, 'archive');
  archive = new DirectoryArchive(root);
});
afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('DirectoryArchive layout', () => {
  it('keeps one content file per digest and one fetch log per shard folder', async () => {
    const [a, b] = sameShardPair();
    await archive.put(a, meta('http://127.0.0.1/a.htm', '2016-04-01T02:00:00Z'));
    await archive.put(b, meta('http://127.0.0.1/b.htm', '2016-04-01T02:00:01Z'));
    await archive.put(a, meta('http://127.0.0.1/a-again.htm', '2016-04-08T02:00:00Z'));
    const shard = `sha256/${sha256Of(a).slice(0, 2)}`;
    expect((await readdir(join(root, shard))).sort()).toEqual(
      [`${sha256Of(a)}.html`, `${sha256Of(b)}.html`, 'fetches.jsonl'].sort(),
    );
    const log = await readFile(join(root, fetchLogKey(sha256Of(a))), 'utf8');
    expect(log.trim().split('\n')).toHaveLength(3);
  });

  it('returns only the fetches of the digest asked for, oldest first', async () => {
    const [a, b] = sameShardPair();
    await archive.put(a, meta('http://127.0.0.1/a.htm', '2016-04-01T02:00:00Z'));
    // A URL carrying the other digest must not pull its fetch into the answer.
    await archive.put(b, meta(`http://127.0.0.1/b.htm?ref=${sha256Of(a)}`, '2016-04-01T02:00:01Z'));
    await archive.put(a, meta('http://127.0.0.1/a-again.htm', '2016-04-08T02:00:00Z'));
    expect((await archive.fetches(sha256Of(a))).map((f) => f.url)).toEqual([
      'http://127.0.0.1/a.htm',
      'http://127.0.0.1/a-again.htm',
    ]);
    expect((await archive.fetches(sha256Of(b))).map((f) => f.fetchedAt)).toEqual(['2016-04-01T02:00:01Z']);
  });

  it('still reads the per-digest sidecar of archives written before the fetch log', async () => {
    const page = encode('<p>2015年政府信息公开工作年度报告</p>');
    const sha = sha256Of(page);
    await archive.put(page, meta('http://127.0.0.1/new.htm', '2016-02-01T02:00:00Z'));
    const old = { ...meta('http://127.0.0.1/old.htm', '2016-01-15T02:00:00Z'), sha256: sha, size: 1 };
    await appendFile(join(root, metaSidecarKey(sha)), `${JSON.stringify({ ...old, key: 'k' })}\n`);
    expect((await archive.fetches(sha)).map((f) => f.url)).toEqual([
      'http://127.0.0.1/old.htm',
      'http://127.0.0.1/new.htm',
    ]);
  });

  it('finds content stored under another extension without storing it twice', async () => {
    const page = encode('%PDF-1.4 政务公开');
    const first = await archive.put(page, {
      ...meta('http://127.0.0.1/a.pdf', 't1'),
      contentType: 'application/pdf',
    });
    const again = await archive.put(page, meta('http://127.0.0.1/a.pdf', 't2'));
    expect(first.key.endsWith('.pdf')).toBe(true);
    expect(again).toEqual({ ...first, stored: false });
    expect(await archive.fetches(first.sha256)).toHaveLength(2);
  });

  it('creates a shard folder again when it was removed after the first put', async () => {
    const [a, b] = sameShardPair();
    await archive.put(a, meta('http://127.0.0.1/a.htm', 't1'));
    await rm(join(root, 'sha256'), { recursive: true });
    await rm(join(root, '.tmp'), { recursive: true });
    const put = await archive.put(b, meta('http://127.0.0.1/b.htm', 't2'));
    expect(put.stored).toBe(true);
    expect(await archive.get(sha256Of(b))).toEqual(b);
  });

  it('refuses a shard folder replaced by a link after this instance created it', async () => {
    const [a, b] = sameShardPair();
    await archive.put(a, meta('http://127.0.0.1/a.htm', 't1'));
    const outside = join(base, 'outside');
    await mkdir(outside);
    const shardDir = join(root, 'sha256', sha256Of(a).slice(0, 2));
    await rm(shardDir, { recursive: true });
    await symlink(outside, shardDir, 'dir');
    await expect(archive.put(b, meta('http://127.0.0.1/b.htm', 't2'))).rejects.toThrow(
      /a link leads outside/,
    );
    expect(await readdir(outside)).toEqual([]);
  });

  it('logs the fetches of puts asked for at once in the order they were asked for', async () => {
    const page = encode('<p>江门市环境空气质量预报</p>');
    const urls = Array.from({ length: 40 }, (_, i) => `http://127.0.0.1/aqi-${i}.htm`);
    const puts = await Promise.all(
      urls.map((url, i) => archive.put(page, meta(url, `2016-05-01T02:00:${String(i).padStart(2, '0')}Z`))),
    );
    expect(puts.filter((p) => p.stored)).toHaveLength(1);
    expect((await archive.fetches(sha256Of(page))).map((f) => f.url)).toEqual(urls);
  });

  it('rejects a put the file system refuses, with its error code, and goes on archiving', async () => {
    const [a, b] = sameShardPair();
    const other = encode('<p>2016年部门预算</p>');
    // A folder where the shard's fetch log should be: the append fails on the writer thread.
    await mkdir(join(root, fetchLogKey(sha256Of(a))), { recursive: true });
    await expect(archive.put(a, meta('http://127.0.0.1/a.htm', 't1'))).rejects.toMatchObject({
      code: 'EISDIR',
    });
    await expect(archive.put(b, meta('http://127.0.0.1/b.htm', 't2'))).rejects.toMatchObject({
      code: 'EISDIR',
    });
    const put = await archive.put(other, meta('http://127.0.0.1/other.htm', 't3'));
    expect(await archive.get(put.sha256)).toEqual(other);
  });
});
