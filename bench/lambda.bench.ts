/**
 * Lambda bundle benchmark (`npm run bench:lambda`): bundles the crawler's Lambda entry exactly as
 * the CDK stack does (infra/lambda-bundling.ts) and, as peers in the same run, the same entry with
 * the AWS SDK left to the Lambda runtime, and without minification or tree shaking. Reports bundle
 * size and module initialisation time (import in a fresh node process, median of 10), writes
 * docs/benchmarks.md's section, and exits 1 when the deployed bundle is over 1.75 MiB, initialises
 * slower than 250 ms, or pulls in a package that must never reach a Lambda.
 */
import { execFileSync, execSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import {
  esbuildOptions,
  FORBIDDEN_IN_BUNDLE,
  lambdaEntry,
  PDF_READER_FILE,
  PROJECT_ROOT,
  pdfReaderCommand,
} from '../infra/lambda-bundling';
import { machine, median, replaceSection as replaceDocSection } from './bench-doc';

// 1.5 MiB until the crawler also checked evidence pages and scanned them for personal data (the
// detectors, a bounded zip reader for .xlsx/.docx): +37 KiB. Start-up (MAX_INIT_MS) is the guard
// that matters for a cold start; the size budget keeps growth visible.
export const MAX_BYTES = 1.75 * 1024 * 1024;
const MAX_INIT_MS = 250;
const RUNS = 10;
const SECTION = '## Lambda bundle (npm run bench:lambda)';

interface Measured {
  name: string;
  bytes: number;
  zippedBytes: number;
  mapBytes: number;
  inputs: number;
  initMedianMs: number;
  initMinMs: number;
  initMaxMs: number;
  initCpuMedianMs: number;
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

/**
 * Imports the bundle in a fresh node process; returns the wall and CPU time of the import (CPU time
 * is the steadier figure on a shared machine). Run from the project, so a bundle that leaves the
 * AWS SDK external finds it in node_modules as it would in the Lambda runtime.
 */
function importMs(file: string): { wall: number; cpu: number } {
  const script = `const c = process.cpuUsage(); const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); const w = performance.now() - t; const u = process.cpuUsage(c); process.stdout.write(JSON.stringify({ wall: w, cpu: (u.user + u.system) / 1000 }));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', AWS_REGION: 'ap-east-1' },
    encoding: 'utf8',
  });
  return JSON.parse(out) as { wall: number; cpu: number };
}

type Variant = 'deployed' | 'sdk-external' | 'naive';

async function measure(name: string, variant: Variant, entry: string, dir: string): Promise<Measured> {
  const outfile = join(dir, variant, 'index.mjs');
  const options = esbuildOptions(
    entry,
    outfile,
    variant === 'naive'
      ? { minify: false }
      : variant === 'sdk-external'
        ? { external: ['@aws-sdk/*', '@smithy/*'] }
        : {},
  );
  const result = await build(variant === 'naive' ? { ...options, treeShaking: false } : options);
  const times = Array.from({ length: RUNS }, () => importMs(outfile));
  const wall = times.map((t) => t.wall);
  return {
    name,
    bytes: statSync(outfile).size,
    zippedBytes: deflateRawSync(readFileSync(outfile)).byteLength,
    mapBytes: existsSync(`${outfile}.map`) ? statSync(`${outfile}.map`).size : 0,
    inputs: Object.keys(result.metafile.inputs).length,
    initMedianMs: median(wall),
    initMinMs: Math.min(...wall),
    initMaxMs: Math.max(...wall),
    initCpuMedianMs: median(times.map((t) => t.cpu)),
    forbidden: forbiddenIn(packagesIn(result.metafile)),
  };
}

/**
 * The PDF reader module the crawler's asset carries beside its bundle, built by the stack's own
 * command: not part of a cold start, it is imported on the first PDF, so its import time is what
 * that first PDF costs.
 */
function measurePdfReader(dir: string): Measured {
  const into = join(dir, 'deployed');
  execSync(pdfReaderCommand(into), { stdio: 'pipe' });
  const file = join(into, PDF_READER_FILE);
  const times = Array.from({ length: RUNS }, () => importMs(file));
  const wall = times.map((t) => t.wall);
  return {
    name: `beside it: ${PDF_READER_FILE} (unpdf), imported on the first PDF`,
    bytes: statSync(file).size,
    zippedBytes: deflateRawSync(readFileSync(file)).byteLength,
    mapBytes: 0,
    inputs: 0,
    initMedianMs: median(wall),
    initMinMs: Math.min(...wall),
    initMaxMs: Math.max(...wall),
    initCpuMedianMs: median(times.map((t) => t.cpu)),
    forbidden: [],
  };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;

function table(rows: Measured[]): string {
  const lines = [
    '| bundle | size | zipped | source map | modules | init median (wall) | init min–max | init median (CPU) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${kb(r.bytes)} | ${kb(r.zippedBytes)} | ${kb(r.mapBytes)} | ${r.inputs} | ${ms(r.initMedianMs)} | ${ms(r.initMinMs)}–${ms(r.initMaxMs)} | ${ms(r.initCpuMedianMs)} |`,
    ),
  ];
  return lines.join('\n');
}

/** Replaces (or appends) this benchmark's section of docs/benchmarks.md, leaving the rest alone. */
export function replaceSection(doc: string, section: string): string {
  return replaceDocSection(doc, SECTION, section);
}

async function main(): Promise<number> {
  const entry = resolve(process.argv[2] ?? lambdaEntry('crawl-source.ts'));
  const host = machine();
  mkdirSync(join(PROJECT_ROOT, 'tmp'), { recursive: true });
  const dir = mkdtempSync(join(PROJECT_ROOT, 'tmp', 'bench-lambda-'));
  try {
    const deployed = await measure(
      'deployed: minified, tree-shaken, AWS SDK bundled',
      'deployed',
      entry,
      dir,
    );
    const external = await measure('peer: AWS SDK from the runtime (external)', 'sdk-external', entry, dir);
    const naive = await measure('peer: no minify, no tree shaking', 'naive', entry, dir);
    const rows = [deployed, measurePdfReader(dir), external, naive];
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
      `Entry \`${relative(PROJECT_ROOT, entry)}\`, bundled with the options the CDK stack uses (infra/lambda-bundling.ts: esbuild, ESM, minified, UTF-8, target node22, AWS SDK v3 bundled and tree-shaken). Init = \`import()\` of the bundle in a fresh node process, median of ${RUNS} (wall clock; CPU time alongside). Modules the handler reaches through dynamic imports (the task code, the store adapters) are compiled with the bundle but evaluated on the first invocation. "zipped" is the raw-deflate size, close to the deployment package Lambda downloads.`,
      '',
      table(rows),
      '',
      ...verdicts.map((line) => `- ${line}`),
      '',
      `Machine: ${host}. Measured ${new Date().toISOString().slice(0, 10)}. Lambda runs arm64 with a CPU share proportional to memory, so its figures differ; this table compares bundles against each other and against the limits.`,
    ].join('\n');
    console.log(`${table(rows)}\n\n${verdicts.join('\n')}\n${host}`);
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
