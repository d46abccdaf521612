import test from 'tape';
import { AtariEnv } from '../emulator/env.js';
import { sharedFile } from './paths.js';
import { tinyRom } from './tiny-rom.js';
import { Mt19937 } from '../emulator/mt19937.js';
import { ALE_SYSTEM_RANDOM_SEED } from '../emulator/atari2600.js';

const pong = sharedFile('roms/pong.bin');
const skipPong = { skip: !pong };
if (!pong) console.log('# skipping the Pong environment tests: ../shared/roms/pong.bin not found');

function same(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

test('env: Pong has the minimal action set in gym order and paddles with swapped ports', skipPong, (t) => {
  const env = new AtariEnv(pong!);
  t.deepEqual([...env.actionMeanings], ['NOOP', 'FIRE', 'RIGHT', 'LEFT', 'RIGHTFIRE', 'LEFTFIRE']);
  t.equal(env.controller, 'paddles');
  t.equal(new AtariEnv(pong!, { fullActionSpace: true }).actionCount, 18);
  const { observation } = env.reset();
  t.equal(observation.length, 210 * 160 * 3, 'RGB observation 210x160x3');
  t.end();
});

test('env: frame skip sums the rewards of the skipped frames and observes the last one', skipPong, (t) => {
  const k = 4;
  const skipping = new AtariEnv(pong!, { frameSkip: k, repeatActionProbability: 0, obsType: 'screen' });
  const single = new AtariEnv(pong!, { frameSkip: 1, repeatActionProbability: 0, obsType: 'screen' });
  skipping.reset();
  single.reset();
  let rewarded = 0;
  let allSame = true;
  // NOOP loses points steadily, so rewards land inside skips.
  for (let step = 0; step < 400; step++) {
    const a = skipping.step(0);
    let sum = 0;
    let last = single.step(0);
    sum += last.reward;
    for (let f = 1; f < k && !last.terminated; f++) {
      last = single.step(0);
      sum += last.reward;
    }
    if (a.reward !== sum || !same(a.observation, last.observation) || a.info.frames !== k) allSame = false;
    if (a.reward !== 0) rewarded++;
    if (a.terminated) break;
  }
  t.ok(allSame, 'every skipped step equals the sum and the last frame of k single frames');
  t.ok(rewarded > 0, `some steps carried a reward (${rewarded})`);
  t.end();
});

test('env: a random frame skip stays within [min, max] and is seeded', skipPong, (t) => {
  const draw = (seed: number): number[] => {
    const env = new AtariEnv(pong!, { frameSkip: [2, 4], seed, obsType: 'ram' });
    env.reset();
    return Array.from({ length: 60 }, () => env.step(0).info.frames);
  };
  const a = draw(7);
  t.deepEqual(a, draw(7), 'same seed, same skips');
  t.ok(a.every((f) => f >= 2 && f <= 4), 'all within 2-4');
  t.deepEqual([...new Set(a)].sort(), [2, 3, 4], 'every value drawn');
  t.notDeepEqual(a, draw(8), 'another seed, other skips');
  t.end();
});

test('env: sticky actions are reproducible for a seed and differ across seeds', skipPong, (t) => {
  const run = (seed: number): number[] => {
    const env = new AtariEnv(pong!, { frameSkip: 1, repeatActionProbability: 0.25, seed, obsType: 'ram' });
    env.reset();
    const paddle: number[] = [];
    for (let i = 0; i < 300; i++) paddle.push(env.step(i % 20 < 10 ? 2 : 3).observation[51]);
    return paddle;
  };
  t.deepEqual(run(3), run(3), 'same seed: same paddle path');
  t.notDeepEqual(run(3), run(4), 'other seed: another paddle path');
  // With p = 1 the first action (NOOP after reset) sticks forever: the paddle never follows RIGHT.
  const stuck = new AtariEnv(pong!, { frameSkip: 1, repeatActionProbability: 1, obsType: 'ram' });
  const idle = new AtariEnv(pong!, { frameSkip: 1, repeatActionProbability: 0, obsType: 'ram' });
  stuck.reset();
  idle.reset();
  let equal = true;
  for (let i = 0; i < 200; i++) equal &&= same(stuck.step(2).observation, idle.step(0).observation);
  t.ok(equal, 'p = 1 keeps NOOP whatever is asked');
  t.end();
});

test('env: RIGHT moves the player paddle up, LEFT down', skipPong, (t) => {
  const env = new AtariEnv(pong!, { frameSkip: 1, repeatActionProbability: 0, obsType: 'ram' });
  env.reset();
  for (let i = 0; i < 30; i++) env.step(0);
  const start = env.ram[51];
  for (let i = 0; i < 15; i++) env.step(2);
  const up = env.ram[51];
  for (let i = 0; i < 30; i++) env.step(3);
  const down = env.ram[51];
  t.ok(up < start, `RIGHT: paddle y ${start} -> ${up}`);
  t.ok(down > up, `LEFT: paddle y ${up} -> ${down}`);
  t.end();
});

test('env: the game ends at 21 and stepping on is an error until reset', skipPong, (t) => {
  const env = new AtariEnv(pong!, { frameSkip: 4, repeatActionProbability: 0, obsType: 'ram' });
  env.reset();
  let total = 0;
  let r = env.step(0);
  total += r.reward;
  while (!r.terminated && !r.truncated) {
    r = env.step(0);
    total += r.reward;
  }
  t.ok(r.terminated, 'terminated');
  t.ok(env.ram[13] === 21 || env.ram[14] === 21, `a side reached 21 (${env.ram[14]} : ${env.ram[13]})`);
  t.equal(total, env.ram[14] - env.ram[13], 'the rewards add up to the final score difference');
  t.throws(() => env.step(0), /after the episode ended; call reset\(\) first/);
  env.reset();
  t.doesNotThrow(() => env.step(0), 'reset makes it steppable again');
  t.end();
});

test('env: bad options and calls fail with clear messages', (t) => {
  const rom = tinyRom();
  t.throws(() => new AtariEnv(rom, { frameSkip: 0 }), /frameSkip must be/);
  t.throws(() => new AtariEnv(rom, { frameSkip: [4, 2] }), /frameSkip must be/);
  t.throws(() => new AtariEnv(rom, { repeatActionProbability: 1.5 }), /repeatActionProbability must be between 0 and 1/);
  t.throws(() => new AtariEnv(rom, { maxEpisodeFrames: -1 }), /maxEpisodeFrames must be a whole number >= 0/);
  const env = new AtariEnv(rom);
  t.throws(() => env.step(0), /before reset\(\)/);
  env.reset();
  t.throws(() => env.step(18), /action must be an integer in \[0, 17\]/);
  t.throws(() => env.step(1.5), /action must be an integer/);
  t.end();
});

test('env: an unknown ROM runs with the full action set, reward 0 and the frame limit', (t) => {
  const env = new AtariEnv(tinyRom(), { frameSkip: 3, repeatActionProbability: 0, maxEpisodeFrames: 30, obsType: 'screen' });
  t.equal(env.actionCount, 18);
  t.equal(env.controller, 'joystick');
  env.reset();
  const counter = env.ram[0];
  let steps = 0;
  let r = env.step(1);
  steps++;
  t.equal(env.ram[0], (counter + 3) & 0xff, 'three frames ran in one step');
  t.equal(env.screen[100 * 160 + 80], env.ram[0] & 0xfe, 'the screen shows the background the ROM painted');
  while (!r.truncated) {
    t.equal(r.reward, 0);
    t.notOk(r.terminated);
    r = env.step(steps++ % 18);
  }
  t.equal(steps, 10, 'truncated after 30 frames = 10 steps of 3');
  t.equal(r.info.episodeFrameNumber, 30);
  t.end();
});

test('env: skipDrawing changes no observation, reward or RAM when no game ends inside a skip', skipPong, (t) => {
  const opts = { frameSkip: [2, 4] as [number, number], repeatActionProbability: 0.25, seed: 9, obsType: 'rgb' as const };
  const drawn = new AtariEnv(pong!, opts);
  const skipped = new AtariEnv(pong!, { ...opts, skipDrawing: true });
  let alike = same(drawn.reset().observation, skipped.reset().observation);
  for (let i = 0; i < 600 && alike; i++) {
    const a = drawn.step(i % 6), b = skipped.step(i % 6);
    alike = a.reward === b.reward && same(a.observation, b.observation) && same(drawn.ram, skipped.ram);
    if (a.terminated) break;
  }
  t.ok(alike, 'identical for 600 steps');
  t.end();
});

test('a seeded reset restarts the power-on randomness from the seed: an episode does not depend on the ones before it', (t) => {
  // The tiny ROM writes only $80, so RAM $81-$FF still hold the console's random power-on bytes.
  const rom = tinyRom();
  const fresh = new AtariEnv(rom, { frameSkip: 1 });
  fresh.reset({ seed: 7 });
  const ram7 = fresh.ram.slice(1);
  const used = new AtariEnv(rom, { frameSkip: 1 });
  used.reset({ seed: 3 });
  t.notDeepEqual(used.ram.slice(1), ram7, 'another seed, other power-on RAM');
  for (let i = 0; i < 30; i++) used.step(0);
  used.reset();
  used.reset({ seed: 7 });
  t.deepEqual(used.ram.slice(1), ram7, 'after other episodes, the same power-on RAM as a fresh environment');
  t.end();
});

test('env: ALE\'s load runs first: the 60-frame TV-format probe and a reset protocol, whose frames RAM keeps', (t) => {
  // The tiny ROM never clears its frame counter $80: it starts at the power-on byte (the
  // generator's first draw) and counts every frame but the first after each power-on.
  const start = new Mt19937(ALE_SYSTEM_RANDOM_SEED).next() & 0xff;
  const env = new AtariEnv(tinyRom(), { frameSkip: 1 });
  // Probe: 60 frames. loadROM's reset: 60 idle frames and RESET held three times for 4 (an
  // unknown ROM gets Pong's three soft resets) = 72.
  t.equal(env.ram[0], (start + 59 + 71) & 0xff, 'constructed: counted the probe\'s and loadROM\'s frames');
  env.reset();
  t.equal(env.ram[0], (start + 59 + 71 + 71) & 0xff, 'the first reset counts on from there');
  env.reset({ seed: ALE_SYSTEM_RANDOM_SEED });
  t.equal(env.ram[0], (start + 59 + 71 + 71) & 0xff, 'a seeded reset reloads: probe and loadROM\'s reset again');
  t.end();
});
