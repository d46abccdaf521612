// One PPO iteration's samples: every step of its episodes, in episode order, and their
// advantages. Pools grow by doubling and are reused from one iteration to the next.

import type { EpisodeRecord } from './episode.js';
import type { SampleSet } from './ppo-loss.js';
import { discountRewards, standardise } from './returns.js';
import type { Rng } from './rng.js';

export class SampleBuffer {
  count = 0;
  /** Sample t's sparse input is indices/values[starts[t] .. starts[t+1]). */
  starts = new Int32Array(1025);
  indices = new Int32Array(1024 * 32);
  values = new Float64Array(1024 * 32);
  /** As EpisodeRecord's labels (Pong: 1 = UP, 0 = DOWN). */
  labels = new Uint8Array(1024);
  /** As EpisodeRecord's probs, of the policy that played the step (Pong: p(UP)). */
  probs = new Float64Array(1024);
  rewards = new Float64Array(1024);
  advantages = new Float64Array(1024);
  /** Minibatch draws: a permutation of 0..count-1, its prefix the drawn samples. */
  private order = new Int32Array(1024);

  /** `gamma`: the discount of append()'s returns. */
  constructor(readonly gamma: number) {
    if (!(gamma >= 0 && gamma <= 1)) throw new RangeError(`gamma must be between 0 and 1, got ${gamma}`);
  }

  /** Copies of the samples' arrays, trimmed to their use (what a worker is sent). */
  copy(): SampleSet {
    const n = this.count;
    return {
      starts: this.starts.slice(0, n + 1),
      indices: this.indices.slice(0, this.starts[n]),
      values: this.values.slice(0, this.starts[n]),
      labels: this.labels.slice(0, n),
      probs: this.probs.slice(0, n),
      advantages: this.advantages.slice(0, n),
    };
  }

  clear(): void {
    this.count = 0;
  }

  /** Appends an episode's steps (copied). */
  append(e: EpisodeRecord): void {
    const n0 = this.count;
    const n = n0 + e.steps;
    if (n + 1 > this.starts.length) this.growSamples(n + 1);
    const base = this.starts[n0];
    const nnz = e.starts[e.steps];
    if (base + nnz > this.indices.length) {
      let size = this.indices.length;
      while (size < base + nnz) size *= 2;
      const i = new Int32Array(size);
      i.set(this.indices.subarray(0, base));
      const v = new Float64Array(size);
      v.set(this.values.subarray(0, base));
      this.indices = i;
      this.values = v;
    }
    this.indices.set(e.indices.subarray(0, nnz), base);
    this.values.set(e.values.subarray(0, nnz), base);
    for (let t = 1; t <= e.steps; t++) this.starts[n0 + t] = base + e.starts[t];
    this.labels.set(e.labels.subarray(0, e.steps), n0);
    this.probs.set(e.probs.subarray(0, e.steps), n0);
    this.rewards.set(e.rewards.subarray(0, e.steps), n0);
    // Discounted returns of this episode alone: they restart at every point and at its end.
    discountRewards(this.rewards.subarray(n0, n), e.steps, this.gamma, this.advantages.subarray(n0, n));
    this.count = n;
  }

  /** The iteration's advantages: its returns normalised over all its samples (mean 0, sd 1). */
  normaliseAdvantages(): void {
    standardise(this.advantages, this.count);
  }

  /**
   * Draws min(size, count) distinct samples, uniformly (a partial Fisher-Yates shuffle of
   * 0..count-1 with `rng`); returns their indices (valid until the next draw) and how many.
   */
  draw(size: number, rng: Rng): { chosen: Int32Array; n: number } {
    const total = this.count;
    const order = this.order;
    for (let i = 0; i < total; i++) order[i] = i;
    const n = Math.min(size, total);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(rng.uniform() * (total - i));
      const x = order[i];
      order[i] = order[j];
      order[j] = x;
    }
    return { chosen: order, n };
  }

  private growSamples(needed: number): void {
    let cap = this.labels.length;
    while (cap + 1 < needed) cap *= 2;
    const starts = new Int32Array(cap + 1);
    starts.set(this.starts.subarray(0, this.count + 1));
    this.starts = starts;
    const grow = <T extends Uint8Array | Float64Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a.subarray(0, this.count) as never);
      return b;
    };
    this.labels = grow(this.labels, (k) => new Uint8Array(k));
    this.probs = grow(this.probs, (k) => new Float64Array(k));
    this.rewards = grow(this.rewards, (k) => new Float64Array(k));
    this.advantages = grow(this.advantages, (k) => new Float64Array(k));
    this.order = new Int32Array(cap);
  }
}
