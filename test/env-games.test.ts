import test from 'tape';
import { AtariEnv, type AtariEnvOptions } from '../emulator/env.js';
import { knownGames } from '../emulator/games.js';
import { join } from 'node:path';
import { optionalSharedFile, sharedDir, sharedFile } from './paths.js';
import { oneLineError, runCli } from './cli-run.js';
import { tinyRom } from './tiny-rom.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { loadCheckpoint } from '../cli/checkpoint-file.js';
import { PpoLearner } from '../agent/ppo.js';

const pong = sharedFile('roms/pong.bin');
const rom = (name: string): Uint8Array | null => sharedFile(`roms/${name}.bin`);
const exact: AtariEnvOptions = { frameSkip: 1, repeatActionProbability: 0, obsType: 'ram' };

test('env: mode and difficulty must be ones the game allows; the error names them', (t) => {
  const tiny = tinyRom();
  t.throws(() => new AtariEnv(tiny, { mode: 1 }), (e: unknown) => e instanceof RangeError && /^mode 1 is not available for a ROM the game table does not know: its modes are 0$/.test(e.message));
  t.throws(() => new AtariEnv(tiny, { difficulty: 2 }), (e: unknown) => e instanceof RangeError && /^difficulty 2 is not available for a ROM the game table does not know: its difficulties are 0$/.test(e.message));
  t.throws(() => new AtariEnv(tiny, { mode: '0' as unknown as number }), (e: unknown) => e instanceof TypeError && /^mode must be one of the modes of a ROM the game table does not know \(0\) \(got the string "0"\)$/.test(e.message));
  t.doesNotThrow(() => new AtariEnv(tiny, { mode: 0, difficulty: 0 }));
  t.end();
});

test("env: Pong's modes 0-1 and difficulties 0-3; SELECT reaches mode 1 and the switches change the game", { skip: !pong }, (t) => {
  t.throws(() => new AtariEnv(pong!, { mode: 2 }), /mode 2 is not available for pong: its modes are 0, 1/);
  t.throws(() => new AtariEnv(pong!, { difficulty: 4 }), /its difficulties are 0, 1, 2, 3/);
  const modeOf = (mode: number): number => {
    const env = new AtariEnv(pong!, { ...exact, mode });
    return env.reset().observation[0x96 & 0x7f];
  };
  t.equal(modeOf(0), 0, 'mode 0: RAM $96 holds 0');
  t.equal(modeOf(1), 1, 'mode 1: RAM $96 holds 1 after the SELECT presses');
  const screenAfter = (difficulty: number): Uint8Array => {
    const env = new AtariEnv(pong!, { ...exact, obsType: 'screen', difficulty });
    env.reset();
    for (let i = 0; i < 120; i++) env.step(0);
    return env.screen.slice();
  };
  t.notDeepEqual(screenAfter(3), screenAfter(0), 'difficulty 3 (both switches A: narrower bats) draws another screen');
  t.end();
});

test('env: info.lives comes from the game (Pitfall 3, H.E.R.O. 4 at the start; 0 for Pong)', { skip: !pong || !rom('pitfall') || !rom('hero') }, (t) => {
  t.equal(new AtariEnv(pong!, exact).reset().info.lives, 0, 'Pong has no lives');
  t.equal(new AtariEnv(rom('pitfall')!, exact).reset().info.lives, 3, 'Pitfall');
  const hero = new AtariEnv(rom('hero')!, exact);
  t.equal(hero.reset().info.lives, 4, 'H.E.R.O.');
  t.equal(hero.step(0).info.lives, 4, 'and in a step');
  t.end();
});

test("env: an action the game refuses plays as NOOP (Skiing's FIRE), as in ALE", { skip: !rom('skiing') }, (t) => {
  const run = (id: number): Uint8Array => {
    const env = new AtariEnv(rom('skiing')!, { ...exact, fullActionSpace: true });
    env.reset();
    for (let i = 0; i < 60; i++) env.step(id);
    return env.ram.slice();
  };
  t.deepEqual(run(1), run(0), 'FIRE = NOOP');
  t.notDeepEqual(run(4), run(0), 'LEFT is played');
  t.end();
});

test('cli: games lists every game of the table with its md5, controller and actions', (t) => {
  const r = runCli(['games']);
  t.equal(r.code, 0);
  for (const { md5, game } of knownGames()) t.match(r.stdout, new RegExp(`^${game.name} +${md5} `, 'm'), game.name);
  t.match(r.stdout, /^pong +60e0ea3cbe0913d39803477945e9e5ec +paddles \(swapped\) +6 actions\n +NOOP FIRE RIGHT LEFT RIGHTFIRE LEFTFIRE$/m);
  t.end();
});

