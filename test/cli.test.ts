import test from 'tape';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode } from 'fast-png';
import { projectRoot, sharedPath } from './paths.js';
import { tinyRom } from './tiny-rom.js';
import { writeFileAtomic } from '../cli/files.js';

const cli = join(projectRoot, 'dist', 'cli', 'main.js');

function run(args: string[], env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, PONG_TRAIN_ROM: '', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function oneLineError(t: test.Test, r: { code: number | null; stderr: string }, pattern: RegExp): void {
  t.notEqual(r.code, 0, 'non-zero exit');
  const lines = r.stderr.trim().split('\n');
  t.equal(lines.length, 1, `one line: ${JSON.stringify(r.stderr.trim())}`);
  t.match(lines[0], pattern);
  t.doesNotMatch(r.stderr, /at .*\.js:\d+/, 'no stack trace');
}

const tmp = mkdtempSync(join(tmpdir(), 'pong-train-cli-'));
const tinyPath = join(tmp, 'tiny.bin');
writeFileSync(tinyPath, tinyRom());

test('cli: no command, unknown command and unknown flag are one-line errors', (t) => {
  oneLineError(t, run([]), /name a command/);
  oneLineError(t, run(['fly']), /Unknown argument|Unknown command|Did you mean/i);
  oneLineError(t, run(['frames', '--rom', tinyPath, '--frames', '1', '--out', tmp, '--bogus']), /Unknown argument.*bogus/i);
  t.end();
});

test('cli: ROM mistakes are one-line errors naming what to do', (t) => {
  oneLineError(t, run(['frames', '--rom', 'builtin:pnog', '--frames', '1', '--out', tmp]), /unknown built-in game 'pnog': the built-in game is builtin:pong/);
  oneLineError(t, run(['frames', '--rom', 'bultin', '--frames', '1', '--out', tmp]), /no ROM file 'bultin' here; the built-in game is --rom builtin:pong/);
  oneLineError(t, run(['frames', '--rom', join(tmp, 'nope.bin'), '--frames', '1', '--out', tmp]), /nope\.bin/);
  oneLineError(t, run(['frames', '--rom', tmp, '--frames', '1', '--out', tmp]), /director|not a (regular )?file/i);
  const odd = join(tmp, 'odd.bin');
  writeFileSync(odd, new Uint8Array(3000));
  oneLineError(t, run(['frames', '--rom', odd, '--frames', '1', '--out', tmp]), /3000.*(2048|2K)/);
  const empty = join(tmp, 'empty.bin');
  writeFileSync(empty, new Uint8Array(0));
  oneLineError(t, run(['frames', '--rom', empty, '--frames', '1', '--out', tmp]), /empty/i);
  t.end();
});

test('cli: frames writes decodable PNGs of the run, scaled', (t) => {
  const out = join(tmp, 'frames');
  const r = run(['frames', '--frames', '6', '--every', '2', '--scale', '2', '--max-frames', '1000', '--out', out], { PONG_TRAIN_ROM: tinyPath });
  t.equal(r.code, 0, r.stderr);
  const files = readdirSync(out).sort();
  t.deepEqual(files, ['frame-000000.png', 'frame-000002.png', 'frame-000004.png', 'frame-000006.png']);
  const png = decode(readFileSync(join(out, files[1])));
  t.equal(png.width, 320);
  t.equal(png.height, 420);
  oneLineError(t, run(['frames', '--rom', tinyPath, '--frames', '0', '--out', out]), /--frames must be a whole number >= 1/);
  t.end();
});

test('cli: without --rom or PONG_TRAIN_ROM the commands play the built-in game and say so', (t) => {
  const out = join(tmp, 'builtin-frames');
  const r = run(['frames', '--frames', '120', '--every', '120', '--out', out]);
  t.equal(r.code, 0, r.stderr);
  t.match(r.stdout, /^game: pong-train's built-in Pong\n/);
  const png = decode(readFileSync(join(out, 'frame-000120.png')));
  const data = png.data as Uint8Array;
  const at = (x: number, y: number) => [...data.subarray((y * png.width + x) * png.channels, (y * png.width + x) * png.channels + 3)];
  t.deepEqual(at(80, 100), [144, 72, 17], 'the court');
  t.deepEqual(at(80, 30), [236, 236, 236], 'the top wall');
  const out2 = join(tmp, 'builtin-named');
  const named = run(['frames', '--rom', 'builtin:pong', '--frames', '120', '--every', '120', '--out', out2]);
  t.equal(named.code, 0, named.stderr);
  t.deepEqual(readFileSync(join(out2, 'frame-000120.png')), readFileSync(join(out, 'frame-000120.png')), '--rom builtin:pong is the same game');
  const file = run(['frames', '--frames', '1', '--max-frames', '1000', '--out', out], { PONG_TRAIN_ROM: tinyPath });
  t.match(file.stdout, /^game: an unknown cartridge \(.*tiny\.bin\)\n/, 'PONG_TRAIN_ROM still wins over the built-in game');
  t.end();
});

test('cli: verify reports a bad trace folder in one line', (t) => {
  oneLineError(t, run(['verify', '--rom', tinyPath, '--trace', join(tmp, 'none')]), /trace folder not found/);
  const half = join(tmp, 'half');
  mkdirSync(half, { recursive: true });
  writeFileSync(join(half, 'steps.tsv'), 'step\taction\treward\tterminal\n0\t-\t0\t0\n');
  oneLineError(t, run(['verify', '--rom', tinyPath, '--trace', half]), /ram\.bin\.gz is missing/);
  t.end();
});

const golden = sharedPath('golden/pong-random');
const pongPath = sharedPath('roms/pong.bin');
test('cli: verify replays a golden trace and prints matched frames', { skip: !golden || !pongPath }, (t) => {
  const r = run(['verify', '--rom', pongPath!, '--trace', golden!]);
  t.match(r.stdout, /matched frames: \d+\/7210/);
  t.equal(r.code, /matched frames: 7210\/7210/.test(r.stdout) ? 0 : 1, 'exit 0 exactly when all match');
  t.end();
});

test('cli: plot draws the learning curve from a training log', (t) => {
  const log = join(tmp, 'log.csv');
  const rows = ['episode,player,computer,reward,running_mean,frames,fps,elapsed_s,eta_s'];
  let mean = -21;
  for (let e = 1; e <= 200; e++) {
    const reward = Math.min(21, -21 + Math.floor(e / 5));
    mean = e === 1 ? reward : 0.99 * mean + 0.01 * reward;
    rows.push(`${e},0,21,${reward},${mean},1000,5000,${e},0`);
  }
  writeFileSync(log, rows.join('\n') + '\n');
  const out = join(tmp, 'curve.png');
  const r = run(['plot', log, '--out', out]);
  t.equal(r.code, 0, r.stderr);
  const png = decode(readFileSync(out));
  t.equal(png.width, 1000);
  const data = png.data as Uint8Array;
  let blue = 0;
  for (let i = 0; i < data.length; i += png.channels) if (data[i] === 20 && data[i + 1] === 90 && data[i + 2] === 200) blue++;
  t.ok(blue > 500, `the running-mean line is drawn (${blue} pixels)`);
  writeFileSync(join(tmp, 'bad.csv'), 'a,b\n1,2\n');
  oneLineError(t, run(['plot', join(tmp, 'bad.csv'), '--out', out]), /not a training log/);
  oneLineError(t, run(['plot', join(tmp, 'missing.csv'), '--out', out]), /log not found/);
  t.end();
});

test('cli: atomic writes leave the whole new file and no temp file', (t) => {
  const dir = join(tmp, 'atomic');
  writeFileAtomic(join(dir, 'a.txt'), 'first');
  writeFileAtomic(join(dir, 'a.txt'), 'second');
  t.equal(readFileSync(join(dir, 'a.txt'), 'utf8'), 'second');
  t.deepEqual(readdirSync(dir), ['a.txt']);
  t.end();
});
