import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands';

// The global setup has just built dist/ from the sources (scripts/build-cli.mjs).
const root = resolve(import.meta.dirname, '../..');
const exec = promisify(execFile);

interface Metafile {
  outputs: Record<
    string,
    { imports: { path: string; kind: string; external?: boolean }[]; inputs: Record<string, unknown> }
  >;
}

/** Every output file and package `dist/cli.js` loads before any command runs (static imports only). */
function loadedAtStart(meta: Metafile): { files: string[]; packages: string[] } {
  const files: string[] = [];
  const packages: string[] = [];
  const visit = (path: string) => {
    if (files.includes(path)) return;
    files.push(path);
    for (const imported of meta.outputs[path]?.imports ?? []) {
      if (imported.kind !== 'import-statement') continue;
      if (imported.external) packages.push(imported.path);
      else visit(imported.path);
    }
  };
  visit('dist/cli.js');
  return { files, packages };
}

describe('the built gongkai command', () => {
  it('runs on plain node and lists every command', async () => {
    const { stdout } = await exec('node', ['bin/gongkai.mjs', '--help'], { cwd: root });
    for (const [name, entry] of Object.entries(COMMANDS))
      expect(stdout).toContain(`${name.padEnd(10)} ${entry.summary}`);
  });

  it('loads no command module, no package and no TypeScript loader for --help', () => {
    const meta = JSON.parse(readFileSync(resolve(root, 'dist/meta.json'), 'utf8')) as Metafile;
    const { files, packages } = loadedAtStart(meta);
    const sources = files.flatMap((file) => Object.keys(meta.outputs[file]?.inputs ?? {}));
    expect(sources).toContain('src/cli/commands.ts');
    for (const name of Object.keys(COMMANDS)) expect(sources).not.toContain(`src/cli/${name}.ts`);
    expect(packages.filter((p) => !p.startsWith('node:'))).toEqual([]);
    const everything = Object.values(meta.outputs).flatMap((o) => o.imports.map((i) => i.path));
    expect(everything.filter((p) => p === 'tsx' || p.startsWith('tsx/'))).toEqual([]);
    expect(readFileSync(resolve(root, 'bin/gongkai.mjs'), 'utf8')).not.toMatch(/from 'tsx|import\('tsx/);
  });

  it('finds the files that sources keep beside them (rule packs, schemas) from any chunk', async () => {
    // Sources locate seeds/ from their own URL; bundled into dist/chunks/ that URL is one folder
    // deeper than dist/cli.js, and a wrong root fails every included rule pack.
    const checked = await exec(
      'node',
      ['bin/gongkai.mjs', 'catalogue', 'check', 'seeds/jiangmen-2016/catalogue.json'],
      {
        cwd: root,
      },
    );
    expect(checked.stdout).not.toMatch(/rule pack|ENOENT/i);
    await expect(
      exec('node', ['bin/gongkai.mjs', 'catalogue', 'schema', '--check'], { cwd: root }),
    ).resolves.toBeDefined();
  });

  it('loads a command on demand and reports its usage', async () => {
    const { stdout } = await exec('node', ['bin/gongkai.mjs', 'periods', '--help'], { cwd: root });
    expect(stdout).toContain('gongkai periods --catalogue');
  });
});

describe('the source digest the built command judges with', () => {
  it('is the digest of src/ it was built from, so a judgement stored by other code is not reused', async () => {
    const { sourceDigest } = await import('../../scripts/source-digest.mjs');
    const digest = sourceDigest(resolve(root, 'src'));
    const meta = JSON.parse(readFileSync(resolve(root, 'dist/meta.json'), 'utf8')) as Metafile;
    const [chunk] = Object.entries(meta.outputs).find(([, o]) =>
      Object.keys(o.inputs).some((input) => input.endsWith('src/tasks/source-version.ts')),
    )!;
    const text = readFileSync(resolve(root, chunk), 'utf8');
    expect(text).toMatch(new RegExp(`SOURCE_VERSION = true \\? ${JSON.stringify(digest)}`));
  });
});
