// PPO as in "Learning to play Pong using PPO in PyTorch" (2019): an iteration plays
// `batchSize` episodes with the current policy, normalises their discounted returns into
// advantages, then takes `epochs` Adam steps, each on `minibatch` samples drawn without
// replacement from the iteration's samples, on the clipped loss (ppo-loss.ts).
//
// The learner changes its weights only at the end of an iteration, so its saved state is
// always an iteration's start: episodes of an unfinished iteration are not saved, and a
// resumed run plays them again (identically: episode k's randomness depends only on k).

import { Adam, type AdamSettings } from './adam.js';
import type { EpisodeRecord } from './episode.js';
import { GRADIENT_SLICES, PpoGradient, sliceBounds } from './ppo-loss.js';
import { MAX_ACTIONS, PPO_ACTIONS, PPO_HIDDEN, PPO_INPUTS, PpoPolicy } from './ppo-policy.js';
import { SampleBuffer } from './ppo-samples.js';
import { runningMean } from './returns.js';
import { deriveSeed, Rng } from './rng.js';

export interface PpoSettings extends AdamSettings {
  hidden: number;
  /** The network's inputs (Pong: the article's 75 x 80 crop) and actions (Pong: UP, DOWN): set by the game, not tuned. */
  inputs: number;
  actions: number;
  /** Episodes per iteration. */
  batchSize: number;
  gamma: number;
  /** c in clip(r, 1 - c, 1 + c). */
  clip: number;
  /** Adam steps per iteration. */
  epochs: number;
  /** Samples per Adam step (all of them when the iteration has fewer). */
  minibatch: number;
  seed: number;
}

/** The article's settings. */
export const PPO_DEFAULTS: Readonly<Omit<PpoSettings, 'seed'>> = Object.freeze({
  hidden: PPO_HIDDEN,
  inputs: PPO_INPUTS,
  actions: PPO_ACTIONS,
  batchSize: 10,
  gamma: 0.99,
  clip: 0.1,
  epochs: 5,
  minibatch: 24576,
  learningRate: 1e-3,
  beta1: 0.9,
  beta2: 0.999,
  eps: 1e-8,
});

