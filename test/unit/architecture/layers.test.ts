import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { cruise, type ICruiseOptions, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The layering rule (docs/architecture.md, "Layers") as .dependency-cruiser.cjs states it.
const root = resolve(import.meta.dirname, '../../..');
let options: ICruiseOptions;

beforeAll(async () => {
  options = await extractDepcruiseOptions(join(root, '.dependency-cruiser.cjs'));
});

async function violations(dirs: string[], baseDir: string, tsConfigFile?: string) {
  const tsConfig = tsConfigFile ? extractTSConfig(tsConfigFile) : undefined;
  const cruiseOptions: ICruiseOptions = {
    ...options,
    baseDir,
    validate: true,
    ...(tsConfigFile ? { tsConfig: { fileName: tsConfigFile } } : { tsConfig: undefined }),
  };
  const result = await cruise(dirs, cruiseOptions, undefined, { tsConfig });
  const output = result.output as ICruiseResult;
  return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
}

describe('the dependency rule', () => {
  it('holds for the code base', async () => {
    const found = await violations(['src', 'functions'], root, join(root, 'tsconfig.json'));
    expect(found).toEqual([]);
  }, 120_000);

  describe('a deliberately wrong import', () => {
    let tree: string;
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(tree, path)), { recursive: true });
      writeFileSync(join(tree, path), text);
    };
    const wrong = async (from: string, to: string) => {
      write(to, 'export const x = 1;\n');
      write(from, `import { x } from '${relativeImport(from, to)}';\nexport const y = x;\n`);
      return violations(['src'], tree);
    };

    beforeAll(() => {
      tree = mkdtempSync(join(tmpdir(), 'gongkai-layers-'));
    });
    afterAll(() => rmSync(tree, { recursive: true, force: true }));

    it('from core to anything of ours outside core fails', async () => {
      expect(await wrong('src/core/a.ts', 'src/tasks/contracts.ts')).toContain(
        'core-is-pure: src/core/a.ts → src/tasks/contracts.ts',
      );
    });

    it('from a task to an adapter fails', async () => {
      expect(await wrong('src/tasks/b.ts', 'src/store/dynamo/flag-store.ts')).toContain(
        'tasks-use-ports-not-adapters: src/tasks/b.ts → src/store/dynamo/flag-store.ts',
      );
    });

    it('from a judging task to the report fails, from the report-writing task passes', async () => {
      expect(await wrong('src/tasks/evaluate.ts', 'src/report/outstanding.ts')).toContain(
        'tasks-judge-without-the-report: src/tasks/evaluate.ts → src/report/outstanding.ts',
      );
      expect(await wrong('src/tasks/write-report.ts', 'src/report/render-csv.ts')).not.toContainEqual(
        expect.stringContaining('src/tasks/write-report.ts'),
      );
    });

    it('from an adapter or the crawler to a task fails', async () => {
      expect(await wrong('src/store/report-sink/c.ts', 'src/tasks/deps.ts')).toContain(
        'adapters-never-import-tasks: src/store/report-sink/c.ts → src/tasks/deps.ts',
      );
      expect(await wrong('src/crawl/d.ts', 'src/tasks/contracts.ts')).toContain(
        'adapters-never-import-tasks: src/crawl/d.ts → src/tasks/contracts.ts',
      );
    });

    it('from the report to an adapter fails, to the ports passes', async () => {
      const found = await wrong('src/report/e.ts', 'src/store/dynamo/items.ts');
      expect(found).toContain(
        'report-depends-on-core-and-ports: src/report/e.ts → src/store/dynamo/items.ts',
      );
      expect(await wrong('src/report/f.ts', 'src/store/ports.ts')).not.toContainEqual(
        expect.stringContaining('src/report/f.ts'),
      );
    });

    it('from a port to an adapter fails', async () => {
      expect(await wrong('src/store/ports.ts', 'src/store/dynamo/keys.ts')).toContain(
        'ports-depend-on-core: src/store/ports.ts → src/store/dynamo/keys.ts',
      );
    });
  });
});

function relativeImport(from: string, to: string): string {
  const up = from.split('/').slice(0, -1);
  const target = to.replace(/\.ts$/, '').split('/');
  let common = 0;
  while (common < up.length && up[common] === target[common]) common++;
  const back = up.length - common;
  const rest = target.slice(common).join('/');
  return back === 0 ? `./${rest}` : `${'../'.repeat(back)}${rest}`;
}
