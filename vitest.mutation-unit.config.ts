/**
 * The unit-test-only suite for Stryker (npm run mutation:unit, stryker.unit.config.mjs): test/ with
 * the kill tests, without the claim families. Used for the files whose claim families cost hours
 * per Stryker run on 2 cores (matrix-factorization: the auto-balancing GD properties; backend: every
 * two-layer claim runs the GD kernels). A score against this suite is a lower bound for the full
 * mutation suite (vitest.mutation.config.ts), which includes these tests.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/regression-gate.test.ts', 'test/report-browser.test.ts', 'test/cli-*.test.ts', 'node_modules/**'],
    setupFiles: ['./vitest.setup.ts'],
    testTimeout: 300_000,
  },
});
