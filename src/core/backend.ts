/**
 * The kernel interface of one full-batch GD step of the two-layer net, and its backends.
 *
 * The step is four products on row-major Float64Arrays (src/models/two-layer.ts):
 *   forward   Z = W·Xᵀ                          gemmABt  (m×d)·(n×d)ᵀ → m×n
 *             u_i = Σ_r c_r·relu(Z_ri)           reluColSum, c_r = a_r/√m
 *   backward  C_ri = Z_ri ≥ 0 ? c_r·e_i : 0      maskOuter, e = u − y (the masked coefficient pass)
 *             G = C·X                           gemmAB   (m×n)·(n×d) → m×d
 *
 * Backends:
 *   'js-ref'  the plain loops (the reference every other backend is checked against);
 *   'js'      tuned JavaScript (4-row register blocking);
 *   'wasm'    WebAssembly SIMD f64x2 (src/core/wasm/gemm.wat, built at load time by wabt).
 * Every backend accumulates each output entry in the same order with one rounding per multiply and
 * per add (no FMA), so on finite operands they agree bit for bit (checked by
 * properties/kernels/backend-agreement.property.ts, which asserts the weaker 4-ulp-scale bound).
 *
 * Choice: GD_BACKEND=js|wasm|js-ref forces one for every workspace (wasm is still built, and
 * checked by the agreement claim, under js); unset ('auto') uses wasm when this runtime
 * compiles the SIMD module, for problems of at least WASM_MIN_WORK multiply-adds (below that a
 * WebAssembly memory per workspace costs more than it saves), and 'js' otherwise.
 *
 * Memory: the wasm kernels read and write only their own linear memory, so operands live in a
 * KernelArena: a fixed-size memory per arena (it never grows, so its Float64Array views never
 * detach). Inputs from elsewhere are copied into an arena array with `input` (O(size), no
 * allocation). The JS arenas are plain Float64Arrays and `input` returns its argument.
 *
 * Like src/core/blas.ts, the kernels check only O(1) facts (integer sizes, lengths, arena
 * membership, aliasing) and never finiteness. Non-finite operands give non-finite results, but the
 * backends differ in where: the JS backends skip a product whose coefficient is exactly 0 (after a
 * ReLU mask about half are), so 0·∞ adds nothing there, while wasm computes it (NaN); 'js' skips only
 * in 4-row blocks with fewer than 3 nonzero coefficients. Bit-for-bit agreement is promised for finite
 * operands only; what each backend does with non-finite ones is not promised, and no test pins it.
 */
import { DomainError, ShapeError, requireFiniteNumber } from './errors.ts';
import { buildGemmModule } from './backend-wasm.ts';

export type BackendName = 'js-ref' | 'js' | 'wasm';
export const BACKEND_NAMES: readonly BackendName[] = ['js-ref', 'js', 'wasm'];

/** The GD-step products. Sizes: a is p×k, b as stated, c is p×q. All arrays row-major. */
export interface StepKernels {
  readonly name: BackendName;
  /** c = a·bᵀ, b is q×k: c_ij = Σ_t a_it b_jt (t ascending). */
  gemmABt(a: Float64Array, b: Float64Array, c: Float64Array, p: number, q: number, k: number): void;
  /** c = a·b, b is k×q: c_ij = Σ_t a_it b_tj (t ascending). */
  gemmAB(a: Float64Array, b: Float64Array, c: Float64Array, p: number, q: number, k: number): void;
  /** out_j = Σ_i w_i·relu(z_ij), z is p×q, relu(s) = s > 0 ? s : 0 (NaN → 0), i ascending from +0. */
  reluColSum(z: Float64Array, w: Float64Array, out: Float64Array, p: number, q: number): void;
  /** c_ij = z_ij ≥ 0 ? w_i·v_j : 0 (NaN → 0); z and c are p×q. */
  maskOuter(z: Float64Array, w: Float64Array, v: Float64Array, c: Float64Array, p: number, q: number): void;
  /** The forward pass in one sweep: z = a·bᵀ (b is q×k) and out_j = Σ_i w_i·relu(z_ij) (= gemmABt, reluColSum). */
  gemmABtRelu(a: Float64Array, b: Float64Array, z: Float64Array, w: Float64Array, out: Float64Array, p: number, q: number, k: number): void;
  /**
   * The backward pass: g = (I{z ≥ 0} ⊙ w vᵀ)·b with z p×k, v of length k, b k×q, g p×q (= maskOuter,
   * gemmAB). c is scratch for the coefficients, of length ≥ maskScratchRows(p)·k: all p×k of them
   * (JS); none on wasm, which makes each 4-row block of them in its work region as it goes.
   */
  maskedGemmAB(z: Float64Array, w: Float64Array, v: Float64Array, b: Float64Array, g: Float64Array, c: Float64Array, p: number, q: number, k: number): void;
}

