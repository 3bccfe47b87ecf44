/**
 * The digest of the monitor's own sources (every file under src/), taken when a build bundles
 * them: the CLI build (scripts/build-cli.mjs) and every Lambda bundle (infra/lambda-bundling.ts)
 * define it as `GONGKAI_SOURCE_DIGEST`. Stored judgements carry it, so a judgement made by other
 * code is never reused: after a deploy or an upgrade that changes any source, the first sweep
 * judges everything again, whatever the catalogue and sources.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every file under `dir`, as paths relative to `dir` with forward slashes, sorted. */
function filesUnder(dir, root = dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path, root));
    else if (entry.isFile()) out.push(relative(root, path).split('\\').join('/'));
  }
  return out.sort();
}

/**
 * sha256 (hex, first 16 characters) over the names and contents of every file under `dir`.
 * @param {string} dir
 * @returns {string}
 */
export function sourceDigest(dir) {
  const hash = createHash('sha256');
  for (const file of filesUnder(dir)) {
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(join(dir, file)))
      .update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}
