import { join } from 'node:path';
import { readCheckpoint } from './checkpoint-file.js';
import { deriveSeed, Rng } from '../agent/rng.js';
import { SCREEN_HEIGHT, SCREEN_WIDTH } from '../emulator/env.js';
import { screenToRgb } from '../emulator/palette.js';
import { encodeRgbPng } from './png.js';
import { writeFileAtomic } from './files.js';
import { jamWarning, requireEpisodeEnd } from './rom.js';
import { envSeed, makeActor, makeEnv, PONG_V0, playEpisode, type EnvSettings } from './rollout.js';

export interface PlayOptions {
  rom: Uint8Array;
  checkpoint: string;
  episodes: number;
  greedy: boolean;
  seed: number;
  framesOut?: string;
  /** Overrides the environment the checkpoint was trained in. */
  env?: Partial<EnvSettings>;
}

/** Plays games with a trained policy, prints each score and the mean; returns the rewards. */
export function play(o: PlayOptions): number[] {
  const { learner, run } = readCheckpoint(o.checkpoint);
  const env: EnvSettings = { ...PONG_V0, ...((run?.env as EnvSettings | undefined) ?? {}), ...o.env };
  requireEpisodeEnd(o.rom, env.maxEpisodeFrames);
  let frame = 0;
  let game = 0;
  const rgb = new Uint8Array(SCREEN_WIDTH * SCREEN_HEIGHT * 3);
  const onFrame = o.framesOut
    ? (screen: Uint8Array): void => {
        const png = encodeRgbPng(screenToRgb(screen, rgb), SCREEN_WIDTH, SCREEN_HEIGHT, 2);
        writeFileAtomic(join(o.framesOut!, `game-${String(game).padStart(3, '0')}`, `frame-${String(frame++).padStart(6, '0')}.png`), png);
      }
    : undefined;
  const atari = makeEnv(o.rom, env, { onFrame });
  const actor = makeActor(learner.policy);
  process.stdout.write(
    `playing ${o.episodes} game${o.episodes > 1 ? 's' : ''} with ${o.checkpoint} (trained ${learner.episodes} episodes), ` +
      `${o.greedy ? 'greedy' : 'sampled'} actions, frame skip ${env.frameSkip[0]}-${env.frameSkip[1]}, sticky ${env.sticky}\n`,
  );
  const rewards: number[] = [];
  let jamReported = false;
  for (game = 1; game <= o.episodes; game++) {
    frame = 0;
    const rng = new Rng(deriveSeed(o.seed, game));
    const r = playEpisode(atari, actor, rng, envSeed(o.seed, game), o.greedy);
    rewards.push(r.reward);
    // A jam stays until the next reset, so the episode's end still shows it; one line per run is enough.
    if (atari.console.jammed && !jamReported) {
      jamReported = true;
      process.stderr.write(jamWarning(atari.console.cpu.jamAddress, `in game ${game}`));
    }
    process.stdout.write(`game ${String(game).padStart(3)}  score ${String(r.player).padStart(2)} : ${String(r.computer).padEnd(2)}  reward ${String(r.reward).padStart(3)}  frames ${r.frames}${r.truncated ? '  (cut at the frame limit)' : ''}\n`);
  }
  const mean = rewards.reduce((a, b) => a + b, 0) / rewards.length;
  const won = rewards.filter((r) => r > 0).length;
  process.stdout.write(`mean reward ${mean.toFixed(2)} over ${rewards.length} game${rewards.length === 1 ? '' : 's'}; won ${won}${o.framesOut ? `; frames in ${o.framesOut}` : ''}\n`);
  return rewards;
}
