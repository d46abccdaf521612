// The policy network of "Pong from Pixels": x -> h = ReLU(W1 x) -> p = sigmoid(W2 . h),
// p = probability of moving UP. Forward and backward are written out by hand.
//
// Layout: W1 is stored TRANSPOSED, input-major, as `w1t` (inputs x hidden, row-major):
// w1t[i * hidden + j] = W1[j][i] = weight from input i to hidden unit j. A non-zero input then
// touches one contiguous run of `hidden` weights, which is what makes the sparse path fast.
// Checkpoints store `w1t` in this same layout. Gradient buffers for W1 use it too.

import type { Rng } from './rng.js';

export const DEFAULT_HIDDEN = 200;
export const DEFAULT_INPUTS = 6400;

export class Policy {
  readonly hidden: number;
  readonly inputs: number;
  /** UP and DOWN: one output, p(UP). */
  readonly actions = 2;
  /** W1 transposed: inputs x hidden, row-major (see the file comment). */
  readonly w1t: Float64Array;
  /** W2: one weight per hidden unit. */
  readonly w2: Float64Array;
  // Backward scratch: the gradient reaching the hidden layer for one step.
  private readonly dh: Float64Array;

  /**
   * Wraps the given weights (not copied, so they may live in a SharedArrayBuffer),
   * or allocates zeros when they are omitted.
   */
  constructor(hidden: number, inputs: number, w1t?: Float64Array, w2?: Float64Array) {
    if (!Number.isInteger(hidden) || hidden < 1) throw new RangeError(`hidden must be a positive integer, got ${hidden}`);
    if (!Number.isInteger(inputs) || inputs < 1) throw new RangeError(`inputs must be a positive integer, got ${inputs}`);
    this.hidden = hidden;
    this.inputs = inputs;
    this.w1t = w1t ?? new Float64Array(hidden * inputs);
    this.w2 = w2 ?? new Float64Array(hidden);
    if (this.w1t.length !== hidden * inputs) throw new RangeError(`w1t must have ${hidden * inputs} entries, got ${this.w1t.length}`);
    if (this.w2.length !== hidden) throw new RangeError(`w2 must have ${hidden} entries, got ${this.w2.length}`);
    this.dh = new Float64Array(hidden);
  }

  /**
   * Karpathy's init: N(0,1) / sqrt(fan-in). Draw order is his: W1 row by row (hidden unit j,
   * then inputs 0..inputs-1), then W2.
   */
  static create(rng: Rng, hidden = DEFAULT_HIDDEN, inputs = DEFAULT_INPUTS): Policy {
    const policy = new Policy(hidden, inputs);
    const w1t = policy.w1t;
    const s1 = 1 / Math.sqrt(inputs);
    for (let j = 0; j < hidden; j++) {
      for (let i = 0; i < inputs; i++) w1t[i * hidden + j] = rng.gaussian() * s1;
    }
    const s2 = 1 / Math.sqrt(hidden);
    for (let j = 0; j < hidden; j++) policy.w2[j] = rng.gaussian() * s2;
    return policy;
  }

  /** [w1t, w2]: the arrays a worker is sent. */
  arrays(): Float64Array[] {
    return [this.w1t, this.w2];
  }

  /** A deep copy (weights copied). */
  clone(): Policy {
    return new Policy(this.hidden, this.inputs, this.w1t.slice(), this.w2.slice());
  }

  /** Dense reference forward: fills h (hidden), returns p(UP). Costs inputs x hidden. */
  forwardDense(x: Float64Array, h: Float64Array): number {
    const H = this.hidden;
    const D = this.inputs;
    const w1t = this.w1t;
    h.fill(0, 0, H);
    for (let i = 0; i < D; i++) {
      const xi = x[i];
      const base = i * H;
      for (let j = 0; j < H; j++) h[j] += w1t[base + j] * xi;
    }
    return this.finishForward(h);
  }

  /**
   * Sparse forward: x has non-zeros val[k] at idx[k], k < n (idx ascending gives results
   * bit-identical to forwardDense). Fills h, returns p(UP). Costs n x hidden.
   */
  forwardSparse(idx: Int32Array, val: Float64Array, n: number, h: Float64Array): number {
    const H = this.hidden;
    const w1t = this.w1t;
    h.fill(0, 0, H);
    for (let k = 0; k < n; k++) {
      const v = val[k];
      const base = idx[k] * H;
      for (let j = 0; j < H; j++) h[j] += w1t[base + j] * v;
    }
    return this.finishForward(h);
  }

  private finishForward(h: Float64Array): number {
    const H = this.hidden;
    const w2 = this.w2;
    let logit = 0;
    for (let j = 0; j < H; j++) {
      const a = h[j] > 0 ? h[j] : 0;
      h[j] = a;
      logit += w2[j] * a;
    }
    return 1 / (1 + Math.exp(-logit));
  }

  /**
   * Dense reference backward of one step. `d` = d(objective)/d(logit) for this step, i.e.
   * (label - p) * advantage. ADDS into gradW1t (inputs x hidden, like w1t) and gradW2.
   */
  backwardDense(x: Float64Array, h: Float64Array, d: number, gradW1t: Float64Array, gradW2: Float64Array): void {
    const H = this.hidden;
    const D = this.inputs;
    const dh = this.hiddenGradient(h, 0, d, gradW2);
    for (let i = 0; i < D; i++) {
      const xi = x[i];
      const base = i * H;
      for (let j = 0; j < H; j++) gradW1t[base + j] += dh[j] * xi;
    }
  }

  /** Sparse backward of one step: as backwardDense, touching only the n non-zero inputs' rows. */
  backwardSparse(
    idx: Int32Array,
    val: Float64Array,
    n: number,
    h: Float64Array,
    d: number,
    gradW1t: Float64Array,
    gradW2: Float64Array,
  ): void {
    this.backwardSparseAt(idx, val, 0, n, h, 0, d, gradW1t, gradW2);
  }

  /**
   * backwardSparse on a step stored inside larger pools: the input is idx/val[start .. start+n),
   * the activations h[hStart .. hStart+hidden). Lets an episode record be used without copies.
   */
  backwardSparseAt(
    idx: Int32Array,
    val: Float64Array,
    start: number,
    n: number,
    h: Float64Array,
    hStart: number,
    d: number,
    gradW1t: Float64Array,
    gradW2: Float64Array,
  ): void {
    const H = this.hidden;
    const dh = this.hiddenGradient(h, hStart, d, gradW2);
    const end = start + n;
    for (let k = start; k < end; k++) {
      const v = val[k];
      const base = idx[k] * H;
      for (let j = 0; j < H; j++) gradW1t[base + j] += dh[j] * v;
    }
  }

  // dW2 += h d; returns dh = d W2 masked by the ReLU (h <= 0 passes no gradient).
  private hiddenGradient(h: Float64Array, hStart: number, d: number, gradW2: Float64Array): Float64Array {
    const H = this.hidden;
    const w2 = this.w2;
    const dh = this.dh;
    for (let j = 0; j < H; j++) {
      const a = h[hStart + j];
      gradW2[j] += a * d;
      dh[j] = a > 0 ? w2[j] * d : 0;
    }
    return dh;
  }
}
