/**
 * Lambda bundle benchmark (`npm run bench:lambda`): bundles the crawler's Lambda entry exactly as
 * the CDK stack does (infra/lambda-bundling.ts), and next to it a naive peer of the same entry
 * (no minification, no tree shaking). Reports bundle size and module initialisation time (import
 * in a fresh node process, median of 10), writes docs/benchmarks.md's section, and exits 1 when
 * the deployed bundle is over 1.5 MB or initialises slower than 250 ms, or pulls in a package that
 * must never reach a Lambda.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { esbuildOptions, FORBIDDEN_IN_BUNDLE, lambdaEntry, PROJECT_ROOT } from '../infra/lambda-bundling';

const MAX_BYTES = 1.5 * 1024 * 1024;
const MAX_INIT_MS = 250;
const RUNS = 10;
const SECTION = '## Lambda bundle (npm run bench:lambda)';

interface Measured {
  name: string;
  bytes: number;
  mapBytes: number;
  inputs: number;
  initMedianMs: number;
  initMinMs: number;
  initMaxMs: number;
  forbidden: string[];
}

/** Packages (by node_modules path) that ended up in the bundle. */
export function packagesIn(metafile: Metafile): Set<string> {
  const names = new Set<string>();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
    if (match) names.add(match[1]!);
  }
  return names;
}

function forbiddenIn(packages: Set<string>): string[] {
  return [...packages].filter((name) =>
    FORBIDDEN_IN_BUNDLE.some((bad) => name === bad || name.startsWith(`${bad}/`)),
  );
}

/** Imports the bundle in a fresh node process and reports how long the import took. */
function importMs(file: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now() - t));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: tmpdir(),
    env: { PATH: process.env.PATH ?? '', AWS_REGION: 'ap-east-1' },
    encoding: 'utf8',
  });
  return Number(out);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function measure(name: string, entry: string, dir: string, peer: boolean): Promise<Measured> {
  const outfile = join(dir, name, 'index.mjs');
  const options = esbuildOptions(entry, outfile, peer ? { minify: false } : {});
  const result = await build(peer ? { ...options, treeShaking: false } : options);
  const times = Array.from({ length: RUNS }, () => importMs(outfile));
  return {
    name,
    bytes: statSync(outfile).size,
    mapBytes: existsSync(`${outfile}.map`) ? statSync(`${outfile}.map`).size : 0,
    inputs: Object.keys(result.metafile.inputs).length,
    initMedianMs: median(times),
    initMinMs: Math.min(...times),
    initMaxMs: Math.max(...times),
    forbidden: forbiddenIn(packagesIn(result.metafile)),
  };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;

function table(rows: Measured[]): string {
  const lines = [
    '| bundle | size | source map | modules | init median | init min–max |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${kb(r.bytes)} | ${kb(r.mapBytes)} | ${r.inputs} | ${ms(r.initMedianMs)} | ${ms(r.initMinMs)}–${ms(r.initMaxMs)} |`,
    ),
  ];
  return lines.join('\n');
}

function machine(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${cpus().length} CPUs (nproc), ${cpu}, node ${process.version}, ${process.platform}/${process.arch}`;
}

/** Replaces (or appends) this benchmark's section of docs/benchmarks.md, leaving the rest alone. */
export function replaceSection(doc: string, section: string): string {
  const start = doc.indexOf(SECTION);
  if (start < 0) return `${doc.trimEnd()}${doc.trim() ? '\n\n' : ''}${section}\n`;
  const next = doc.indexOf('\n## ', start + SECTION.length);
  const rest = next < 0 ? '' : doc.slice(next + 1);
  return `${doc.slice(0, start)}${section}\n${rest ? `\n${rest}` : ''}`;
}

async function main(): Promise<number> {
  const entry = resolve(process.argv[2] ?? lambdaEntry('crawl-source.ts'));
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-bench-lambda-'));
  try {
    const deployed = await measure('deployed (minified, tree-shaken)', entry, dir, false);
    const peer = await measure('peer: no minify, no tree shaking', entry, dir, true);
    const rows = [deployed, peer];
    const verdicts = [
      `size ${kb(deployed.bytes)} ${deployed.bytes <= MAX_BYTES ? '≤' : '>'} limit ${kb(MAX_BYTES)}`,
      `init median ${ms(deployed.initMedianMs)} ${deployed.initMedianMs <= MAX_INIT_MS ? '≤' : '>'} limit ${MAX_INIT_MS} ms`,
      deployed.forbidden.length === 0
        ? 'no build/test/local-only package in the bundle'
        : `FORBIDDEN packages in the bundle: ${deployed.forbidden.join(', ')}`,
    ];
    const ok =
      deployed.bytes <= MAX_BYTES && deployed.initMedianMs <= MAX_INIT_MS && deployed.forbidden.length === 0;
    const section = [
      SECTION,
      '',
      `Entry \`${relative(PROJECT_ROOT, entry)}\`, bundled with the options the CDK stack uses (infra/lambda-bundling.ts: esbuild, ESM, minified, target node22, AWS SDK v3 bundled and tree-shaken). Init = \`import()\` of the bundle in a fresh node process, median of ${RUNS}; handler dependencies (SDK clients, catalogue) load on the first invocation and are not included.`,
      '',
      table(rows),
      '',
      ...verdicts.map((line) => `- ${line}`),
      '',
      `Machine: ${machine()}. Measured ${new Date().toISOString().slice(0, 10)}. Lambda runs arm64 with a CPU share proportional to memory, so its figures differ; this table compares bundles against each other and against the limits.`,
    ].join('\n');
    console.log(`${table(rows)}\n\n${verdicts.join('\n')}\n${machine()}`);
    const docPath = join(PROJECT_ROOT, 'docs', 'benchmarks.md');
    const doc = existsSync(docPath) ? readFileSync(docPath, 'utf8') : '# Benchmarks\n';
    writeFileSync(docPath, replaceSection(doc, section));
    return ok ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main();
}