test('cli: train learns another game with PPO over its minimal action set, play plays it; pg, a checkpoint of another game and watch are refused in one line', { skip: !rom('qbert') }, (t) => {
  const path = join(sharedDir, 'roms', 'qbert.bin');
  const dir = mkdtempSync(join(tmpdir(), 'pong-train-games-'));
  const ckpt = join(dir, 'qbert.ckpt');
  const r = runCli(['train', '--rom', path, '--episodes', '2', '--seed', '3', '--hidden', '8', '--workers', '1', '--checkpoint', ckpt]);
  t.equal(r.code, 0, `train exits 0 ${r.stderr}`);
  t.match(r.stdout, /PPO, hidden 8, 2 episodes per iteration.*qbert-v5: frame skip 4-4, sticky 0\.25/, 'PPO in the v5 setting by default');
  t.match(r.stdout, /^episode +1 +reward +\d+/m, 'episodes report their reward (no two-sided score)');
  const learner = loadCheckpoint(ckpt) as PpoLearner;
  t.equal(learner.algorithm, 'ppo');
  t.equal(learner.settings.actions, 6, "Q*bert's six actions");
  t.equal(learner.settings.inputs, 105 * 80, 'the whole screen, 105 x 80');
  const fresh = new PpoLearner({ ...learner.settings });
  learner.policy.arrays().forEach((a, i) => t.ok(a.some((v, j) => v !== fresh.policy.arrays()[i][j]), `weight array ${i} changed by training`));
  const p = runCli(['play', '--rom', path, '--checkpoint', ckpt, '--episodes', '1', '--greedy']);
  t.equal(p.code, 0, `play exits 0 ${p.stderr}`);
  t.match(p.stdout, /^game +1 +reward +\d+ +frames \d+/m, 'play reports the game');
  oneLineError(t, runCli(['train', '--rom', path, '--episodes', '1', '--algo', 'pg']), /--algo pg plays Pong only .*qbert has 6 actions: use --algo ppo/);
  oneLineError(t, runCli(['play', '--rom', 'builtin:pong', '--checkpoint', ckpt]), /holds a policy of 6 actions over 8400 inputs, but pong-train is played with 2 actions over 6000: it was trained on another game/);
  oneLineError(t, runCli(['train', '--rom', 'builtin:pong', '--checkpoint', ckpt, '--resume', '--episodes', '4']), /trained on another game/);
  oneLineError(t, runCli(['watch', '--rom', path, '--port', '0']), /the watch page plays Pong; qbert is not/);
  rmSync(dir, { recursive: true, force: true });
  t.end();
});

test('game table: every entry is consistent (default mode listed, minimal set legal and in id order, ids 0-17)', (t) => {
  for (const { md5, game } of knownGames()) {
    const where = `${game.name} (${md5})`;
    t.ok(/^[0-9a-f]{32}$/.test(md5), `${where}: an md5`);
    t.ok(game.modes.includes(game.defaultMode), `${where}: default mode ${game.defaultMode} is one of its modes`);
    t.ok(game.difficulties.includes(0), `${where}: difficulty 0 allowed`);
    const ids = [...game.minimalActions];
    t.deepEqual(ids, [...ids].sort((a, b) => a - b), `${where}: minimal set in ALE's id order`);
    t.ok(ids.every((id) => Number.isInteger(id) && id >= 0 && id < 18 && game.legalActions.includes(id)), `${where}: minimal actions are legal ALE ids`);
    t.ok(game.startingActions.every((id) => game.legalActions.includes(id)), `${where}: starting actions are legal`);
  }
  t.end();
});

test('game table: each game with a ROM in ../shared resets in its default mode and runs 200 frames', (t) => {
  let ran = 0;
  for (const { game } of knownGames()) {
    // ../shared/roms holds most of the 57 games, not all (its README lists them).
    const bytes = optionalSharedFile(`roms/${game.name}.bin`);
    if (!bytes) continue;
    const env = new AtariEnv(bytes, { ...exact, fullActionSpace: true });
    const r = env.reset();
    t.ok(Number.isInteger(r.info.lives) && r.info.lives >= 0, `${game.name}: ${r.info.lives} lives after reset`);
    let x = 1;
    let over = false;
    let bad = 0;
    for (let i = 0; i < 200 && !over; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      const s = env.step((x >>> 16) % 18);
      if (!Number.isInteger(s.reward) || !Number.isInteger(s.info.lives)) bad++;
      over = s.terminated;
    }
    t.equal(bad, 0, `${game.name}: whole rewards and lives on every step`);
    ran++;
  }
  if (ran === 0) console.log('# skipping the table run: no ROMs in ../shared/roms');
  t.end();
});

test("env: Double Dunk's modes are its menu's four options, set as ALE sets them (bits of RAM $80)", { skip: !rom('double_dunk') }, (t) => {
  const options = (mode: number): number => new AtariEnv(rom('double_dunk')!, { ...exact, mode }).reset().observation[0] & 0x3c;
  t.equal(options(0), 0, 'mode 0: no option');
  t.equal(options(1), 0x08, 'mode 1: 3-pointers');
  t.equal(options(6), 0x14, 'mode 6: the 10- and 3-second rules');
  t.equal(options(15), 0x3c, 'mode 15: all four');
  t.end();
});
