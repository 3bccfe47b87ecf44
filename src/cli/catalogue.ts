import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { loadCatalogue } from '../config/catalogue';
import { loadJsonFile, parseJsonText, readTextFile, validate } from '../config/json-file';
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
import { CatalogueSchema, DraftCatalogueSchema } from '../core/obligation';
import { ValidationError } from '../core/validation';
import { type Comparable, diffCatalogues, initCatalogue } from '../ingest/catalogue-init';
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
      them to seeds/schemas (--write), or exits 1 when the files there are out of date (--check).
  gongkai catalogue init <draft.json> --out <catalogue.json> [--prefix <id prefix>]
      Proposes a catalogue from an ingest draft: ids (<prefix>-<item>), the draft's schedules, and
      evidence rules with keywords from the task text and column kinds from what the task is about.
      Every guess is added to the obligation's review. Refuses to overwrite an existing file.
  gongkai catalogue diff <old.json> <new.json> [--json]
      Compares two years' drafts or catalogues by task text: new, dropped and reworded
      obligations (with last year's id, so its reviewed rule can carry over).`;

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

const InitFlags = z.object({
  _: z.tuple([z.literal('init'), z.string().min(1, 'the ingest draft to start from')]),
  out: z.string({ error: 'required: where to write the proposed catalogue' }).min(1),
  prefix: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes')
    .optional(),
});

const DiffFlags = z.object({
  _: z.tuple([
    z.literal('diff'),
    z.string().min(1, "last year's file"),
    z.string().min(1, "this year's file"),
  ]),
  json: z.boolean().default(false),
});

async function init(argv: string[]): Promise<number> {
  const flags = parseFlags(argv, { out: { type: 'string' }, prefix: { type: 'string' } }, InitFlags);
  const [, draftPath] = flags._;
  try {
    const draft = await loadJsonFile(DraftCatalogueSchema, draftPath, 'draft');
    const proposed = initCatalogue(draft, flags.prefix ?? `p${draft.plan.year}`);
    const catalogue = validate(CatalogueSchema, proposed, 'proposed catalogue');
    await writeFile(flags.out, `${JSON.stringify(catalogue, null, 2)}\n`, { flag: 'wx' });
    const guesses = catalogue.obligations.filter((o) => o.evidence.verifiable).length;
    console.error(
      `gongkai catalogue init: wrote ${flags.out}: ${catalogue.obligations.length} obligations, ${guesses} with proposed evidence keywords; every guess is listed in its review`,
    );
    return 0;
  } catch (error) {
    if (error instanceof ValidationError) {
      console.error(error.message);
      return 2;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
      console.error(`gongkai catalogue init: cannot write ${flags.out}: ${(error as Error).message}`);
      return 1;
    }
    throw error;
  }
}

/** The obligations of a draft or a catalogue, as diff compares them. */
async function comparable(path: string): Promise<Comparable[]> {
  const value = parseJsonText(await readTextFile(path, 'catalogue'), path) as { obligations?: unknown };
  const list = validate(
    z.object({
      obligations: z.array(
        z.object({ id: z.string().optional(), item: z.number().optional(), task: z.string().min(1) }),
      ),
    }),
    value,
    path,
  );
  return list.obligations;
}

async function diff(argv: string[]): Promise<number> {
  const flags = parseFlags(argv, { json: { type: 'boolean' } }, DiffFlags);
  const [, oldPath, newPath] = flags._;
  try {
    const result = diffCatalogues(await comparable(oldPath), await comparable(newPath));
    if (flags.json) {
      console.log(JSON.stringify(result, null, 2));
      return 0;
    }
    const name = (o: Comparable) => `${o.id ?? `item ${o.item ?? '?'}`}: ${o.task.split('\n')[0]}`;
    const lines = [
      `${oldPath} → ${newPath}: ${result.unchanged.length} unchanged, ${result.reworded.length} reworded, ${result.added.length} new, ${result.dropped.length} dropped`,
    ];
    if (result.reworded.length > 0)
      lines.push('', "Reworded (last year's rule may carry over; check it still fits):");
    for (const r of result.reworded)
      lines.push(`  ${name(r.before)}`, `    → ${name(r.after)} (${Math.round(r.similarity * 100)}% alike)`);
    if (result.added.length > 0) lines.push('', 'New (need an evidence rule):');
    for (const o of result.added) lines.push(`  ${name(o)}`);
    if (result.dropped.length > 0) lines.push('', 'Dropped (no longer in the plan):');
    for (const o of result.dropped) lines.push(`  ${name(o)}`);
    console.log(lines.join('\n'));
    return 0;
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    console.error(error.message);
    return 2;
  }
}

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
    } else if (error.problems.length === 1) {
      console.error(error.message);
    } else {
      console.error(`${error.what} is invalid (${error.problems.length} problems):`);
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
  for (const item of s.openReview)
    lines.push(`  ${item.id}${item.item === null ? '' : ` (item ${item.item})`}: ${item.reasons.join('; ')}`);
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
    if (sub === 'init') return init(argv);
    if (sub === 'diff') return diff(argv);
    throw new UsageError(
      sub ? `unknown subcommand "${sub}"` : 'expected a subcommand: check, schema, init or diff',
    );
  },
};
