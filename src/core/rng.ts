/**
 * Seeded randomness. Every random choice in the suite flows from one integer seed: a claim case
 * carries a seed, and named streams (`rng.stream('data')`, `rng.stream('init')`) are derived from
 * it so that, e.g., changing the width does not change the dataset.
 */
import seedrandom from 'seedrandom';
import { DomainError, ShapeError, describeValue, requireFiniteNumber, requirePositiveInt } from './errors.ts';

function requireOut(out: Float64Array, offset: number, len: number): void {
  if (!(out instanceof Float64Array)) throw new ShapeError('out must be a Float64Array', 'out');
  requireFiniteNumber(offset, 'offset');
  if (!Number.isInteger(offset) || offset < 0 || offset + len > out.length) {
    throw new ShapeError(`out[${offset} .. ${offset + len}) does not fit in length ${out.length}`, 'out');
  }
}

export class Rng {
  private readonly prng: seedrandom.PRNG;
  private spare: number | null = null;

  constructor(readonly seedKey: string | number) {
    if (typeof seedKey === 'number') requireFiniteNumber(seedKey, 'seed');
    else if (typeof seedKey !== 'string') throw new DomainError(`seed must be a number or a string, got ${describeValue(seedKey)}`, 'seed');
    // alea: fast, 32-bit-state-free, good statistical quality; the key is a string so streams compose.
    this.prng = seedrandom.alea(String(seedKey));
  }

  /** An independent stream named after its purpose, derived from this stream's key only. */
  stream(name: string): Rng {
    if (typeof name !== 'string' || name.length === 0) throw new DomainError('a stream needs a non-empty name', 'name');
    return new Rng(`${this.seedKey}/${name}`);
  }

  /** Uniform on [0, 1). */
  uniform(): number {
    return this.prng.double();
  }

  uniformIn(lo: number, hi: number): number {
    requireFiniteNumber(lo, 'lo');
    requireFiniteNumber(hi, 'hi');
    if (!(hi >= lo)) throw new DomainError(`uniformIn needs lo ≤ hi, got [${lo}, ${hi}]`, 'hi');
    return lo + (hi - lo) * this.prng.double();
  }

  /** Integer in [0, n). */
  int(n: number): number {
    requirePositiveInt(n, 'n');
    return Math.floor(this.prng.double() * n);
  }

  /** Standard normal (Marsaglia polar method, both variates used). */
  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    let u = 0, v = 0, s = 0;
    do {
      u = 2 * this.prng.double() - 1;
      v = 2 * this.prng.double() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    return u * f;
  }

  /** ±1 with probability ½ each. */
  rademacher(): number {
    return this.prng.double() < 0.5 ? -1 : 1;
  }

  fillNormal(out: Float64Array, scale = 1): Float64Array {
    requireOut(out, 0, 0);
    requireFiniteNumber(scale, 'scale');
    for (let k = 0; k < out.length; k++) out[k] = scale * this.normal();
    return out;
  }

  fillRademacher(out: Float64Array): Float64Array {
    requireOut(out, 0, 0);
    for (let k = 0; k < out.length; k++) out[k] = this.rademacher();
    return out;
  }

  /** Uniform on the unit sphere S^{d-1} (normalized Gaussian). */
  sphere(d: number, out?: Float64Array, offset = 0): Float64Array {
    requirePositiveInt(d, 'd');
    if (out === undefined) out = new Float64Array(d);
    requireOut(out, offset, d);
    let s = 0;
    do {
      s = 0;
      for (let k = 0; k < d; k++) {
        const g = this.normal();
        out[offset + k] = g;
        s += g * g;
      }
    } while (s === 0);
    const inv = 1 / Math.sqrt(s);
    for (let k = 0; k < d; k++) out[offset + k] *= inv;
    return out;
  }

  /** Uniform in the ball of radius r in R^d (direction on the sphere, radius r·U^{1/d}). */
  ball(d: number, r = 1, out?: Float64Array, offset = 0): Float64Array {
    requirePositiveInt(d, 'd');
    requireFiniteNumber(r, 'r');
    if (r < 0) throw new DomainError(`ball radius must be ≥ 0, got ${r}`, 'r');
    if (out === undefined) out = new Float64Array(d);
    requireOut(out, offset, d);
    this.sphere(d, out, offset);
    const rad = r * Math.pow(this.prng.double(), 1 / d);
    for (let k = 0; k < d; k++) out[offset + k] *= rad;
    return out;
  }
}

/** An Rng argument (made by `rng(seed)` or `.stream(name)`): anything else is a DomainError naming the argument. */
export function requireRng(r: Rng, argument = 'rng', uses: readonly (keyof Rng)[] = ['stream']): Rng {
  // Duck-typed on the methods the caller uses, so a scripted stand-in (tests) still passes.
  if (r === null || typeof r !== 'object' || uses.some((m) => typeof r[m] !== 'function')) {
    throw new DomainError(`${argument} must be an Rng (rng(seed) or rng(seed).stream(name)), got ${describeValue(r)}`, argument);
  }
  return r;
}

export function rng(seed: number | string): Rng {
  return new Rng(seed);
}
