import { defineConfig } from 'vitest/config';
import SlowestFirstSequencer from './test/setup/sequencer';

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