/** Memory the kernels run in, with its arrays. */
export interface KernelArena extends StepKernels {
  /** The arrays asked for, zeroed, in order (wasm: views on the arena's own memory). */
  readonly arrays: readonly Float64Array[];
  /**
   * An operand the kernels can read: `src` itself when they read any Float64Array (JS), else a
   * copy of src into `slot`, an array of this arena of the same length.
   */
  input(src: Float64Array, slot: Float64Array): Float64Array;
}

export interface KernelBackend {
  readonly name: BackendName;
  /** Rows of coefficient scratch maskedGemmAB needs for p rows (its c has this many rows of k). */
  maskScratchRows(p: number): number;
  /** True when kernels need their operands inside the arena (inputs are copied by `input`). */
  readonly copiesInputs: boolean;
  /**
   * An arena holding arrays of the given lengths, with room for packDoubles work doubles: at least
   * workLength(q, k) for every gemm it will run (packed b plus a 4-row block of a; JS ignores it).
   */
  arena(lengths: readonly number[], packDoubles?: number): KernelArena;
}

// ---------------------------------------------------------------------------------------------
// O(1) argument checks, shared by every backend.
// ---------------------------------------------------------------------------------------------

function requireDim(v: number, name: string): void {
  if (!Number.isInteger(v) || v <= 0) throw new DomainError(`${name} must be a positive integer, got ${v}`, name);
}

/** Positive integer sizes (no allocation: this runs on every kernel call). */
function requireDims(p: number, q: number, k: number): void {
  requireDim(p, 'p');
  requireDim(q, 'q');
  requireDim(k, 'k');
}

function requireLen(x: Float64Array, len: number, argument: string): void {
  if (!(x instanceof Float64Array)) throw new ShapeError(`${argument} must be a Float64Array`, argument);
  if (x.length < len) throw new ShapeError(`${argument} has length ${x.length}, needs ≥ ${len}`, argument);
}

function overlaps(x: Float64Array, y: Float64Array): boolean {
  if (x.buffer !== y.buffer) return false;
  return x.byteOffset < y.byteOffset + y.byteLength && y.byteOffset < x.byteOffset + x.byteLength;
}

/** out overlaps neither input (two fixed arguments, no rest array: no allocation per call). */
function requireNoAlias(out: Float64Array, outName: string, x: Float64Array, y: Float64Array): void {
  if (overlaps(out, x) || overlaps(out, y)) {
    throw new DomainError(`${outName} shares memory with an input; the kernel would overwrite its own operand`, outName);
  }
}

/** aName/cName: the caller's names for a and c (the fused kernels pass 'z' and 'g'), so errors name the argument the user passed. */
function checkGemm(a: Float64Array, b: Float64Array, c: Float64Array, p: number, q: number, k: number, aName = 'a', cName = 'c'): void {
  requireDims(p, q, k);
  requireLen(a, p * k, aName);
  requireLen(b, q * k, 'b');
  requireLen(c, p * q, cName);
  requireNoAlias(c, cName, a, b);
}

function checkRelu(z: Float64Array, w: Float64Array, out: Float64Array, p: number, q: number): void {
  requireDims(p, q, 1);
  requireLen(z, p * q, 'z');
  requireLen(w, p, 'w');
  requireLen(out, q, 'out');
  requireNoAlias(out, 'out', z, w);
}

