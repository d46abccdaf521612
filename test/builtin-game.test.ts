import test from 'tape';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { assemble } from '../emulator/assembler.js';
import { AtariEnv } from '../emulator/env.js';
import { Atari2600 } from '../emulator/atari2600.js';
import { BUILTIN_PONG_MD5, gameForMd5 } from '../emulator/games.js';
import { md5Hex } from '../emulator/rom-file.js';
import { preprocess, PREPRO_SIZE } from '../agent/preprocess.js';
import { BUILTIN_SOURCE, builtinRom } from '../cli/rom.js';

// RAM offsets ($80-based) the game documents in roms/pong.asm.
const BALL_X = 2, BALL_Y = 3, LEFT_Y = 6, RIGHT_Y = 7, STATE = 10, SERVE = 11, GAME = 12, SCORE_L = 13, SCORE_R = 14;
const NOOP = 0, UP = 2, DOWN = 3; // indices into the minimal set: NOOP FIRE RIGHT LEFT RIGHTFIRE LEFTFIRE

const rom = builtinRom();

/** A scripted player that meets the ball with its paddle's lower edge: the shot the computer misjudges. */
function edgePlayer(ram: Uint8Array): number {
  const target = ram[BALL_Y] - 12;
  return ram[RIGHT_Y] < target - 1 ? DOWN : ram[RIGHT_Y] > target + 1 ? UP : NOOP;
}

function playGame(env: AtariEnv, policy: (ram: Uint8Array) => number) {
  env.reset();
  const rewards: number[] = [];
  for (;;) {
    const r = env.step(policy(env.ram));
    if (r.reward !== 0) rewards.push(r.reward);
    if (r.terminated || r.truncated) return { rewards, terminated: r.terminated, player: env.ram[SCORE_R], computer: env.ram[SCORE_L] };
  }
}

test('built-in game: assembles from roms/pong.asm to the same 2K image every time, with the registered md5', (t) => {
  const source = readFileSync(BUILTIN_SOURCE, 'utf8');
  const a = assemble(source).bytes, b = assemble(source).bytes;
  t.equal(a.length, 2048, '2K');
  t.deepEqual(a, b, 'deterministic');
  t.equal(md5Hex(a), BUILTIN_PONG_MD5, 'emulator/games.ts registers this md5');
  t.deepEqual(rom, a);
  const game = gameForMd5(md5Hex(a));
  t.equal(game.name, 'pong-train');
  t.equal(game.controller, 'paddles');
  t.deepEqual(game.minimalActions, [0, 1, 3, 4, 11, 12], "Atari's Pong's minimal action set");
  t.equal(a[0x7fc] | (a[0x7fd] << 8), 0xf800, 'reset vector');
  t.end();
});

test('built-in game: the court, the walls, the paddles and the scores are where the agent expects them', (t) => {
  const env = new AtariEnv(rom, { frameSkip: 1, repeatActionProbability: 0, obsType: 'screen' });
  env.reset();
  for (let i = 0; i < 80; i++) env.step(NOOP); // the ball is served 60 frames after RESET
  const s = env.screen;
  const at = (row: number, x: number) => s[row * 160 + x];
  t.equal(at(100, 80), 0x22, 'court background $22 (red level 144)');
  for (const row of [25, 34, 195, 204]) t.ok(at(row, 16) === 0x0e && at(row, 143) === 0x0e && at(row, 15) === 0x22 && at(row, 144) === 0x22, `wall row ${row}: white from x 16 to 143`);
  for (const row of [24, 35, 194, 205]) t.equal(at(row, 80), 0x22, `row ${row} is not wall`);
  const box = (colour: number) => {
    const xs = new Set<number>(), ys = new Set<number>();
    for (let row = 35; row < 195; row++) for (let x = 0; x < 160; x++) if (at(row, x) === colour) (xs.add(x), ys.add(row));
    const y = [...ys];
    return { xs: [...xs].sort((a, b) => a - b).join(','), rows: y.length, consecutive: Math.max(...y) - Math.min(...y) + 1 === y.length };
  };
  t.deepEqual(box(0x38), { xs: '16,17,18,19', rows: 16, consecutive: true }, 'the computer: orange, x 16-19, 16 rows');
  t.deepEqual(box(0xc8), { xs: '140,141,142,143', rows: 16, consecutive: true }, 'the player: green, x 140-143, 16 rows');
  let ball = 0;
  for (let row = 35; row < 195; row++) for (let x = 0; x < 160; x++) if (at(row, x) === 0x0e) ball++;
  t.equal(ball, 8, 'one 2x4 ball in the court');
  let score = 0;
  for (let row = 5; row < 20; row++) for (let x = 0; x < 160; x++) if (at(row, x) !== 0x22) score++;
  t.ok(score > 0, 'the scores are drawn in rows 5-19');
  t.end();
});

