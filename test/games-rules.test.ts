import test from 'tape';
import { gameForMd5, knownGames, type GameInfo, type GameRules } from '../emulator/games.js';
import { bcd, decimalScore, nibbleDigits } from '../emulator/games/types.js';

// The rules read RAM only, so they can be driven with made-up RAM: these check the score
// conventions that no golden trace covers (the eight games ../shared has no ROM for among them).
const byName = (name: string): GameInfo => {
  const entry = knownGames().find((g) => g.game.name === name);
  if (!entry) throw new Error(`no ${name} in the table`);
  return gameForMd5(entry.md5);
};

/** Runs the rules over RAM states given as {address: value} maps ($80-based); returns the rewards. */
function run(rules: GameRules, frames: Record<number, number>[]): number[] {
  const ram = new Uint8Array(128);
  const rewards: number[] = [];
  rules.reset();
  for (const f of frames) {
    for (const [a, v] of Object.entries(f)) ram[Number(a) & 0x7f] = v;
    rules.step(ram);
    rewards.push(rules.reward);
  }
  return rewards;
}

test('games: BCD helpers read ALE-style scores', (t) => {
  t.equal(bcd(0x47), 47);
  const ram = new Uint8Array(128);
  ram[0x21] = 0x56;
  ram[0x26] = 0x34;
  t.equal(decimalScore(ram, 0xa1, 0xa6), 3456, 'low byte first');
  ram.set([0x03, 0x0a, 0x07], 0x49);
  t.equal(nibbleDigits(ram, 0xc9, 3), 703, '$A is a blank 0');
  t.end();
});

test('games: a score that rolls over is a rise (Asteroids at 100,000, Space Invaders at 10,000)', (t) => {
  const asteroids = byName('asteroids').rules();
  // 99,990 -> 20 (in tens: BCD 99 99 -> 00 02) is +30 points.
  t.deepEqual(run(asteroids, [{ 0xbd: 0x99, 0xbe: 0x99, 0xbc: 0x40 }, { 0xbd: 0x00, 0xbe: 0x02 }]), [99990, 30]);
  const invaders = byName('space_invaders').rules();
  t.deepEqual(run(invaders, [{ 0xe6: 0x99, 0xe8: 0x90, 0xc9: 3 }, { 0xe6: 0x00, 0xe8: 0x05 }]), [9990, 15]);
  t.end();
});

test('games: Freeway gives at most 1 a frame and nothing for a drop; Centipede nothing for a drop', (t) => {
  t.deepEqual(run(byName('freeway').rules(), [{ 0xe7: 0x00 }, { 0xe7: 0x03 }, { 0xe7: 0x01 }, { 0xe7: 0x02 }]), [0, 1, 0, 1]);
  t.deepEqual(run(byName('centipede').rules(), [{ 0xf6: 0x50, 0xed: 0x20 }, { 0xf6: 0x10 }, { 0xf6: 0x20 }]), [50, 0, 10]);
  t.end();
});

test('games: Atlantis gives nothing on its game-over frame; Ice Hockey at most 1', (t) => {
  const atlantis = byName('atlantis').rules();
  t.deepEqual(run(atlantis, [{ 0xa2: 0x01, 0xf1: 3 }, { 0xa2: 0x00, 0xf1: 0xff }]), [100, 0]);
  t.ok(atlantis.terminal, 'over');
  const hockey = byName('ice_hockey').rules();
  t.deepEqual(run(hockey, [{ 0x8a: 0, 0x87: 1 }, { 0x8a: 2 }, { 0x8b: 1 }]), [0, 1, -1]);
  t.end();
});

test("games: Breakout is over only after play began; Tennis rewards points, then games", (t) => {
  const breakout = byName('breakout').rules();
  run(breakout, [{ 57: 0 }]);
  t.notOk(breakout.terminal, '0 balls before play began: not over');
  run(breakout, [{ 57: 5 }, { 57: 0 }]);
  t.ok(breakout.terminal, '5 balls, then 0: over');
  t.equal(breakout.lives, 0);
  run(breakout, [{ 57: 0 }]);
  t.notOk(breakout.terminal, 'reset forgets that play began');
  const tennis = byName('tennis').rules();
  t.deepEqual(run(tennis, [{ 0xc7: 1 }, { 0xc7: 1, 0xc5: 1 }, { 0xc8: 1 }]), [1, 1, -1]);
  t.end();
});

