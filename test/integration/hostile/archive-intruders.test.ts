/**
 * Intruders against the evidence archive: keys and metadata that try to leave the archive root or
 * corrupt what is already stored. Every refusal must leave the directory exactly as it was: the
 * archive is evidence, and a refused write that changed it would be worse than the attack.
 */
import { createHash } from 'node:crypto';
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidArchiveKeyError, sha256Of } from '../../../src/store/archive/content-address';
import { DirectoryArchive } from '../../../src/store/archive/directory-archive';
import { PathOutsideRootError } from '../../../src/store/fs-paths';
import { caseTitle } from '../../unit/hostile/known-gap';

let base: string;
let root: string;
let outside: string;
let archive: DirectoryArchive;

const page = new TextEncoder().encode('<html><title>2016年预算公开</title></html>');
const meta = {
  url: 'http://www.jiangmen.gov.cn/czj/t20160715_1.htm',
  finalUrl: 'http://www.jiangmen.gov.cn/czj/t20160715_1.htm',
  status: 200,
  fetchedAt: '2016-07-16T02:00:00Z',
  contentType: 'text/html; charset=utf-8',
};

/** Every file and folder under `dir` with its size and content digest: what "unchanged" means. */
async function snapshot(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (at: string): Promise<void> => {
    for (const entry of await readdir(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      const name = relative(dir, path);
      if (entry.isSymbolicLink()) out.push(`${name} -> link`);
      else if (entry.isDirectory()) {
        out.push(`${name}/`);
        await walk(path);
      } else
        out.push(
          `${name} ${createHash('sha256')
            .update(await readFile(path))
            .digest('hex')}`,
        );
    }
  };
  await walk(dir);
  return out.sort();
}

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'gongkai-hostile-archive-'));
  root = join(base, 'archive');
  outside = join(base, 'outside');
  await mkdir(root);
  await mkdir(outside);
  archive = new DirectoryArchive(root);
  await archive.put(page, meta);
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

const TRAVERSALS = [
  '../../etc/passwd',
  '/etc/passwd',
  `../${'a'.repeat(62)}`,
  `${'a'.repeat(62)}/..`,
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '..%2f..%2fetc%2fpasswd',
  `${'A'.repeat(64)}`,
  `${'a'.repeat(63)}\u0000`,
  `${'a'.repeat(64)}/../../x`,
  '',
];

describe('archive intruders', () => {
  for (const [i, key] of TRAVERSALS.entries()) {
    it(`A01.${i + 1} refuses the digest ${JSON.stringify(key.length > 48 ? `${key.slice(0, 16)}…${key.slice(-16)}` : key)} in get, locate and fetches, leaving the archive unchanged`, async () => {
      const before = await snapshot(base);
      await expect(archive.get(key)).rejects.toThrow(InvalidArchiveKeyError);
      await expect(archive.locate(key)).rejects.toThrow(InvalidArchiveKeyError);
      await expect(archive.fetches(key)).rejects.toThrow(/not a sha256 digest/);
      expect(await snapshot(base)).toEqual(before);
    });
  }

  it('A02 refuses keys that climb out, are absolute or carry NUL, and keeps encoded dots literal inside the root', () => {
    for (const key of [
      '../outside/x',
      'sha256/../../outside/x',
      '/etc/passwd',
      'sha256/ab\u0000/x',
      'C:\\x',
    ]) {
      expect(() => archive.path(key), key).toThrow(PathOutsideRootError);
    }
    // %2e%2e is a file name, not "..": the archive never URL-decodes keys.
    expect(archive.path('%2e%2e/%2e%2e/etc')).toBe(join(root, '%2e%2e/%2e%2e/etc'));
  });

  it('A03 names content after its digest whatever content type the server claims', async () => {
    const bytes = new TextEncoder().encode('evil');
    for (const contentType of [
      '../../../outside/evil',
      'text/html/../../../../outside/x',
      '/etc/passwd',
      'text/html\u0000.sh',
    ]) {
      const { key } = await archive.put(bytes, { ...meta, contentType });
      expect(key).toBe(`sha256/${sha256Of(bytes).slice(0, 2)}/${sha256Of(bytes)}.bin`);
    }
    expect(await readdir(outside)).toEqual([]);
  });

  it('A04 keeps one metadata line per fetch when a URL or header carries line breaks', async () => {
    const sha = sha256Of(page);
    await archive.put(page, {
      ...meta,
      url: 'http://www.jiangmen.gov.cn/a.htm\n{"sha256":"forged"}',
      headers: { etag: '"x"\r\n{"forged":true}', 'set-cookie': 'secret' },
    });
    const fetches = await archive.fetches(sha);
    expect(fetches).toHaveLength(2);
    expect(fetches[1]?.url).toBe('http://www.jiangmen.gov.cn/a.htm\n{"sha256":"forged"}');
    expect(fetches[1]?.headers).toEqual({ etag: '"x"\r\n{"forged":true}' });
  });

  it('A05 refuses metadata of the wrong shape before writing anything', async () => {
    const before = await snapshot(base);
    const bytes = new TextEncoder().encode('never stored');
    await expect(archive.put(bytes, { ...meta, status: 'ok' as unknown as number })).rejects.toThrow(
      /status/,
    );
    await expect(archive.put(bytes, { ...meta, finalUrl: '' })).rejects.toThrow(/finalUrl/);
    expect(await snapshot(base)).toEqual(before);
  });

  it(
    caseTitle('A06', 'refuses to write through a shard folder that is a symlink out of the root'),
    async () => {
      // Content whose digest falls in a shard the attacker has replaced with a link.
      const bytes = new TextEncoder().encode('2016年第二季度预算执行情况');
      const shard = sha256Of(bytes).slice(0, 2);
      await symlink(outside, join(root, 'sha256', shard), 'dir').catch(
        async (error: NodeJS.ErrnoException) => {
          if (error.code !== 'EEXIST') throw error;
          // The seeded page shares the shard: replace the folder by the link.
          await rm(join(root, 'sha256', shard), { recursive: true });
          await symlink(outside, join(root, 'sha256', shard), 'dir');
        },
      );
      expect((await lstat(join(root, 'sha256', shard))).isSymbolicLink()).toBe(true);
      await expect(archive.put(bytes, meta)).rejects.toThrow(/a link leads outside/);
      expect(await readdir(outside)).toEqual([]);
    },
  );
});
