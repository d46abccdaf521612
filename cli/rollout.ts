import { AtariEnv, type AtariEnvOptions } from '../emulator/env.js';
import { Actor } from '../agent/learner.js';
import { Policy } from '../agent/policy.js';
import { PpoPolicy } from '../agent/ppo-policy.js';
import { FrameDifference, PPO_ROWS } from '../agent/preprocess.js';
import { deriveSeed, type Rng } from '../agent/rng.js';
import { NTSC_RED } from '../emulator/palette.js';

/** How the training environment is set up; part of a run's settings (Gym's Pong-v0 by default). */
export interface EnvSettings {
  frameSkip: [number, number];
  sticky: number;
  /** 0 = no limit but the game's own end. */
  maxEpisodeFrames: number;
}

export const PONG_V0: EnvSettings = { frameSkip: [2, 4], sticky: 0.25, maxEpisodeFrames: 0 };

/**
 * Gym's named Pong settings (any ROM can be played under them). Pong-v0: ALE with a frame skip
 * drawn from 2-4 per step and sticky actions; PongNoFrameskip-v4 (the PPO article's): every
 * frame a step, no sticky actions, cut at 400,000 steps; ALE/Pong-v5: skip 4, sticky 0.25, cut
 * at 108,000 frames.
 */
export const ENV_SETTINGS = {
  'pong-v0': PONG_V0,
  'pong-noframeskip-v4': { frameSkip: [1, 1], sticky: 0, maxEpisodeFrames: 400000 },
  'pong-v5': { frameSkip: [4, 4], sticky: 0.25, maxEpisodeFrames: 108000 },
} as const satisfies Record<string, EnvSettings>;
export type EnvName = keyof typeof ENV_SETTINGS;

/** The named setting `s` is, or null. */
export function envName(s: EnvSettings): EnvName | null {
  for (const [name, v] of Object.entries(ENV_SETTINGS)) if (JSON.stringify(v) === JSON.stringify(s)) return name as EnvName;
  return null;
}

export interface EpisodeResult {
  reward: number;
  /** Final score (Pong's RAM): the agent's points and the computer's. */
  player: number;
  computer: number;
  frames: number;
  steps: number;
  truncated: boolean;
}

/**
 * The environment the agent plays in. Observations are the screen's colour codes, not RGB:
 * makeActor's preprocessing reads each code's red level from the palette, which gives the
 * agent exactly the input RGB frames would, without expanding 33,600 pixels a step.
 */
export function makeEnv(rom: Uint8Array, s: EnvSettings, extra: AtariEnvOptions = {}): AtariEnv {
  return new AtariEnv(rom, {
    frameSkip: s.frameSkip,
    repeatActionProbability: s.sticky,
    maxEpisodeFrames: s.maxEpisodeFrames,
    obsType: 'screen',
    reuseObservation: true,
    skipDrawing: true,
    ...extra,
  });
}

/**
 * An actor for makeEnv's observations (colour codes, read through the NTSC palette) with the
 * preprocessing its network was trained on: Karpathy's 80x80 (first frame: no input) for the
 * policy gradient, the PPO article's 75x80 (first frame against a blank one) for PPO.
 */
export function makeActor(policy: Policy): Actor<Policy>;
export function makeActor(policy: PpoPolicy): Actor<PpoPolicy>;
export function makeActor(policy: Policy | PpoPolicy): Actor<Policy> | Actor<PpoPolicy>;
export function makeActor(policy: Policy | PpoPolicy): Actor<Policy> | Actor<PpoPolicy> {
  if (policy instanceof PpoPolicy) return new Actor(policy, new FrameDifference(NTSC_RED, { rows: PPO_ROWS, firstAgainstZero: true }), false);
  return new Actor(policy, new FrameDifference(NTSC_RED));
}

/** Episode k's environment seed: its own stream, apart from the action-sampling one. */
export function envSeed(runSeed: number, episode: number): number {
  return (deriveSeed(runSeed, episode) ^ 0x6a09e667) >>> 0;
}

/** The env's action numbers for the policy's UP and DOWN (Pong: RIGHT moves the paddle up). */
export function upDownActions(env: AtariEnv): { up: number; down: number } {
  const up = env.actionMeanings.indexOf('RIGHT');
  const down = env.actionMeanings.indexOf('LEFT');
  if (up < 0 || down < 0) throw new Error('this environment has no RIGHT/LEFT actions for the paddle');
  return { up, down };
}

/** Plays one whole episode with the actor (recording it), seeding the env with `seed`. */
export function playEpisode(env: AtariEnv, actor: Actor<Policy> | Actor<PpoPolicy>, rng: Rng, seed: number, greedy = false): EpisodeResult {
  const { up, down } = upDownActions(env);
  actor.beginEpisode();
  let obs = env.reset({ seed }).observation;
  let reward = 0;
  let steps = 0;
  for (;;) {
    const r = env.step(actor.act(obs, rng, greedy) === 'up' ? up : down);
    actor.reward(r.reward);
    reward += r.reward;
    steps++;
    obs = r.observation;
    if (r.terminated || r.truncated) {
      // Games without a two-sided score (all but Pong) report the episode's reward as the player's.
      const score = env.game.scores?.(env.ram) ?? { player: reward, opponent: 0 };
      return {
        reward,
        player: score.player,
        computer: score.opponent,
        frames: r.info.episodeFrameNumber,
        steps,
        truncated: r.truncated,
      };
    }
  }
}
