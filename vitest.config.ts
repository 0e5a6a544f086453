import { defineConfig } from 'vitest/config';
import { claimTestsPlugin } from './src/claims/vitest-plugin.ts';

export default defineConfig({
  // Property files only export their claims; the plugin makes each one a test file (one test per
  // claim and per control) without the files importing vitest.
  plugins: [claimTestsPlugin()],
  test: {
    include: ['properties/**/*.property.ts', 'test/**/*.test.ts'],
    setupFiles: ['./vitest.setup.ts'],
    // Claims train networks; a quick-budget claim takes seconds, not milliseconds.
    testTimeout: 300_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    // The JSON report is what .ci/run counts for its closing 'N passed, N failed' line.
    reporters: ['default', 'json'],
    outputFile: { json: 'report/vitest.json' },
  },
});
