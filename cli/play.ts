import { join } from 'node:path';
import { readCheckpoint } from './checkpoint-file.js';
import { UserError } from './errors.js';
import { deriveSeed, Rng } from '../agent/rng.js';
import { SCREEN_HEIGHT, SCREEN_WIDTH } from '../emulator/env.js';
import { screenToRgb } from '../emulator/palette.js';
import { encodeRgbPng } from './png.js';
import { writeFileAtomic } from './files.js';
import { CONSOLE_HZ, GifRecorder } from './gif.js';
import { checkOutputFile } from './paths.js';
import { Progress } from './progress.js';
import { jamWarning, requireEpisodeEnd } from './rom.js';
import { envSeed, makeActor, makeEnv, PONG_V0, playEpisode, requireFittingPolicy, type EnvSettings } from './rollout.js';
import { gameForMd5 } from '../emulator/games.js';
import { md5Hex } from '../emulator/rom-file.js';

export interface PlayOptions {
  rom: Uint8Array;
  checkpoint: string;
  episodes: number;
  greedy: boolean;
  seed: number;
  framesOut?: string;
  /** Write an animated GIF of the games here. */
  gif?: string;
  /** The games (1-based) the GIF shows; all when omitted. */
  gifGames?: readonly number[];
  /** Keep every k-th frame in the GIF [2]. */
  gifEvery?: number;
  /** GIF pixels per console pixel, each way [1]. */
  gifScale?: number;
  /** Overrides the environment the checkpoint was trained in. */
  env?: Partial<EnvSettings>;
}

/** Plays games with a trained policy, prints each score and the mean; returns the rewards. */
export function play(o: PlayOptions): number[] {
  if (o.gif !== undefined) {
    checkOutputFile(o.gif, '--gif');
    const beyond = o.gifGames?.find((g) => g > o.episodes);
    if (beyond !== undefined) throw new UserError(`--games names game ${beyond}, but only ${o.episodes} will be played: raise --episodes`);
  }
  const { learner, run } = readCheckpoint(o.checkpoint);
  const table = gameForMd5(md5Hex(o.rom));
  requireFittingPolicy(learner.policy, learner.algorithm, table, `checkpoint ${o.checkpoint}`);
  const env: EnvSettings = { ...PONG_V0, ...((run?.env as EnvSettings | undefined) ?? {}), ...o.env };
  requireEpisodeEnd(o.rom, env.maxEpisodeFrames);
  let frame = 0;
  let game = 0;
  const rgb = new Uint8Array(SCREEN_WIDTH * SCREEN_HEIGHT * 3);
  const gif = o.gif === undefined ? undefined : new GifRecorder({ width: SCREEN_WIDTH, height: SCREEN_HEIGHT, every: o.gifEvery ?? 2, scale: o.gifScale ?? 1 });
  const inGif = (g: number): boolean => gif !== undefined && (o.gifGames === undefined || o.gifGames.includes(g));
  // A game takes a few seconds to play and record: say how far it is.
  const progress = new Progress('playing');
  const onFrame =
    o.framesOut || gif
      ? (screen: Uint8Array): void => {
          if (o.framesOut) {
            const png = encodeRgbPng(screenToRgb(screen, rgb), SCREEN_WIDTH, SCREEN_HEIGHT, 2);
            writeFileAtomic(join(o.framesOut, `game-${String(game).padStart(3, '0')}`, `frame-${String(frame).padStart(6, '0')}.png`), png);
          }
          if (inGif(game)) gif!.frame(screen);
          frame++;
          progress.update(game - 1, o.episodes, `game ${game}, frame ${frame}${gif ? `, ${gif.images} GIF images` : ''}`);
        }
      : undefined;
  const atari = makeEnv(o.rom, env, { onFrame });
  const actor = makeActor(learner.policy, table);
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
    if (inGif(game)) {
      // The last point's score is drawn on the frames after it: a second of the console's own
      // frames shows the final score (the game over, nothing moves), then it is held a second.
      if (!r.truncated) {
        for (let i = 0; i < CONSOLE_HZ; i++) {
          atari.console.frame();
          gif!.frame(atari.console.screen);
        }
      }
      gif!.endGame(CONSOLE_HZ);
    }
    progress.done();
    const score = table.scores ? `score ${String(r.player).padStart(2)} : ${String(r.computer).padEnd(2)}  ` : '';
    process.stdout.write(`game ${String(game).padStart(3)}  ${score}reward ${String(r.reward).padStart(3)}  frames ${r.frames}${r.truncated ? '  (cut at the frame limit)' : ''}\n`);
  }
  const mean = rewards.reduce((a, b) => a + b, 0) / rewards.length;
  const won = rewards.filter((r) => r > 0).length;
  process.stdout.write(`mean reward ${mean.toFixed(2)} over ${rewards.length} game${rewards.length === 1 ? '' : 's'}${table.scores ? `; won ${won}` : ''}${o.framesOut ? `; frames in ${o.framesOut}` : ''}\n`);
  if (gif && o.gif) {
    const bytes = gif.finish();
    writeFileAtomic(o.gif, bytes);
    process.stdout.write(`wrote ${o.gif}: ${gif.images} images, ${(bytes.length / 1024).toFixed(0)} KB\n`);
  }
  return rewards;
}
