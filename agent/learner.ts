// The agent as the training loop sees it. Two layers:
// - Actor: plays one episode with a given policy (preprocess -> sparse forward -> sample ->
//   record) and turns it into a gradient. It is all a worker thread needs.
// - Learner: owns the weights, sums episode gradients in episode order and applies RMSProp
//   every batchSize episodes. In-process training (endEpisode) goes through the same
//   addGradient path as gradients coming back from workers, so results are bit-identical
//   however many workers played the episodes, provided gradients are added in episode order.

import { Episode, type EpisodeStats } from './episode.js';
import { Policy } from './policy.js';
import { FrameDifference, PREPRO_SIZE } from './preprocess.js';
import { runningMean } from './returns.js';
import { RmsProp } from './rmsprop.js';
import { deriveSeed, Rng } from './rng.js';

export type Action = 'up' | 'down';

/**
 * What an Actor plays with: a network giving its actions' probabilities for a sparse input
 * (Policy: two, UP and DOWN; PpoPolicy: two, or one per action of a game's minimal set).
 */
export interface StepPolicy {
  readonly inputs: number;
  readonly hidden: number;
  readonly actions: number;
  /** Fills h (hidden activations) and, with more than two actions, probs[0..actions); returns p(action 0). */
  forwardSparse(idx: Int32Array, val: Float64Array, n: number, h: Float64Array, probs?: Float64Array): number;
}

export interface LearnerSettings {
  hidden: number;
  batchSize: number;
  learningRate: number;
  gamma: number;
  decay: number;
  seed: number;
}

/** Karpathy's hyperparameters. */
export const DEFAULT_SETTINGS: Readonly<Omit<LearnerSettings, 'seed'>> = Object.freeze({
  hidden: 200,
  batchSize: 10,
  learningRate: 1e-4,
  gamma: 0.99,
  decay: 0.99,
});

/** RMSProp's epsilon, fixed as in pg-pong.py. */
export const RMSPROP_EPSILON = 1e-5;

