/**
 * Reading JSON configuration files with errors a person can act on: which file, which line and
 * column for a syntax error, and which JSON path for a schema violation.
 */
import type { z } from 'zod';
import { formatIssues, ValidationError } from '../core/validation';
import { readRegularFile } from './bounded-file';

/** Reads a UTF-8 text file; an unreadable file becomes a ValidationError naming it and why. */
export async function readTextFile(path: string, what: string): Promise<string> {
  return (await readRegularFile(path, what)).toString('utf8');
}

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column };
}

/** Parses JSON text; a syntax error becomes a ValidationError with line:column when the engine reports a position. */
export function parseJsonText(text: string, label: string): unknown {
  try {
    // A byte-order mark is legal in files written by Windows editors but not in JSON.parse.
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const message = (error as Error).message;
    const position = /at position (\d+)/.exec(message);
    const lineCol = /line (\d+) column (\d+)/.exec(message);
    let where = '';
    if (lineCol) where = `line ${lineCol[1]}, column ${lineCol[2]}: `;
    else if (position) {
      const { line, column } = lineAndColumn(text, Number(position[1]));
      where = `line ${line}, column ${column}: `;
    }
    const detail = message
      .replace(/ in JSON at position \d+.*$/s, '')
      .replace(/\s*\(line \d+ column \d+\)$/, '')
      // V8 quotes the start of the text ("…" is not valid JSON): a binary file would put its bytes
      // and line breaks into the message; the token is enough, kept on one line.
      .replace(/, "[\s\S]*"(\.\.\.)? is not valid JSON$/, ': the file is not JSON')
      .replace(
        /[\u0000-\u001f\u007f-\u009f\ufffd]/g,
        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
      );
    throw new ValidationError(label, [`${where}invalid JSON: ${detail}`]);
  }
}

/** Validates a parsed value, naming every wrong JSON path. */
export function validate<S extends z.ZodType>(schema: S, value: unknown, label: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(label, formatIssues(result.error));
  return result.data;
}

/** Reads, parses and validates one JSON file. */
export async function loadJsonFile<S extends z.ZodType>(
  schema: S,
  path: string,
  what: string,
): Promise<z.infer<S>> {
  const label = `${what} ${path}`;
  return validate(schema, parseJsonText(await readTextFile(path, what), label), label);
}
