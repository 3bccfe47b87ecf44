import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { loadCatalogue } from '../config/catalogue';
import {
  defaultSchemaDir,
  jsonSchemaFor,
  jsonSchemaText,
  SCHEMA_FILE_NAMES,
  type SchemaFileName,
  writeJsonSchemas,
} from '../config/json-schemas';
import { loadSources } from '../config/sources';
import { type CatalogueSummary, summarizeCatalogue, uncoveredObligations } from '../core/catalogue-summary';
import { ValidationError } from '../core/validation';
import type { Command } from './command';
import { parseFlags, UsageError } from './flags';

const usage = `Usage:
  gongkai catalogue check <file> [--sources <file>] [--json] [--rule-dir <dir>]
      Validates a catalogue (and the rule packs it includes). Exit 0 when valid, 2 with every
      problem listed by JSON path when not. Prints counts by schedule kind and unit, verifiable
      obligations and open review items. With --sources, also refuses verifiable obligations
      whose units no source carries (a sweep could only say "cannot tell" for them).
  gongkai catalogue schema [--write | --check] [--dir <dir>] [--name catalogue|sources|calendar]
      Prints the JSON Schema generated from the code (default: the catalogue's), writes all of
      them to seeds/schemas (--write), or exits 1 when the files there are out of date (--check).`;

const CheckFlags = z.object({
  _: z.tuple([z.literal('check'), z.string().min(1, 'the catalogue file to check')]),
  json: z.boolean().default(false),
  'rule-dir': z.string().optional(),
  sources: z.string().min(1).optional(),
});

const SchemaFlags = z.object({
  _: z.tuple([z.literal('schema')]),
  write: z.boolean().default(false),
  check: z.boolean().default(false),
  dir: z.string().optional(),
  name: z.enum(['catalogue', 'sources', 'calendar']).default('catalogue'),
});

async function check(argv: string[]): Promise<number> {
  const flags = parseFlags(
    argv,
    { json: { type: 'boolean' }, 'rule-dir': { type: 'string' }, sources: { type: 'string' } },
    CheckFlags,
  );
  const [, file] = flags._;
  try {
    const catalogue = await loadCatalogue(file, { ruleDir: flags['rule-dir'] });
    if (flags.sources) {
      const uncovered = uncoveredObligations(catalogue, await loadSources(flags.sources));
      if (uncovered.length > 0) throw new ValidationError(`${file} against ${flags.sources}`, uncovered);
    }
    const summary = summarizeCatalogue(catalogue);
    console.log(
      flags.json ? JSON.stringify({ valid: true, file, summary }, null, 2) : renderSummary(file, summary),
    );
    return 0;
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    if (flags.json) {
      console.log(JSON.stringify({ valid: false, file, problems: error.problems }, null, 2));
    } else {
      console.error(
        `${error.what} is invalid (${error.problems.length} problem${error.problems.length === 1 ? '' : 's'}):`,
      );
      for (const problem of error.problems) console.error(`  - ${problem}`);
    }
    return 2;
  }
}

function renderSummary(file: string, s: CatalogueSummary): string {
  const lines = [
    `${file}: valid — ${s.issuer} ${s.year}, ${s.obligations} obligations`,
    '',
    'By schedule kind:',
  ];
  for (const [kind, count] of Object.entries(s.byKind))
    if (count > 0) lines.push(`  ${kind.padEnd(12)} ${count}`);
  lines.push('', 'By unit:');
  for (const [unit, count] of Object.entries(s.byUnit)) lines.push(`  ${String(count).padStart(4)}  ${unit}`);
  lines.push('', `Verifiable: ${s.verifiable}   not verifiable on a website: ${s.unverifiable}`);
  lines.push('', `Open review items: ${s.openReview.length}`);
  for (const item of s.openReview) lines.push(`  ${item.id} (item ${item.item}): ${item.reasons.join('; ')}`);
  return lines.join('\n');
}

async function schema(argv: string[]): Promise<number> {
  const flags = parseFlags(
    argv,
    {
      write: { type: 'boolean' },
      check: { type: 'boolean' },
      dir: { type: 'string' },
      name: { type: 'string' },
    },
    SchemaFlags,
  );
  const dir = flags.dir ?? defaultSchemaDir();
  if (flags.write) {
    for (const path of await writeJsonSchemas(dir)) console.log(`wrote ${path}`);
    return 0;
  }
  if (flags.check) {
    const stale: SchemaFileName[] = [];
    for (const name of SCHEMA_FILE_NAMES) {
      const current = await readFile(join(dir, name), 'utf8').catch(() => undefined);
      if (current !== jsonSchemaText(name)) stale.push(name);
    }
    if (stale.length === 0) return 0;
    console.error(`out of date in ${dir}: ${stale.join(', ')} — run \`gongkai catalogue schema --write\``);
    return 1;
  }
  console.log(JSON.stringify(jsonSchemaFor(`${flags.name}.schema.json`), null, 2));
  return 0;
}

export const command: Command = {
  usage,
  async run(argv) {
    const [sub] = argv;
    if (sub === 'check') return check(argv);
    if (sub === 'schema') return schema(argv);
    throw new UsageError(sub ? `unknown subcommand "${sub}"` : 'expected a subcommand: check or schema');
  },
};
