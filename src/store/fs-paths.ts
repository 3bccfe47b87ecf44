/** Path confinement for the file-system adapters (archive, report sink). */
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
