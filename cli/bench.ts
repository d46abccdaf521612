import { cpus } from 'node:os';
import { existsSync, readFileSync } from 'node:fs';
import { AtariEnv } from '../emulator/env.js';
import { EnvRandom } from '../emulator/random.js';
import { benchCpu } from './bench-cpu.js';

export interface BenchOptions {
  rom?: string;
  dormann?: string;
  repeats: number;
  frames: number;
  json: boolean;
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

/** Whole-console frames per second with seeded random actions (each held 1-8 frames), drawing every frame. */
export function benchEmulator(rom: Uint8Array, frames: number): { fps: number; frames: number; seconds: number } {
  const env = new AtariEnv(rom, { frameSkip: 1, repeatActionProbability: 0, obsType: 'screen', reuseObservation: true, seed: 1 });
  const random = new EnvRandom(1);
  env.reset();
  let action = 0;
  let hold = 0;
  const start = process.hrtime.bigint();
  for (let f = 0; f < frames; f++) {
    if (hold-- <= 0) {
      action = random.int(0, env.actionCount - 1);
      hold = random.int(1, 8) - 1;
    }
    const r = env.step(action);
    if (r.terminated || r.truncated) env.reset();
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { fps: frames / seconds, frames, seconds };
}

export function runBench(o: BenchOptions): void {
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

  if (o.rom && existsSync(o.rom)) {
    const rom = new Uint8Array(readFileSync(o.rom));
    const r = best(o.repeats, () => {
      const b = benchEmulator(rom, o.frames);
      return { ...b, score: b.fps };
    });
    say({ name: 'Console frames, Pong, random actions, drawing', value: r.fps, unit: 'frames/s', note: `${r.frames} frames in ${r.seconds.toFixed(2)} s (ALE: ~18,000)` });
  } else {
    process.stderr.write(`bench: skipping the emulator figures: no ROM (${o.rom ?? 'pass --rom PATH or set PONG_TRAIN_ROM'})\n`);
  }

  if (o.json) process.stdout.write(JSON.stringify({ machine: cpus()[0]?.model, cores: cpus().length, node: process.version, rows }, null, 2) + '\n');
}
