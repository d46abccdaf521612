// The PPO article's policy network: x -> h = ReLU(W1 x + b1) -> logits = W2 h + b2 -> softmax.
// Pong's two logits: action 0 is UP (ALE's RIGHT), action 1 is DOWN (LEFT). Other games have
// one logit per action of their minimal set.
//
// Weights are float32, as PyTorch's: it halves the memory each step streams through (the
// first layer is 12 MB), and arithmetic still runs in float64 between loads and stores.
//
// Layout as in policy.ts: W1 is stored transposed, `w1t` (inputs x hidden, row-major), so a
// non-zero input touches one contiguous run of weights. W2 is `w2` (2 x hidden, row-major:
// w2[k * hidden + j] = weight from hidden unit j to logit k), as PyTorch's Linear(512, 2).
// With two actions the softmax is computed as a sigmoid of the logits' difference, which is
// what every recorded Pong run used (BENCHMARKS.md): changing it would change those runs.

import type { Rng } from './rng.js';

export const PPO_HIDDEN = 512;
export const PPO_INPUTS = 6000;
/** Logits of Pong's policy: UP and DOWN. */
export const PPO_ACTIONS = 2;
/** Most logits a policy has: ALE's full action set. */
export const MAX_ACTIONS = 18;

export class PpoPolicy {
  readonly hidden: number;
  readonly inputs: number;
  /** Logits (actions). */
  readonly actions: number;
  readonly w1t: Float32Array;
  readonly b1: Float32Array;
  readonly w2: Float32Array;
  readonly b2: Float32Array;

  /** Wraps the given [w1t, b1, w2, b2] (not copied) or allocates zeros. */
  constructor(hidden: number, inputs: number, actions = PPO_ACTIONS, weights?: readonly Float32Array[]) {
    if (!Number.isInteger(hidden) || hidden < 1) throw new RangeError(`hidden must be a positive integer, got ${hidden}`);
    if (!Number.isInteger(inputs) || inputs < 1) throw new RangeError(`inputs must be a positive integer, got ${inputs}`);
    checkActions(actions);
    this.hidden = hidden;
    this.inputs = inputs;
    this.actions = actions;
    const want = PpoPolicy.shapes(hidden, inputs, actions);
    if (weights !== undefined && weights.length !== 4) throw new RangeError(`PPO weights are 4 arrays (w1t, b1, w2, b2), got ${weights.length}`);
    [this.w1t, this.b1, this.w2, this.b2] = weights ?? want.map((n) => new Float32Array(n));
    this.arrays().forEach((a, i) => {
      if (a.length !== want[i]) throw new RangeError(`PPO weight array ${i} must have ${want[i]} entries, got ${a.length}`);
    });
  }

  /** Lengths of [w1t, b1, w2, b2]. */
  static shapes(hidden: number, inputs: number, actions = PPO_ACTIONS): number[] {
    return [inputs * hidden, hidden, actions * hidden, actions];
  }

  /**
   * PyTorch's default for Linear layers: weights and biases uniform in +-1/sqrt(fan-in).
   * Draw order: W1 row by row (hidden unit j, inputs 0..), b1, W2 row by row, b2.
   */
  static create(rng: Rng, hidden = PPO_HIDDEN, inputs = PPO_INPUTS, actions = PPO_ACTIONS): PpoPolicy {
    const p = new PpoPolicy(hidden, inputs, actions);
    const u = (bound: number): number => (2 * rng.uniform() - 1) * bound;
    const s1 = 1 / Math.sqrt(inputs);
    for (let j = 0; j < hidden; j++) {
      for (let i = 0; i < inputs; i++) p.w1t[i * hidden + j] = u(s1);
    }
    for (let j = 0; j < hidden; j++) p.b1[j] = u(s1);
    const s2 = 1 / Math.sqrt(hidden);
    for (let k = 0; k < actions * hidden; k++) p.w2[k] = u(s2);
    for (let k = 0; k < actions; k++) p.b2[k] = u(s2);
    return p;
  }

  /** [w1t, b1, w2, b2]: the order of checkpoints, gradients and Adam's moments. */
  arrays(): Float32Array[] {
    return [this.w1t, this.b1, this.w2, this.b2];
  }

  /**
   * Sparse forward (as Policy.forwardSparse): fills h and probs[0..actions) (optional with two
   * actions), returns softmax(logits)[0] (Pong: p(UP)).
   */
  forwardSparse(idx: Int32Array, val: Float64Array, n: number, h: Float64Array, probs?: Float64Array): number {
    return this.forwardAt(idx, val, 0, n, h, probs);
  }

  /** forwardSparse on idx/val[start .. start+n) of larger pools. */
  forwardAt(idx: Int32Array, val: Float64Array, start: number, n: number, h: Float64Array, probs?: Float64Array): number {
    const H = this.hidden;
    const w1t = this.w1t;
    const w2 = this.w2;
    const b1 = this.b1;
    for (let j = 0; j < H; j++) h[j] = b1[j];
    const end = start + n;
    for (let k = start; k < end; k++) {
      const v = val[k];
      const base = idx[k] * H;
      for (let j = 0; j < H; j++) h[j] += w1t[base + j] * v;
    }
    if (this.actions !== 2) return this.softmax(h, probs!);
    let l0 = this.b2[0];
    let l1 = this.b2[1];
    for (let j = 0; j < H; j++) {
      const a = h[j] > 0 ? h[j] : 0;
      h[j] = a;
      l0 += w2[j] * a;
      l1 += w2[H + j] * a;
    }
    const p0 = 1 / (1 + Math.exp(l1 - l0));
    if (probs !== undefined) {
      probs[0] = p0;
      probs[1] = 1 - p0;
    }
    return p0;
  }

  // More than two actions: ReLU, logits into probs, then a softmax shifted by the largest logit.
  private softmax(h: Float64Array, probs: Float64Array): number {
    const H = this.hidden;
    const K = this.actions;
    const w2 = this.w2;
    if (probs === undefined || probs.length < K) throw new RangeError(`a policy of ${K} actions needs a probs array of ${K} entries`);
    for (let j = 0; j < H; j++) if (!(h[j] > 0)) h[j] = 0;
    let max = -Infinity;
    for (let k = 0; k < K; k++) {
      let l = this.b2[k];
      const base = k * H;
      for (let j = 0; j < H; j++) l += w2[base + j] * h[j];
      probs[k] = l;
      if (l > max) max = l;
    }
    let sum = 0;
    for (let k = 0; k < K; k++) {
      const e = Math.exp(probs[k] - max);
      probs[k] = e;
      sum += e;
    }
    for (let k = 0; k < K; k++) probs[k] /= sum;
    return probs[0];
  }

  /** A deep copy. */
  clone(): PpoPolicy {
    return new PpoPolicy(this.hidden, this.inputs, this.actions, this.arrays().map((a) => a.slice()));
  }
}

function checkActions(actions: number): void {
  if (!Number.isInteger(actions) || actions < 2 || actions > MAX_ACTIONS) throw new RangeError(`actions must be an integer from 2 to ${MAX_ACTIONS}, got ${actions}`);
}
