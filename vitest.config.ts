import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The slowest test files, slowest first (from CI runs). Two forks share the run: a file of minutes
 * that starts last keeps one fork busy long after the other has finished, so these go first.
 * Vitest orders the rest by the durations it cached from earlier runs, or by size on a fresh clone
 * (where nothing is cached yet and these small files would start late).
 */
const SLOWEST_FIRST = [
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

class SlowestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const index = SLOWEST_FIRST.indexOf(relative(this.ctx.config.root, file.moduleId));
      return index < 0 ? SLOWEST_FIRST.length : index;
    };
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}

// Two cores: two forks. Integration tests share one DynamoDB Local started by the global setup
// (each test file uses its own table prefix), so Java starts once per run, not once per file.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/soak/**', 'node_modules/**'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['test/setup/global.ts'],
    sequence: { sequencer: SlowestFirstSequencer },
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
