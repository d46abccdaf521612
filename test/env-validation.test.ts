import test from 'tape';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AtariEnv, type AtariEnvOptions } from '../emulator/env.js';
import { Learner } from '../agent/learner.js';
import { saveCheckpoint } from '../cli/checkpoint-file.js';
import { runCli } from './cli-run.js';
import { tinyRom } from './tiny-rom.js';

const rom = tinyRom();
const make = (o: unknown): AtariEnv => new AtariEnv(rom, o as AtariEnvOptions);

test('env: the seed must be an integer in 0..2^32-1 (NaN, strings and 2^53 used to act as 0)', (t) => {
  t.throws(() => make({ seed: NaN }), (e: unknown) => e instanceof RangeError && /seed must be an integer from 0 to 4294967295 \(got NaN\)/.test(e.message));
  t.throws(() => make({ seed: 'abc' }), (e: unknown) => e instanceof TypeError && /seed must be .* \(got the string "abc"\)/.test(e.message));
  t.throws(() => make({ seed: 2 ** 53 }), RangeError);
  t.throws(() => make({ seed: 2 ** 32 }), RangeError);
  t.throws(() => make({ seed: -1 }), RangeError);
  t.throws(() => make({ seed: 1.5 }), RangeError);
  t.doesNotThrow(() => make({ seed: 2 ** 32 - 1 }), 'the largest seed');
  const env = make({ seed: 0 });
  t.throws(() => env.reset({ seed: NaN }), RangeError, 'reset checks its seed too');
  t.doesNotThrow(() => env.reset({ seed: 7 }));
  t.end();
});

test('env: frameSkip, maxEpisodeFrames and repeatActionProbability are checked', (t) => {
  t.throws(() => make({ frameSkip: [2, 3, 4] }), (e: unknown) => e instanceof RangeError && /frameSkip must be .* \(got \[2,3,4\]\)/.test(e.message), 'three numbers');
  t.throws(() => make({ frameSkip: [2] }), RangeError, 'one number in an array');
  t.throws(() => make({ frameSkip: '4' }), TypeError);
  t.throws(() => make({ frameSkip: [2, '4'] }), TypeError);
  t.throws(() => make({ frameSkip: 2.5 }), RangeError);
  t.throws(() => make({ maxEpisodeFrames: 10.5 }), (e: unknown) => e instanceof RangeError && /maxEpisodeFrames must be a whole number >= 0/.test(e.message));
  t.throws(() => make({ maxEpisodeFrames: NaN }), RangeError);
  t.throws(() => make({ maxEpisodeFrames: '100' }), TypeError);
  t.throws(() => make({ repeatActionProbability: '0.5' }), (e: unknown) => e instanceof TypeError && /repeatActionProbability must be a number between 0 and 1 \(got the string "0.5"\)/.test(e.message));
  t.throws(() => make({ repeatActionProbability: NaN }), RangeError);
  t.throws(() => make({ repeatActionProbability: -0.1 }), RangeError);
  t.throws(() => make({ obsType: 'rbg' }), RangeError);
  t.throws(() => make({ controller: 'mouse' }), RangeError);
  t.doesNotThrow(() => make({ frameSkip: [2, 4], maxEpisodeFrames: 0, repeatActionProbability: 1 }));
  t.end();
});

test('env: the ROM must be a Uint8Array (a string or a Float64Array used to run as a ROM)', (t) => {
  const ctor = AtariEnv as unknown as new (r: unknown) => AtariEnv;
  t.throws(() => new ctor('pong.bin'), (e: unknown) => e instanceof TypeError && /the ROM must be a Uint8Array of the cartridge's bytes \(got string\)/.test(e.message));
  t.throws(() => new ctor(new Float64Array(2048)), /got Float64Array/);
  t.throws(() => new ctor([...rom]), /got Array/);
  t.throws(() => new ctor(undefined), /got undefined/);
  t.doesNotThrow(() => new ctor(Buffer.from(rom)), 'a Buffer is a Uint8Array');
  t.end();
});

/** The tiny ROM, changed to execute a JAM opcode ($02, at $F825) in the first frame the joystick is pushed right. */
function jammingRom(): Uint8Array {
  const r = tinyRom();
  // F820: LDA SWCHA; BMI +1 (bit 7 set: not pushed right); JAM; JMP frame
  r.set([0xad, 0x80, 0x02, 0x30, 0x01, 0x02, 0x4c, 0x05, 0xf8], 0x20);
  return r;
}

test('env: a CPU jam is reported in info.jammed (until reset)', (t) => {
  const env = new AtariEnv(jammingRom(), { frameSkip: 1, repeatActionProbability: 0, maxEpisodeFrames: 200, obsType: 'ram' });
  const first = env.reset();
  t.equal(first.info.jammed, false, 'not jammed after reset');
  const healthy = new AtariEnv(tinyRom(), { frameSkip: 1, repeatActionProbability: 0, maxEpisodeFrames: 200 });
  healthy.reset();
  t.equal(healthy.step(0).info.jammed, false, 'a ROM that does not jam never reports one');
  const right = env.actionMeanings.indexOf('RIGHT');
  for (let i = 0; i < 20; i++) t.equal(env.step(0).info.jammed, false, 'not while the joystick rests');
  const r = env.step(right);
  t.ok(r.info.jammed, 'jammed in the frame it is pushed right');
  t.equal(env.console.cpu.jamAddress, 0xf825, 'at the JAM opcode');
  const frozen = env.ram.slice();
  const later = env.step(0);
  t.ok(later.info.jammed, 'still jammed');
  t.deepEqual([...env.ram], [...frozen], 'nothing runs any more');
  t.equal(env.reset().info.jammed, false, 'reset powers the console on again');
  t.end();
});

test('cli: frames and play say in one line that the CPU jammed', (t) => {
  const tmp = mkdtempSync(join(tmpdir(), 'pong-train-jam-'));
  const jam = join(tmp, 'jam.bin');
  writeFileSync(jam, jammingRom());
  const f = runCli(['frames', '--rom', jam, '--frames', '300', '--every', '100', '--max-frames', '1000', '--out', join(tmp, 'f')]);
  t.equal(f.code, 0, 'frames still writes its frames');
  const fl = f.stderr.trim().split('\n').filter((l) => /jammed/.test(l));
  t.equal(fl.length, 1, `one line: ${f.stderr}`);
  t.match(fl[0] ?? '', /^warning: the CPU jammed \(a JAM opcode at \$F825\) in frame \d+: the screen stays frozen/);
  const ckpt = join(tmp, 'run.ckpt');
  saveCheckpoint(ckpt, new Learner({ seed: 1, hidden: 4 }), { env: { frameSkip: [2, 4], sticky: 0.25, maxEpisodeFrames: 300 }, rom: 'x' });
  const p = runCli(['play', '--rom', jam, '--checkpoint', ckpt, '--episodes', '2']);
  t.equal(p.code, 0, p.stderr);
  const pl = p.stderr.trim().split('\n').filter((l) => /jammed/.test(l));
  t.equal(pl.length, 1, `one line for the run: ${p.stderr}`);
  t.match(pl[0] ?? '', /^warning: the CPU jammed \(a JAM opcode at \$F825\) in game 1/);
  t.end();
});
