/**
 * The package's public API (`import { claim, verdict, … } from 'gd-theory'`): what a property file
 * in another repository needs to state a claim and check it — the claim factory and the verdict
 * builders (one slack definition per kind), the claim types, the typed errors, the seeded RNG, the
 * model interface and the common models, the one training path (GD, gradient flow, perturbed GD,
 * recorders, schedules), datasets and fast-check arbitraries, and the statistics the builders use.
 *
 * Every module is also reachable on its own, mirroring this repository's layout
 * (`gd-theory/models/two-layer`, `gd-theory/train/gd`, `gd-theory/core/linalg`, …; see the
 * `exports` map of package.json), and the vitest plugin is `gd-theory/vitest`.
 */
export { claim, isClaim, verdict, withFit, worstWith } from './claims/claim.ts';
export * from './claims/verdict.ts';
export * from './claims/types.ts';
export { runClaim, type RunOptions } from './claims/runner.ts';
export * from './core/errors.ts';
export * from './core/rng.ts';
export * from './models/model.ts';
export { linearModel } from './models/linear.ts';
export { twoLayerModel, twoLayerTheta, twoLayerParamsOf, initTwoLayer } from './models/two-layer.ts';
export { deepFcModel, deepFcArch } from './models/deep-fc.ts';
export { sharedModel, conv1dMap } from './models/conv1d.ts';
export { mfObjective, rank1Objective } from './models/matrix-factorization.ts';
export { octopus, octopusObjective } from './models/octopus.ts';
export * from './train/gd.ts';
export * from './train/flow.ts';
export * from './train/pgd.ts';
export * from './train/recorders.ts';
export * from './train/schedules.ts';
export * from './data/sphere.ts';
export * from './data/arbitraries.ts';
export * from './stats/summary.ts';
export * from './stats/slope.ts';
export * from './stats/clopper-pearson.ts';