test("built-in game: Karpathy's preprocessing sees exactly two paddles and a ball", (t) => {
  const env = new AtariEnv(rom, { frameSkip: 1, repeatActionProbability: 0.25, seed: 4 });
  let obs = env.reset().observation;
  const out = new Uint8Array(PREPRO_SIZE);
  let inPlay = 0, bad = 0, ballHidden = false;
  for (let f = 0; f < 3000; f++) {
    preprocess(obs, out);
    const cols = new Map<number, number>();
    for (let i = 0; i < PREPRO_SIZE; i++) if (out[i]) cols.set(i % 80, (cols.get(i % 80) ?? 0) + 1);
    // Each paddle is 2 columns of 8; the ball is 2 more pixels in one column (a paddle's, as it passes).
    const ballCols = [...cols].map(([c, n]) => [c, [8, 9, 70, 71].includes(c) ? n - 8 : n]).filter(([, n]) => n !== 0);
    const paddles = [8, 9, 70, 71].every((c) => (cols.get(c) ?? 0) >= 8);
    const ballOk = ballCols.length === 0 || (ballCols.length === 1 && ballCols[0][1] === 2);
    if (ballCols.length === 1) inPlay++;
    // While a serve waits the ball is hidden: the frame after a point has none.
    if (ballCols.length === 1 && ballHidden) bad++;
    ballHidden = env.ram[SERVE] > 1;
    // So 34 pixels in all (as in Atari's Pong: two 2x8 paddles and a 1x2 ball), 32 without the ball.
    if (!paddles || !ballOk) bad++;
    const r = env.step(f % 7 < 3 ? UP : f % 7 < 6 ? DOWN : NOOP);
    obs = r.observation;
    if (r.terminated) obs = env.reset().observation;
  }
  t.equal(bad, 0, 'every frame: paddles 2x8 at columns 8-9 and 70-71, the ball 1x2 or none, nothing else');
  t.ok(inPlay > 1000, `the ball was in play on ${inPlay} frames`);
  t.end();
});

test('built-in game: first to 21; the rewards are the points; a random player loses, an edge player wins', (t) => {
  const env = new AtariEnv(rom, { frameSkip: 1, repeatActionProbability: 0, seed: 1 });
  const edge = playGame(env, edgePlayer);
  t.ok(edge.terminated, 'the game ends');
  t.equal(edge.player, 21, 'the player reaches 21');
  t.equal(edge.rewards.filter((r) => r === 1).length, edge.player, '+1 per point won');
  t.equal(edge.rewards.filter((r) => r === -1).length, edge.computer, '-1 per point lost');
  t.equal(edge.rewards.length, edge.player + edge.computer, 'no other rewards');
  let seed = 99;
  const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) % 3;
  const rand = playGame(new AtariEnv(rom, { frameSkip: [2, 4], seed: 2 }), () => [NOOP, UP, DOWN][random()]);
  t.ok(rand.terminated && rand.computer === 21, `a random player loses (${rand.player}:${rand.computer})`);
  t.ok(rand.player <= 2, 'about 21-0');
  t.end();
});

test('built-in game: the same seed gives the same game; another seed another', (t) => {
  const run = (seed: number) => {
    const env = new AtariEnv(rom, { frameSkip: [2, 4], repeatActionProbability: 0.25, seed, obsType: 'ram' });
    env.reset();
    const h = createHash('sha256');
    for (let i = 0; i < 600; i++) h.update(env.step(i % 5 === 0 ? UP : DOWN).observation);
    return h.digest('hex');
  };
  t.equal(run(7), run(7));
  t.notEqual(run(7), run(8));
  t.end();
});

