import { cpus } from 'node:os';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadedRom } from './rom.js';
import { AtariEnv } from '../emulator/env.js';
import { gameForMd5 } from '../emulator/games.js';
import { md5 } from '../emulator/md5.js';
import { HeldRandomActions } from './random-actions.js';
import { benchCpu } from './bench-cpu.js';
import { Policy } from '../agent/policy.js';
import { Rng } from '../agent/rng.js';
import { PREPRO_SIZE } from '../agent/preprocess.js';
import { train } from './train.js';
import { makeEnv, PONG_V0 } from './rollout.js';

export interface BenchOptions {
  /** The game the emulator and training rows run. */
  rom: LoadedRom;
  dormann?: string;
  repeats: number;
  frames: number;
  /** Episodes per training-throughput run; 0 skips those figures. */
  trainEpisodes: number;
  /** PPO iterations (10 episodes each, the article's settings) per PPO figure; 0 skips them. */
  ppoIterations: number;
  workers: number[];
  json: boolean;
  /** A folder of ROMs: one emulator row for each the game table knows (none when absent). */
  games?: string;
}

interface Row {
  name: string;
  value: number;
  unit: string;
  note: string;
}

function best<T extends { score: number }>(repeats: number, run: () => T): T {
  let top: T | null = null;
  for (let i = 0; i < repeats; i++) {
    const r = run();
    if (top === null || r.score > top.score) top = r;
  }
  return top!;
}

/**
 * Whole-console frames per second with seeded random actions (each held 1-8 steps). `skipMode`
 * false: every frame is a step and is drawn. True: training's environment (makeEnv: Pong-v0's
 * skip 2-4, sticky 0.25) where only the frame each step returns is drawn.
 */
