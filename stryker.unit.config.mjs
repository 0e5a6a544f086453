// Stryker against the unit tests only (vitest.mutation-unit.config.ts): minutes instead of hours for
// files the claim families exercise heavily. Pass the files: npm run mutation:unit -- --mutate 'src/core/backend.ts'
// Reports go to report/mutation/unit.{json,html}, so a full run's report is kept.
import base from './stryker.config.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...base,
  vitest: { configFile: 'vitest.mutation-unit.config.ts', related: false },
  jsonReporter: { fileName: 'report/mutation/unit.json' },
  htmlReporter: { fileName: 'report/mutation/unit.html' },
  tempDirName: '.stryker-tmp-unit',
  ignorePatterns: [...base.ignorePatterns, '.stryker-tmp-unit', '.stryker-tmp-rerun'],
};
