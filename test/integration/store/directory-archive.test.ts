import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ArchiveIntegrityError,
  InvalidArchiveKeyError,
  sha256Of,
} from '../../../src/store/archive/content-address';
import { DirectoryArchive } from '../../../src/store/archive/directory-archive';
import { PathOutsideRootError, resolveInside } from '../../../src/store/fs-paths';

let root: string;
let archive: DirectoryArchive;
const page = new TextEncoder().encode('<html><title>2016年第二季度预算执行情况</title></html>');
const meta = (fetchedAt: string) => ({
  url: 'http://127.0.0.1/czj/t20160715_1.htm',
  finalUrl: 'http://127.0.0.1/czj/t20160715_1.htm',
  status: 200,
  fetchedAt,
  contentType: 'text/html; charset=gbk',
  headers: { 'Content-Type': 'text/html; charset=gbk', ETag: '"x1"', 'Set-Cookie': 'session=secret' },
});

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'gongkai-archive-'));
  archive = new DirectoryArchive(root);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('DirectoryArchive', () => {
  it('stores identical bytes once and appends metadata for every fetch', async () => {
    const first = await archive.put(page, meta('2016-07-16T02:00:00Z'));
    const second = await archive.put(page, {
      ...meta('2016-07-23T02:00:00Z'),
      contentType: 'application/pdf',
    });
    const sha = sha256Of(page);
    expect(first).toEqual({ sha256: sha, key: `sha256/${sha.slice(0, 2)}/${sha}.html`, stored: true });
    expect(second).toEqual({ ...first, stored: false });
    expect(archive.metrics()).toMatchObject({
      puts: 2,
      stored: 1,
      deduplicated: 1,
      bytesStored: page.byteLength,
    });

    const fetches = await archive.fetches(sha);
    expect(fetches.map((f) => f.fetchedAt)).toEqual(['2016-07-16T02:00:00Z', '2016-07-23T02:00:00Z']);
    expect(fetches[0]?.headers).toEqual({ 'content-type': 'text/html; charset=gbk', etag: '"x1"' });
    expect(fetches[0]).toMatchObject({ key: first.key, size: page.byteLength, status: 200 });
  });

  it('stores content once when many fetches of it arrive at the same time', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => archive.put(page, meta(`2016-07-16T02:00:0${i}Z`))),
    );
    expect(results.filter((r) => r.stored)).toHaveLength(1);
    expect(new Set(results.map((r) => r.key)).size).toBe(1);
    expect(await archive.fetches(sha256Of(page))).toHaveLength(8);
  });

  it('gets bytes back and locates them by a path relative to the root', async () => {
    const { sha256, key } = await archive.put(page, meta('2016-07-16T02:00:00Z'));
    expect(await archive.get(sha256)).toEqual(page);
    expect(await archive.locate(sha256)).toBe(key);
    expect(await readFile(join(root, key))).toEqual(Buffer.from(page));
    const absent = sha256Of(new Uint8Array([1, 2, 3]));
    expect(await archive.get(absent)).toBeUndefined();
    expect(await archive.locate(absent)).toBeUndefined();
  });

  it('names unknown content types .bin', async () => {
    const { key } = await archive.put(new Uint8Array([0, 1]), {
      ...meta('t'),
      contentType: 'text/html/../../x',
    });
    expect(key.endsWith('.bin')).toBe(true);
  });

  it('refuses a digest that is not a sha256, including path traversal attempts', async () => {
    await expect(archive.get('../../etc/passwd')).rejects.toThrow(InvalidArchiveKeyError);
    await expect(archive.locate(`../${'a'.repeat(62)}`)).rejects.toThrow(InvalidArchiveKeyError);
    await expect(archive.fetches('ABC')).rejects.toThrow(InvalidArchiveKeyError);
  });

  it('refuses keys that leave the root', () => {
    expect(() => archive.path('../outside.html')).toThrow(PathOutsideRootError);
    expect(() => archive.path('sha256/../../outside.html')).toThrow(PathOutsideRootError);
    expect(() => archive.path('/etc/passwd')).toThrow(PathOutsideRootError);
    expect(() => archive.path('a\0b')).toThrow(PathOutsideRootError);
    expect(() => resolveInside(root, '.')).toThrow(PathOutsideRootError);
    expect(archive.path('sha256/ab/x.html')).toBe(join(root, 'sha256/ab/x.html'));
  });

  it('reports content that no longer matches its digest', async () => {
    const { sha256, key } = await archive.put(page, meta('t'));
    const { writeFile, chmod } = await import('node:fs/promises');
    await chmod(join(root, key), 0o644);
    await writeFile(join(root, key), 'tampered');
    await expect(archive.get(sha256)).rejects.toThrow(ArchiveIntegrityError);
  });

  it('rejects metadata without a URL, naming the field', async () => {
    await expect(archive.put(page, { ...meta('t'), url: '' })).rejects.toThrow(/url/);
  });
});