function checkMask(z: Float64Array, w: Float64Array, v: Float64Array, c: Float64Array, p: number, q: number): void {
  requireDims(p, q, 1);
  requireLen(z, p * q, 'z');
  requireLen(w, p, 'w');
  requireLen(v, q, 'v');
  requireLen(c, p * q, 'c');
  requireNoAlias(c, 'c', w, v); // c may be z itself (in place) only if the caller wants Z gone: allowed
}

// ---------------------------------------------------------------------------------------------
// 'js-ref': the reference loops, exactly the textbook form.
// ---------------------------------------------------------------------------------------------

function refGemmABt(a: Float64Array, b: Float64Array, c: Float64Array, p: number, q: number, k: number): void {
  checkGemm(a, b, c, p, q, k);
  for (let i = 0; i < p; i++) {
    const ao = i * k, co = i * q;
    for (let j = 0; j < q; j++) {
      const bo = j * k;
      let s = 0;
      for (let t = 0; t < k; t++) s += a[ao + t] * b[bo + t];
      c[co + j] = s;
    }
  }
}

function refGemmAB(a: Float64Array, b: Float64Array, c: Float64Array, p: number, q: number, k: number): void {
  checkGemm(a, b, c, p, q, k);
  c.fill(0, 0, p * q);
  for (let i = 0; i < p; i++) {
    const co = i * q;
    for (let t = 0; t < k; t++) {
      const alpha = a[i * k + t];
      if (alpha === 0) continue; // adds ±0 only (b finite): same result, half the work after a ReLU mask
      const bo = t * q;
      for (let j = 0; j < q; j++) c[co + j] += alpha * b[bo + j];
    }
  }
}

function refReluColSum(z: Float64Array, w: Float64Array, out: Float64Array, p: number, q: number): void {
  checkRelu(z, w, out, p, q);
  out.fill(0, 0, q);
  for (let i = 0; i < p; i++) {
    const zo = i * q, wi = w[i];
    for (let j = 0; j < q; j++) {
      const s = z[zo + j];
      if (s > 0) out[j] += wi * s;
    }
  }
}

function refMaskOuter(z: Float64Array, w: Float64Array, v: Float64Array, c: Float64Array, p: number, q: number): void {
  checkMask(z, w, v, c, p, q);
  for (let i = 0; i < p; i++) {
    const o = i * q, wi = w[i];
    for (let j = 0; j < q; j++) c[o + j] = z[o + j] >= 0 ? wi * v[j] : 0;
  }
}

// ---------------------------------------------------------------------------------------------
// 'js': tuned JavaScript. Four rows of a share each load of b (register blocking); the sums keep
// the reference's order, so results are bit-identical to 'js-ref'.
// ---------------------------------------------------------------------------------------------

function jsGemmABt(a: Float64Array, b: Float64Array, c: Float64Array, p: number, q: number, k: number): void {
  checkGemm(a, b, c, p, q, k);
  let i = 0;
  for (; i + 4 <= p; i += 4) {
    const a0 = i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
    const c0 = i * q, c1 = c0 + q, c2 = c1 + q, c3 = c2 + q;
    for (let j = 0; j < q; j++) {
      const bo = j * k;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let t = 0; t < k; t++) {
        const bt = b[bo + t];
        s0 += a[a0 + t] * bt;
        s1 += a[a1 + t] * bt;
        s2 += a[a2 + t] * bt;
        s3 += a[a3 + t] * bt;
      }
      c[c0 + j] = s0; c[c1 + j] = s1; c[c2 + j] = s2; c[c3 + j] = s3;
    }
  }
  for (; i < p; i++) {
    const ao = i * k, co = i * q;
    for (let j = 0; j < q; j++) {
      const bo = j * k;
      let s = 0;
      for (let t = 0; t < k; t++) s += a[ao + t] * b[bo + t];
      c[co + j] = s;
    }
  }
}

