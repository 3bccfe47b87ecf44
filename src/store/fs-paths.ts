/** Path confinement for the file-system adapters (archive, report sink). */
import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';

export class PathOutsideRootError extends Error {
  override name = 'PathOutsideRootError';
}

/**
 * Resolves `key` under `root`, refusing absolute keys, `..` escapes and NUL bytes, so a name that
 * came from a page or a request can never write or read outside the root.
 */
export function resolveInside(root: string, key: string): string {
  if (key.length === 0 || key.includes('\0') || isAbsolute(key) || /^[a-zA-Z]:/.test(key)) {
    throw new PathOutsideRootError(`refused path ${JSON.stringify(key)}: not a relative path`);
  }
  const base = resolve(root);
  const target = resolve(base, key);
  const rel = relative(base, target);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new PathOutsideRootError(`refused path ${JSON.stringify(key)}: outside ${base}`);
  }
  return target;
}

/**
 * Refuses a directory that lies outside `root` once symbolic links are followed: a shard folder
 * replaced by a link must not carry archive writes elsewhere. Text checks (resolveInside) cannot
 * see links, so writers call this on the folder they are about to write in.
 */
export async function assertRealInside(root: string, dir: string): Promise<void> {
  const [realRoot, realDir] = await Promise.all([realpath(root), realpath(dir)]);
  const rel = relative(realRoot, realDir);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new PathOutsideRootError(`refused folder ${dir}: a link leads outside ${realRoot}`);
  }
}