export function benchEmulator(rom: Uint8Array, frames: number, skipMode = false): { fps: number; frames: number; seconds: number } {
  const env = skipMode
    ? makeEnv(rom, PONG_V0)
    : new AtariEnv(rom, { frameSkip: 1, repeatActionProbability: 0, obsType: 'screen', reuseObservation: true });
  const actions = new HeldRandomActions(1, env.actionCount);
  const first = env.reset({ seed: 1 }).info.frameNumber;
  let done = 0;
  const start = process.hrtime.bigint();
  while (done < frames) {
    const r = env.step(actions.next());
    done = r.info.frameNumber - first;
    if (r.terminated || r.truncated) env.reset();
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { fps: done / seconds, frames: done, seconds };
}

/** Forward and backward of one step (hidden 200 x 6400) on a difference frame with `nonZero` inputs. */
export function benchAgentStep(nonZero: number, dense: boolean, steps: number): { microseconds: number } {
  const rng = new Rng(3);
  const policy = Policy.create(rng);
  const h = new Float64Array(policy.hidden);
  const g1 = new Float64Array(policy.w1t.length);
  const g2 = new Float64Array(policy.hidden);
  const idx = new Int32Array(nonZero);
  const val = new Float64Array(nonZero);
  for (let k = 0, at = 0; k < nonZero; k++) {
    at += 1 + (rng.nextUint32() % Math.floor((PREPRO_SIZE - at) / (nonZero - k + 1)));
    idx[k] = at;
    val[k] = rng.uniform() < 0.5 ? -1 : 1;
  }
  const x = new Float64Array(PREPRO_SIZE);
  for (let k = 0; k < nonZero; k++) x[idx[k]] = val[k];
  const start = process.hrtime.bigint();
  for (let s = 0; s < steps; s++) {
    if (dense) {
      const p = policy.forwardDense(x, h);
      policy.backwardDense(x, h, 1 - p, g1, g2);
    } else {
      const p = policy.forwardSparse(idx, val, nonZero, h);
      policy.backwardSparse(idx, val, nonZero, h, 1 - p, g1, g2);
    }
  }
  return { microseconds: Number(process.hrtime.bigint() - start) / 1e3 / steps };
}

export async function runBench(o: BenchOptions): Promise<void> {
  const rows: Row[] = [];
  const say = (r: Row): void => {
    rows.push(r);
    if (!o.json) process.stdout.write(`${r.name.padEnd(44)} ${r.value.toFixed(1).padStart(12)} ${r.unit.padEnd(10)} ${r.note}\n`);
  };
  if (!o.json) process.stdout.write(`pong-train bench: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}; best of ${o.repeats}\n`);

  if (o.dormann && existsSync(o.dormann)) {
    const image = new Uint8Array(readFileSync(o.dormann));
    const r = best(o.repeats, () => {
      const b = benchCpu(image);
      return { ...b, score: b.mhz };
    });
    say({ name: 'CPU alone, Dormann functional test', value: r.mhz, unit: 'MHz', note: `${r.cycles} cycles in ${r.seconds.toFixed(3)} s, ${r.success ? 'passed' : `FAILED at $${r.trapPc.toString(16)}`} (2600: 1.19 MHz)` });
  } else {
    process.stderr.write(`bench: skipping the CPU figure: Dormann's test image not found (${o.dormann ?? 'pass --dormann PATH'})\n`);
  }

  const rom = o.rom.bytes;
  if (!o.json) process.stdout.write(`game: ${o.rom.label}\n`);
  const r = best(o.repeats, () => {
    const b = benchEmulator(rom, o.frames);
    return { ...b, score: b.fps };
  });
  say({ name: 'Console frames, random actions, drawing', value: r.fps, unit: 'frames/s', note: `${r.frames} frames in ${r.seconds.toFixed(2)} s (ALE: ~18,000)` });
  const k = best(o.repeats, () => {
    const b = benchEmulator(rom, o.frames, true);
    return { ...b, score: b.fps };
  });
  say({ name: 'Console frames, skip 2-4, observed ones drawn', value: k.fps, unit: 'frames/s', note: `${k.frames} frames in ${k.seconds.toFixed(2)} s (training's setting: sticky 0.25, skipDrawing)` });

  const sparse = best(o.repeats, () => {
    const b = benchAgentStep(50, false, 20000);
    return { ...b, score: -b.microseconds };
  });
  say({ name: 'Agent step, forward+backward, sparse', value: sparse.microseconds, unit: 'us/step', note: '50 non-zero inputs of 6400, hidden 200' });
  const dense = best(o.repeats, () => {
    const b = benchAgentStep(50, true, 200);
    return { ...b, score: -b.microseconds };
  });
  say({ name: 'Agent step, forward+backward, dense', value: dense.microseconds, unit: 'us/step', note: `the reference path; sparse is ${(dense.microseconds / sparse.microseconds).toFixed(0)}x faster` });

  if (o.games !== undefined && existsSync(o.games)) benchGames(o.games, o.repeats, o.frames, say);
  else if (o.games !== undefined) process.stderr.write(`bench: skipping the per-game figures: ${o.games} not found\n`);

  if (o.trainEpisodes > 0) {
    for (const workers of o.workers) {
      let frames = 0;
      const start = process.hrtime.bigint();
      const { learner } = await train({
        rom, episodes: o.trainEpisodes, learner: {}, preset: 'fast', seed: 1, seedGiven: true, env: {}, workers,
        resume: false, saveEvery: 1, quiet: true, onEpisode: (f) => (frames += f),
      });
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      say({
        name: `Training, Pong-v0 setting, ${workers} worker${workers > 1 ? 's' : ''}`,
        value: frames / seconds,
        unit: 'frames/s',
        note: `${learner.episodes} episodes in ${seconds.toFixed(1)} s = ${((60 * learner.episodes) / seconds).toFixed(1)} episodes/min (numpy pg-pong: ~7,000 frames/s)`,
      });
    }
  }
  if (o.ppoIterations > 0) {
    for (const workers of o.workers) {
      let frames = 0;
      let rolloutSeconds = 0;
      let update = { seconds: Infinity, samples: 0 };
      let t0 = process.hrtime.bigint();
      await train({
        rom, episodes: 10 * o.ppoIterations, algorithm: 'ppo', learner: {}, preset: 'article', seed: 1, seedGiven: true, env: {}, workers,
        resume: false, saveEvery: 1000, quiet: true,
        onEpisode: (f) => (frames += f),
        onUpdate: (u) => {
          rolloutSeconds += Number(process.hrtime.bigint() - t0) / 1e9 - u.seconds;
          const perStep = u.seconds / u.steps;
          if (perStep < update.seconds) update = { seconds: perStep, samples: u.samplesPerStep };
          t0 = process.hrtime.bigint();
        },
      });
      say({
        name: `PPO rollouts, PongNoFrameskip-v4 setting, ${workers} worker${workers > 1 ? 's' : ''}`,
        value: frames / rolloutSeconds,
        unit: 'frames/s',
        note: `${10 * o.ppoIterations} episodes (${frames} frames, every one a policy step) in ${rolloutSeconds.toFixed(1)} s of playing`,
      });
      say({
        name: `PPO update step, ${update.samples} samples, gradient on ${workers} worker${workers > 1 ? 's' : ''}`,
        value: update.seconds * 1000,
        unit: 'ms',
        note: `forward, clipped-loss gradient (two fixed halves), Adam; 6000-512-2; best of ${o.ppoIterations * 5} steps`,
      });
    }
  }
  const peak = process.resourceUsage().maxRSS / 1024;
  say({ name: 'Peak resident memory of this process', value: peak, unit: 'MiB', note: 'all of the above, worker threads included' });

  if (o.json) process.stdout.write(JSON.stringify({ machine: cpus()[0]?.model, cores: cpus().length, node: process.version, game: o.rom.label, rows }, null, 2) + '\n');
}

/** The emulator row for every ROM in `folder` the game table knows, by game name (ALE runs them at ~10,000-21,000 frames/s). */
function benchGames(folder: string, repeats: number, frames: number, say: (r: Row) => void): void {
  const known = readdirSync(folder)
    .filter((f) => f.endsWith('.bin'))
    .map((f) => {
      const bytes = new Uint8Array(readFileSync(join(folder, f)));
      return { bytes, game: gameForMd5(md5(bytes)) };
    })
    .filter((r) => r.game.name !== 'unknown')
    .sort((a, b) => a.game.name.localeCompare(b.game.name));
  for (const { bytes, game } of known) {
    const r = best(repeats, () => {
      const b = benchEmulator(bytes, frames);
      return { ...b, score: b.fps };
    });
    say({ name: `Console frames, ${game.name}, drawing`, value: r.fps, unit: 'frames/s', note: `${r.frames} frames in ${r.seconds.toFixed(2)} s, random actions of its minimal set, colour codes` });
  }
}