test('built-in game: RIGHT moves the player up, LEFT down, through the paddle port', (t) => {
  const env = new AtariEnv(rom, { frameSkip: 1, repeatActionProbability: 0 });
  env.reset();
  const start = env.ram[RIGHT_Y];
  for (let i = 0; i < 5; i++) env.step(UP);
  const up = env.ram[RIGHT_Y];
  for (let i = 0; i < 10; i++) env.step(DOWN);
  const down = env.ram[RIGHT_Y];
  t.ok(up < start - 20, `up: ${start} -> ${up}`);
  t.ok(down > up + 40, `down: ${up} -> ${down}`);
  for (let i = 0; i < 60; i++) env.step(UP);
  t.equal(env.ram[RIGHT_Y], 0, 'held up, the paddle stops at the top wall');
  t.end();
});

test('built-in game: SELECT picks the two-player game, where port 1 moves the left paddle', (t) => {
  const c = new Atari2600(rom);
  c.powerOn();
  c.setPaddle(0, 408823);
  c.setPaddle(1, 408823);
  for (let i = 0; i < 10; i++) c.frame();
  t.equal(c.ram[GAME], 0, 'game 1 at power-on');
  t.equal(c.ram[STATE], 0, 'idle until RESET');
  c.setSelectSwitch(true);
  for (let i = 0; i < 5; i++) c.frame();
  c.setSelectSwitch(false);
  c.frame();
  t.equal(c.ram[GAME], 1, 'one press (held 5 frames) selects game 2');
  c.setResetSwitch(true);
  c.frame();
  c.setResetSwitch(false);
  t.equal(c.ram[STATE], 1, 'RESET starts it');
  const lefts = [27450, 408823, 790196].map((r) => {
    c.setPaddle(1, r);
    c.frame();
    c.frame();
    return c.ram[LEFT_Y];
  });
  t.deepEqual([lefts[0], lefts[2]], [0, 144], 'port 1 drives the left paddle over the whole court');
  t.ok(lefts[1] > 60 && lefts[1] < 85, 'centred pot, centred paddle');
  t.end();
});

test("built-in game: the left difficulty switch sets the computer's speed and aim", (t) => {
  const fastest = (hard: boolean) => {
    const env = new AtariEnv(rom, { frameSkip: 1, repeatActionProbability: 0 });
    env.reset();
    env.console.setDifficulty(0, hard);
    let top = 0, last = env.ram[LEFT_Y];
    for (let i = 0; i < 3000; i++) {
      const r = env.step(edgePlayer(env.ram));
      top = Math.max(top, Math.abs(env.ram[LEFT_Y] - last));
      last = env.ram[LEFT_Y];
      if (r.terminated) break;
    }
    return top;
  };
  t.equal(fastest(false), 4, 'B (the default): at most 4 rows a frame');
  t.equal(fastest(true), 5, 'A: at most 5');
  // B misjudges a ball off the edge of the player's paddle; A does not.
  const points = (hard: boolean) => {
    const env = new AtariEnv(rom, { frameSkip: 1, repeatActionProbability: 0, maxEpisodeFrames: 30000 });
    env.reset();
    env.console.setDifficulty(0, hard);
    let won = 0;
    for (;;) {
      const r = env.step(edgePlayer(env.ram));
      if (r.reward > 0) won++;
      if (r.terminated || r.truncated) return won;
    }
  };
  const b = points(false), a = points(true);
  t.equal(b, 21, 'the edge player beats B');
  t.ok(a < 5, `and scores little against A (${a})`);
  t.end();
});

test('built-in game: the ball keeps to the court between the walls', (t) => {
  const env = new AtariEnv(rom, { frameSkip: 1, repeatActionProbability: 0.25, seed: 9 });
  env.reset();
  let ok = true;
  for (let i = 0; i < 4000; i++) {
    const r = env.step(i % 3);
    if (env.ram[BALL_Y] > 156 || env.ram[BALL_X] > 159) ok = false;
    if (r.terminated) env.reset();
  }
  t.ok(ok, 'ball row 0-156, column 0-159');
  t.end();
});
