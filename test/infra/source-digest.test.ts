import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sourceDefine } from '../../infra/lambda-bundling';
import { sourceDigest } from '../../scripts/source-digest.mjs';

const dirs: string[] = [];
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-digest-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the digest of the sources a build bundles', () => {
  it('is the same for the same files, whatever order they were written in', () => {
    const a = tree({ 'core/a.ts': 'export const a = 1;', 'tasks/b.ts': 'export const b = 2;' });
    const b = tree({ 'tasks/b.ts': 'export const b = 2;', 'core/a.ts': 'export const a = 1;' });
    expect(sourceDigest(a)).toBe(sourceDigest(b));
  });

  it('changes when any file changes, is renamed or is added', () => {
    const dir = tree({ 'core/a.ts': 'export const a = 1;', 'tasks/b.ts': 'export const b = 2;' });
    const seen = new Set([sourceDigest(dir)]);
    writeFileSync(join(dir, 'tasks/b.ts'), 'export const b = 3;');
    seen.add(sourceDigest(dir));
    renameSync(join(dir, 'tasks/b.ts'), join(dir, 'tasks/c.ts'));
    seen.add(sourceDigest(dir));
    writeFileSync(join(dir, 'core/d.ts'), '');
    seen.add(sourceDigest(dir));
    expect(seen.size).toBe(4);
  });

  it('is what every Lambda bundle defines', () => {
    expect(sourceDefine()).toEqual({
      GONGKAI_SOURCE_DIGEST: JSON.stringify(sourceDigest(join(import.meta.dirname, '../../src'))),
    });
  });
});
