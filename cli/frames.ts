import { join } from 'node:path';
import { AtariEnv, SCREEN_HEIGHT, SCREEN_WIDTH } from '../emulator/env.js';
import { HeldRandomActions } from './random-actions.js';
import { encodeRgbPng } from './png.js';
import { writeFileAtomic } from './files.js';
import { Progress } from './progress.js';
import { jamWarning, requireEpisodeEnd } from './rom.js';

export interface FramesOptions {
  frames: number;
  out: string;
  every: number;
  seed: number;
  scale: number;
  /** Reset after this many frames of an episode; 0: only the game's end resets (refused for a game with no known end). */
  maxEpisodeFrames: number;
}

/**
 * A seeded random run (each action held 1-8 frames, like the golden random trace), writing
 * every k-th frame as PNG. Frame 0 is the state right after reset.
 */
export function dumpFrames(rom: Uint8Array, o: FramesOptions): number {
  requireEpisodeEnd(rom, o.maxEpisodeFrames);
  const env = new AtariEnv(rom, { frameSkip: 1, repeatActionProbability: 0, seed: o.seed, reuseObservation: true, maxEpisodeFrames: o.maxEpisodeFrames });
  const actions = new HeldRandomActions(o.seed ^ 0x5eed, env.actionCount);
  const progress = new Progress(`writing frames to ${o.out}`);
  let written = 0;
  let jamReported = false;
  const save = (frame: number, rgb: Uint8Array): void => {
    const png = encodeRgbPng(rgb, SCREEN_WIDTH, SCREEN_HEIGHT, o.scale);
    writeFileAtomic(join(o.out, `frame-${String(frame).padStart(6, '0')}.png`), png);
    written++;
  };
  let obs = env.reset().observation;
  save(0, obs);
  for (let f = 1; f <= o.frames; f++) {
    const r = env.step(actions.next());
    obs = r.observation;
    if (f % o.every === 0) save(f, obs);
    if (r.info.jammed && !jamReported) {
      jamReported = true;
      progress.done();
      process.stderr.write(jamWarning(env.console.cpu.jamAddress, `in frame ${f}`));
    }
    if (r.terminated || r.truncated) obs = env.reset().observation;
    progress.update(f, o.frames);
  }
  progress.done();
  return written;
}
