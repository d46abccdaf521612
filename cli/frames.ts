import { join } from 'node:path';
import { AtariEnv, SCREEN_HEIGHT, SCREEN_WIDTH } from '../emulator/env.js';
import { EnvRandom } from '../emulator/random.js';
import { encodeRgbPng } from './png.js';
import { writeFileAtomic } from './files.js';
import { Progress } from './progress.js';

export interface FramesOptions {
  frames: number;
  out: string;
  every: number;
  seed: number;
  scale: number;
}

/**
 * A seeded random run (each action held 1-8 frames, like the golden random trace), writing
 * every k-th frame as PNG. Frame 0 is the state right after reset.
 */
export function dumpFrames(rom: Uint8Array, o: FramesOptions): number {
  const env = new AtariEnv(rom, { frameSkip: 1, repeatActionProbability: 0, seed: o.seed, reuseObservation: true });
  const random = new EnvRandom(o.seed ^ 0x5eed);
  const progress = new Progress(`writing frames to ${o.out}`);
  let written = 0;
  const save = (frame: number, rgb: Uint8Array): void => {
    const png = encodeRgbPng(rgb, SCREEN_WIDTH, SCREEN_HEIGHT, o.scale);
    writeFileAtomic(join(o.out, `frame-${String(frame).padStart(6, '0')}.png`), png);
    written++;
  };
  let obs = env.reset().observation;
  save(0, obs);
  let action = 0;
  let hold = 0;
  for (let f = 1; f <= o.frames; f++) {
    if (hold-- <= 0) {
      action = random.int(0, env.actionCount - 1);
      hold = random.int(1, 8) - 1;
    }
    const r = env.step(action);
    obs = r.observation;
    if (f % o.every === 0) save(f, obs);
    if (r.terminated || r.truncated) obs = env.reset().observation;
    progress.update(f, o.frames);
  }
  progress.done();
  return written;
}
