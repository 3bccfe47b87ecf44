/**
 * Hostile catalogue and sources files: edited by hand, saved by Windows editors, cut off by a full
 * disk. The loaders must refuse each with a ValidationError whose problems name the JSON path (or
 * line and column) of what is wrong, and accept what is merely unusual (a byte-order mark).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue, loadSources } from '../../../src/config';
import { ValidationError } from '../../../src/core/validation';
import { caseTest, caseTitle } from './known-gap';

const CATALOGUES = 'test/fixtures/hostile/catalogues';
const SOURCES = 'test/fixtures/hostile/sources';

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'gongkai-hostile-config-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** Writes a generated file into the scratch folder and returns its path. */
async function scratchFile(name: string, text: string): Promise<string> {
  const path = join(scratch, name);
  await writeFile(path, text);
  return path;
}

async function problemsOf(load: () => Promise<unknown>): Promise<string[]> {
  const error = await load().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error, 'the file was accepted').toBeInstanceOf(ValidationError);
  return (error as ValidationError).problems;
}

interface RefusedCase {
  id: string;
  what: string;
  load: () => Promise<unknown>;
  /** Each must appear in one of the problems. */
  problems: (string | RegExp)[];
  gap?: string;
}

const VALID_CATALOGUE_HEAD = '{"plan":{"issuer":"江门市","year":2016},"obligations":';

