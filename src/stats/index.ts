export * from './clopper-pearson.ts';
export * from './slope.ts';
export * from './summary.ts';
