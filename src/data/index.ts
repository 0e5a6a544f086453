export * from './sphere.ts';
export * from './arbitraries.ts';
