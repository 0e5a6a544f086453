/** The bad-input rows of the modules that existed when the table was split (issue 17, item 6). */
import * as activations from '../../src/core/activations.ts';
import * as backendWasm from '../../src/core/backend-wasm.ts';
import * as backend from '../../src/core/backend.ts';
import * as blas from '../../src/core/blas.ts';
import * as eigen from '../../src/core/eigen.ts';
import * as errors from '../../src/core/errors.ts';
import * as geometry from '../../src/core/geometry.ts';
import * as linalg from '../../src/core/linalg.ts';
import * as matrix from '../../src/core/matrix.ts';
import * as rngMod from '../../src/core/rng.ts';
import * as special from '../../src/core/special.ts';
import * as arbitraries from '../../src/data/arbitraries.ts';
import * as sphere from '../../src/data/sphere.ts';
import * as arccos from '../../src/kernels/arccos.ts';
import * as monteCarlo from '../../src/kernels/monte-carlo.ts';
import * as conv1d from '../../src/models/conv1d.ts';
import * as deepFc from '../../src/models/deep-fc.ts';
import * as linear from '../../src/models/linear.ts';
import * as mf from '../../src/models/matrix-factorization.ts';
import * as model from '../../src/models/model.ts';
import * as octopus from '../../src/models/octopus.ts';
import * as stationary from '../../src/models/stationary.ts';
import * as twoLayer from '../../src/models/two-layer.ts';
import * as clopperPearson from '../../src/stats/clopper-pearson.ts';
import * as slope from '../../src/stats/slope.ts';
import * as summary from '../../src/stats/summary.ts';
import * as escape from '../../src/train/escape.ts';
import * as flow from '../../src/train/flow.ts';
import * as gdMod from '../../src/train/gd.ts';
import * as instance from '../../src/train/instance.ts';
import * as pgdMod from '../../src/train/pgd.ts';
import * as recorders from '../../src/train/recorders.ts';
import * as regime from '../../src/train/regime.ts';
import * as schedules from '../../src/train/schedules.ts';
import * as sweep from '../../src/train/sweep.ts';
import * as trajectory from '../../src/train/trajectory.ts';
import { GdTheoryError, NonFiniteError } from '../../src/core/errors.ts';
import type { Matrix } from '../../src/core/matrix.ts';
import { a, R, M23, SPD, V3, X2, Y3, QUAD, X0, STOP_AT_20, P, BLOCKS, type Row } from './harness.ts';
/** Hot kernels (src/core/blas.ts header): kinds and shapes are checked in O(1), values are not, by design. */
const UNCHECKED = { accepts: ['NaN', '+Infinity', '-Infinity'] } as const;
const fromRowsT = () => matrix.fromRows([[1, 0], [0, 1], [1, 1]]);
const zeros = matrix.zeros;

