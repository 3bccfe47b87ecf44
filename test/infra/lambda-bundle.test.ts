import { execFileSync, execSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BYTES, packagesIn, replaceSection } from '../../bench/lambda.bench';
import {
  esbuildOptions,
  FORBIDDEN_IN_BUNDLE,
  lambdaEntry,
  PDF_READER_FILE,
  PROJECT_ROOT,
  pdfReaderCommand,
} from '../../infra/lambda-bundling';

// The crawler's bundle, built with the options the stack deploys (infra/lambda-bundling.ts).
let dir: string;
let outfile: string;
let metafile: Metafile;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gongkai-bundle-test-'));
  outfile = join(dir, 'index.mjs');
  ({ metafile } = await build(esbuildOptions(lambdaEntry('crawl-source.ts'), outfile, { pdfReader: true })));
  // The PDF reader module, built by the command the stack runs after bundling the crawler.
  execSync(pdfReaderCommand(dir), { stdio: 'pipe' });
}, 120_000);

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

describe('the PDF reader shipped beside the crawler bundle', () => {
  const pdf = resolve(PROJECT_ROOT, 'test/fixtures/office/relief-notice.pdf');

  /**
   * Bundles the attachment readers (src/crawl/text) with the crawler's options into `into` and scans
   * the PDF fixture with them in plain node, outside the project: unpdf cannot come from
   * node_modules there, only from the module beside the bundle.
   */
  async function scanPdfWithBundle(
    into: string,
  ): Promise<{ findings: { kind: string; where: string }[]; unread: { reason: string }[] }> {
    const probe = join(into, 'readers.mjs');
    await build(esbuildOptions(resolve(PROJECT_ROOT, 'src/crawl/text/index.ts'), probe, { pdfReader: true }));
    const script = `import { readFileSync } from 'node:fs';
      const { scanFile } = await import(${JSON.stringify(pathToFileURL(probe).href)});
      const scan = await scanFile(readFileSync(${JSON.stringify(pdf)}), { url: 'http://x.gov.cn/notice.pdf', sha256: null });
      console.log(JSON.stringify(scan));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: tmpdir(),
      env: { PATH: process.env.PATH ?? '' },
      encoding: 'utf8',
    });
    return JSON.parse(out);
  }

  it('keeps pdf.js out of index.mjs, which loads the reader by its path beside it', () => {
    const packages = packagesIn(metafile);
    expect(packages.has('unpdf')).toBe(false);
    expect(readFileSync(outfile, 'utf8')).toContain(`./${PDF_READER_FILE}`);
    expect(statSync(join(dir, PDF_READER_FILE)).size).toBeGreaterThan(500 * 1024);
  });

  it('reads a real PDF (LibreOffice export) through the bundled readers and the shipped module', async () => {
    const withReader = join(dir, 'with-reader');
    mkdirSync(withReader);
    copyFileSync(join(dir, PDF_READER_FILE), join(withReader, PDF_READER_FILE));
    const scan = await scanPdfWithBundle(withReader);
    expect(scan.unread).toEqual([]);
    expect(scan.findings.map((f) => [f.kind, f.where])).toEqual([
      ['mobile', 'page 1 line 3'],
      ['resident-id', 'page 1 line 5'],
      ['resident-id', 'page 1 line 6'],
      ['bank-card', 'page 1 line 7'],
    ]);
  }, 60_000);

  it('records a PDF as not read when the module is missing from the asset', async () => {
    const without = join(dir, 'without-reader');
    mkdirSync(without);
    const scan = await scanPdfWithBundle(without);
    expect(scan.findings).toEqual([]);
    expect(scan.unread.map((u) => u.reason)).toEqual([
      expect.stringMatching(/^PDF text reader not available in this runtime/),
    ]);
  }, 60_000);
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
