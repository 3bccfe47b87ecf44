/**
 * JSON Schemas for the files people edit (catalogue, sources, calendar), generated from the zod
 * schemas so editors can validate and complete them. The committed copies in seeds/schemas are
 * checked against this generation by a test, so they cannot drift from the code.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CalendarFileSchema } from '../core/calendar';
import { CatalogueSchema } from '../core/obligation';
import { SourcesFileSchema } from '../core/source';

const SCHEMAS = {
  'catalogue.schema.json': { schema: CatalogueSchema, title: 'Gongkai Monitor obligations catalogue' },
  'sources.schema.json': { schema: SourcesFileSchema, title: 'Gongkai Monitor sources (department sites)' },
  'calendar.schema.json': { schema: CalendarFileSchema, title: 'Gongkai Monitor working-day calendar file' },
} as const;

export type SchemaFileName = keyof typeof SCHEMAS;
export const SCHEMA_FILE_NAMES = Object.keys(SCHEMAS) as SchemaFileName[];

/** seeds/schemas of the project this module belongs to. */
export function defaultSchemaDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../seeds/schemas');
}

/** The JSON Schema of one file, describing what a person may write (input side: defaults are optional). */
export function jsonSchemaFor(name: SchemaFileName): Record<string, unknown> {
  const { schema, title } = SCHEMAS[name];
  const generated = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return { $schema: generated.$schema, title, ...generated };
}

/** The exact text written to seeds/schemas/<name>. */
export function jsonSchemaText(name: SchemaFileName): string {
  return `${JSON.stringify(jsonSchemaFor(name), null, 2)}\n`;
}

/** Writes every schema file into `dir`; returns the paths written. */
export async function writeJsonSchemas(dir = defaultSchemaDir()): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const name of SCHEMA_FILE_NAMES) {
    const path = join(dir, name);
    await writeFile(path, jsonSchemaText(name));
    written.push(path);
  }
  return written;
}