/** Fills in defaults and checks every field; throws RangeError naming the bad one. */
export function resolveSettings(partial: Partial<LearnerSettings> & { seed: number }): LearnerSettings {
  const s: LearnerSettings = {
    hidden: partial.hidden ?? DEFAULT_SETTINGS.hidden,
    batchSize: partial.batchSize ?? DEFAULT_SETTINGS.batchSize,
    learningRate: partial.learningRate ?? DEFAULT_SETTINGS.learningRate,
    gamma: partial.gamma ?? DEFAULT_SETTINGS.gamma,
    decay: partial.decay ?? DEFAULT_SETTINGS.decay,
    seed: partial.seed,
  };
  if (!Number.isInteger(s.hidden) || s.hidden < 1 || s.hidden > 100000) {
    throw new RangeError(`hidden must be an integer from 1 to 100000, got ${s.hidden}`);
  }
  if (!Number.isInteger(s.batchSize) || s.batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${s.batchSize}`);
  if (!(s.learningRate > 0) || !Number.isFinite(s.learningRate)) {
    throw new RangeError(`learningRate must be a positive number, got ${s.learningRate}`);
  }
  if (!(s.gamma >= 0 && s.gamma <= 1)) throw new RangeError(`gamma must be between 0 and 1, got ${s.gamma}`);
  if (!(s.decay >= 0 && s.decay < 1)) throw new RangeError(`decay must be at least 0 and below 1, got ${s.decay}`);
  if (!Number.isSafeInteger(s.seed) || s.seed < 0) throw new RangeError(`seed must be a non-negative integer, got ${s.seed}`);
  return s;
}

/** Plays and records one episode at a time with `policy` (shared, not copied). */
export class Actor<P extends StepPolicy = Policy> {
  readonly policy: P;
  readonly frames: FrameDifference;
  readonly episode: Episode;
  /** p(action 0) of the last act() (Pong: p(UP)). */
  lastProbability = 0.5;
  /** The policy's actions: 2 (UP, DOWN) or a game's minimal set. */
  readonly actions: number;
  private readonly h: Float64Array;
  private readonly probs: Float64Array;
  private greedySteps = 0;

  /**
   * `frames` sets the observation format and crop (default: RGB frames, as ALE returns them,
   * 80x80). `recordHidden`: keep each step's hidden activations (the policy gradient needs them).
   */
  constructor(policy: P, frames: FrameDifference = new FrameDifference(), recordHidden = true) {
    if (policy.inputs !== frames.size) {
      throw new RangeError(`this Actor's frames have ${frames.size} inputs (${frames.rows}x80) but the policy takes ${policy.inputs}`);
    }
    this.policy = policy;
    this.frames = frames;
    this.episode = new Episode(policy.hidden, 256, recordHidden);
    this.h = new Float64Array(policy.hidden);
    this.actions = policy.actions;
    this.probs = new Float64Array(this.actions);
  }

  /** Forgets any recorded steps and the previous frame. Call at each episode start. */
  beginEpisode(): void {
    this.frames.reset();
    this.episode.clear();
    this.greedySteps = 0;
  }

  /**
   * Chooses an action for this observation (210x160x3 RGB, or the format `frames` was made
   * for), records the step and returns the action's number (two actions: 0 = UP, 1 = DOWN).
   * Sampling draws one rng.uniform(); greedy play (evaluation) picks the likeliest action (on a
   * tie the later one: UP only when p(UP) > 0.5), draws nothing, and marks the episode as not
   * trainable.
   */
  act(observation: Uint8Array, rng: Rng, greedy = false): number {
    const frames = this.frames;
    const n = frames.next(observation);
    const probs = this.probs;
    const p = this.policy.forwardSparse(frames.indices, frames.values, n, this.h, probs);
    this.lastProbability = p;
    if (greedy) this.greedySteps++;
    if (this.actions === 2) {
      const up = greedy ? p > 0.5 : rng.uniform() < p;
      this.episode.addStep(frames.indices, frames.values, n, this.h, p, up ? 1 : 0);
      return up ? 0 : 1;
    }
    const K = this.actions;
    let a = 0;
    if (greedy) {
      for (let k = 1; k < K; k++) if (probs[k] >= probs[a]) a = k;
    } else {
      // The first action whose cumulative probability passes the draw (the last one if rounding leaves a gap).
      const u = rng.uniform();
      let sum = 0;
      a = K - 1;
      for (let k = 0; k < K - 1; k++) {
        sum += probs[k];
        if (u < sum) {
          a = k;
          break;
        }
      }
    }
    this.episode.addStep(frames.indices, frames.values, n, this.h, probs[a], a);
    return a;
  }

  /** The reward that followed the last action (several calls add up). */
  reward(r: number): void {
    this.episode.addReward(r);
  }

  get steps(): number {
    return this.episode.steps;
  }

  /** Sum of the rewards recorded so far in this episode. */
  episodeReward(): number {
    return this.episode.totalReward();
  }

  /**
   * OVERWRITES gradW1t (inputs x hidden) and gradW2 with this episode's policy gradient and
   * returns its steps and total reward. The episode stays recorded until beginEpisode().
   */
  computeGradient(this: Actor<Policy>, gamma: number, gradW1t: Float64Array, gradW2: Float64Array): EpisodeStats {
    if (this.greedySteps > 0) {
      throw new Error('this episode was played greedily (evaluation) and cannot be trained on; call beginEpisode() to discard it');
    }
    gradW1t.fill(0);
    gradW2.fill(0);
    return this.episode.gradient(this.policy, gamma, gradW1t, gradW2);
  }
}

/** Everything a Learner is made of; arrays are referenced, not copied. */
export interface LearnerState {
  settings: LearnerSettings;
  w1t: Float64Array;
  w2: Float64Array;
  cacheW1t: Float64Array;
  cacheW2: Float64Array;
  batchGradW1t: Float64Array;
  batchGradW2: Float64Array;
  episodes: number;
  updates: number;
  episodesInBatch: number;
  runningReward: number | null;
  rngState: number[];
}

export class Learner {
  readonly settings: LearnerSettings;
  readonly policy: Policy;
  readonly rmsprop: RmsProp;
  /** The run's own stream (after drawing the initial weights). Episodes use episodeRng(). */
  readonly rng: Rng;
  /** The batch being accumulated: sum of its episodes' gradients, in episode order. */
  readonly batchGradW1t: Float64Array;
  readonly batchGradW2: Float64Array;
  /** The in-process actor, playing with this.policy. */
  readonly actor: Actor<Policy>;
  readonly algorithm = 'pg' as const;
  /** Episodes added so far (= index of the next episode). */
  episodes = 0;
  /** RMSProp updates applied so far. */
  updates = 0;
  /** Episodes in the current batch (not yet applied). */
  episodesInBatch = 0;
  /** Karpathy's running mean of episode rewards; null before the first episode. */
  runningReward: number | null = null;
  /** Steps and reward of the last episode ended with endEpisode(). */
  lastEpisode: EpisodeStats | null = null;
  private episodeGradW1t: Float64Array | null = null;
  private episodeGradW2: Float64Array | null = null;

