import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { parseOrThrow } from '../src/core/validation';

/** A JSON file of a fixture corpus (corpus.json, expected/…), validated; errors name the file and path. */
export async function readCorpusJson<S extends z.ZodType>(
  dir: string,
  file: string,
  schema: S,
): Promise<z.infer<S>> {
  return parseOrThrow(schema, JSON.parse(await readFile(join(dir, file), 'utf8')), file);
}
