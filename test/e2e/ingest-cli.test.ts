import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DraftCatalogueSchema } from '../../src/core/obligation';
import { gongkai, projectRoot } from '../support/gongkai-cli';

const root = projectRoot;
describe('gongkai ingest', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gongkai-ingest-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a valid draft of all 89 items of the committed plan', async () => {
    const out = join(dir, 'draft.json');
    const result = await gongkai(['ingest', 'seeds/jiangmen-2016/plan.txt', '--year', '2016', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('89 items');
    const draft = DraftCatalogueSchema.parse(JSON.parse(await readFile(out, 'utf8')));
    expect(draft.plan).toMatchObject({
      issuer: '江门市',
      year: 2016,
      sourceFile: 'seeds/jiangmen-2016/plan.txt',
    });
    expect(new Set(draft.obligations.map((o) => o.item)).size).toBe(89);
  });

  it('prints the draft to stdout without --out, matching the committed draft', async () => {
    const result = await gongkai(['ingest', 'seeds/jiangmen-2016/plan.txt', '--year', '2016']);
    expect(result.code).toBe(0);
    const committed = await readFile(join(root, 'seeds/jiangmen-2016/draft.json'), 'utf8');
    expect(JSON.parse(result.stdout)).toEqual(JSON.parse(committed));
  });

  it('exits non-zero with a clear message on an empty file', async () => {
    const empty = join(dir, 'empty.txt');
    await writeFile(empty, '');
    const result = await gongkai(['ingest', empty, '--year', '2016']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('the plan file is empty');
    expect(result.stdout).toBe('');
  });

  it('reads a GBK-encoded copy of the plan to the same obligations', async () => {
    const iconv = (await import('iconv-lite')).default;
    const gbk = join(dir, 'plan-gbk.txt');
    await writeFile(
      gbk,
      iconv.encode(await readFile(join(root, 'seeds/jiangmen-2016/plan.txt'), 'utf8'), 'gbk'),
    );
    const result = await gongkai(['ingest', gbk, '--year', '2016']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('gb18030');
    const committed = JSON.parse(await readFile(join(root, 'seeds/jiangmen-2016/draft.json'), 'utf8'));
    expect(JSON.parse(result.stdout).obligations).toEqual(committed.obligations);
  });

  it('exits non-zero when the year is missing', async () => {
    const result = await gongkai(['ingest', 'seeds/jiangmen-2016/plan.txt']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--year');
  });
});
