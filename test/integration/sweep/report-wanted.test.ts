/**
 * The ReportWanted Choice of the sweep definition: a sweep started with `writeReport: false` judges
 * and flags but writes no report; a sweep without the flag (every scheduled sweep) writes it. Runs
 * the real ASL in the local runner over the in-memory stores and one obligation, no site.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogueSchema } from '../../../src/core/obligation';
import { ValidationError } from '../../../src/core/validation';
import { runSweepLocally } from '../../../src/local/sweep-runner';
import { createMemoryStores } from '../../../src/store/memory/create-stores';
import { MemoryReportSink } from '../../../src/store/memory/notifier';
import type { TaskDeps } from '../../../src/tasks/deps';
import { runTask } from '../../../src/tasks/index';

const catalogue = CatalogueSchema.parse(
  JSON.parse(readFileSync(resolve(import.meta.dirname, '../../fixtures/catalogues/valid.json'), 'utf8')),
);

function memoryDeps(): TaskDeps & { reportSink: MemoryReportSink } {
  return {
    stores: createMemoryStores(),
    catalogue,
    sources: { sources: [] },
    now: () => new Date('2016-08-01T02:00:00Z'),
    reportSink: new MemoryReportSink(),
    log: () => {},
  };
}

describe('the ReportWanted Choice', () => {
  it('skips WriteReport when the sweep starts with writeReport false, and still judges', async () => {
    const deps = memoryDeps();
    const { output } = await runSweepLocally(
      { asOf: '2016-08-01', runId: 'catch-up', writeReport: false },
      deps,
    );
    expect(output.report).toBeUndefined();
    expect(deps.reportSink.files.size).toBe(0);
    expect((output.evaluation as { counts: Record<string, number> }).counts).toBeDefined();
    expect(await deps.stores.verdicts.listVerdicts()).not.toHaveLength(0);
  }, 60_000);

  it('writes the report when the flag is absent or true', async () => {
    for (const writeReport of [undefined, true]) {
      const deps = memoryDeps();
      const { output } = await runSweepLocally(
        { asOf: '2016-08-01', runId: 'scheduled', ...(writeReport === undefined ? {} : { writeReport }) },
        deps,
      );
      expect(output.report).toMatchObject({ location: 'memory:report.json' });
      expect([...deps.reportSink.files.keys()]).toContain('report.html');
    }
  }, 60_000);

  it('refuses a flag that is not a boolean, naming its path', async () => {
    const start = runTask(
      'ListSources',
      { input: { asOf: '2016-08-01', runId: 'x', writeReport: 'no' } },
      memoryDeps(),
    );
    await expect(start).rejects.toBeInstanceOf(ValidationError);
    await expect(start).rejects.toThrow(/input\.writeReport/);
  });
});
