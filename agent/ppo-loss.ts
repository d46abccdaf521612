// The PPO article's clipped surrogate loss and its gradient, by hand:
//   L = mean over the minibatch of -min(r A, clip(r, 1 - c, 1 + c) A),  r = pi(a|s) / pi_old(a|s)
// Where the clipped term is the smaller one and r is outside the clip range, the sample
// passes no gradient (clip's slope is 0 there); everywhere else dL/dr = -A / batch.

import { PpoPolicy } from './ppo-policy.js';

/** The samples a gradient reads (a SampleBuffer, or its arrays sent to a worker). */
export interface SampleSet {
  starts: Int32Array;
  indices: Int32Array;
  values: Float64Array;
  /** As EpisodeRecord's: two actions, 1 = action 0 (UP) was taken; more, the action taken. */
  labels: Uint8Array;
  /** As EpisodeRecord's: two actions, p(action 0) when played; more, p(the action taken). */
  probs: Float64Array;
  advantages: Float64Array;
}

/**
 * A minibatch's gradient is the sum of the gradients of this many fixed slices of it, added in
 * slice order: slices can then be computed on any number of threads with the same result.
 */
export const GRADIENT_SLICES = 2;

/** Slice k of a minibatch of n samples: [start, end). */
export function sliceBounds(n: number, k: number): [number, number] {
  return [Math.floor((n * k) / GRADIENT_SLICES), Math.floor((n * (k + 1)) / GRADIENT_SLICES)];
}

/** Gradient buffers for [w1t, b1, w2, b2] and the forward/backward scratch. */
export class PpoGradient {
  /** float32, like the weights they update. */
  readonly arrays: Float32Array[];
  private readonly h: Float64Array;
  private readonly dh: Float64Array;
  private readonly probs: Float64Array;
  private readonly dLogits: Float64Array;

  constructor(readonly hidden: number, readonly inputs: number, readonly actions = 2) {
    this.arrays = PpoPolicy.shapes(hidden, inputs, actions).map((n) => new Float32Array(n));
    this.h = new Float64Array(hidden);
    this.dh = new Float64Array(hidden);
    this.probs = new Float64Array(actions);
    this.dLogits = new Float64Array(actions);
  }

  /**
   * OVERWRITES the gradient arrays with dL/dweights over samples chosen[0..n) of `samples`
   * (their advantages must be set) and returns L. `clip` is c above. `batch`: the size of the
   * minibatch the mean is over, when chosen[0..n) is only a slice of it.
   */
  compute(policy: PpoPolicy, samples: SampleSet, chosen: Int32Array, n: number, clip: number, batch = n): number {
    const H = this.hidden;
    if (policy.hidden !== H || policy.inputs !== this.inputs || policy.actions !== this.actions) throw new RangeError('policy shape does not match the gradient buffers');
    const gw1t = this.arrays[0];
    for (const g of this.arrays) g.fill(0);
    if (n === 0) return 0;
    const { h, dh, probs: p } = this;
    const two = this.actions === 2;
    const { starts, indices, values, labels, probs, advantages } = samples;
    const lo = 1 - clip;
    const hi = 1 + clip;
    const scale = 1 / batch;
    let loss = 0;
    for (let k = 0; k < n; k++) {
      const t = chosen[k];
      const s = starts[t];
      const nnz = starts[t + 1] - s;
      // pi(a) now and when played: two actions record p(UP) (see EpisodeRecord), more record p(a).
      let pi: number;
      let old: number;
      if (two) {
        const p0 = policy.forwardAt(indices, values, s, nnz, h);
        const isUp = labels[t] === 1;
        pi = isUp ? p0 : 1 - p0;
        old = isUp ? probs[t] : 1 - probs[t];
      } else {
        policy.forwardAt(indices, values, s, nnz, h, p);
        pi = p[labels[t]];
        old = probs[t];
      }
      const A = advantages[t];
      const r = pi / old;
      const unclipped = r * A;
      const clipped = (r < lo ? lo : r > hi ? hi : r) * A;
      loss -= unclipped < clipped ? unclipped : clipped;
      // dL/dr: -A unless the clipped term is the minimum with r outside the range.
      if (!(unclipped < clipped || (r >= lo && r <= hi)) || A === 0) continue;
      if (two) this.backTwo(policy, labels[t] === 1, -A * scale * r * (1 - pi));
      else this.backMany(policy, labels[t], -A * scale * r);
      const end = s + nnz;
      for (let q = s; q < end; q++) {
        const v = values[q];
        const base = indices[q] * H;
        for (let j = 0; j < H; j++) gw1t[base + j] += dh[j] * v;
      }
    }
    return loss * scale;
  }

  // Two logits: d pi / d logit(a) = pi (1 - pi), d pi / d logit(other) = -pi (1 - pi); pi / old = r,
  // so dChosen = -A r (1 - pi) / batch. Adds into b2, W2 and b1; leaves dL/dh in dh.
  private backTwo(policy: PpoPolicy, isUp: boolean, dChosen: number): void {
    const H = this.hidden;
    const [, gb1, gw2, gb2] = this.arrays;
    const { h, dh } = this;
    const w2 = policy.w2;
    const d0 = isUp ? dChosen : -dChosen;
    gb2[0] += d0;
    gb2[1] -= d0;
    for (let j = 0; j < H; j++) {
      const a = h[j];
      gw2[j] += d0 * a;
      gw2[H + j] -= d0 * a;
      const g = a > 0 ? d0 * (w2[j] - w2[H + j]) : 0;
      dh[j] = g;
      gb1[j] += g;
    }
  }

  // More logits: d pi(a) / d logit(k) = pi(a) (δ_ak - p_k), so dL/dlogit(k) = g (δ_ak - p_k) with
  // g = -A r / batch. Adds into b2, W2 and b1; leaves dL/dh in dh.
  private backMany(policy: PpoPolicy, action: number, g: number): void {
    const H = this.hidden;
    const K = this.actions;
    const [, gb1, gw2, gb2] = this.arrays;
    const { h, dh, probs: p, dLogits } = this;
    const w2 = policy.w2;
    for (let q = 0; q < K; q++) {
      const d = g * ((q === action ? 1 : 0) - p[q]);
      dLogits[q] = d;
      gb2[q] += d;
    }
    for (let j = 0; j < H; j++) {
      const a = h[j];
      let back = 0;
      for (let q = 0; q < K; q++) {
        gw2[q * H + j] += dLogits[q] * a;
        back += dLogits[q] * w2[q * H + j];
      }
      const d = a > 0 ? back : 0;
      dh[j] = d;
      gb1[j] += d;
    }
  }
}
