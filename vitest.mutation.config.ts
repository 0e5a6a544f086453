/**
 * The vitest configuration Stryker runs (npm run mutation): the unit tests plus the claim families
 * that exercise the mutated code (two-layer, gradients, kernels, conjectures), at the quick budget.
 * Left out: tests that spawn the CLI or a browser (a child process does not see Stryker's active
 * mutant, so they cannot kill one and only cost time), and the saddle and auto-balancing families,
 * whose models are not in the mutated set (src/core is shared, so their absence can only leave
 * core mutants alive, never kill one wrongly: docs/mutation.md lists what survived).
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/**/*.test.ts',
      'properties/two-layer/**/*.property.ts',
      'properties/gradients/**/*.property.ts',
      'properties/kernels/**/*.property.ts',
      'properties/conjectures/**/*.property.ts',
    ],
    exclude: ['test/regression-gate.test.ts', 'test/report-browser.test.ts', 'test/cli-*.test.ts', 'node_modules/**'],
    setupFiles: ['./vitest.setup.ts'],
    testTimeout: 300_000,
    hookTimeout: 60_000,
  },
});
