import { AtariEnv, type AtariEnvOptions } from '../emulator/env.js';
import { Actor } from '../agent/learner.js';
import type { Policy } from '../agent/policy.js';
import { FrameDifference } from '../agent/preprocess.js';
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

/** An actor for makeEnv's observations (colour codes, read through the NTSC palette). */
export function makeActor(policy: Policy): Actor {
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
export function playEpisode(env: AtariEnv, actor: Actor, rng: Rng, seed: number, greedy = false): EpisodeResult {
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
      const score = env.game.scores(env.ram);
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
