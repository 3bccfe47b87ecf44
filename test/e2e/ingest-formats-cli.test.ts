import { mkdtemp, readFile, readFile as readFileSync, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogueSchema, DraftCatalogueSchema } from '../../src/core/obligation';
import { gongkai, projectRoot } from '../support/gongkai-cli';

const root = projectRoot;
const REAL = 'test/fixtures/plans/real';

describe('gongkai ingest of real plans in other shapes', () => {
  let dir: string;
  let server: Server;
  let base: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gongkai-formats-'));
    const page = await readFileSync(join(root, REAL, 'chizhou-xfj.html'));
    server = createServer((req, res) => {
      if (req.url === '/plan.html') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(page);
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a .docx and says which shape it detected', async () => {
    const result = await gongkai([
      'ingest',
      `${REAL}/jiangmen-tdcbzx.docx`,
      '--year',
      '2024',
      '--issuer',
      '江门市土地储备中心',
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('10 obligations from 10 items (shape detected: docx-table, docx)');
    const draft = DraftCatalogueSchema.parse(JSON.parse(result.stdout));
    expect(draft.obligations[3]).toMatchObject({ units: ['办公室'], supportingUnits: ['各科室'] });
  });

  it('reads a plan page from its address through the guarded fetcher', async () => {
    const url = `${base}/plan.html`;
    const refused = await gongkai(['ingest', url, '--year', '2024', '--issuer', '池州市信访局']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('cannot fetch');
    const result = await gongkai([
      'ingest',
      url,
      '--year',
      '2024',
      '--issuer',
      '池州市信访局',
      '--allow-private-network',
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('shape detected: html-table');
    expect(DraftCatalogueSchema.parse(JSON.parse(result.stdout)).obligations).toHaveLength(8);
  });

  it('says what was found when --format cells meets a numbered list', async () => {
    const result = await gongkai([
      'ingest',
      `${REAL}/beijing-fengong-2016-2020.txt`,
      '--year',
      '2016',
      '--format',
      'cells',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no table found: expected a header row .*found \d+ non-empty lines/);
  });

  it('refuses an unknown --format', async () => {
    const result = await gongkai([
      'ingest',
      `${REAL}/chizhou-xfj-cells.txt`,
      '--year',
      '2024',
      '--format',
      'pdf',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--format');
  });

  it('proposes a valid catalogue from the draft and compares it with last year', async () => {
    const draftPath = join(dir, 'draft.json');
    const catalogue = join(dir, 'catalogue.json');
    expect(
      (
        await gongkai([
          'ingest',
          `${REAL}/chizhou-xfj-cells.txt`,
          '--year',
          '2024',
          '--issuer',
          '池州市信访局',
          '--out',
          draftPath,
        ])
      ).code,
    ).toBe(0);
    const init = await gongkai(['catalogue', 'init', draftPath, '--out', catalogue, '--prefix', 'czxf2024']);
    expect(init.code).toBe(0);
    const proposed = CatalogueSchema.parse(JSON.parse(await readFile(catalogue, 'utf8')));
    expect(proposed.obligations[0]!.id).toBe('czxf2024-001');
    expect((await gongkai(['catalogue', 'check', catalogue])).code).toBe(0);
    expect((await gongkai(['catalogue', 'init', draftPath, '--out', catalogue])).code).toBe(1);
    const diff = await gongkai(['catalogue', 'diff', catalogue, draftPath]);
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('8 unchanged, 0 reworded, 0 new, 0 dropped');
  });
});
