import { AtariEnv, type AtariEnvOptions } from '../emulator/env.js';
import { Actor } from '../agent/learner.js';
import { Policy } from '../agent/policy.js';
import { PpoPolicy } from '../agent/ppo-policy.js';
import { FrameDifference, PPO_ROWS, PREPRO_SIDE, PREPRO_SIZE, SCREEN_ROWS, screenLevels } from '../agent/preprocess.js';
import { PPO_INPUTS } from '../agent/ppo-policy.js';
import { deriveSeed, type Rng } from '../agent/rng.js';
import type { Algorithm } from '../agent/checkpoint.js';
import { UNKNOWN_GAME, type GameInfo } from '../emulator/games.js';
import { NTSC_PALETTE, NTSC_RED } from '../emulator/palette.js';
import { UserError } from './errors.js';

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

/** The games the agents play as Pong. */
const PONG_GAMES = ['pong', 'pong-train'];

/**
 * Whether the agents play `game` as Pong: the paddle's two moves, UP (ALE's RIGHT) and DOWN
 * (LEFT), seeing the playfield binarised (Karpathy's and the article's crops). So is a ROM the
 * table does not know, as before the table existed. Every other game is played with one
 * action per entry of its minimal set, seeing the whole screen in grey.
 */
export function playedAsPong(game: GameInfo): boolean {
  return game === UNKNOWN_GAME || PONG_GAMES.includes(game.name);
}

/** The grey level of each colour code, for the whole-screen view. */
const SCREEN_LEVELS = screenLevels(NTSC_PALETTE);

/**
 * The network an algorithm trains for `game`: inputs and actions. The policy gradient's
 * network has one output, p(UP): it plays Pong only, and other games are refused in one line.
 */
export function policyShape(game: GameInfo, algorithm: Algorithm): { inputs: number; actions: number } {
  if (playedAsPong(game)) return { inputs: algorithm === 'pg' ? PREPRO_SIZE : PPO_INPUTS, actions: 2 };
  if (algorithm === 'pg') {
    throw new UserError(`--algo pg plays Pong only (its network has one output, p(UP)); ${game.name} has ${game.minimalActions.length} actions: use --algo ppo`);
  }
  return { inputs: SCREEN_ROWS * PREPRO_SIDE, actions: game.minimalActions.length };
}

/**
 * Refuses in one line a trained policy that does not fit `game`: the policy gradient's on a
 * game other than Pong, or a network trained on a game with other actions or inputs.
 */
export function requireFittingPolicy(policy: { inputs: number; actions: number }, algorithm: Algorithm, game: GameInfo, what: string): void {
  const want = policyShape(game, algorithm);
  if (policy.inputs !== want.inputs || policy.actions !== want.actions) {
    const name = game === UNKNOWN_GAME ? 'this ROM' : game.name;
    throw new UserError(
      `${what} holds a policy of ${policy.actions} actions over ${policy.inputs} inputs, but ${name} is played with ${want.actions} actions over ${want.inputs}: it was trained on another game; give that game's --rom`,
    );
  }
}

/**
 * An actor for makeEnv's observations (colour codes, read through the NTSC palette) with the
 * preprocessing its network was trained on: Karpathy's 80x80 (first frame: no input) for the
 * policy gradient, the PPO article's 75x80 (first frame against a blank one) for PPO; on a
 * game other than Pong, the whole screen in grey, 105x80 (first frame against a blank one).
 */
export function makeActor(policy: Policy, game?: GameInfo): Actor<Policy>;
export function makeActor(policy: PpoPolicy, game?: GameInfo): Actor<PpoPolicy>;
export function makeActor(policy: Policy | PpoPolicy, game?: GameInfo): Actor<Policy> | Actor<PpoPolicy>;
export function makeActor(policy: Policy | PpoPolicy, game: GameInfo = UNKNOWN_GAME): Actor<Policy> | Actor<PpoPolicy> {
  if (policy instanceof PpoPolicy) {
    const frames = playedAsPong(game)
      ? new FrameDifference(NTSC_RED, { rows: PPO_ROWS, firstAgainstZero: true })
      : new FrameDifference(undefined, { firstRow: 0, rows: SCREEN_ROWS, levelOfCode: SCREEN_LEVELS, firstAgainstZero: true });
    return new Actor(policy, frames, false);
  }
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

/** The env's action number for each of the policy's actions (Pong: UP, DOWN; else the minimal set's). */
export function policyActions(env: AtariEnv): Int32Array {
  if (playedAsPong(env.game)) {
    const { up, down } = upDownActions(env);
    return Int32Array.of(up, down);
  }
  return Int32Array.from(env.actionMeanings, (_, i) => i);
}

/** Plays one whole episode with the actor (recording it), seeding the env with `seed`. */
export function playEpisode(env: AtariEnv, actor: Actor<Policy> | Actor<PpoPolicy>, rng: Rng, seed: number, greedy = false): EpisodeResult {
  const actions = policyActions(env);
  if (actions.length !== actor.actions) throw new Error(`the policy has ${actor.actions} actions but ${env.game.name} is played with ${actions.length}`);
  actor.beginEpisode();
  let obs = env.reset({ seed }).observation;
  let reward = 0;
  let steps = 0;
  for (;;) {
    const r = env.step(actions[actor.act(obs, rng, greedy)]);
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
