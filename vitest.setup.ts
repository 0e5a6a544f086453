// One seed for any fast-check property run directly in a unit test (claims seed themselves from
// GD_SEED through the runner); also keeps @fast-check style runs reproducible in CI.
import fc from 'fast-check';

fc.configureGlobal({ seed: Number(process.env.GD_SEED ?? 42) });
