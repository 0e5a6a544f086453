/**
 * The vitest configuration Stryker runs (npm run mutation): the unit tests plus the claim families
 * that exercise the mutated code (all of them), at the quick budget.
 * Left out: tests that spawn the CLI or a browser (a child process does not see Stryker's active
 * mutant, so they cannot kill one and only cost time). (Until 2026-11-23 the saddle and
 * auto-balancing families were left out too; the core scores in docs/mutation.md measured then
 * are without them.)
 */
import { defineConfig } from 'vitest/config';
import { claimTestsPlugin } from './src/claims/vitest-plugin.ts';

export default defineConfig({
  plugins: [claimTestsPlugin()],
  test: {
    include: [
      'test/**/*.test.ts',
      'properties/two-layer/**/*.property.ts',
      'properties/gradients/**/*.property.ts',
      'properties/kernels/**/*.property.ts',
      'properties/conjectures/**/*.property.ts',
      // The models of these two families (deep-fc, conv1d, matrix-factorization, octopus,
      // stationary) are mutated too; per-test coverage runs each mutant only against the tests
      // that reach it, so a model's family costs time only on its own mutants and shared core code.
      'properties/auto-balancing/**/*.property.ts',
      'properties/saddle/**/*.property.ts',
    ],
    exclude: ['test/regression-gate.test.ts', 'test/report-browser.test.ts', 'test/cli-*.test.ts', 'node_modules/**'],
    setupFiles: ['./vitest.setup.ts'],
    testTimeout: 300_000,
    hookTimeout: 60_000,
  },
});
