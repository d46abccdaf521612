// RMSProp as in pg-pong.py: per-weight running mean of squared gradients scales each step.
// It is gradient ASCENT: the gradient is of the expected return, which we maximise.

import type { Policy } from './policy.js';

export class RmsProp {
  /** Running mean of squared gradients of W1, in the policy's w1t layout (inputs x hidden). */
  readonly cacheW1t: Float64Array;
  readonly cacheW2: Float64Array;

  /** Starts from zero caches, or wraps the given ones (not copied). */
  constructor(hidden: number, inputs: number, cacheW1t?: Float64Array, cacheW2?: Float64Array) {
    this.cacheW1t = cacheW1t ?? new Float64Array(hidden * inputs);
    this.cacheW2 = cacheW2 ?? new Float64Array(hidden);
    if (this.cacheW1t.length !== hidden * inputs || this.cacheW2.length !== hidden) {
      throw new RangeError(`RMSProp caches must have ${hidden * inputs} and ${hidden} entries`);
    }
  }

  /**
   * cache = decay cache + (1 - decay) g^2;  w += lr g / (sqrt(cache) + eps);  then g = 0.
   */
  update(policy: Policy, gradW1t: Float64Array, gradW2: Float64Array, lr: number, decay = 0.99, eps = 1e-5): void {
    if (gradW1t.length !== this.cacheW1t.length || gradW2.length !== this.cacheW2.length) {
      throw new RangeError('gradient buffers do not match the RMSProp caches');
    }
    if (policy.w1t.length !== this.cacheW1t.length || policy.w2.length !== this.cacheW2.length) {
      throw new RangeError('policy shape does not match the RMSProp caches');
    }
    step(policy.w1t, gradW1t, this.cacheW1t, lr, decay, eps);
    step(policy.w2, gradW2, this.cacheW2, lr, decay, eps);
  }
}

function step(w: Float64Array, g: Float64Array, cache: Float64Array, lr: number, decay: number, eps: number): void {
  const keep = 1 - decay;
  for (let i = 0, n = w.length; i < n; i++) {
    const gi = g[i];
    const c = decay * cache[i] + keep * (gi * gi);
    cache[i] = c;
    w[i] += (lr * gi) / (Math.sqrt(c) + eps);
    g[i] = 0;
  }
}