  /** A fresh learner: weights drawn from Rng(seed) with Karpathy's init. */
  constructor(settings: Partial<LearnerSettings> & { seed: number }, state?: LearnerState) {
    this.settings = resolveSettings(settings);
    const H = this.settings.hidden;
    if (state) {
      this.policy = new Policy(H, PREPRO_SIZE, state.w1t, state.w2);
      this.rmsprop = new RmsProp(H, PREPRO_SIZE, state.cacheW1t, state.cacheW2);
      this.rng = new Rng(this.settings.seed);
      this.rng.setState(state.rngState);
      if (state.batchGradW1t.length !== H * PREPRO_SIZE || state.batchGradW2.length !== H) {
        throw new RangeError('batch gradient buffers do not match the policy shape');
      }
      this.batchGradW1t = state.batchGradW1t;
      this.batchGradW2 = state.batchGradW2;
      this.episodes = state.episodes;
      this.updates = state.updates;
      this.episodesInBatch = state.episodesInBatch;
      this.runningReward = state.runningReward;
    } else {
      this.rng = new Rng(this.settings.seed);
      this.policy = Policy.create(this.rng, H, PREPRO_SIZE);
      this.rmsprop = new RmsProp(H, PREPRO_SIZE);
      this.batchGradW1t = new Float64Array(H * PREPRO_SIZE);
      this.batchGradW2 = new Float64Array(H);
    }
    this.actor = new Actor(this.policy);
  }

  /** Rebuilds a learner from exportState() output (or a decoded checkpoint). */
  static restore(state: LearnerState): Learner {
    return new Learner(state.settings, state);
  }

  /** References to the live state (for checkpoints); copy what must outlive the next update. */
  exportState(): LearnerState {
    return {
      settings: { ...this.settings },
      w1t: this.policy.w1t,
      w2: this.policy.w2,
      cacheW1t: this.rmsprop.cacheW1t,
      cacheW2: this.rmsprop.cacheW2,
      batchGradW1t: this.batchGradW1t,
      batchGradW2: this.batchGradW2,
      episodes: this.episodes,
      updates: this.updates,
      episodesInBatch: this.episodesInBatch,
      runningReward: this.runningReward,
      rngState: this.rng.getState(),
    };
  }

  /** The sampling stream of episode k of this run: same on any worker. Default: the next one. */
  episodeRng(episode = this.episodes): Rng {
    return new Rng(deriveSeed(this.settings.seed, episode));
  }

  // In-process play, delegated to this.actor.
  beginEpisode(): void {
    this.actor.beginEpisode();
  }

  act(observation: Uint8Array, rng: Rng, greedy = false): Action {
    return this.actor.act(observation, rng, greedy) === 0 ? 'up' : 'down';
  }

  reward(r: number): void {
    this.actor.reward(r);
  }

  /**
   * Ends the in-process episode: its gradient joins the batch (as addGradient), the recording
   * is cleared, and when the batch is full RMSProp is applied. Returns whether it was.
   */
  endEpisode(): boolean {
    const H = this.settings.hidden;
    const g1 = this.episodeGradW1t ?? (this.episodeGradW1t = new Float64Array(H * PREPRO_SIZE));
    const g2 = this.episodeGradW2 ?? (this.episodeGradW2 = new Float64Array(H));
    const stats = this.actor.computeGradient(this.settings.gamma, g1, g2);
    this.lastEpisode = stats;
    this.actor.beginEpisode();
    if (this.addGradient(g1, g2, stats.reward)) {
      this.applyBatch();
      return true;
    }
    return false;
  }

  /**
   * Main side of worker training: adds one episode's gradient (from Actor.computeGradient) to
   * the batch and counts the episode. Call in episode order. Returns true when the batch is
   * full; then call applyBatch() (and send the new weights to the workers).
   */
  addGradient(gradW1t: Float64Array, gradW2: Float64Array, episodeReward: number): boolean {
    const b1 = this.batchGradW1t;
    const b2 = this.batchGradW2;
    if (gradW1t.length !== b1.length || gradW2.length !== b2.length) {
      throw new RangeError('episode gradient does not match the policy shape');
    }
    for (let i = 0, n = b1.length; i < n; i++) b1[i] += gradW1t[i];
    for (let j = 0, n = b2.length; j < n; j++) b2[j] += gradW2[j];
    this.episodes++;
    this.episodesInBatch++;
    this.runningReward = runningMean(this.runningReward, episodeReward);
    return this.batchReady;
  }

  get batchReady(): boolean {
    return this.episodesInBatch >= this.settings.batchSize;
  }

  /** Applies RMSProp with the summed batch gradient and empties the batch. No-op if empty. */
  applyBatch(): void {
    if (this.episodesInBatch === 0) return;
    const s = this.settings;
    this.rmsprop.update(this.policy, this.batchGradW1t, this.batchGradW2, s.learningRate, s.decay, RMSPROP_EPSILON);
    this.episodesInBatch = 0;
    this.updates++;
  }
}
