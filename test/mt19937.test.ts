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
