/** Bad-input rows of src/train/escape.ts (issue 17, item 6). */
import { octopus } from '../../src/models/octopus.ts';
import { a, type Row } from './harness.ts';

/** L = e, γ = 1, τ = e in d = 2; η = 0.1 < 1/(2L). */
const O = () => octopus(2, Math.E, 1);
const X0 = () => Float64Array.from([0.5, 0.3]);
const atEta = (name: string): [string, Row] => [`train/escape.${name}`, { args: () => [O(), 0.1], check: [a('o', 'object', 0), a('eta', 'positive', 1)] }];

export const rows: Record<string, Row> = {
  'train/escape.EscapeRecorder': { exempt: 'class: its constructor checks d and tau, observe checks x (test/saddle-train.test.ts)' },
  ...Object.fromEntries(['requireStepSize', 'growthRate', 'decayRate', 'escapeRatio', 'lemma72LowerBound'].map(atEta)),
  'train/escape.exactGdEscape': {
    args: () => [O(), X0(), 0.1, [0, 5]],
    check: [a('o', 'object', 0), a('x0', 'vec', 1), a('eta', 'positive', 2),
      a('sampleTimes', 'vec', 3, { optional: true, accepts: ['empty', 'Float32Array', 'number[]'] })],
  },
  'train/escape.float64Faithful': {
    args: () => [O(), X0(), 0.1, [10, 20]],
    check: [a('o', 'object', 0), a('x0', 'vec', 1), a('eta', 'positive', 2), a('S', 'vec', 3, { accepts: ['+Infinity', '-Infinity', 'Float32Array', 'number[]'] })],
  },
  'train/escape.stepwiseGdEscape': {
    args: () => [O(), X0(), 0.1, 50, 0],
    check: [a('o', 'object', 0), a('x0', 'vec', 1), a('eta', 'positive', 2), a('maxSteps', 'count', 3),
      a('extraAfterEscape', 'count', 4, { optional: true })],
  },
  'train/escape.experimentalPgd': { args: () => [O()], check: [a('o', 'object', 0)] },
  'train/escape.pgdEscape': {
    args: () => [O(), X0(), 1, 50, {}, 0],
    check: [a('o', 'object', 0), a('x0', 'vec', 1), a('seed', 'real', 2), a('maxSteps', 'count', 3),
      a('params', 'object', 4, { optional: true }), a('extraAfterEscape', 'count', 5, { optional: true })],
  },
  'train/escape.uniformCubeInit': { args: () => [3, 1, 'x0'], check: [a('d', 'size', 0), a('seed', 'real', 1), a('stream', 'name', 2, { optional: true, accepts: ['string'] })] },
};
