import test from 'tape';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { SHARED_PONG } from '../cli/rom.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { AtariEnv } from '../emulator/env.js';
import { md5Hex } from '../emulator/rom-file.js';
import { oneLineError, runCli } from './cli-run.js';
import { sharedPath } from './paths.js';
import { tinyRom } from './tiny-rom.js';

/** Records a golden-format trace of `rom` (reset, then `frames` single frames) as ALE's recorder lays it out. */
function recordTrace(dir: string, rom: Uint8Array, frames: number, meta?: object): void {
  mkdirSync(dir, { recursive: true });
  const env = new AtariEnv(rom, { frameSkip: 1, repeatActionProbability: 0, maxEpisodeFrames: 0, fullActionSpace: true, obsType: 'screen' });
  const rows = ['step\taction\treward\tterminal'];
  const ram: Uint8Array[] = [];
  const screens: Uint8Array[] = [];
  env.reset();
  rows.push('0\t-\t0\t0');
  ram.push(env.ram.slice());
  screens.push(env.screen.slice());
  for (let i = 1; i <= frames; i++) {
    const action = (i * 5) % 18;
    const r = env.step(action);
    rows.push(`${i}\t${action}\t${r.reward}\t${r.terminated ? 1 : 0}`);
    ram.push(env.ram.slice());
    screens.push(env.screen.slice());
  }
  writeFileSync(join(dir, 'steps.tsv'), rows.join('\n') + '\n');
  writeFileSync(join(dir, 'ram.bin.gz'), gzipSync(Buffer.concat(ram)));
  writeFileSync(join(dir, 'screens.bin.gz'), gzipSync(Buffer.concat(screens)));
  if (meta) writeFileSync(join(dir, 'meta.json'), JSON.stringify(meta));
}

// A folder laid out like ../shared: golden/NAME/ with a meta.json naming roms/NAME.bin.
const shared = mkdtempSync(join(tmpdir(), 'pong-train-shared-'));
const tiny = tinyRom();
mkdirSync(join(shared, 'roms'));
writeFileSync(join(shared, 'roms', 'tiny.bin'), tiny);
recordTrace(join(shared, 'golden', 'tiny'), tiny, 30, { rom: 'roms/tiny.bin', rom_md5: md5Hex(tiny) });
recordTrace(join(shared, 'golden', 'bare'), tiny, 5);

test("verify: without --rom it uses the ROM the trace's meta.json names, beside the golden folder", (t) => {
  const r = runCli(['verify', '--trace', join(shared, 'golden', 'tiny')]);
  t.equal(r.code, 0, r.stderr);
  t.match(r.stdout, /^game: an unknown cartridge \(.*roms\/tiny\.bin\)$/m, 'the recorded ROM');
  t.match(r.stdout, /matched frames: 31\/31/);
  t.end();
});

test('verify: --rom still wins, and a ROM other than the recorded one is pointed out', (t) => {
  const other = join(shared, 'other.bin');
  const bytes = tinyRom();
  bytes[0x7ff] ^= 1; // a different md5, the same program
  writeFileSync(other, bytes);
  const r = runCli(['verify', '--rom', other, '--trace', join(shared, 'golden', 'tiny')]);
  t.match(r.stdout, /\(.*other\.bin\)/, 'the ROM given');
  t.match(r.stderr, new RegExp(`^warning: the trace was recorded with a ROM of md5 ${md5Hex(tiny)}; this one's is ${md5Hex(bytes)}$`, 'm'));
  t.end();
});

test('verify: a trace without meta.json falls back to PONG_TRAIN_ROM, and says what is missing when nothing is found', (t) => {
  const bare = join(shared, 'golden', 'bare');
  const r = runCli(['verify', '--trace', bare], { PONG_TRAIN_ROM: join(shared, 'roms', 'tiny.bin') });
  t.equal(r.code, 0, r.stderr);
  t.match(r.stdout, /matched frames: 6\/6/);
  const missing = join(shared, 'golden', 'gone');
  recordTrace(missing, tiny, 2, { rom: 'roms/gone.bin' });
  const last = runCli(['verify', '--trace', missing]);
  if (!existsSync(SHARED_PONG)) oneLineError(t, last, /no ROM given, no .*roms\/gone\.bin \(named by the trace's meta\.json\)/);
  else t.match(last.stdout, /^game: pong \(/m, "../shared's Atari Pong is the last resort");
  t.end();
});

const pongTrace = sharedPath('golden/pong-random');
const bowling = sharedPath('golden/bowling');
const haveShared = Boolean(pongTrace && bowling && sharedPath('roms/pong.bin') && sharedPath('roms/bowling.bin'));
test('verify: a trace in ../shared/golden finds its ROM in ../shared/roms without --rom', { skip: !haveShared }, (t) => {
  // PONG_TRAIN_ROM names another game: the trace's own record wins.
  const r = runCli(['verify', '--trace', pongTrace!], { PONG_TRAIN_ROM: join(shared, 'roms', 'tiny.bin') });
  t.equal(r.code, 0, r.stderr);
  t.match(r.stdout, /^game: pong \(.*shared\/roms\/pong\.bin\)$/m);
  t.match(r.stdout, /matched frames: 7210\/7210/);
  // Only Pong is claimed frame-exact; here it is the choice of ROM that is checked.
  const b = runCli(['verify', '--trace', bowling!]);
  t.match(b.stdout, /^game: bowling \(.*shared\/roms\/bowling\.bin\)$/m, 'the game table knows Bowling');
  t.doesNotMatch(b.stderr, /recorded with a ROM of md5/, 'the md5 meta.json records');
  t.end();
});
if (!haveShared) console.log('# skipping the ../shared/golden verify test: ../shared not found');

test("verify: replays in the mode meta.json records; a mode the game lacks is one line", (t) => {
  const dir = join(shared, 'golden', 'mode3');
  recordTrace(dir, tiny, 3, { rom: 'roms/tiny.bin', mode: 3 });
  oneLineError(t, runCli(['verify', '--trace', dir]), /meta\.json: mode 3 is not available for a ROM the game table does not know: its modes are 0$/);
  const ok = join(shared, 'golden', 'mode0');
  recordTrace(ok, tiny, 3, { rom: 'roms/tiny.bin', mode: 0, difficulty: 0 });
  t.match(runCli(['verify', '--trace', ok]).stdout, /matched frames: 4\/4/, 'the default mode, named');
  t.end();
});
