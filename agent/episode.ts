// One episode's record (what Karpathy keeps in xs, hs, dlogps, drs) and its policy gradient.
// Steps are appended to typed-array pools that grow by doubling and are reused after clear(),
// so a long run settles at the size of its longest episode and allocates nothing per step.

import type { Policy } from './policy.js';
import { discountRewards, standardise } from './returns.js';

export interface EpisodeStats {
  /** Steps (actions) in the episode. */
  steps: number;
  /** Sum of its rewards (Pong: points won minus points lost). */
  reward: number;
}

function grownF64(a: Float64Array, needed: number): Float64Array {
  let size = a.length;
  while (size < needed) size *= 2;
  const b = new Float64Array(size);
  b.set(a);
  return b;
}

function grownI32(a: Int32Array, needed: number): Int32Array {
  let size = a.length;
  while (size < needed) size *= 2;
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

function grownU8(a: Uint8Array, needed: number): Uint8Array {
  let size = a.length;
  while (size < needed) size *= 2;
  const b = new Uint8Array(size);
  b.set(a);
  return b;
}

/** One episode's steps, copied out of an Episode (what a worker sends back for PPO). */
export interface EpisodeRecord {
  steps: number;
  /** Step t's sparse input is indices/values[starts[t] .. starts[t+1]). */
  starts: Int32Array;
  indices: Int32Array;
  values: Float64Array;
  /**
   * The action taken. A two-action policy (Pong's) records 1 for action 0 (UP) and 0 for
   * action 1 (DOWN), Karpathy's label; a policy of more actions records the action's number.
   */
  labels: Uint8Array;
  /** Two actions: p(action 0), Karpathy's p(UP); more: p(the action taken). When it was played. */
  probs: Float64Array;
  rewards: Float64Array;
}

export class Episode {
  readonly hidden: number;
  /** Whether steps keep their hidden activations (REINFORCE's gradient needs them; PPO's does not). */
  readonly recordsHidden: boolean;
  private stepCount = 0;
  private stepCapacity: number;
  // Step t's sparse input is inputIndices/inputValues[inputStart[t] .. inputStart[t+1]).
  private inputStart: Int32Array;
  private inputIndices: Int32Array;
  private inputValues: Float64Array;
  // Step t's hidden activations are hiddens[t*hidden .. (t+1)*hidden).
  private hiddens: Float64Array;
  private probs: Float64Array;
  private labels: Uint8Array;
  private rewards: Float64Array;
  // Scratch for the advantages, sized with the steps.
  private advantages: Float64Array;

  constructor(hidden: number, initialSteps = 256, recordHidden = true) {
    if (!Number.isInteger(hidden) || hidden < 1) throw new RangeError(`hidden must be a positive integer, got ${hidden}`);
    const cap = Math.max(1, initialSteps | 0);
    this.hidden = hidden;
    this.recordsHidden = recordHidden;
    this.stepCapacity = cap;
    this.inputStart = new Int32Array(cap + 1);
    this.inputIndices = new Int32Array(cap * 64);
    this.inputValues = new Float64Array(cap * 64);
    this.hiddens = new Float64Array(recordHidden ? cap * hidden : 0);
    this.probs = new Float64Array(cap);
    this.labels = new Uint8Array(cap);
    this.rewards = new Float64Array(cap);
    this.advantages = new Float64Array(cap);
  }

  get steps(): number {
    return this.stepCount;
  }

  /** Forgets the steps, keeps the memory. */
  clear(): void {
    this.stepCount = 0;
  }

  /**
   * Records one step: the sparse input (copied), the hidden activations h (copied), and the
   * action as EpisodeRecord's probs and labels hold it (Pong: p(UP), 1 = UP, 0 = DOWN). Its
   * reward starts at 0.
   */
  addStep(idx: Int32Array, val: Float64Array, n: number, h: Float64Array, p: number, label: number): void {
    const t = this.stepCount;
    if (t === this.stepCapacity) this.growSteps(t + 1);
    const start = this.inputStart[t];
    const end = start + n;
    if (end > this.inputIndices.length) {
      this.inputIndices = grownI32(this.inputIndices, end);
      this.inputValues = grownF64(this.inputValues, end);
    }
    const indices = this.inputIndices;
    const values = this.inputValues;
    for (let k = 0; k < n; k++) {
      indices[start + k] = idx[k];
      values[start + k] = val[k];
    }
    this.inputStart[t + 1] = end;
    if (this.recordsHidden) {
      const H = this.hidden;
      const hiddens = this.hiddens;
      const base = t * H;
      for (let j = 0; j < H; j++) hiddens[base + j] = h[j];
    }
    this.probs[t] = p;
    this.labels[t] = label;
    this.rewards[t] = 0;
    this.stepCount = t + 1;
  }

  /** Adds r to the last step's reward (the reward that followed its action). */
  addReward(r: number): void {
    if (this.stepCount === 0) throw new Error('reward given before any action was recorded in this episode');
    this.rewards[this.stepCount - 1] += r;
  }

  /** Sum of the rewards so far. */
  totalReward(): number {
    let sum = 0;
    for (let t = 0; t < this.stepCount; t++) sum += this.rewards[t];
    return sum;
  }

  /** A copy of the recorded steps, in arrays of their own (transferable to another thread). */
  record(): EpisodeRecord {
    const n = this.stepCount;
    const nnz = this.inputStart[n];
    return {
      steps: n,
      starts: this.inputStart.slice(0, n + 1),
      indices: this.inputIndices.slice(0, nnz),
      values: this.inputValues.slice(0, nnz),
      labels: this.labels.slice(0, n),
      probs: this.probs.slice(0, n),
      rewards: this.rewards.slice(0, n),
    };
  }

  /** Read access for tests and tools: step t's record (allocates; not for hot paths). */
  step(t: number): { indices: Int32Array; values: Float64Array; h: Float64Array; p: number; label: number; reward: number } {
    if (!(t >= 0 && t < this.stepCount)) throw new RangeError(`step ${t} out of range 0..${this.stepCount - 1}`);
    const s = this.inputStart[t];
    const e = this.inputStart[t + 1];
    return {
      indices: this.inputIndices.slice(s, e),
      values: this.inputValues.slice(s, e),
      h: this.hiddens.slice(t * this.hidden, (t + 1) * this.hidden),
      p: this.probs[t],
      label: this.labels[t],
      reward: this.rewards[t],
    };
  }

  private growSteps(needed: number): void {
    let cap = this.stepCapacity;
    while (cap < needed) cap *= 2;
    this.stepCapacity = cap;
    this.inputStart = grownI32(this.inputStart, cap + 1);
    if (this.recordsHidden) this.hiddens = grownF64(this.hiddens, cap * this.hidden);
    this.probs = grownF64(this.probs, cap);
    this.labels = grownU8(this.labels, cap);
    this.rewards = grownF64(this.rewards, cap);
    this.advantages = new Float64Array(cap);
  }

  /**
   * The REINFORCE gradient of sum_t A_t log pi(a_t | x_t), A = standardised discounted returns,
   * ADDED into gradW1t (inputs x hidden, the layout of policy.w1t) and gradW2. `policy` must be
   * the weights the episode was played with (its W2 routes the gradient to the hidden layer).
   */
  gradient(policy: Policy, gamma: number, gradW1t: Float64Array, gradW2: Float64Array): EpisodeStats {
    const n = this.stepCount;
    const H = this.hidden;
    if (policy.hidden !== H) throw new RangeError(`policy has ${policy.hidden} hidden units but the episode recorded ${H}`);
    if (!this.recordsHidden) throw new Error('this episode was recorded without hidden activations; the policy gradient needs them');
    if (gradW1t.length !== policy.w1t.length || gradW2.length !== H) {
      throw new RangeError('gradient buffers do not match the policy shape');
    }
    const reward = this.totalReward();
    if (n === 0) return { steps: 0, reward };
    const adv = this.advantages;
    discountRewards(this.rewards, n, gamma, adv);
    standardise(adv, n);
    const hiddens = this.hiddens;
    const starts = this.inputStart;
    const indices = this.inputIndices;
    const values = this.inputValues;
    const labels = this.labels;
    const probs = this.probs;
    for (let t = 0; t < n; t++) {
      // dlog pi / dlogit for a Bernoulli(sigmoid) policy is (label - p); A_t modulates it.
      const d = (labels[t] - probs[t]) * adv[t];
      const s = starts[t];
      policy.backwardSparseAt(indices, values, s, starts[t + 1] - s, hiddens, t * H, d, gradW1t, gradW2);
    }
    return { steps: n, reward };
  }
}

/** Karpathy's per-episode step as a free function: see Episode.gradient. */
export function episodeGradient(
  policy: Policy,
  episode: Episode,
  gamma: number,
  gradW1t: Float64Array,
  gradW2: Float64Array,
): EpisodeStats {
  return episode.gradient(policy, gamma, gradW1t, gradW2);
}
