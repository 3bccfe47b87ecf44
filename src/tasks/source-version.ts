/**
 * Which sources judged: the digest of src/ that the build bundling this code defined
 * (scripts/source-digest.mjs), or `unbuilt` when the TypeScript runs directly (tsx, vitest), where
 * stored judgements are the developer's own.
 */
declare const GONGKAI_SOURCE_DIGEST: string | undefined;

/** The digest of the sources this code was built from; `unbuilt` when run from TypeScript. */
export const SOURCE_VERSION: string =
  typeof GONGKAI_SOURCE_DIGEST === 'string' ? GONGKAI_SOURCE_DIGEST : 'unbuilt';
