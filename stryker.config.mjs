// Mutation testing (npm run mutation): Stryker over the numeric core, the models and the
// closed-form kernels, with the vitest runner and per-test coverage (each mutant runs only the tests
// that reach it). Scores per folder are in the README; surviving mutants are triaged in docs/mutation.md.
// Narrow the scope for a quicker run: npx stryker run --mutate 'src/kernels/**/*.ts'
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  coverageAnalysis: 'perTest',
  mutate: [
    'src/core/**/*.ts',
    '!src/core/errors.ts',
    'src/models/**/*.ts',
    'src/kernels/**/*.ts',
  ],
  // Static mutants (module-level constants) would need the whole suite per mutant.
  ignoreStatic: true,
  concurrency: 2,
  timeoutMS: 10_000,
  timeoutFactor: 1.5,
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: 'report/mutation/mutation.json' },
  htmlReporter: { fileName: 'report/mutation/index.html' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  ignorePatterns: ['report', '.stryker-tmp', 'bench'],
};