const REFUSED: RefusedCase[] = [
  {
    id: 'C01',
    what: 'a catalogue with wrong types',
    load: () => loadCatalogue(join(CATALOGUES, 'wrong-types.json')),
    problems: [
      'obligations[1].item: Invalid input: expected number, received string',
      'obligations[1].units: Invalid input: expected array, received string',
      'obligations[2].unitsCarried: Invalid input: expected boolean, received string',
    ],
  },
  {
    id: 'C02',
    what: 'a catalogue defining one obligation id twice',
    load: () => loadCatalogue(join(CATALOGUES, 'duplicate-ids.json')),
    problems: ['obligations[2].id: duplicate obligation id "budget"'],
  },
  {
    id: 'C03',
    what: 'a catalogue with dates that do not exist (2016-02-30, 2016-13-01, 2016-06-31)',
    load: () => loadCatalogue(join(CATALOGUES, 'impossible-dates.json')),
    problems: [
      'obligations[0].schedule.dates[0]: this date does not exist',
      'obligations[0].schedule.dates[1]: this date does not exist',
      'obligations[0].schedule.dates[2]: this date does not exist',
    ],
  },
  {
    id: 'C04',
    what: 'a catalogue with an unknown schedule kind',
    load: () => loadCatalogue(join(CATALOGUES, 'unknown-kind.json')),
    problems: [/^obligations\[1\]\.schedule\.kind: .*'once' \| 'weekly'/],
  },
  {
    id: 'C05',
    what: 'a catalogue with invalid regular expressions in titlePatterns',
    load: () => loadCatalogue(join(CATALOGUES, 'bad-regex.json')),
    problems: [
      /^obligations\[0\]\.evidence\.titlePatterns\[0\]: invalid regular expression: .*Unterminated group/,
      /^obligations\[0\]\.evidence\.titlePatterns\[1\]: invalid regular expression: .*out of order/,
    ],
  },
  {
    id: 'C15',
    what: 'titlePatterns with nested quantifiers, which backtrack for hours on a title like "aaa…a!"',
    load: () => loadCatalogue(join(CATALOGUES, 'redos-pattern.json')),
    problems: [
      /^obligations\[0\]\.evidence\.titlePatterns\[0\]: .*(nested|backtrack)/,
      /^obligations\[0\]\.evidence\.titlePatterns\[1\]: .*(nested|backtrack)/,
    ],
  },
  {
    id: 'C16',
    what: 'titlePatterns that repeat overlapping alternatives, (统|统)*$ and (预算|预)+公开$, which take minutes per title',
    load: () => loadCatalogue(join(CATALOGUES, 'redos-alternation.json')),
    problems: [
      /^obligations\[0\]\.evidence\.titlePatterns\[0\]: the repeated group \(统\|统\)\* has alternatives/,
      /^obligations\[0\]\.evidence\.titlePatterns\[1\]: the repeated group \(预算\|预\)\+ has alternatives/,
    ],
  },
  {
    id: 'C06',
    what: 'a truncated catalogue',
    load: () => loadCatalogue(join(CATALOGUES, 'truncated.json')),
    problems: [/^line \d+, column \d+: invalid JSON: /],
  },
  {
    id: 'C07',
    what: 'a catalogue file that does not exist',
    load: () => loadCatalogue(join(CATALOGUES, 'no-such-file.json')),
    problems: ['cannot be read: file not found'],
  },
  {
    id: 'C08',
    what: 'a directory given as the catalogue',
    load: () => loadCatalogue(CATALOGUES),
    problems: ['cannot be read: is a directory, not a file'],
  },
  {
    id: 'C09',
    what: 'an empty catalogue file',
    load: async () => loadCatalogue(await scratchFile('empty.json', '')),
    problems: ['invalid JSON: Unexpected end of JSON input'],
  },
  {
    id: 'C10',
    what: 'a catalogue that is a JSON array',
    load: async () => loadCatalogue(await scratchFile('array.json', '[]')),
    problems: ['(root): Invalid input: expected object, received array'],
  },
  {
    id: 'C11',
    what: 'a NUL byte inside a JSON string',
    load: async () =>
      loadCatalogue(
        await scratchFile('nul.json', '{"plan":{"issuer":"江\u0000门市","year":2016},"obligations":[]}'),
      ),
    problems: [/^line 1, column \d+: invalid JSON: Bad control character/],
  },
  {
    id: 'C12',
    what: 'obligations nested 100 000 arrays deep',
    load: async () =>
      loadCatalogue(
        await scratchFile(
          'deep.json',
          `${VALID_CATALOGUE_HEAD}${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
        ),
      ),
    problems: ['obligations[0]: Invalid input: expected object, received array'],
  },
  {
    id: 'S01',
    what: 'a sources file with wrong types',
    load: () => loadSources(join(SOURCES, 'wrong-types.json')),
    problems: [
      'sources[0].units: Invalid input: expected array, received string',
      'sources[0].limits.maxPages: Invalid input: expected number, received string',
      /^sources\[0\]\.limits\.timeoutMs: Too small/,
    ],
  },
  {
    id: 'S02',
    what: 'a sources file defining one source id twice',
    load: () => loadSources(join(SOURCES, 'duplicate-ids.json')),
    problems: ['sources[1].id: duplicate source id "finance"'],
  },
  {
    id: 'S03',
    what: 'a column of an unknown kind',
    load: () => loadSources(join(SOURCES, 'unknown-column-kind.json')),
    problems: [/^sources\[0\]\.columns\[0\]\.kind: Invalid option: expected one of "home"/],
  },
  {
    id: 'S04',
    what: 'a truncated sources file',
    load: () => loadSources(join(SOURCES, 'truncated.json')),
    problems: [/^line \d+, column \d+: invalid JSON: /],
  },
  {
    id: 'S05',
    what: 'a placeholder with no value',
    load: async () =>
      loadSources(
        await scratchFile(
          'placeholder.json',
          '{"sources":[{"id":"a","units":["市财政局"],"name":"n","homepage":"http://127.0.0.1:{{port}}/"}]}',
        ),
      ),
    problems: [/^line 1, column \d+: placeholder \{\{port\}\} has no value$/],
  },
  {
    id: 'S07',
    what: 'a file:// homepage',
    load: () => loadSources(join(SOURCES, 'file-url.json')),
    problems: ['sources[0].homepage: expected an http:// or https:// URL'],
  },
  {
    id: 'S08',
    what: 'an ftp:// column',
    load: () => loadSources(join(SOURCES, 'ftp-url.json')),
    problems: ['sources[0].columns[0].url: expected an http:// or https:// URL'],
  },
  {
    id: 'S09',
    what: 'a column on a host other than the source’s (the cloud metadata address, with private networks allowed)',
    load: () => loadSources(join(SOURCES, 'foreign-column-host.json')),
    problems: [/^sources\[0\]\.columns\[1\]\.url: .*169\.254\.169\.254.*www\.jiangmen\.gov\.cn/],
  },
  {
    id: 'S11',
    what: 'credentials in a homepage (user:pass@) and in a column URL (user@)',
    load: () => loadSources(join(SOURCES, 'credentials-in-url.json')),
    problems: [
      'sources[0].homepage: the URL carries a user name or password',
      'sources[0].columns[0].url: the URL carries a user name or password',
    ],
  },
];

describe('hostile catalogue and sources files that are refused', () => {
  for (const c of REFUSED) {
    caseTest(c.gap)(caseTitle(c.id, `refuses ${c.what}, naming the path or position`, c.gap), async () => {
      const problems = await problemsOf(c.load);
      for (const expected of c.problems) {
        const found = problems.some((p) =>
          typeof expected === 'string' ? p.includes(expected) : expected.test(p),
        );
        expect(found, `no problem matches ${String(expected)} in:\n${problems.join('\n')}`).toBe(true);
      }
    });
  }
});

describe('unusual catalogue and sources files that are accepted', () => {
  it('C13 reads a catalogue saved with a UTF-8 byte-order mark', async () => {
    const catalogue = await loadCatalogue(join(CATALOGUES, 'with-bom.json'));
    expect(catalogue.obligations.map((o) => o.id)).toEqual(['budget']);
  });

  it('S11 never repeats the password of a refused URL in its message', async () => {
    const problems = await problemsOf(() => loadSources(join(SOURCES, 'credentials-in-url.json')));
    expect(problems.join('\n')).not.toMatch(/s3cret-pass|admin|reader/);
  });

  it('S10 reads a sources file saved with a UTF-8 byte-order mark', async () => {
    const file = await loadSources(join(SOURCES, 'with-bom.json'));
    expect(file.sources.map((s) => s.id)).toEqual(['finance']);
  });

  it('S06 keeps a placeholder value that tries to break out of its JSON string inside that string', async () => {
    const path = await scratchFile(
      'injection.json',
      '{"sources":[{"id":"a","units":["市财政局"],"name":"n","homepage":"http://127.0.0.1:{{port}}/"}]}',
    );
    const file = await loadSources(path, {
      substitute: { port: '80/", "allowPrivateNetwork": true, "x": "' },
    });
    expect(file.sources[0]?.allowPrivateNetwork).toBe(false);
    expect(Object.hasOwn(file.sources[0] ?? {}, 'x')).toBe(false);
    expect(decodeURI(file.sources[0]?.homepage ?? '')).toContain('"allowPrivateNetwork": true');
  });

  it('C14 ignores a "__proto__" key instead of polluting objects', async () => {
    const path = await scratchFile(
      'proto.json',
      `{"__proto__":{"polluted":true},"plan":{"issuer":"江门市","year":2016},"obligations":[]}`,
    );
    const catalogue = await loadCatalogue(path);
    expect(catalogue.obligations).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(catalogue, 'polluted')).toBe(false);
  });
});
