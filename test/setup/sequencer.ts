import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The slowest test files, slowest first (from CI runs). Two forks share the run: a file of minutes
 * that starts last keeps one fork busy long after the other has finished, so these go first.
 * Vitest orders the rest by the durations it cached from earlier runs, or by size on a fresh clone
 * (where nothing is cached yet and these small files would start late).
 */
export const SLOWEST_FIRST = [
  'test/e2e/demo-run.test.ts',
  'test/e2e/crash-resume.test.ts',
  'test/integration/sweep/chaos.test.ts',
  'test/integration/sweep/large-catalogue.test.ts',
  'test/e2e/run-cli.test.ts',
  'test/integration/sweep/concurrent-sweeps.test.ts',
  'test/e2e/report-browser.test.ts',
  'test/integration/sweep/notify-chunks.test.ts',
  'test/unit/tasks/incremental-judging.test.ts',
  'test/infra/cdk-synth.test.ts',
  'test/e2e/ledger-cli.test.ts',
  'test/e2e/run-calendar.test.ts',
];

export default class SlowestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const index = SLOWEST_FIRST.indexOf(relative(this.ctx.config.root, file.moduleId));
      return index < 0 ? SLOWEST_FIRST.length : index;
    };
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
