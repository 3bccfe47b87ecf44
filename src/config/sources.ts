import { type SourcesFile, SourcesFileSchema } from '../core/source';
import { ValidationError } from '../core/validation';
import { lineAndColumn, parseJsonText, readTextFile, validate } from './json-file';

export interface LoadSourcesOptions {
  /** Values for `{{name}}` placeholders, e.g. the demo portal's port, known only at run time. */
  substitute?: Record<string, string>;
}

const PLACEHOLDER = /\{\{\s*([\w.:-]+)\s*\}\}/g;

/**
 * Fills `{{name}}` placeholders in raw text. Every placeholder without a value is an error (with
 * its line), because a half-filled URL would otherwise surface much later as a failed crawl.
 */
export function fillPlaceholders(text: string, values: Record<string, string>, label: string): string {
  const missing: string[] = [];
  const filled = text.replace(PLACEHOLDER, (whole, name: string, offset: number) => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    // Escaped as inside a JSON string, where placeholders sit (URLs), so a value cannot break the file.
    if (value !== undefined) return JSON.stringify(value).slice(1, -1);
    const { line, column } = lineAndColumn(text, offset);
    missing.push(`line ${line}, column ${column}: placeholder ${whole} has no value`);
    return whole;
  });
  if (missing.length > 0) throw new ValidationError(label, missing);
  return filled;
}

/** Loads and validates a sources file (department sites and their columns). */
export async function loadSources(path: string, options: LoadSourcesOptions = {}): Promise<SourcesFile> {
  const label = `sources file ${path}`;
  const raw = await readTextFile(path, 'sources file');
  const text = fillPlaceholders(raw, options.substitute ?? {}, label);
  return validate(SourcesFileSchema, parseJsonText(text, label), label);
}
