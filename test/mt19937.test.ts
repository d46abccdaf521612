import test from 'tape';
import { Mt19937 } from '../emulator/mt19937.js';
import { Atari2600 } from '../emulator/atari2600.js';

test('mt19937: the C++ standard\'s check value (10,000th output for the default seed 5489)', (t) => {
  const g = new Mt19937(5489);
  let v = 0;
  for (let i = 0; i < 10000; i++) v = g.next();
  t.equal(v, 4123659995);
  t.equal(new Mt19937(5489).next(), 3499211612, 'first output');
  t.end();
});

test('console: power-on RAM is the first 128 draws of ALE\'s seed; a reset keeps RAM', (t) => {
  const rom = new Uint8Array(2048);
  rom.set([0x4c, 0x00, 0xf8], 0); // JMP $F800
  rom.set([0x00, 0xf8], 0x7fc);
  const g = new Mt19937(4753849);
  const expected = Array.from({ length: 128 }, () => g.next() & 0xff);
  const a = new Atari2600(rom);
  t.deepEqual(Array.from(a.ram), expected, 'RAM from the default seed');
  const b = new Atari2600(rom, { systemRandomSeed: 1 });
  t.notDeepEqual(Array.from(b.ram), expected, 'another seed, other bytes');
  a.ram[5] = 0x42;
  a.powerOn();
  t.equal(a.ram[5], 0x42, 'powerOn leaves RAM alone');
  // Draws 128-131 went to ALE's load-time resets; this reset (an environment's first) took draw 132.
  t.equal(a.riot.timerValue(a.cpu.cycles + 1), 64, 'the timer starts at 65, the value Solaris\'s trace needs');
  t.end();
});

test('console: Super Chip RAM powers up from ALE\'s generator after the timer, on every reset; RIOT RAM and timer as without it', (t) => {
  // An F8SC image (each bank's first 256 bytes alike) whose reset vector loops on a JMP.
  const rom = new Uint8Array(8192);
  rom.set([0x4c, 0x00, 0xf2], 0x1200); // F200 JMP $F200
  rom.set([0x00, 0xf2], 0x1ffc);
  const g = new Mt19937(4753849);
  const draws = (n: number) => Array.from({ length: n }, () => g.next());
  const riotRam = draws(128).map((v) => v & 0xff);
  draws(1); // the RIOT's own reset when built: the timer only
  draws(2 * (1 + 128)); // the console's two resets while loading: the timer, then the cartridge RAM
  const timer = 25 + (draws(1)[0] % 75);
  const cartRam = draws(128).map((v) => v & 0xff);
  const a = new Atari2600(rom);
  t.equal(a.cart.format, 'F8SC');
  t.deepEqual(Array.from(a.ram), riotRam, 'RIOT RAM: the first 128 draws, as without a Super Chip');
  t.deepEqual(Array.from(a.cart.ram), cartRam, 'cartridge RAM: the 128 draws after the power-on\'s timer');
  t.equal(a.riot.timerValue(a.cpu.cycles + 1), timer - 1, 'the power-on\'s timer start');
  const nextTimer = 25 + (draws(1)[0] % 75);
  const nextRam = draws(128).map((v) => v & 0xff);
  a.powerOn();
  t.deepEqual(Array.from(a.cart.ram), nextRam, 'a reset refills it from the next draws (ALE\'s cartridge reset)');
  t.equal(a.riot.timerValue(a.cpu.cycles + 1), nextTimer - 1, 'after the timer\'s draw');
  t.deepEqual(Array.from(a.ram), riotRam, 'RIOT RAM kept');
  t.end();
});
