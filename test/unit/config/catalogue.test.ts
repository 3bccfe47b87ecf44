import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../../src/config/catalogue';
import { ValidationError } from '../../../src/core/validation';

const dir = 'test/fixtures/catalogues';
const ruleDir = join(dir, 'rule-packs');

async function problemsOf(file: string): Promise<string[]> {
  const error = await loadCatalogue(join(dir, file), { ruleDir }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).problems;
}

describe('loadCatalogue', () => {
  it('loads a valid catalogue with policy defaults filled in', async () => {
    const catalogue = await loadCatalogue(join(dir, 'valid.json'), { ruleDir });
    expect(catalogue.plan).toMatchObject({ issuer: '江门市', year: 2016 });
    expect(catalogue.obligations).toHaveLength(10);
    expect(catalogue.obligations[1]?.evidence).toMatchObject({
      verifiable: true,
      keywords: ['抽检'],
      exclude: [],
    });
  });

  it('names the path of every wrong type', async () => {
    expect(await problemsOf('wrong-type.json')).toEqual([
      'obligations[1].units: Invalid input: expected array, received string',
      'obligations[3].item: Invalid input: expected number, received string',
    ]);
  });

  it('names the schedule kind path of an unknown kind', async () => {
    const [problem, ...rest] = await problemsOf('unknown-kind.json');
    expect(rest).toEqual([]);
    expect(problem).toMatch(/^obligations\[3\]\.schedule\.kind: .*'once'/);
  });

  it('rejects a date that does not exist', async () => {
    expect(await problemsOf('bad-date.json')).toEqual([
      'obligations[0].schedule.dates[1]: this date does not exist',
    ]);
  });

  it('rejects a duplicate id', async () => {
    expect(await problemsOf('duplicate-id.json')).toEqual([
      'obligations[4].id: duplicate obligation id "food-sampling"',
    ]);
  });

  it('reports invalid JSON with line and column', async () => {
    const [problem] = await problemsOf('not-json.json');
    expect(problem).toMatch(/^line 4, column 18: invalid JSON/);
  });

  it('reports a file that cannot be read', async () => {
    await expect(loadCatalogue(join(dir, 'no-such-file.json'))).rejects.toThrow(
      /no-such-file\.json[\s\S]*file not found/,
    );
  });

  it('merges included rule packs after its own obligations', async () => {
    const catalogue = await loadCatalogue(join(dir, 'with-pack.json'), { ruleDir });
    expect(catalogue.obligations.map((o) => o.id)).toEqual([
      'budget-report',
      'food-sampling',
      'home-page-fresh',
      'annual-disclosure-report',
    ]);
    expect(catalogue.plan.issuer).toBe('江门市');
  });

  it('names a missing rule pack and where it was looked for', async () => {
    const problems = await problemsOf('missing-pack.json');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^include\[1\]: rule pack "no-such-pack" not found: .*no-such-pack\.json does not exist/,
    );
  });

  it('reports an id defined both in the catalogue and in a pack', async () => {
    const problems = await problemsOf('pack-duplicate.json');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/duplicate obligation id "budget-report" in rule pack .*clashing\.json/);
  });

  it('reports a missing rule directory as a missing pack', async () => {
    const problems = await loadCatalogue(join(dir, 'with-pack.json'), {
      ruleDir: join(dir, 'nowhere'),
    }).catch((e: ValidationError) => e.problems);
    expect(problems).toEqual([expect.stringMatching(/^include\[0\]: rule pack "inspection" not found/)]);
  });
});
