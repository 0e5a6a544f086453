export * from './errors.ts';
export * from './matrix.ts';
export * from './blas.ts';
export * from './rng.ts';
export * from './linalg.ts';
export * from './special.ts';
export * from './geometry.ts';