test('games: lives some games show only on some screens keep their last count (Time Pilot)', (t) => {
  const pilot = byName('time_pilot').rules();
  run(pilot, [{ 0x80: 0, 0x8b: 1 }]);
  t.equal(pilot.lives, 5, "ALE's starting count until the play screen shows");
  run(pilot, [{ 0x80: 2, 0x8b: 1 }, { 0x80: 3, 0x8b: 0 }]);
  t.equal(pilot.lives, 2, 'the count from the last play screen');
  t.end();
});

test('games: Boxing rewards the change in the points difference, a knockout ($C0) is 100 and over; so is the clock at 0:00', (t) => {
  const boxing = byName('boxing').rules();
  // Clock 2:00 ($90 = $20, $91 = $00); player 12, opponent 5; then the opponent 7.
  t.deepEqual(run(boxing, [{ 0x90: 0x20, 0x91: 0x00, 0x92: 0x12, 0x93: 0x05 }, { 0x93: 0x07 }]), [7, -2]);
  t.notOk(boxing.terminal, 'on the clock, no knockout: not over');
  t.deepEqual(run(boxing, [{ 0x90: 0x10, 0x92: 0x95, 0x93: 0x20 }, { 0x92: 0xc0 }]), [75, 5], 'a knockout counts as 100 points');
  t.ok(boxing.terminal, 'a knockout ends the bout');
  run(boxing, [{ 0x90: 0x10, 0x91: 0x01, 0x92: 0x30, 0x93: 0x10 }]);
  t.notOk(boxing.terminal, '1:01 left: not over');
  run(boxing, [{ 0x90: 0x00, 0x91: 0x00, 0x92: 0x30, 0x93: 0x10 }]);
  t.ok(boxing.terminal, '0:00: over');
  t.equal(boxing.lives, 0, 'no lives');
  t.end();
});

test("games: Seaquest's score is BCD $B8-$BA, high byte first; lives are $BB + 1; over when $A3 is not 0", (t) => {
  const seaquest = byName('seaquest').rules();
  t.deepEqual(run(seaquest, [{ 0xb8: 0x00, 0xb9: 0x01, 0xba: 0x20, 0xbb: 3 }, { 0xb9: 0x02, 0xba: 0x40 }]), [120, 120]);
  t.equal(seaquest.lives, 4);
  t.notOk(seaquest.terminal);
  run(seaquest, [{ 0xbb: 0 }]);
  t.equal(seaquest.lives, 1, 'the last life');
  run(seaquest, [{ 0xbb: 0, 0xa3: 1 }]);
  t.ok(seaquest.terminal, '$A3 set: over');
  t.equal(seaquest.lives, 0, 'none once over, as ALE reports');
  t.end();
});

test("games: Ms. Pac-Man's score is BCD $F8-$FA, low byte first; over only with no lives left and the death timer at $53", (t) => {
  const pacman = byName('ms_pacman').rules();
  t.deepEqual(run(pacman, [{ 0xf8: 0x10, 0xf9: 0x00, 0xfa: 0x00, 0xfb: 0x02 }, { 0xf8: 0x60, 0xf9: 0x02 }]), [10, 250]);
  t.equal(pacman.lives, 3, 'low three bits of $FB, plus one');
  run(pacman, [{ 0xfb: 0x00, 0xa7: 0x52 }]);
  t.notOk(pacman.terminal, 'no lives left, timer not yet $53: not over');
  run(pacman, [{ 0xfb: 0x01, 0xa7: 0x53 }]);
  t.notOk(pacman.terminal, 'timer $53 with a life left: not over');
  run(pacman, [{ 0xfb: 0x00, 0xa7: 0x53 }]);
  t.ok(pacman.terminal, 'no lives and timer $53: over');
  t.end();
});
