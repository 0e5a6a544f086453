/** Rewrite README.md's command-line reference from src/cli-spec.ts (npm run readme:cli). */
import { readFileSync, writeFileSync } from 'node:fs';
import { withCliReference } from '../src/cli-spec.ts';

const before = readFileSync('README.md', 'utf8');
const after = withCliReference(before);
if (after !== before) writeFileSync('README.md', after);
console.log(after === before ? 'README.md command-line reference is current' : 'rewrote README.md command-line reference');