export const rows: Record<string, Row> = {
  // core/matrix
  'core/matrix.zeros': { args: () => [2, 3], check: [a('rows', 'size', 0), a('cols', 'size', 1)] },
  'core/matrix.fromRows': { args: () => [[[1, 2], [3, 4]]], check: [] },
  'core/matrix.toRows': { args: () => [M23()], check: [a('a', 'matrix', 0, { accepts: ['shape'] })] },
  'core/matrix.clone': { args: () => [M23()], check: [a('a', 'matrix', 0, { accepts: ['shape'] })] },
  'core/matrix.row': { args: () => [M23(), 1], check: [a('a', 'matrix', 0, { accepts: ['shape'] }), a('i', 'count', 1, { accepts: [] })] },
  'core/matrix.get': { args: () => [M23(), 1, 2], check: [a('a', 'matrix', 0, { accepts: ['shape'] }), a('i', 'count', 1), a('j', 'count', 2)] },
  'core/matrix.requireMatrixShape': { args: () => [M23(), 'A', 2, 3], check: [a('A', 'matrix', 0, { accepts: ['NaN', '+Infinity', '-Infinity'] })] },
  'core/matrix.requireMatrix': { args: () => [M23(), 'A', 2, 3], check: [a('A', 'matrix', 0)] },
  'core/matrix.requireSquare': { args: () => [SPD(), 'A'], check: [a('A', 'matrix', 0)] },
  'core/matrix.identity': { args: () => [3], check: [a('n', 'size', 0)] },
  'core/matrix.symmetrize': { args: () => [SPD()], check: [a('a', 'matrix', 0)] },
  'core/matrix.subtract': { args: () => [M23(), M23()], check: [a('a', 'matrix', 0, { names: { shape: 'b' } }), a('b', 'matrix', 1)] },
  'core/matrix.maxAbs': { args: () => [M23()], check: [a('a', 'matrix', 0, { accepts: ['shape'] })] },
  'core/matrix.matVec': { args: () => [M23(), V3()], check: [a('a', 'matrix', 0, { names: { shape: 'x' } }), a('x', 'vec', 1, { accepts: ['Float32Array', 'number[]'], names: {} })] },

  // core/blas: unchecked values by design (the module header): spans and kinds are checked, entries are not.
  'core/blas.dot': { args: () => [V3(), V3()], check: [a('a', 'f64', 0, { accepts: ['NaN', '+Infinity', '-Infinity', 'shape', 'empty'] }), a('b', 'f64', 1, { accepts: ['NaN', '+Infinity', '-Infinity', 'shape'] })] },
  'core/blas.axpy': { exempt: 'hot-path kernel, O(1) checks, values unchecked by design (src/core/blas.ts header): alpha, len and the offsets are trusted; covered by test/backend.test.ts' },
  'core/blas.norm2': { args: () => [V3()], check: [a('x', 'f64', 0, { accepts: ['NaN', '+Infinity', '-Infinity', 'shape', 'empty'] })] },
  'core/blas.sqDist': { args: () => [V3(), V3()], check: [a('x', 'f64', 0, { accepts: ['NaN', '+Infinity', '-Infinity', 'shape', 'empty'] }), a('y', 'f64', 1, { accepts: ['NaN', '+Infinity', '-Infinity', 'shape'] })] },
  'core/blas.gemmABt': { args: () => [M23(), M23(), zeros(2, 2)], check: [a('a', 'matrix', 0, { ...UNCHECKED, names: { shape: 'b' } }), a('b', 'matrix', 1, UNCHECKED), a('c', 'matrix', 2, UNCHECKED)] },
  'core/blas.gemmAtB': { args: () => [M23(), M23(), zeros(3, 3)], check: [a('a', 'matrix', 0, { ...UNCHECKED, names: { shape: 'c' } }), a('b', 'matrix', 1, { ...UNCHECKED, names: { shape: 'c' } }), a('c', 'matrix', 2, UNCHECKED)] },
  'core/blas.gemm': { args: () => [M23(), fromRowsT(), zeros(2, 2)], check: [a('a', 'matrix', 0, { ...UNCHECKED, names: { shape: 'b' } }), a('b', 'matrix', 1, { ...UNCHECKED, names: { shape: 'c' } }), a('c', 'matrix', 2, UNCHECKED)] },
  'core/blas.maxAbsSpan': { args: () => [V3()], check: [a('x', 'f64', 0, { accepts: ['NaN', '+Infinity', '-Infinity', 'shape', 'empty'] })] },

  // core/rng
  'core/rng.Rng': { exempt: 'class: constructed through rng(seed), whose seed is checked below' },
  'core/rng.rng': { args: () => [7], check: [a('seed', 'real', 0, { accepts: ['negative', 'non-integer', 'huge', 'string'] })] },
  'core/rng.requireRng': { args: () => [R(), 'r'], check: [a('r', 'rng', 0)] },

  // core/errors: the validators themselves
  'core/errors.GdTheoryError': { exempt: 'class' },
  'core/errors.ShapeError': { exempt: 'class' },
  'core/errors.NonFiniteError': { exempt: 'class' },
  'core/errors.DomainError': { exempt: 'class' },
  'core/errors.EnvironmentError': { exempt: 'class' },
  'core/errors.VerdictKindError': { exempt: 'class' },
  'core/errors.LedgerError': { exempt: 'class' },
  'core/errors.Provenance': { exempt: 'class: its require() is exercised by every row taking an octopus, glue, arch, sharing map or net' },
  'core/errors.MAX_ARRAY_ENTRIES': { exempt: 'constant' },
  'core/errors.describeValue': { args: () => [null], check: [] }, // describes any value for a message: every input is legitimate
  'core/errors.requirePositiveInt': { args: () => [3, 'v'], check: [a('v', 'size', 0, { accepts: ['huge'] })] },
  'core/errors.requireNumber': { args: () => [3, 'v'], check: [a('v', 'real', 0, { accepts: ['NaN', '+Infinity', '-Infinity', 'negative', 'non-integer', 'huge'] })] },
  'core/errors.requireAllocatable': { args: () => [3, 'v'], check: [a('v', 'count', 0, { accepts: ['negative', 'non-integer'] })] },
  'core/errors.requireFloat64Array': { args: () => [V3(), 'v', 3], check: [a('v', 'f64', 0)] },
  'core/errors.requireFiniteNumber': { args: () => [3, 'v'], check: [a('v', 'real', 0)] },
  'core/errors.requirePositive': { args: () => [3, 'v'], check: [a('v', 'positive', 0)] },
  'core/errors.requireFiniteArray': { args: () => [V3(), 'v'], check: [a('v', 'vec', 0, { accepts: ['Float32Array', 'number[]', 'empty'] })] },
  'core/errors.requireLength': { args: () => [V3(), 3, 'v'], check: [a('v', 'vec', 0, { accepts: ['Float32Array', 'number[]', 'NaN', '+Infinity', '-Infinity'] })] },
  'core/errors.requireIndex': { args: () => [1, 3, 'v'], check: [a('v', 'count', 0, { accepts: [] })] },
  'core/errors.requireProbability': { args: () => [0.5, 'v'], check: [a('v', 'prob', 0)] },
  'core/errors.requireObject': { args: () => [{}, 'v'], check: [a('v', 'object', 0)] },
  'core/errors.requireString': { args: () => ['s', 'v'], check: [a('v', 'name', 0, { accepts: ['string'] })] },
  'core/errors.requireArray': { args: () => [[], 'v'], check: [a('v', 'object', 0)] },

  // core/special
  'core/special.erf': { args: () => [0.3], check: [a('x', 'real', 0, { accepts: ['negative', 'non-integer', 'huge', '+Infinity', '-Infinity'] })] },
  'core/special.logGamma': { args: () => [2.5], check: [a('x', 'positive', 0)] },
  'core/special.regularizedBeta': { args: () => [0.3, 2, 3], check: [a('x', 'prob', 0), a('a', 'positive', 1), a('b', 'positive', 2)] },
  'core/special.bisect': { args: () => [(x: number) => x, 0.5, 0, 1], check: [a('f', 'fn', 0), a('target', 'real', 1), a('lo', 'real', 2, { accepts: ['negative', 'non-integer'], names: { huge: 'hi' } }), a('hi', 'real', 3, { accepts: ['non-integer', 'huge'] })] },
  'core/special.normalCdf': { args: () => [0.3], check: [a('z', 'real', 0, { accepts: ['negative', 'non-integer', 'huge', '+Infinity', '-Infinity'] })] },

  // core/linalg
  'core/linalg.psdCholesky': { args: () => [SPD()], check: [a('K', 'matrix', 0)] },
  'core/linalg.svd': { args: () => [M23()], check: [a('a', 'matrix', 0, { accepts: ['shape'] })] },
  'core/linalg.symmetricEigenvalues': { args: () => [SPD()], check: [a('a', 'matrix', 0)] },
  'core/linalg.lambdaMin': { args: () => [SPD()], check: [a('a', 'matrix', 0)] },
  'core/linalg.lambdaMax': { args: () => [SPD()], check: [a('a', 'matrix', 0)] },
  'core/linalg.lambdaExtremes': { args: () => [SPD()], check: [a('a', 'matrix', 0)] },
  'core/linalg.spectralNorm': { args: () => [M23()], check: [a('a', 'matrix', 0, { accepts: ['shape'] })] },
  'core/linalg.isPositiveDefiniteShifted': { args: () => [SPD(), 0.1], check: [a('a', 'matrix', 0), a('t', 'real', 1, { optional: true })] },
  'core/linalg.leastSquares': { args: () => [X2(), Y3()], check: [a('X', 'matrix', 0, { accepts: ['shape'] }), a('y', 'f64', 1)] },

  // core/geometry
  // rowAngle checks only rows i and j for finiteness (it is called O(n²) times; documented): the bad entry is in row 2.
  'core/geometry.rowAngle': { args: () => [X2(), 0, 1], check: [a('X', 'matrix', 0, { accepts: ['shape', 'NaN', '+Infinity', '-Infinity'] }), a('i', 'count', 1), a('j', 'count', 2)] },
  'core/geometry.minLineAngle': { args: () => [X2()], check: [a('X', 'matrix', 0, { accepts: ['shape'] })] },
  'core/geometry.requireNonParallel': { args: () => [X2(), 1e-6, 'X'], check: [a('X', 'matrix', 0, { accepts: ['shape'] }), a('minAngle', 'nonneg', 1, { optional: true, accepts: ['non-integer'] })] },

  // core/activations
  'core/activations.piecewiseLinear': { args: () => [1, 0.2], check: [a('aPlus', 'real', 0), a('aMinus', 'real', 1)] },
  'core/activations.relu': { args: () => [], check: [] },
  'core/activations.leakyRelu': { args: () => [0.2], check: [a('a', 'real', 0)] },
  'core/activations.linear': { args: () => [], check: [] },
  'core/activations.tanh': { args: () => [], check: [] },
  'core/activations.softplus': { args: () => [], check: [] },
  'core/activations.sigmoid': { args: () => [], check: [] },
  'core/activations.gelu': { args: () => [], check: [] },
  'core/activations.erfActivation': { args: () => [], check: [] },
  'core/activations.reluPower': { args: () => [2], check: [a('k', 'size', 0, { accepts: ['huge'] })] },
  'core/activations.activationByName': { args: () => ['relu'], check: [a('name', 'name', 0)] },

  // core/eigen, core/backend, core/backend-wasm
  'core/eigen.tridiagonalize': { args: () => [SPD()], check: [a('a', 'matrix', 0)] },
  'core/eigen.sturmCount': { args: () => [eigen.tridiagonalize(SPD()), 1.5], check: [a('t', 'object', 0), a('x', 'real', 1, { nonFiniteIsShape: true })] },
  'core/eigen.tridiagonalEigenvalue': { args: () => [eigen.tridiagonalize(SPD()), 1], check: [a('t', 'object', 0), a('k', 'count', 1, { nonFiniteIsShape: true })] },
  'core/eigen.tridiagonalEigenvalues': { args: () => [eigen.tridiagonalize(SPD())], check: [a('t', 'object', 0)] },
  'core/eigen.tridiagonalEigenvaluesQL': { args: () => [eigen.tridiagonalize(SPD())], check: [a('t', 'object', 0)] },
  'core/eigen.symmetricEigenvaluesFast': { args: () => [SPD()], check: [a('a', 'matrix', 0)] },
  'core/eigen.eigenExtremes': { args: () => [SPD()], check: [a('a', 'matrix', 0)] },
  'core/eigen.symmetricEigenvalueAt': { args: () => [SPD(), 1], check: [a('a', 'matrix', 0), a('k', 'count', 1, { nonFiniteIsShape: true })] },
  'core/backend.BACKEND_NAMES': { exempt: 'constant' },
  'core/backend.WASM_MIN_WORK': { exempt: 'constant' },
  'core/backend.jsRefBackend': { exempt: 'a backend object (constant)' },
  'core/backend.jsBackend': { exempt: 'a backend object (constant)' },
  'core/backend.wasmBackend': { exempt: 'a backend object (constant; null where this runtime cannot compile the wasm module)' },
  'core/backend.packedLength': { args: () => [5, 3], check: [a('q', 'size', 0, { accepts: ['huge'] }), a('k', 'size', 1, { accepts: ['huge'] })] },
  'core/backend.workLength': { args: () => [5, 3], check: [a('q', 'size', 0, { accepts: ['huge'] }), a('k', 'size', 1, { accepts: ['huge'] })] },
  'core/backend.backendInfo': { args: () => [], check: [] },
  'core/backend.backendByName': { args: () => ['js'], check: [a('name', 'name', 0)] },
  'core/backend.selectBackend': { args: () => [100], check: [a('work', 'nonneg', 0)] },
  'core/backend-wasm.WAT_PATH': { exempt: 'constant' },
  // The kernel's build and its digest-checked cache: valid calls only (their inputs are the package's
  // own WAT file and cache directory, not user input); the cache's rejections are tested in backend-wasm.test.ts.
  'core/backend-wasm.watToWasm': { args: () => ['t.wat', '(module (func (export "f") (result i32) i32.const 1))'], check: [] },
  'core/backend-wasm.buildGemmModule': { args: () => [{ watPath: '/nonexistent/gd-theory-bad-input.wat' }], check: [] },
  'core/backend-wasm.defaultCacheDir': { args: () => [], check: [] },
  'core/backend-wasm.cacheKey': { args: () => ['(module)'], check: [] },
  'core/backend-wasm.encodeEntry': { args: () => ['k', new Uint8Array([1, 2])], check: [] },
  'core/backend-wasm.decodeEntry': { args: () => [backendWasm.encodeEntry('k', new Uint8Array([1, 2])), 'k'], check: [] },

  // train/gd, flow, pgd, trajectory
  'train/gd.requireSteps': { args: () => [3], check: [a('steps', 'count', 0, { accepts: ['huge'] })] },
  'train/gd.stepSizes': { args: () => [0.1], check: [a('eta', 'positive', 0)] },
  'train/gd.requireStart': { args: () => [QUAD(), X0()], check: [a('objective', 'object', 0), a('x0', 'f64', 1)] },
  'train/gd.requireFiniteState': { args: () => [X0(), 0], check: [a('x', 'f64', 0, { accepts: ['shape', 'empty', 'number[]', 'Float32Array'] })] },
  'train/gd.gd': {
    args: () => [QUAD(), X0(), { eta: 0.1, steps: 5, stopBelow: 1e-3 }],
    check: [a('objective', 'object', 0), a('x0', 'f64', 1), a('opts', 'object', 2), a('eta', 'positive', [2, 'eta']),
      a('steps', 'count', [2, 'steps'], { accepts: ['huge'] })],
  },
  'train/gd.gdStep': { args: () => [QUAD(), X0(), 0.1], check: [a('objective', 'object', 0), a('x', 'f64', 1), a('eta', 'positive', 2)] },
  'train/flow.flowStepper': { args: () => ['rk4', QUAD()], check: [a('method', 'name', 0), a('objective', 'object', 1)] },
  'train/flow.integrateFlow': {
    args: () => [QUAD(), X0(), { method: 'rk4', time: 1, steps: 10 }],
    check: [a('objective', 'object', 0), a('theta0', 'f64', 1), a('opts', 'object', 2), a('method', 'name', [2, 'method']),
      a('time', 'positive', [2, 'time'], { accepts: ['non-integer'], names: { huge: 'x' } }), a('steps', 'size', [2, 'steps'], { accepts: [], tooLong: ['huge'] })],
  },
  'train/flow.gradientFlow': {
    args: () => [QUAD(), X0(), { time: 1, checkpoints: 4, maxHalvings: 2 }],
    check: [a('objective', 'object', 0), a('theta0', 'f64', 1), a('opts', 'object', 2), a('time', 'positive', [2, 'time'], { accepts: ['non-integer'], names: { huge: 'x' } }),
      a('checkpoints', 'size', [2, 'checkpoints'], { optional: true }), a('maxHalvings', 'count', [2, 'maxHalvings'], { optional: true })],
  },
  'train/pgd.pgd': {
    args: () => [QUAD(), X0(), { eta: 0.1, steps: 5, r: 0.01, tThres: 2, gThres: 0.1, noise: R(), recorders: [STOP_AT_20] }],
    check: [a('objective', 'object', 0), a('x0', 'f64', 1), a('opts', 'object', 2), a('eta', 'positive', [2, 'eta']),
      a('steps', 'count', [2, 'steps'], { accepts: ['huge'] }), a('r', 'nonneg', [2, 'r']), a('tThres', 'count', [2, 'tThres'], { accepts: ['huge'] }),
      a('gThres', 'nonneg', [2, 'gThres']), a('noise', 'rng', [2, 'noise'])],
  },
  'train/trajectory.gdTrajectory': {
    args: () => [model.bindData(twoLayer.twoLayerModel(4, 2), X2(), Y3()), twoLayer.twoLayerTheta(P()), { eta: 0.1, steps: 3 }],
    check: [a('obj', 'object', 0), a('theta0', 'f64', 1), a('opts', 'object', 2), a('eta', 'positive', [2, 'eta']), a('steps', 'count', [2, 'steps'])],
  },
  'train/trajectory.twoLayerGd': {
    args: () => [P(), X2(), Y3(), { eta: 0.1, steps: 3 }],
    check: [a('p', 'object', 0), a('X', 'matrix', 1, { names: { shape: 'X' } }), a('y', 'f64', 2), a('opts', 'object', 3),
      a('eta', 'positive', [3, 'eta']), a('steps', 'count', [3, 'steps'])],
  },

  // models/two-layer, models/model
  'models/two-layer.twoLayerWorkspace': { args: () => [3, 4, 2], check: [a('n', 'size', 0), a('m', 'size', 1), a('d', 'size', 2)] },
  'models/two-layer.initTwoLayer': { args: () => [R(), 4, 2], check: [a('rng', 'rng', 0), a('m', 'size', 1), a('d', 'size', 2)] },
  'models/two-layer.requireTwoLayerInputs': { args: () => [P(), X2(), Y3()], check: [a('p', 'object', 0), a('X', 'matrix', 1), a('y', 'f64', 2, { optional: true, accepts: ['undefined'] })] },
  'models/two-layer.forwardInto': { args: () => [P(), X2(), twoLayer.twoLayerWorkspace(3, 4, 2)], check: [a('p', 'object', 0), a('X', 'matrix', 1, UNCHECKED), a('ws', 'object', 2)] },
  'models/two-layer.backwardInto': {
    args: () => [P(), X2(), Y3(), twoLayer.twoLayerWorkspace(3, 4, 2)],
    check: [a('p', 'object', 0), a('X', 'matrix', 1, UNCHECKED), a('y', 'f64', 2, UNCHECKED), a('ws', 'object', 3)],
  },
  'models/two-layer.predict': { args: () => [P(), X2()], check: [a('p', 'object', 0), a('X', 'matrix', 1)] },
  'models/two-layer.twoLayerLoss': { args: () => [P(), X2(), Y3()], check: [a('p', 'object', 0), a('X', 'matrix', 1, { names: { shape: 'X', empty: 'X' } }), a('y', 'f64', 2)] },
  'models/two-layer.twoLayerGradient': { args: () => [P(), X2(), Y3()], check: [a('p', 'object', 0), a('X', 'matrix', 1), a('y', 'f64', 2)] },
  'models/two-layer.activationPattern': { args: () => [P(), X2()], check: [a('p', 'object', 0), a('X', 'matrix', 1)] },
  'models/two-layer.empiricalGram': { args: () => [P(), X2()], check: [a('p', 'object', 0), a('X', 'matrix', 1)] },
  'models/two-layer.twoLayerJacobian': { args: () => [P(), X2()], check: [a('p', 'object', 0), a('X', 'matrix', 1)] },
  'models/two-layer.cloneParams': { args: () => [P()], check: [a('p', 'object', 0)] },
  'models/two-layer.requireWidth': { args: () => [4], check: [a('m', 'size', 0, { accepts: ['huge'] })] },
  'models/two-layer.twoLayerParamsOf': { args: () => [twoLayer.twoLayerTheta(P()), 4, 2], check: [a('theta', 'f64', 0, { accepts: ['NaN', '+Infinity', '-Infinity'] })] },
  'models/two-layer.twoLayerTheta': { args: () => [P()], check: [a('p', 'object', 0)] },
  'models/two-layer.twoLayerModel': { args: () => [4, 2], check: [a('m', 'size', 0), a('d', 'size', 1)] },
  'models/model.layoutBlocks': { args: () => [[{ name: 'W', rows: 2, cols: 1 }]], check: [a('specs', 'object', 0)] },
  'models/model.blocksLength': { args: () => [BLOCKS()], check: [a('blocks', 'object', 0)] },
  'models/model.block': { args: () => [BLOCKS(), 'W'], check: [a('blocks', 'object', 0), a('name', 'name', 1)] },
  'models/model.blockView': { args: () => [X0(), BLOCKS()[0]], check: [a('theta', 'f64', 0, { accepts: ['NaN', '+Infinity', '-Infinity', 'shape'] }), a('b', 'object', 1)] },
  'models/model.requireTheta': { args: () => [X0(), 2, 'theta'], check: [a('theta', 'f64', 0)] },
  'models/model.requireData': { args: () => [twoLayer.twoLayerModel(4, 2), X2(), Y3()], check: [a('X', 'matrix', 1), a('y', 'f64', 2, { accepts: ['undefined'] })] },
  'models/model.bindData': { args: () => [twoLayer.twoLayerModel(4, 2), X2(), Y3()], check: [a('X', 'matrix', 1), a('y', 'f64', 2)] },
  'models/model.requireObjective': { args: () => [QUAD(), 'objective'], check: [a('objective', 'object', 0)] },

  // data/sphere
  'data/sphere.sphereInputs': { args: () => [R(), 3, 2], check: [a('rng', 'rng', 0), a('n', 'size', 1), a('d', 'size', 2)] },
  'data/sphere.uniformLabels': { args: () => [R(), 3], check: [a('rng', 'rng', 0), a('n', 'size', 1)] },
  'data/sphere.sphereDataset': { args: () => [R(), 3, 2], check: [a('rng', 'rng', 0), a('n', 'size', 1), a('d', 'size', 2)] },
  'data/arbitraries.intIn': { exempt: 'fast-check arbitrary builder (test-only input generator; fast-check validates its own ranges)' },
  'data/arbitraries.seedArb': { exempt: 'fast-check arbitrary (constant)' },
  'data/arbitraries.oneOfValues': { exempt: 'fast-check arbitrary builder' },
  'data/arbitraries.widthArb': { exempt: 'fast-check arbitrary builder' },
  'data/arbitraries.sizedCase': { exempt: 'fast-check arbitrary builder' },

  // stats
  'stats/summary.mean': { args: () => [V3()], check: [a('xs', 'vec', 0)] },
  'stats/summary.stdev': { args: () => [V3()], check: [a('xs', 'vec', 0)] },
  'stats/summary.standardError': { args: () => [V3()], check: [a('xs', 'vec', 0)] },
  'stats/summary.quantile': { args: () => [V3(), 0.5], check: [a('xs', 'vec', 0), a('q', 'prob', 1)] },
  'stats/summary.median': { args: () => [V3()], check: [a('xs', 'vec', 0)] },
  'stats/slope.studentTCdf': { args: () => [0.5, 3], check: [a('t', 'real', 0, { accepts: ['negative', 'non-integer', 'huge', '+Infinity', '-Infinity'] }), a('nu', 'positive', 1)] },
  'stats/slope.studentTQuantile': { args: () => [0.9, 3], check: [a('p', 'prob', 0, { accepts: [] }), a('nu', 'positive', 1)] },
  'stats/slope.linearFit': { args: () => [V3(), Y3()], check: [a('xs', 'vec', 0, { names: { empty: 'ys' } }), a('ys', 'vec', 1), a('level', 'prob', 2, { optional: true })] },
  'stats/slope.logLogSlope': { args: () => [V3(), Float64Array.from([1, 4, 9])], check: [a('xs', 'vec', 0, { names: { empty: 'ys' } }), a('ys', 'vec', 1), a('level', 'prob', 2, { optional: true })] },
  'stats/clopper-pearson.binomialCdf': { args: () => [2, 5, 0.3], check: [a('k', 'count', 0, { accepts: ['negative', 'huge'] }), a('n', 'count', 1), a('p', 'prob', 2)] },
  'stats/clopper-pearson.binomialUpperTail': { args: () => [2, 5, 0.3], check: [a('k', 'count', 0, { accepts: ['negative', 'huge'] }), a('n', 'count', 1), a('p', 'prob', 2)] },
  'stats/clopper-pearson.clopperPearsonUpper': { args: () => [2, 5, 0.05], check: [a('k', 'count', 0), a('n', 'size', 1, { accepts: ['huge'] }), a('alpha', 'prob', 2)] },
  'stats/clopper-pearson.clopperPearsonLower': { args: () => [2, 5, 0.05], check: [a('k', 'count', 0), a('n', 'size', 1, { accepts: ['huge'] }), a('alpha', 'prob', 2)] },
  'stats/clopper-pearson.logBinomial': { args: () => [5, 2], check: [a('n', 'count', 0, { accepts: ['huge'] }), a('k', 'count', 1)] },
  'stats/clopper-pearson.binomialBandK': { args: () => [20, 0.3, 0.05], check: [a('n', 'size', 0), a('p', 'prob', 1), a('alpha', 'prob', 2), a('side', 'name', 3, { optional: true })] },

  // train/schedules
  'train/schedules.constantSchedule': { args: () => [0.1], check: [a('eta', 'positive', 0)] },
  'train/schedules.powerSchedule': { args: () => [0.1, 0.6], check: [a('eta0', 'positive', 0), a('p', 'nonneg', 1)] },
  'train/schedules.thesisTheorem44Schedule': { args: () => [0.1, 2, 3], check: [a('eps', 'positive', 0), a('r', 'size', 1, { accepts: ['huge'] }), a('normM', 'positive', 2)] },
  'train/schedules.footnote6Eta0': { args: () => [0.1, 2, 3, 0.75], check: [a('eps', 'positive', 0), a('r', 'size', 1, { accepts: ['huge'] }), a('normM', 'positive', 2), a('p', 'positive', 3, { accepts: ['non-integer'] })] },
  'train/schedules.footnote6Schedule': { args: () => [0.1, 2, 3, 0.75], check: [a('eps', 'positive', 0), a('r', 'size', 1, { accepts: ['huge'] }), a('normM', 'positive', 2), a('p', 'positive', 3, { accepts: ['non-integer'] })] },
  'train/schedules.riemannZeta': { args: () => [2], check: [a('s', 'positive', 0, { accepts: ['non-integer', 'huge'] })] },
  'train/schedules.sumSquares': { args: () => [schedules.constantSchedule(0.1), 5], check: [a('s', 'object', 0), a('T', 'count', 1, { tooLong: ['huge'] })] },
  'train/schedules.flowTime': { args: () => [schedules.constantSchedule(0.1), 5], check: [a('s', 'object', 0), a('T', 'count', 1, { tooLong: ['huge'] })] },

  // train/regime
  'train/regime.gramSpectrum': { args: () => [X2()], check: [a('X', 'matrix', 0, { accepts: ['shape'] })] },
  'train/regime.theoremEta': { args: () => [0.5, 3], check: [a('lambda0', 'positive', 0), a('n', 'positive', 1)] },
  'train/regime.cond21LogFactor': { args: () => [0.1, 0.5], check: [a('eta', 'positive', 0), a('lambda0', 'positive', 1)] },
  'train/regime.stepsAboveFloor': { args: () => [-0.1], check: [a('logFactor', 'real', 0, { accepts: ['negative', 'non-integer'] }), a('floor', 'prob', 1, { optional: true })] },
  'train/regime.cond21': { args: () => [Float64Array.from([1, 0.9, 0.8]), 1, 0.1, 0.5], check: [a('sqLoss', 'vec', 0, { accepts: ['NaN', '+Infinity', '-Infinity', 'Float32Array', 'number[]'], names: { empty: 'k' } }), a('k', 'count', 1), a('eta', 'positive', 2), a('lambda0', 'positive', 3), a('tol', 'nonneg', 4, { optional: true })] },
  'train/regime.scanRate': { args: () => [Float64Array.from([1, 0.9, 0.8]), -0.1], check: [a('sqLoss', 'vec', 0, { accepts: ['NaN', '+Infinity', '-Infinity', 'Float32Array', 'number[]'] }), a('logFactor', 'real', 1, { accepts: ['negative', 'non-integer'] }), a('opts', 'object', 2, { optional: true })] },
  'train/regime.minStepDecrease': { args: () => [Float64Array.from([1, 0.9, 0.8])], check: [a('sqLoss', 'vec', 0, { accepts: ['NaN', '+Infinity', '-Infinity', 'Float32Array', 'number[]', 'empty'] })] },
  'train/regime.lemma23RadiusPrinted': { args: () => [3, 10, 1, 0.5], check: [a('n', 'size', 0, { accepts: ['huge'] }), a('m', 'size', 1, { accepts: ['huge'] }), a('residual0', 'nonneg', 2), a('lambda0', 'positive', 3)] },
  'train/regime.lemma23RadiusCorrected': { args: () => [3, 10, 1, 0.5], check: [a('n', 'size', 0, { accepts: ['huge'] }), a('m', 'size', 1, { accepts: ['huge'] }), a('residual0', 'nonneg', 2), a('lambda0', 'positive', 3)] },
  'train/regime.corollary21Radius': { args: () => [3, 10, 1, 0.5], check: [a('n', 'size', 0, { accepts: ['huge'] }), a('m', 'size', 1, { accepts: ['huge'] }), a('residual0', 'nonneg', 2), a('lambda0', 'positive', 3)] },

  // train/recorders
  'train/recorders.lossRecorder': { args: () => [5], check: [a('steps', 'count', 0)] },
  'train/recorders.rowDriftRecorder': { args: () => [BLOCKS()[0], X0(), 5], check: [a('b', 'object', 0), a('x0', 'f64', 1, { accepts: ['shape'], names: { empty: 'b' } }), a('steps', 'count', 2)] },
  'train/recorders.rowGradientRecorder': { args: () => [BLOCKS()[0], 3, 5], check: [a('b', 'object', 0), a('n', 'size', 1, { accepts: ['huge'] }), a('steps', 'count', 2)] },
  'train/recorders.patternFlipRecorder': { args: () => [() => new Float64Array(4), 4, 5, true], check: [a('preActivations', 'fn', 0), a('size', 'size', 1), a('steps', 'count', 2)] },
  'train/recorders.trajectoryRecorder': { args: () => [BLOCKS()[0], X0(), 3, 5, null], check: [a('b', 'object', 0), a('x0', 'f64', 1, { accepts: ['shape'], names: { empty: 'b' } }), a('n', 'size', 2, { accepts: ['huge'] }), a('steps', 'count', 3), a('flipsOf', 'object', 4, { accepts: ['null'] })] },
  'train/recorders.gramSpectrumRecorder': { args: () => [2, () => SPD()], check: [a('every', 'count', 0), a('gramAt', 'fn', 1)] },
  'train/recorders.observe': { args: () => [() => false], check: [a('fn', 'fn', 0)] },
  'train/recorders.blockDriftRecorder': { args: () => [BLOCKS(), X0(), 5], check: [a('blocks', 'object', 0), a('x0', 'f64', 1, { accepts: ['shape'], names: { empty: 'blocks' } }), a('steps', 'count', 2)] },
  'train/recorders.invariantRecorder': { args: () => [(x: Float64Array) => x[0], 5], check: [a('quantity', 'fn', 0), a('steps', 'count', 1)] },

  // train/instance
  'train/instance.chapter2Instance': { args: () => [R(), 3, 2, 4], check: [a('r', 'rng', 0), a('n', 'size', 1), a('d', 'size', 2), a('m', 'size', 3)] },
  'train/instance.toMeanField': { args: () => [P()], check: [a('p', 'object', 0)] },

  // models/stationary, models/linear
  'models/stationary.classifyBySpectrum': { args: () => [0.1, Float64Array.from([-1, 2])], check: [a('gradNorm', 'nonneg', 0), a('eigenvalues', 'vec', 1), a('tol', 'object', 2, { optional: true })] },
  'models/stationary.classifyStationary': { args: () => [Float64Array.from([0.1, 0]), SPD()], check: [a('grad', 'vec', 0, { names: { empty: 'grad' } }), a('hessian', 'matrix', 1, { names: { shape: 'hessian' } }), a('tol', 'object', 2, { optional: true })] },
  'models/stationary.isEpsSecondOrderStationary': { args: () => [0.1, -0.5, 0.2, 1], check: [a('gradNorm', 'nonneg', 0), a('lambdaMin', 'real', 1), a('eps', 'nonneg', 2), a('rho', 'positive', 3)] },
  'models/stationary.sospFreeThreshold': { args: () => [0.5, 1, 0.1], check: [a('gamma', 'positive', 0), a('rho', 'positive', 1), a('gMin', 'positive', 2)] },
  'models/linear.linearModel': { args: () => [3], check: [a('d', 'size', 0, { accepts: ['huge'] })] },

  // train/sweep
  'train/sweep.sweepRun': { args: () => [3, 2, 4, 1, 0, 3], check: [a('n', 'size', 0), a('d', 'size', 1), a('m', 'size', 2), a('steps', 'count', 5), a('parameterization', 'name', 6, { optional: true })] },
  'train/sweep.widthSweep': { args: () => [{ n: 3, d: 2, runs: 1, widths: [4], steps: 3, seed: 1 }], check: [a('opts', 'object', 0), a('n', 'size', [0, 'n']), a('d', 'size', [0, 'd']), a('runs', 'size', [0, 'runs'], { tooLong: ['huge'] }), a('steps', 'count', [0, 'steps'])] },

  // kernels
  'kernels/arccos.gramInfinity': { args: () => [X2()], check: [a('X', 'matrix', 0, { accepts: ['shape'] })] },
  'kernels/arccos.arccosKernel0': { args: () => [0.3], check: [a('rho', 'real', 0, { accepts: ['non-integer'] })] },
  'kernels/monte-carlo.gramMonteCarlo': { args: () => [R(), X2(), 50], check: [a('rng', 'rng', 0), a('X', 'matrix', 1, { accepts: ['shape'] }), a('M', 'size', 2, { accepts: [], tooLong: ['huge'] })] },
};

/** Whole modules whose rows are not yet generated (every export of theirs is pending): none. */
export const pendingModules: Record<string, string> = {};
