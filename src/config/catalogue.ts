/**
 * Loading the obligations catalogue: one reviewed JSON file plus the rule packs it includes
 * (seeds/rule-packs/<name>.json, same format), merged into one Catalogue.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Catalogue, CatalogueSchema } from '../core/obligation';
import { ValidationError } from '../core/validation';
import { loadCalendarFile } from './calendar-file';
import { parseJsonText, readTextFile, validate } from './json-file';

export interface LoadCatalogueOptions {
  /** Where rule packs live (default: seeds/rule-packs in the project). */
  ruleDir?: string;
  /** A calendar file to embed, overriding `policy.calendar` (the `--calendar` flag). */
  calendar?: string;
}

const PACK_NAME = /^[a-z0-9][a-z0-9-]*$/;

/** seeds/rule-packs of the project this module belongs to, wherever the command is run from. */
export function defaultRuleDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return resolve(here, '../../seeds/rule-packs');
}

interface Origin {
  label: string;
  index: number;
}

/**
 * Reads, validates and merges a catalogue and its rule packs (recursively; a pack included twice
 * is merged once).
 * @throws ValidationError naming every wrong JSON path, a missing pack, or an obligation id defined twice.
 */
export async function loadCatalogue(path: string, options: LoadCatalogueOptions = {}): Promise<Catalogue> {
  const ruleDir = options.ruleDir ?? defaultRuleDir();
  const root = await readCatalogueFile(path, 'catalogue');
  const obligations = [...root.obligations];
  const origins = new Map<string, Origin>();
  root.obligations.forEach((o, index) => {
    origins.set(o.id, { label: `catalogue ${path}`, index });
  });

  const problems: string[] = [];
  const merged = new Set<string>();
  const pending: { name: string; from: string; at: string }[] = (root.include ?? []).map((name, i) => ({
    name,
    from: `catalogue ${path}`,
    at: `include[${i}]`,
  }));
  while (pending.length > 0) {
    const { name, from, at } = pending.shift()!;
    if (merged.has(name)) continue;
    merged.add(name);
    if (!PACK_NAME.test(name)) {
      problems.push(
        `${at}: rule pack name "${name}" must be lowercase letters, digits and dashes (in ${from})`,
      );
      continue;
    }
    const packPath = join(ruleDir, `${name}.json`);
    if (!existsSync(packPath)) {
      problems.push(`${at}: rule pack "${name}" not found: ${packPath} does not exist (in ${from})`);
      continue;
    }
    const label = `rule pack ${packPath}`;
    const pack = await readCatalogueFile(packPath, 'rule pack');
    pack.obligations.forEach((obligation, index) => {
      const earlier = origins.get(obligation.id);
      if (earlier) {
        problems.push(
          `obligations[${index}].id: duplicate obligation id "${obligation.id}" in ${label}, already defined at obligations[${earlier.index}] of ${earlier.label}`,
        );
        return;
      }
      origins.set(obligation.id, { label, index });
      obligations.push({ ...obligation, pack: name });
    });
    (pack.include ?? []).forEach((next, i) => {
      pending.push({ name: next, from: label, at: `include[${i}]` });
    });
  }
  if (problems.length > 0) throw new ValidationError(`catalogue ${path}`, problems);
  const calendarPath =
    options.calendar ?? (root.policy?.calendar ? resolve(dirname(path), root.policy.calendar) : undefined);
  const catalogue = { ...root, obligations };
  return calendarPath ? withCalendarFile(catalogue, calendarPath) : catalogue;
}

/**
 * The catalogue with a calendar file's holidays and 调休 working days embedded, so that every task
 * (locally, or in a Lambda reading the deployed catalogue) counts working days with them.
 * @throws ValidationError naming the calendar file and the path of what is wrong in it.
 */
export async function withCalendarFile(catalogue: Catalogue, path: string): Promise<Catalogue> {
  return { ...catalogue, calendar: await loadCalendarFile(path) };
}

async function readCatalogueFile(path: string, what: 'catalogue' | 'rule pack'): Promise<Catalogue> {
  const label = `${what} ${path}`;
  return validate(CatalogueSchema, parseJsonText(await readTextFile(path, what), label), label);
}