function jsGemmAB(a: Float64Array, b: Float64Array, c: Float64Array, p: number, q: number, k: number): void {
  checkGemm(a, b, c, p, q, k);
  c.fill(0, 0, p * q);
  let i = 0;
  for (; i + 4 <= p; i += 4) {
    const a0 = i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
    const c0 = i * q, c1 = c0 + q, c2 = c1 + q, c3 = c2 + q;
    for (let t = 0; t < k; t++) {
      const x0 = a[a0 + t], x1 = a[a1 + t], x2 = a[a2 + t], x3 = a[a3 + t];
      const bo = t * q;
      // After a ReLU mask about half the coefficients are 0: skip a row's axpy when it adds ±0 only.
      const nz = (x0 !== 0 ? 1 : 0) + (x1 !== 0 ? 1 : 0) + (x2 !== 0 ? 1 : 0) + (x3 !== 0 ? 1 : 0);
      if (nz === 0) continue;
      if (nz >= 3) {
        for (let j = 0; j < q; j++) {
          const bt = b[bo + j];
          c[c0 + j] += x0 * bt;
          c[c1 + j] += x1 * bt;
          c[c2 + j] += x2 * bt;
          c[c3 + j] += x3 * bt;
        }
      } else {
        if (x0 !== 0) for (let j = 0; j < q; j++) c[c0 + j] += x0 * b[bo + j];
        if (x1 !== 0) for (let j = 0; j < q; j++) c[c1 + j] += x1 * b[bo + j];
        if (x2 !== 0) for (let j = 0; j < q; j++) c[c2 + j] += x2 * b[bo + j];
        if (x3 !== 0) for (let j = 0; j < q; j++) c[c3 + j] += x3 * b[bo + j];
      }
    }
  }
  for (; i < p; i++) {
    const co = i * q;
    for (let t = 0; t < k; t++) {
      const alpha = a[i * k + t];
      if (alpha === 0) continue;
      const bo = t * q;
      for (let j = 0; j < q; j++) c[co + j] += alpha * b[bo + j];
    }
  }
}

function jsReluColSum(z: Float64Array, w: Float64Array, out: Float64Array, p: number, q: number): void {
  checkRelu(z, w, out, p, q);
  out.fill(0, 0, q);
  let i = 0;
  for (; i + 4 <= p; i += 4) {
    const z0 = i * q, z1 = z0 + q, z2 = z1 + q, z3 = z2 + q;
    const w0 = w[i], w1 = w[i + 1], w2 = w[i + 2], w3 = w[i + 3];
    for (let j = 0; j < q; j++) {
      let u = out[j];
      const s0 = z[z0 + j], s1 = z[z1 + j], s2 = z[z2 + j], s3 = z[z3 + j];
      if (s0 > 0) u += w0 * s0;
      if (s1 > 0) u += w1 * s1;
      if (s2 > 0) u += w2 * s2;
      if (s3 > 0) u += w3 * s3;
      out[j] = u;
    }
  }
  for (; i < p; i++) {
    const zo = i * q, wi = w[i];
    for (let j = 0; j < q; j++) {
      const s = z[zo + j];
      if (s > 0) out[j] += wi * s;
    }
  }
}

type BasicKernels = Pick<StepKernels, 'gemmABt' | 'gemmAB' | 'reluColSum' | 'maskOuter'>;

/** The fused passes of a JS backend: its own kernels in sequence (the reference order). */
function fused(k: BasicKernels): Pick<StepKernels, 'gemmABtRelu' | 'maskedGemmAB'> {
  return {
    gemmABtRelu: (a, b, z, w, out, p, q, kk) => {
      checkGemm(a, b, z, p, q, kk, 'a', 'z');
      k.gemmABt(a, b, z, p, q, kk);
      k.reluColSum(z, w, out, p, q);
    },
    maskedGemmAB: (z, w, v, b, g, c, p, q, kk) => {
      checkGemm(z, b, g, p, q, kk, 'z', 'g');
      requireNoAlias(c, 'c', z, b); // c's length and type: maskOuter checks them, under the same name
      k.maskOuter(z, w, v, c, p, kk);
      k.gemmAB(c, b, g, p, q, kk);
    },
  };
}

