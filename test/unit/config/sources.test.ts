import { describe, expect, it } from 'vitest';
import { fillPlaceholders, loadSources } from '../../../src/config/sources';
import { ValidationError } from '../../../src/core/validation';

const template = 'test/fixtures/sources-template.json';

describe('loadSources', () => {
  it('fills {{port}} before parsing, so URLs validate', async () => {
    const sources = await loadSources(template, { substitute: { port: '43127' } });
    expect(sources.sources[0]?.homepage).toBe('http://127.0.0.1:43127/czj/');
    expect(sources.sources[0]?.columns[0]?.url).toBe('http://127.0.0.1:43127/czj/tzgg/');
  });

  it('names the line of each placeholder left without a value', async () => {
    const error = await loadSources(template).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems).toEqual([
      'line 7, column 37: placeholder {{port}} has no value',
      'line 10, column 68: placeholder {{port}} has no value',
    ]);
  });
});

describe('fillPlaceholders', () => {
  it('escapes values as JSON string content', () => {
    const text = fillPlaceholders('{"a": "{{v}}"}', { v: 'say "hi"\\' }, 'x');
    expect(JSON.parse(text)).toEqual({ a: 'say "hi"\\' });
  });
});
