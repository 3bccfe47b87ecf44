import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  defaultSchemaDir,
  jsonSchemaFor,
  jsonSchemaText,
  SCHEMA_FILE_NAMES,
} from '../../../src/config/json-schemas';

describe('generated JSON Schemas', () => {
  it.each(SCHEMA_FILE_NAMES)('seeds/schemas/%s matches what the zod schemas generate', async (name) => {
    const committed = await readFile(join(defaultSchemaDir(), name), 'utf8');
    // On failure: run `npm run schemas` and commit the result.
    expect(committed).toBe(jsonSchemaText(name));
  });

  it('describes the input side: fields with defaults are optional', () => {
    const schema = jsonSchemaFor('catalogue.schema.json') as {
      required: string[];
      properties: Record<string, unknown>;
    };
    expect(schema.required).toEqual(['plan', 'obligations']);
    const text = JSON.stringify(schema);
    expect(text).toContain('"unspecified"');
    expect(text).toContain('graceWorkingDays');
  });
});