function makeJsArena(name: 'js' | 'js-ref', kernels: BasicKernels, lengths: readonly number[]): KernelArena {
  const arrays = lengths.map((len, i) => {
    if (!Number.isInteger(len) || len < 0) throw new DomainError(`array length ${i} must be an integer ≥ 0, got ${len}`, 'lengths');
    return new Float64Array(len);
  });
  return {
    name, arrays, ...kernels, ...fused(kernels),
    input: (src) => {
      if (!(src instanceof Float64Array)) throw new ShapeError('src must be a Float64Array', 'src');
      return src;
    },
  };
}

const refKernels = { gemmABt: refGemmABt, gemmAB: refGemmAB, reluColSum: refReluColSum, maskOuter: refMaskOuter };
const jsKernels = { gemmABt: jsGemmABt, gemmAB: jsGemmAB, reluColSum: jsReluColSum, maskOuter: refMaskOuter };

export const jsRefBackend: KernelBackend = {
  name: 'js-ref', copiesInputs: false, maskScratchRows: (p) => p,
  arena: (lengths) => makeJsArena('js-ref', refKernels, lengths),
};

export const jsBackend: KernelBackend = {
  name: 'js', copiesInputs: false, maskScratchRows: (p) => p,
  arena: (lengths) => makeJsArena('js', jsKernels, lengths),
};

// ---------------------------------------------------------------------------------------------
// 'wasm': src/core/wasm/gemm.wat.
// ---------------------------------------------------------------------------------------------

interface GemmExports {
  gemm(A: number, lda: number, Bp: number, C: number, ldc: number, p: number, q: number, k: number): void;
  gemm_relu(A: number, lda: number, Bp: number, C: number, ldc: number, p: number, q: number, k: number, w: number, u: number): void;
  gemm_masked(Z: number, Bp: number, C: number, ldc: number, p: number, q: number, k: number, w: number, v: number, scratch: number): void;
  relu_colsum(Z: number, w: number, out: number, p: number, q: number): void;
  mask_outer(Z: number, w: number, v: number, C: number, p: number, q: number): void;
}

const PAGE = 65536;
/** Largest arena: the i32 byte offsets of the kernels must stay below 2³¹ (signed-safe). */
const MAX_ARENA_BYTES = 2 ** 31 - PAGE;

/** Doubles needed to pack a q-column B with k rows into 4-wide panels (the last 2 or 4 wide). */
export function packedLength(q: number, k: number): number {
  requireFiniteNumber(q, 'q');
  requireFiniteNumber(k, 'k');
  requireDim(q, 'q');
  requireDim(k, 'k');
  const full = Math.floor(q / 4), rem = q % 4;
  return k * (4 * full + (rem === 0 ? 0 : rem <= 2 ? 2 : 4));
}

/** Work doubles a wasm gemm with b of q×k (or k×q) needs: the packed b and a 4×k block of coefficients (maskedGemmAB). */
export function workLength(q: number, k: number): number {
  return packedLength(q, k) + 4 * k;
}

