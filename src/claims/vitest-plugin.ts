/**
 * The Vite plugin that lets vitest run property files that only export their claims. To each
 * *.property.ts it appends: a namespace import of the file itself (its exports) and a call of the
 * adapter guarded by `import.meta.vitest`, which vitest sets only in the test file it is running
 * (in-source testing). So `npx vitest run` keeps one test file — one worker task — per property
 * file, and a property file imported by a unit test or by the CLI defines no tests.
 */
import { fileURLToPath } from 'node:url';

// The adapter beside this file: vitest.ts in a checkout, vitest.js in the built package.
const ADAPTER = fileURLToPath(new URL(`./vitest${import.meta.url.slice(import.meta.url.lastIndexOf('.'))}`, import.meta.url));

export interface TransformPlugin {
  name: string;
  transform(code: string, id: string): string | null;
}

export function claimTestsPlugin(): TransformPlugin {
  return {
    name: 'gd-theory-claim-tests',
    transform(code, id) {
      const file = id.split('?')[0];
      if (!/\.property\.[cm]?ts$/.test(file)) return null;
      // The self-import is a cycle Vite's module runner resolves to this module's (by then complete)
      // exports: the appended lines run after every `export const ... = claim(...)` above them.
      return `${code}
;import * as __gdClaimExports from ${JSON.stringify(file)};
import { defineClaimTests as __gdDefineClaimTests } from ${JSON.stringify(ADAPTER)};
if (import.meta.vitest) __gdDefineClaimTests(import.meta.vitest, ${JSON.stringify(file)}, __gdClaimExports);
`;
    },
  };
}
