import test from 'tape';
import { availableParallelism, tmpdir } from 'node:os';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decode } from 'fast-png';
import { plotCurve } from '../cli/plot.js';
import { Learner } from '../agent/learner.js';
import { saveCheckpoint } from '../cli/checkpoint-file.js';
import { oneLineError, runCli } from './cli-run.js';
import { loadRom } from '../cli/rom.js';
import { tinyRom } from './tiny-rom.js';

const tmp = mkdtempSync(join(tmpdir(), 'pong-train-small-'));

test('cli: a non-numeric flag is echoed as typed, not as NaN', (t) => {
  oneLineError(t, runCli(['train', '--episodes', 'abc']), /--episodes must be a whole number >= 1 \(got abc\)$/);
  oneLineError(t, runCli(['train', '--episodes=12x', '--workers', '1']), /\(got 12x\)$/);
  oneLineError(t, runCli(['frames', '--frames', 'many', '--out', tmp]), /--frames must be a whole number >= 1 \(got many\)$/);
  oneLineError(t, runCli(['play', '--checkpoint', 'x', '--seed', 'one']), /--seed must be a whole number >= 0 \(got one\)$/);
  oneLineError(t, runCli(['train', '--episodes', '0']), /\(got 0\)$/);
  t.end();
});

test("cli: yargs' own errors point to the command's --help", (t) => {
  oneLineError(t, runCli(['train', '--bogus']), /Unknown argument: bogus \(see pong-train train --help\)$/);
  oneLineError(t, runCli(['plot', 'x.csv']), /Missing required argument: out \(see pong-train plot --help\)$/);
  oneLineError(t, runCli(['fly']), /\(see pong-train --help\)$/);
  t.end();
});

test('cli: --workers above the core count warns in one line', (t) => {
  const cores = availableParallelism();
  const r = runCli(['train', '--episodes', '1', '--workers', String(cores + 1), '--max-frames', '200', '--quiet']);
  t.equal(r.code, 0, r.stderr);
  const lines = r.stderr.trim().split('\n');
  t.equal(lines.length, 1, r.stderr);
  t.match(lines[0], new RegExp(`^warning: --workers ${cores + 1} is more than this machine's ${cores} cores?: `));
  const ok = runCli(['train', '--episodes', '1', '--workers', '1', '--max-frames', '200', '--quiet']);
  t.equal(ok.stderr, '', 'no warning within the cores');
  t.end();
});

test('cli: play says "over 1 game", not "over 1 games"', (t) => {
  const ckpt = join(tmp, 'one.ckpt');
  saveCheckpoint(ckpt, new Learner({ seed: 1, hidden: 4 }), { env: { frameSkip: [2, 4], sticky: 0.25, maxEpisodeFrames: 200 }, rom: 'x' });
  const one = runCli(['play', '--checkpoint', ckpt]);
  t.equal(one.code, 0, one.stderr);
  t.match(one.stdout, /^playing 1 game with /m);
  t.match(one.stdout, /^mean reward -?\d+\.\d\d over 1 game; won \d+$/m);
  const two = runCli(['play', '--checkpoint', ckpt, '--episodes', '2']);
  t.match(two.stdout, /over 2 games;/);
  t.end();
});

test('cli: frames shows progress when stderr is not a terminal', (t) => {
  const r = runCli(['frames', '--frames', '50', '--every', '50', '--out', join(tmp, 'f')]);
  t.equal(r.code, 0, r.stderr);
  t.match(r.stderr, /^writing frames to .*\/f: \d+\/50 \(\d+\.\d%\)$/m, 'a plain progress line (no carriage returns)');
  t.doesNotMatch(r.stderr, /\r|\x1b/, 'no terminal control codes in a pipe');
  t.end();
});

test('plot: episodes lost 21-0 are drawn above the x axis, not on it', (t) => {
  const episode: number[] = [], reward: number[] = [], runningMean: number[] = [];
  for (let e = 1; e <= 200; e++) {
    episode.push(e);
    reward.push(e % 2 ? -21 : -9);
    runningMean.push(-15);
  }
  const width = 1000, height = 560;
  const png = decode(plotCurve({ episode, reward, runningMean }, 'lost', width, height));
  const data = png.data as Uint8Array;
  const axis = height - 70; // plotCurve's bottom margin: the x axis is drawn at this row
  const dotRows = new Map<number, number>();
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * png.channels;
      if (data[i] === 150 && data[i + 1] === 150 && data[i + 2] === 150) dotRows.set(y, (dotRows.get(y) ?? 0) + 1);
    }
  }
  const rows = [...dotRows.keys()].filter((y) => y > axis - 40);
  t.ok(rows.length > 0, `the -21 dots are drawn (rows ${rows.join(', ')})`);
  t.ok(rows.every((y) => y < axis - 2), 'all of them clear of the axis line');
  const count = rows.reduce((s, y) => s + dotRows.get(y)!, 0);
  t.ok(count >= 100 * 3, `every -21 episode shows (${count} pixels)`);
  t.end();
});

test('plot: rewards beyond Pong\'s -21..21 (other games) get an axis scaled to them', (t) => {
  const episode: number[] = [], reward: number[] = [], runningMean: number[] = [];
  for (let e = 1; e <= 200; e++) {
    episode.push(e);
    reward.push(e < 100 ? 200 : 4000);
    runningMean.push(e < 100 ? 200 : 4000);
  }
  const width = 1000, height = 560;
  const png = decode(plotCurve({ episode, reward, runningMean }, 'qbert', width, height));
  const data = png.data as Uint8Array;
  // The rows where the running mean's line (MEAN's blue) is drawn, in the first and last tenth of the x range.
  const meanRows = (x0: number, x1: number): number[] => {
    const rows = new Set<number>();
    for (let y = 0; y < height; y++) for (let x = x0; x < x1; x++) {
      const i = (y * width + x) * png.channels;
      if (data[i] < 60 && data[i + 2] > 150) rows.add(y);
    }
    return [...rows];
  };
  const early = meanRows(150, 200), late = meanRows(900, 950);
  t.ok(early.length > 0 && late.length > 0, 'the running mean is drawn');
  t.ok(Math.min(...early) - Math.max(...late) > 300, `200 and 4,000 are far apart on the axis (rows ${Math.min(...early)} and ${Math.max(...late)})`);
  t.end();
});

test('bench --games: one emulator row for each ROM of the folder the game table knows, none for the others', (t) => {
  const folder = join(tmp, 'bench-games');
  mkdirSync(folder);
  writeFileSync(join(folder, 'ours.bin'), loadRom('builtin:pong').bytes);
  writeFileSync(join(folder, 'tiny.bin'), tinyRom());
  const r = runCli(['bench', '--rom', 'builtin:pong', '--repeats', '1', '--frames', '300', '--train-episodes', '0', '--ppo-iterations', '0', '--games', folder, '--dormann', join(tmp, 'none'), '--json']);
  t.equal(r.code, 0, r.stderr);
  const rows = (JSON.parse(r.stdout) as { rows: { name: string; value: number }[] }).rows.filter((row) => row.name.includes(', drawing') && !row.name.includes('random actions'));
  t.deepEqual(rows.map((row) => row.name), ['Console frames, pong-train, drawing'], 'the built-in game has a row; the unknown tiny ROM has none');
  t.ok(rows[0].value > 0, 'a frame rate');
  t.end();
});