function makeWasmArena(module: WebAssembly.Module, lengths: readonly number[], packDoubles: number): KernelArena {
  let total = 0;
  const offsets: number[] = [];
  for (const [i, len] of lengths.entries()) {
    if (!Number.isInteger(len) || len < 0) throw new DomainError(`array length ${i} must be an integer ≥ 0, got ${len}`, 'lengths');
    offsets.push(total);
    total += len + (len & 1); // keep every array 16-byte aligned
  }
  if (!Number.isInteger(packDoubles) || packDoubles < 0) {
    throw new DomainError(`packDoubles must be an integer ≥ 0, got ${packDoubles}`, 'packDoubles');
  }
  const packOffset = total;
  const packCap = packDoubles;
  total += packCap;
  const bytes = total * 8;
  if (bytes > MAX_ARENA_BYTES) throw new DomainError(`a wasm arena of ${bytes} bytes exceeds the ${MAX_ARENA_BYTES}-byte limit of 32-bit offsets`, 'lengths');
  const pages = Math.max(1, Math.ceil(bytes / PAGE));
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
  const ex = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as GemmExports;
  const buffer = memory.buffer;
  const heap = new Float64Array(buffer);
  const arrays = lengths.map((len, i) => new Float64Array(buffer, offsets[i] * 8, len));

  const ptr = (x: Float64Array, argument: string): number => {
    if (x.buffer !== buffer) throw new DomainError(`${argument} is not an array of this wasm arena; copy it in with input()`, argument);
    return x.byteOffset;
  };
  /** Check the work region fits a gemm with b of q×k; returns the byte address of its 4×k block scratch. */
  const requirePack = (q: number, k: number): number => {
    const need = workLength(q, k);
    if (need > packCap) throw new ShapeError(`a gemm with a ${k}×${q} operand needs ${need} work doubles; the arena has room for ${packCap}`, 'b');
    return (packOffset + packedLength(q, k)) * 8;
  };

  /** Pack bᵀ (b is q×k, rows are the columns of B = bᵀ) into panels at packOffset. */
  const packTransposed = (b: Float64Array, q: number, k: number): void => {
    const bo = b.byteOffset >> 3;
    let o = packOffset, j = 0;
    for (; j + 4 <= q; j += 4) {
      const r0 = bo + j * k, r1 = r0 + k, r2 = r1 + k, r3 = r2 + k;
      for (let t = 0; t < k; t++, o += 4) {
        heap[o] = heap[r0 + t]; heap[o + 1] = heap[r1 + t]; heap[o + 2] = heap[r2 + t]; heap[o + 3] = heap[r3 + t];
      }
    }
    const rem = q - j;
    if (rem > 0) {
      const w = rem <= 2 ? 2 : 4;
      for (let t = 0; t < k; t++, o += w) {
        for (let jj = 0; jj < w; jj++) heap[o + jj] = jj < rem ? heap[bo + (j + jj) * k + t] : 0;
      }
    }
  };
  /** Pack b (k×q, row-major) into panels at packOffset. */
  const packRows = (b: Float64Array, q: number, k: number): void => {
    const bo = b.byteOffset >> 3;
    let o = packOffset, j = 0;
    for (; j + 4 <= q; j += 4) {
      for (let t = 0, r = bo + j; t < k; t++, o += 4, r += q) {
        heap[o] = heap[r]; heap[o + 1] = heap[r + 1]; heap[o + 2] = heap[r + 2]; heap[o + 3] = heap[r + 3];
      }
    }
    const rem = q - j;
    if (rem > 0) {
      const w = rem <= 2 ? 2 : 4;
      for (let t = 0, r = bo + j; t < k; t++, o += w, r += q) {
        for (let jj = 0; jj < w; jj++) heap[o + jj] = jj < rem ? heap[r + jj] : 0;
      }
    }
  };

  return {
    name: 'wasm', arrays,
    input: (src, slot) => {
      if (!(src instanceof Float64Array)) throw new ShapeError('src must be a Float64Array', 'src');
      if (src.buffer === buffer) return src;
      ptr(slot, 'slot');
      if (slot.length !== src.length) throw new ShapeError(`slot has length ${slot.length}, src ${src.length}`, 'slot');
      slot.set(src);
      return slot;
    },
    gemmABt: (a, b, c, p, q, k) => {
      checkGemm(a, b, c, p, q, k);
      const pa = ptr(a, 'a'), pc = ptr(c, 'c');
      ptr(b, 'b');
      requirePack(q, k);
      packTransposed(b, q, k);
      ex.gemm(pa, k, packOffset * 8, pc, q, p, q, k);
    },
    gemmAB: (a, b, c, p, q, k) => {
      checkGemm(a, b, c, p, q, k);
      const pa = ptr(a, 'a'), pc = ptr(c, 'c');
      ptr(b, 'b');
      requirePack(q, k);
      packRows(b, q, k);
      ex.gemm(pa, k, packOffset * 8, pc, q, p, q, k);
    },
    reluColSum: (z, w, out, p, q) => {
      checkRelu(z, w, out, p, q);
      ex.relu_colsum(ptr(z, 'z'), ptr(w, 'w'), ptr(out, 'out'), p, q);
    },
    maskOuter: (z, w, v, c, p, q) => {
      checkMask(z, w, v, c, p, q);
      ex.mask_outer(ptr(z, 'z'), ptr(w, 'w'), ptr(v, 'v'), ptr(c, 'c'), p, q);
    },
    gemmABtRelu: (a, b, z, w, out, p, q, k) => {
      checkGemm(a, b, z, p, q, k, 'a', 'z');
      checkRelu(z, w, out, p, q);
      requireNoAlias(out, 'out', a, b);
      const pa = ptr(a, 'a'), pz = ptr(z, 'z'), pw = ptr(w, 'w'), po = ptr(out, 'out');
      ptr(b, 'b');
      requirePack(q, k);
      packTransposed(b, q, k);
      ex.gemm_relu(pa, k, packOffset * 8, pz, q, p, q, k, pw, po);
    },
    maskedGemmAB: (z, w, v, b, g, c, p, q, k) => {
      checkGemm(z, b, g, p, q, k, 'z', 'g');
      requireLen(w, p, 'w');
      requireLen(v, k, 'v');
      if (!(c instanceof Float64Array)) throw new ShapeError('c must be a Float64Array', 'c');
      requireNoAlias(g, 'g', w, v);
      const pz = ptr(z, 'z'), pg = ptr(g, 'g'), pw = ptr(w, 'w'), pv = ptr(v, 'v');
      ptr(b, 'b');
      const scratch = requirePack(q, k); // the coefficients of one 4-row block at a time: c is not used
      packRows(b, q, k);
      ex.gemm_masked(pz, packOffset * 8, pg, q, p, q, k, pw, pv, scratch);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Selection.
// ---------------------------------------------------------------------------------------------

/** Multiply-adds (n·m·d) from which 'auto' runs a step on wasm rather than tuned JS. */
export const WASM_MIN_WORK = 16384;

const requested = (process.env.GD_BACKEND ?? '').trim().toLowerCase() || 'auto';
if (requested !== 'auto' && !(BACKEND_NAMES as readonly string[]).includes(requested)) {
  throw new DomainError(`GD_BACKEND must be js, wasm, js-ref or unset, got '${process.env.GD_BACKEND}'`, 'GD_BACKEND');
}

// Built whatever GD_BACKEND says (it only steers selection), so the agreement claim checks wasm in
// every suite run where this runtime can compile it; a failed build only makes wasm unavailable.
const build = await buildGemmModule();
if (requested === 'wasm' && build.module === null) {
  throw new DomainError(`GD_BACKEND=wasm but the wasm backend is unavailable: ${build.note}`, 'GD_BACKEND');
}
const wasmModule = build.module;

export const wasmBackend: KernelBackend | null = wasmModule === null ? null : {
  name: 'wasm', copiesInputs: true, maskScratchRows: () => 0,
  arena: (lengths, packDoubles = 0) => makeWasmArena(wasmModule, lengths, packDoubles),
};

/** What GD_BACKEND asked for and what the wasm build did. */
export function backendInfo(): { requested: string; wasm: string } {
  return { requested, wasm: wasmModule ? `available (${build.note})` : `unavailable (${build.note})` };
}

/** A backend by name (null when wasm is unavailable here). */
export function backendByName(name: BackendName): KernelBackend | null {
  if (name === 'js-ref') return jsRefBackend;
  if (name === 'js') return jsBackend;
  if (name === 'wasm') return wasmBackend;
  throw new DomainError(`unknown backend '${String(name)}'`, 'name');
}

/** The backend for a step of `work` multiply-adds (n·m·d): GD_BACKEND if set, else automatic. */
export function selectBackend(work: number): KernelBackend {
  requireFiniteNumber(work, 'work');
  if (work < 0) throw new DomainError(`work must be a number of multiply-adds ≥ 0, got ${work}`, 'work');
  if (requested === 'js-ref') return jsRefBackend;
  if (requested === 'js') return jsBackend;
  if (requested === 'wasm') return wasmBackend as KernelBackend;
  return wasmBackend !== null && work >= WASM_MIN_WORK ? wasmBackend : jsBackend;
}
