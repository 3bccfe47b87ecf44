import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BYTES, packagesIn, replaceSection } from '../../bench/lambda.bench';
import { esbuildOptions, FORBIDDEN_IN_BUNDLE, lambdaEntry } from '../../infra/lambda-bundling';

// The crawler's bundle, built with the options the stack deploys (infra/lambda-bundling.ts).
let dir: string;
let outfile: string;
let metafile: Metafile;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gongkai-bundle-test-'));
  outfile = join(dir, 'index.mjs');
  ({ metafile } = await build(esbuildOptions(lambdaEntry('crawl-source.ts'), outfile)));
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('crawler Lambda bundle', () => {
  it('holds no build, test or local-only package', () => {
    const packages = packagesIn(metafile);
    expect(packages.size).toBeGreaterThan(0);
    for (const name of packages) {
      expect(
        FORBIDDEN_IN_BUNDLE.some((bad) => name === bad || name.startsWith(`${bad}/`)),
        name,
      ).toBe(false);
    }
  });

  it('stays under its size budget (MAX_BYTES in bench/lambda.bench.ts)', () => {
    const output = Object.values(metafile.outputs).find((o) => o.entryPoint)!;
    const byPackage = new Map<string, number>();
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? '(project)';
      byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
    }
    const largest = [...byPackage]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([name, bytes]) => `${name} ${Math.round(bytes / 1024)} KiB`)
      .join(', ');
    expect(statSync(outfile).size, `largest contributors: ${largest}`).toBeLessThanOrEqual(MAX_BYTES);
  });

  it('loads in plain node and reaches the environment check on its first invocation', () => {
    // Invoking without the stack's variables runs the whole cold-start path up to awsDeps(), which
    // must refuse with the names of the missing variables (not fail on a bundling problem first).
    const script = `const { handler } = await import(${JSON.stringify(pathToFileURL(outfile).href)});
      try { await handler({}); console.log('no error'); } catch (e) { console.log(e.message); }`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: tmpdir(),
      env: { PATH: process.env.PATH ?? '' },
      encoding: 'utf8',
    });
    expect(out).toContain('Lambda environment is invalid');
    expect(out).toContain('TABLE_NAME');
  });
});

describe('benchmark section of docs/benchmarks.md', () => {
  const section = '## Lambda bundle (npm run bench:lambda)\n\nnew figures';

  it('replaces only its own section', () => {
    const doc =
      '# Benchmarks\n\n## Eval\n\neval\n\n## Lambda bundle (npm run bench:lambda)\n\nold\n\n## Crawl\n\ncrawl\n';
    expect(replaceSection(doc, section)).toBe(
      '# Benchmarks\n\n## Eval\n\neval\n\n## Lambda bundle (npm run bench:lambda)\n\nnew figures\n\n## Crawl\n\ncrawl\n',
    );
  });

  it('appends the section when it is absent', () => {
    expect(replaceSection('# Benchmarks\n\n## Eval\n\neval\n', section)).toBe(
      `# Benchmarks\n\n## Eval\n\neval\n\n${section}\n`,
    );
  });
});
