#!/usr/bin/env node
/**
 * Bundles the `gongkai` command into dist/ with esbuild, so the command runs on plain node (no
 * TypeScript loader at run time). Runs on `npm ci`/`npm install` (the `prepare` script), before
 * `npm start` and before the test suite; `npm run build` runs it by hand.
 *
 * Packages stay in node_modules (they are installed anyway); the project's own sources are bundled. Each command is a chunk of its own, loaded when that command runs, so `gongkai --help`
 * loads the command table and nothing else.
 *
 * Sources that locate files beside themselves (`new URL('./sweep.asl.json', import.meta.url)`, the
 * archive's writer thread, seeds/) keep doing so: their `import.meta.url` is replaced by the URL of
 * the source file they were bundled from.
 */
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { sourceDigest } from './source-digest.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_OUT_DIR = resolve(ROOT, 'dist');
export const CLI_ENTRY = resolve(CLI_OUT_DIR, 'cli.js');

/**
 * `import.meta.url` of a source file, written relative to the project root so a moved clone still
 * works. The root is found from the running file's own URL (everything built lives under dist/),
 * because a source may end up in dist/cli.js or in any dist/chunks/ file, one folder deeper.
 */
const sourceLocation = {
  name: 'source-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /[/\\]src[/\\].*\.ts$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const fromRoot = relative(ROOT, args.path).split('\\').join('/');
      const root = `import.meta.url.slice(0, import.meta.url.lastIndexOf('/dist/') + 1)`;
      const url = `new URL(${JSON.stringify(fromRoot)}, ${root}).href`;
      return { contents: text.replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
};

/**
 * Packages stay external, except JSON data they ship (the holiday calendar): node would demand an
 * import attribute for it, and bundled it is parsed once with the code that reads it.
 */
const packagesExternal = {
  name: 'packages-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.endsWith('.json') ? undefined : { external: true },
    );
  },
};

/** Builds dist/cli.js and its chunks; resolves when they are written. */
export async function buildCli({ quiet = false } = {}) {
  const started = performance.now();
  // Built beside dist/, then swapped in: chunk names carry a hash, so an old build's chunks would
  // otherwise stay, and a command already running keeps finding the build it started from.
  const staging = `${CLI_OUT_DIR}.${process.pid}`;
  const { metafile } = await build({
    metafile: true,
    absWorkingDir: ROOT,
    entryPoints: { cli: 'src/cli.ts' },
    outdir: staging,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    tsconfig: resolve(ROOT, 'tsconfig.json'),
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: 'linked',
    sourcesContent: false,
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [packagesExternal, sourceLocation],
    // Stored judgements carry it: one made by other code is not reused (src/tasks/source-version.ts).
    define: { GONGKAI_SOURCE_DIGEST: JSON.stringify(sourceDigest(resolve(ROOT, 'src'))) },
  });
  // What each output file imports and holds: the tests check from it what `--help` loads.
  await writeFile(
    `${staging}/meta.json`,
    JSON.stringify(metafile).replaceAll(`${basename(staging)}/`, 'dist/'),
  );
  await rm(CLI_OUT_DIR, { recursive: true, force: true });
  await rename(staging, CLI_OUT_DIR);
  if (!quiet)
    console.error(
      `gongkai: built ${relative(process.cwd(), CLI_ENTRY)} in ${Math.round(performance.now() - started)} ms`,
    );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildCli({ quiet: process.argv.includes('--quiet') });
}