/** Fills in the article's values and checks every field; throws RangeError naming the bad one. */
export function resolvePpoSettings(partial: Partial<PpoSettings> & { seed: number }): PpoSettings {
  const s = { ...PPO_DEFAULTS, ...Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined)) } as PpoSettings;
  const int = (name: string, v: number, min: number, max = Number.MAX_SAFE_INTEGER): void => {
    if (!Number.isInteger(v) || v < min || v > max) throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${v}`);
  };
  int('hidden', s.hidden, 1, 100000);
  int('inputs', s.inputs, 1, 1000000);
  int('actions', s.actions, 2, MAX_ACTIONS);
  int('batchSize', s.batchSize, 1);
  int('epochs', s.epochs, 1, 10000);
  int('minibatch', s.minibatch, 1);
  int('seed', s.seed, 0);
  if (!(s.learningRate > 0 && Number.isFinite(s.learningRate))) throw new RangeError(`learningRate must be a positive number, got ${s.learningRate}`);
  if (!(s.gamma >= 0 && s.gamma <= 1)) throw new RangeError(`gamma must be between 0 and 1, got ${s.gamma}`);
  if (!(s.clip > 0 && s.clip < 1)) throw new RangeError(`clip must be above 0 and below 1, got ${s.clip}`);
  if (!(s.beta1 >= 0 && s.beta1 < 1)) throw new RangeError(`beta1 must be at least 0 and below 1, got ${s.beta1}`);
  if (!(s.beta2 >= 0 && s.beta2 < 1)) throw new RangeError(`beta2 must be at least 0 and below 1, got ${s.beta2}`);
  if (!(s.eps > 0 && Number.isFinite(s.eps))) throw new RangeError(`eps must be a positive number, got ${s.eps}`);
  const known = new Set([...Object.keys(PPO_DEFAULTS), 'seed']);
  for (const k of Object.keys(s)) if (!known.has(k)) throw new RangeError(`unknown PPO setting ${k}`);
  return s;
}

/** A learner's saved state (arrays referenced, not copied). */
export interface PpoState {
  settings: PpoSettings;
  /** [w1t, b1, w2, b2], then Adam's moments in the same order. */
  weights: Float32Array[];
  adamM: Float32Array[];
  adamV: Float32Array[];
  adamStep: number;
  episodes: number;
  updates: number;
  runningReward: number | null;
}

/** One slice's gradient ([w1t, b1, w2, b2]) and its part of the loss. */
export interface SliceGradient {
  grads: Float32Array[];
  loss: number;
}

/**
 * Computes the gradients of a minibatch's slices (each: sample indices into the iteration's
 * samples; `batch`: the minibatch's size) with the learner's current weights, in slice order.
 */
export type SliceGradients = (slices: Int32Array[], batch: number) => Promise<SliceGradient[]>;

// Minibatch draws of iteration k come from deriveSeed(seed, MINIBATCH_STREAM + k): a stream
// apart from every episode's (episodes stay far below 2^48).
const MINIBATCH_STREAM = 2 ** 48;

export class PpoLearner {
  readonly algorithm = 'ppo' as const;
  readonly settings: PpoSettings;
  readonly policy: PpoPolicy;
  readonly adam: Adam;
  /** The current iteration's samples. */
  readonly samples: SampleBuffer;
  private readonly gradient: PpoGradient;
  /** Episodes added so far (= index of the next episode). */
  episodes = 0;
  /** Iterations completed (each: `epochs` Adam steps). */
  updates = 0;
  episodesInBatch = 0;
  runningReward: number | null = null;
  /** Mean clipped loss of each Adam step of the last iteration. */
  lastLosses: number[] = [];
  // The counters as of the iteration's start: what a checkpoint holds.
  private startEpisodes = 0;
  private startRunningReward: number | null = null;

  constructor(settings: Partial<PpoSettings> & { seed: number }, state?: PpoState) {
    this.settings = resolvePpoSettings(settings);
    const s = this.settings;
    const shapes = PpoPolicy.shapes(s.hidden, s.inputs, s.actions);
    if (state) {
      this.policy = new PpoPolicy(s.hidden, s.inputs, s.actions, state.weights);
      this.adam = new Adam(shapes, state.adamM, state.adamV, state.adamStep);
      this.episodes = this.startEpisodes = state.episodes;
      this.updates = state.updates;
      this.runningReward = this.startRunningReward = state.runningReward;
    } else {
      this.policy = PpoPolicy.create(new Rng(s.seed), s.hidden, s.inputs, s.actions);
      this.adam = new Adam(shapes);
    }
    this.samples = new SampleBuffer(s.gamma);
    this.gradient = new PpoGradient(s.hidden, s.inputs, s.actions);
  }

  static restore(state: PpoState): PpoLearner {
    return new PpoLearner(state.settings, state);
  }

  /** The state at the start of the current iteration (references to the live arrays). */
  exportState(): PpoState {
    return {
      settings: { ...this.settings },
      weights: this.policy.arrays(),
      adamM: this.adam.m,
      adamV: this.adam.v,
      adamStep: this.adam.step,
      episodes: this.startEpisodes,
      updates: this.updates,
      runningReward: this.startRunningReward,
    };
  }

  /** Episodes a checkpoint written now would hold. */
  get savedEpisodes(): number {
    return this.startEpisodes;
  }

  /** The sampling stream of episode k: the same on any worker. */
  episodeRng(episode = this.episodes): Rng {
    return new Rng(deriveSeed(this.settings.seed, episode));
  }

  /** Adds the next episode (in episode order); true when the iteration is complete. */
  addEpisode(record: EpisodeRecord, episodeReward: number): boolean {
    this.samples.append(record);
    this.episodes++;
    this.episodesInBatch++;
    this.runningReward = runningMean(this.runningReward, episodeReward);
    return this.batchReady;
  }

  get batchReady(): boolean {
    return this.episodesInBatch >= this.settings.batchSize;
  }

  /**
   * Ends the iteration: `epochs` Adam steps on minibatches of its samples, computing each
   * minibatch's gradient here (slice by slice). No-op if empty.
   */
  applyBatch(): void {
    if (!this.beginUpdate()) return;
    for (let e = 0; e < this.settings.epochs; e++) {
      const { slices, batch } = this.drawSlices();
      const parts = slices.map((slice, k) => {
        // Slice 0 computes into the buffers the sum is formed in; the others into their own.
        const into = k === 0 ? this.gradient : (this.sliceGradients[k] ??= new PpoGradient(this.settings.hidden, this.settings.inputs, this.settings.actions));
        const loss = into.compute(this.policy, this.samples, slice, slice.length, this.settings.clip, batch);
        return { grads: into.arrays, loss };
      });
      this.step(parts);
    }
    this.endUpdate();
  }

  /** applyBatch with the slices' gradients computed by `compute` (the rollout workers): the same result. */
  async applyBatchWith(compute: SliceGradients): Promise<void> {
    if (!this.beginUpdate()) return;
    for (let e = 0; e < this.settings.epochs; e++) {
      const { slices, batch } = this.drawSlices();
      this.step(await compute(slices, batch));
    }
    this.endUpdate();
  }

  private rng: Rng | null = null;
  private readonly sliceGradients: PpoGradient[] = [];

  private beginUpdate(): boolean {
    if (this.episodesInBatch === 0) return false;
    this.samples.normaliseAdvantages();
    this.rng = new Rng(deriveSeed(this.settings.seed, MINIBATCH_STREAM + this.updates));
    this.lastLosses = [];
    return true;
  }

  private drawSlices(): { slices: Int32Array[]; batch: number } {
    const { chosen, n } = this.samples.draw(this.settings.minibatch, this.rng!);
    const slices: Int32Array[] = [];
    for (let k = 0; k < GRADIENT_SLICES; k++) {
      const [a, b] = sliceBounds(n, k);
      slices.push(chosen.slice(a, b));
    }
    return { slices, batch: n };
  }

  // Sums the slices' gradients in slice order (float32, as stored) and takes one Adam step.
  private step(parts: SliceGradient[]): void {
    const total = this.gradient.arrays;
    parts[0].grads.forEach((g, i) => {
      if (g !== total[i]) total[i].set(g);
    });
    for (let k = 1; k < parts.length; k++) {
      parts[k].grads.forEach((g, i) => {
        const t = total[i];
        for (let j = 0; j < t.length; j++) t[j] += g[j];
      });
    }
    this.lastLosses.push(parts.reduce((sum, p) => sum + p.loss, 0));
    this.adam.update(this.policy.arrays(), total, this.settings);
  }

  private endUpdate(): void {
    this.samples.clear();
    this.episodesInBatch = 0;
    this.updates++;
    this.startEpisodes = this.episodes;
    this.startRunningReward = this.runningReward;
    this.rng = null;
  }
}
