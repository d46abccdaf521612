import test from 'tape';
import { Riot } from '../emulator/riot.js';

const SWCHA = 0x280, SWACNT = 0x281, SWCHB = 0x282, SWBCNT = 0x283, INTIM = 0x284, TIMINT = 0x285;
const TIMER_REG = [0x294, 0x295, 0x296, 0x297]; // TIM1T, TIM8T, TIM64T, T1024T

test('riot: RAM decoding, mirrors and the stack page', (t) => {
  const riot = new Riot();
  for (let i = 0; i < 128; i++) riot.write(0x80 + i, (i * 3 + 1) & 0xff, 0);
  let ok = true;
  for (let i = 0; i < 128; i++) {
    const v = (i * 3 + 1) & 0xff;
    if (riot.read(0x80 + i, 0) !== v || riot.read(0x180 + i, 0) !== v || riot.ram[i] !== v) ok = false;
  }
  t.ok(ok, '$80-$FF and the stack page $180-$1FF are the same 128 bytes');
  riot.write(0x1ff, 0x42, 0);
  t.equal(riot.read(0xff, 0), 0x42, 'a push at $1FF lands in $FF');
  t.equal(riot.ram[127], 0x42);
  // Other A9=0 mirrors (A8 and A10/A11 do not take part in RAM selection).
  riot.write(0x0c80, 0x99, 0);
  t.equal(riot.read(0x80, 0), 0x99, '$0C80 mirrors $80');

  // A9=1 never touches RAM.
  const before = Uint8Array.from(riot.ram);
  riot.write(SWCHA, 0x12, 0);
  riot.write(SWACNT, 0x34, 0);
  riot.write(0x296, 0x56, 0);
  riot.write(0x3ff, 0x78, 0);
  t.deepEqual(riot.ram, before, 'writes with A9=1 leave RAM alone');
  t.equal(riot.read(SWACNT, 0), 0x34, 'A9=1 reads a register, not RAM');
  t.end();
});

test('riot: I/O register decoding and mirrors', (t) => {
  const riot = new Riot();
  riot.write(SWACNT, 0x5a, 0);
  for (const a of [0x281, 0x289, 0x291, 0x2a1, 0x381, 0x3f9]) t.equal(riot.read(a, 0), 0x5a, `$${a.toString(16)} reads SWACNT`);
  riot.write(0x3fb, 0xc3, 0); // SWBCNT mirror
  t.equal(riot.read(SWBCNT, 0), 0xc3, '$3FB writes SWBCNT');

  riot.write(0x296, 100, 1000); // TIM64T
  for (const a of [0x284, 0x286, 0x28c, 0x28e, 0x294, 0x2a4, 0x39e]) {
    t.equal(riot.read(a, 1001), 99, `$${a.toString(16)} reads INTIM`);
  }
  for (const a of [0x285, 0x287, 0x28d, 0x295, 0x3bf]) t.equal(riot.read(a, 1001), 0, `$${a.toString(16)} reads TIMINT`);

  // Timer writes need A4=1 and A2=1; A3 (IRQ enable) does not change the timer.
  riot.write(0x29e, 20, 2000); // TIM64T with interrupt enable
  t.equal(riot.read(INTIM, 2001), 19, '$29E writes TIM64T');
  t.ok(riot.timerIrqEnabled, 'A3 recorded as the timer interrupt enable');
  riot.write(0x2b4, 7, 3000); // TIM1T mirror
  t.equal(riot.read(INTIM, 3003), 4, '$2B4 writes TIM1T');
  t.notOk(riot.timerIrqEnabled);
  // Edge-detect control writes (A4=0, A2=1) are accepted and change nothing.
  riot.write(0x284, 0xff, 3003);
  riot.write(0x287, 0xff, 3003);
  t.equal(riot.read(INTIM, 3004), 3, 'edge-detect writes do not load the timer');
  t.end();
});

test('riot: each interval counts as specified before the wrap', (t) => {
  const N = 5;
  TIMER_REG.forEach((reg, idx) => {
    const T = [1, 8, 64, 1024][idx];
    const riot = new Riot();
    const w = 12345;
    riot.write(reg, N, w);
    t.equal(riot.read(INTIM, w + 1), N - 1, `T=${T}: decremented on the cycle after the write`);
    t.equal(riot.read(INTIM, w + T), N - 1, `T=${T}: held for one interval`);
    if (T > 1) t.equal(riot.read(INTIM, w + T + 1), N - 2, `T=${T}: next decrement one interval later`);
    t.equal(riot.read(INTIM, w + 1 + (N - 1) * T), 0, `T=${T}: reaches 0 after N-1 more intervals`);
    t.equal(riot.read(INTIM, w + N * T), 0, `T=${T}: 0 holds for one interval`);
    t.equal(riot.read(TIMINT, w + N * T), 0x00, `T=${T}: no flag before the wrap`);
    // Every cycle up to the wrap: N - 1 - floor((r - w - 1) / T).
    let ok = true;
    for (let r = w + 1; r <= w + N * T; r++) {
      if (riot.timerValue(r) !== N - 1 - Math.floor((r - w - 1) / T)) ok = false;
    }
    t.ok(ok, `T=${T}: INTIM = N-1-floor((r-w-1)/T) on every cycle before the wrap`);
  });
  t.end();
});

test('riot: wrap to $FF, per-cycle countdown, timer flag', (t) => {
  const riot = new Riot();
  const w = 1000, N = 10, T = 64;
  riot.write(0x296, N, w);
  const wrap = w + 1 + N * T;
  t.equal(riot.read(TIMINT, wrap - 1), 0x00, 'flag clear on the last 0 cycle');
  t.equal(riot.read(TIMINT, wrap), 0x80, 'flag set on the wrap cycle');
  t.equal(riot.timerValue(wrap), 0xff, 'INTIM wraps to $FF');
  t.equal(riot.timerValue(wrap + 1), 0xfe, 'then counts down once per cycle');
  t.equal(riot.timerValue(wrap + 100), 0xff - 100);
  t.equal(riot.timerValue(wrap + 255), 0x00, 'reaches 0 after 255 more cycles');
  t.equal(riot.timerValue(wrap + 256), 0xff, 'and keeps wrapping per cycle while the flag is set');
  t.equal(riot.read(TIMINT, wrap + 3), 0x80, 'reading TIMINT does not clear the flag');
  t.equal(riot.read(TIMINT, wrap + 3), 0x80, 'still set');

  // A read of INTIM on the wrap cycle itself leaves the flag set.
  t.equal(riot.read(INTIM, wrap), 0xff, 'INTIM read on the wrap cycle returns $FF');
  t.equal(riot.read(TIMINT, wrap + 1), 0x80, 'and the flag stays set');

  // A later read clears it and puts the count back on the 64-cycle interval,
  // in the prescaler phase of the write (ticks at w + 1 + k*64).
  const r = wrap + 4;
  t.equal(riot.read(INTIM, r), 0xfb, 'INTIM read 4 cycles after the wrap returns $FB');
  t.equal(riot.read(TIMINT, r + 1), 0x00, 'that read cleared the flag');
  const nextTick = w + 1 + (Math.floor((r - w - 1) / T) + 1) * T;
  t.equal(riot.read(INTIM, r + 1), 0xfb, 'no per-cycle decrement any more');
  t.equal(riot.read(INTIM, nextTick - 1), 0xfb, 'held until the next prescaler tick');
  t.equal(riot.read(INTIM, nextTick), 0xfa, 'decrements on the tick');
  t.equal(riot.read(INTIM, nextTick + T), 0xf9, 'and once per interval after that');
  // It passes 0 again $FB intervals after the tick that gave $FA: as in ALE, no flag and no
  // per-cycle count this time (the chip would set the flag and count per cycle again).
  const wrap2 = nextTick + 0xfb * T;
  t.equal(riot.read(INTIM, wrap2 - 1), 0x00);
  t.equal(riot.read(TIMINT, wrap2), 0x00, 'second underflow: the flag stays clear (ALE)');
  t.equal(riot.timerValue(wrap2 + 2), 0xff, 'the count goes on per interval from $FF');
  t.equal(riot.timerValue(wrap2 + T), 0xfe);

  // Writing a timer clears the flag.
  riot.write(0x295, 3, wrap2 + 10); // TIM8T
  t.equal(riot.read(TIMINT, wrap2 + 11), 0x00, 'a timer write clears the flag');
  t.equal(riot.read(INTIM, wrap2 + 11), 2, 'and loads the new count');
  t.end();
});

test('riot: a first INTIM read an interval or more past the wrap returns what ALE does, then counts per interval', (t) => {
  const riot = new Riot();
  const w = 1000, N = 10, T = 64;
  riot.write(0x296, N, w);
  const wrap = w + 1 + N * T;
  const r = wrap + 100;
  t.equal(riot.timerValue(r), 0xff - 100, 'per-cycle count before any read');
  // The interval count at r is 10 - 11 - 1 = -2 (11 ticks since the write); less the 100 cycles since the wrap.
  t.equal(riot.read(INTIM, r), 0x9a, 'the read gets $9A, not the per-cycle $9B (Krull waits on such a read)');
  t.equal(riot.read(TIMINT, r + 1), 0x00, 'the flag is clear');
  const nextTick = w + 1 + 12 * T;
  t.equal(riot.read(INTIM, nextTick - 1), 0x9a, 'held until the next prescaler tick');
  t.equal(riot.read(INTIM, nextTick), 0x99, 'then once per interval');
  t.end();
});

test('riot: writing 0 wraps on the next cycle; TIM1T runs every cycle', (t) => {
  const riot = new Riot();
  riot.write(0x296, 0, 50);
  t.equal(riot.read(TIMINT, 51), 0x80, 'TIM64T=0: flag on the next cycle');
  t.equal(riot.read(INTIM, 51), 0xff, 'reads $FF');
  riot.write(0x294, 3, 100);
  const seen = [101, 102, 103, 104, 105].map((c) => riot.timerValue(c));
  t.deepEqual(seen, [2, 1, 0, 0xff, 0xfe], 'TIM1T=3: 2, 1, 0, $FF, $FE');
  t.end();
});

test('riot: power-on state', (t) => {
  const riot = new Riot();
  riot.ram.fill(0xaa);
  riot.write(SWACNT, 0xff, 0);
  riot.write(SWCHA, 0x00, 0);
  riot.reset(500);
  t.ok(riot.ram.every((b) => b === 0xaa), 'RAM kept (RES does not touch it)');
  t.equal(riot.read(SWACNT, 501), 0, 'DDRA cleared');
  t.equal(riot.read(SWCHA, 501), 0xff, 'port A reads the inputs again');
  t.equal(riot.read(INTIM, 501), Riot.POWER_ON_TIMER - 1, 'timer as if TIM64T were written at the reset cycle');
  t.equal(riot.read(INTIM, 500 + 64), Riot.POWER_ON_TIMER - 1);
  t.equal(riot.read(INTIM, 500 + 65), Riot.POWER_ON_TIMER - 2, 'on the 64-cycle interval');
  t.end();
});

test('riot: SWCHA with the data direction register', (t) => {
  const riot = new Riot();
  t.equal(riot.read(SWCHA, 0), 0xff, 'all inputs, nothing pressed');
  riot.write(SWCHA, 0xa0, 0);
  t.equal(riot.read(SWCHA, 0), 0xff, 'the output register has no effect on input bits');
  riot.write(SWACNT, 0xf0, 0);
  t.equal(riot.read(SWACNT, 0), 0xf0);
  t.equal(riot.read(SWCHA, 0), 0xaf, 'output bits read the output register');
  riot.setJoystick(1, true, false, false, false);
  t.equal(riot.read(SWCHA, 0), 0xae, 'input bits read the controller');
  riot.setJoystick(0, false, false, false, true);
  t.equal(riot.read(SWCHA, 0), 0x2e, 'a pressed switch pulls an output line that is driven 1 low');
  t.end();
});

test('riot: SWCHB with the data direction register and unused bits', (t) => {
  const riot = new Riot();
  t.equal(riot.swchbInput, 0x0b, 'default inputs: colour, nothing pressed, both B');
  t.equal(riot.read(SWCHB, 0), 0x3f, 'unconnected PB2, PB4, PB5 read 1');
  riot.write(SWCHB, 0x05, 0);
  t.equal(riot.read(SWCHB, 0), 0x3f, 'output register ignored while all bits are inputs');
  riot.write(SWBCNT, 0x0f, 0);
  t.equal(riot.read(SWCHB, 0), 0x35, 'low nibble from the output register, high from the pins');
  riot.write(SWBCNT, 0xff, 0);
  riot.write(SWCHB, 0x00, 0);
  t.equal(riot.read(SWCHB, 0), 0x00, 'all outputs');
  t.end();
});

test('riot: controller and switch setters', (t) => {
  const riot = new Riot();
  const a = () => riot.read(SWCHA, 0);
  const b = () => riot.read(SWCHB, 0);

  riot.setJoystick(0, true, false, false, false);
  t.equal(a(), 0xef, 'P0 up = bit 4');
  riot.setJoystick(0, false, true, false, false);
  t.equal(a(), 0xdf, 'P0 down = bit 5');
  riot.setJoystick(0, false, false, true, false);
  t.equal(a(), 0xbf, 'P0 left = bit 6');
  riot.setJoystick(0, false, false, false, true);
  t.equal(a(), 0x7f, 'P0 right = bit 7');
  riot.setJoystick(0, false, false, false, false);
  riot.setJoystick(1, true, true, true, true);
  t.equal(a(), 0xf0, 'P1 all directions = bits 3..0');
  riot.setJoystick(1, false, false, false, false);
  t.equal(a(), 0xff, 'released');

  const bits = [0x80, 0x40, 0x08, 0x04];
  for (const port of [0, 1, 2, 3] as const) {
    riot.setPaddleButton(port, true);
    t.equal(a(), 0xff & ~bits[port], `paddle ${port} button pulls bit ${Math.log2(bits[port])} low`);
    riot.setPaddleButton(port, false);
  }
  t.equal(a(), 0xff);

  riot.setConsoleSwitch('reset', true);
  t.equal(b(), 0x3e, 'RESET pressed = bit 0 low');
  riot.setConsoleSwitch('select', true);
  t.equal(b(), 0x3c, 'SELECT pressed = bit 1 low');
  riot.setConsoleSwitch('reset', false);
  riot.setConsoleSwitch('select', false);
  t.equal(b(), 0x3f);
  riot.setColor(false);
  t.equal(b(), 0x37, 'black and white = bit 3 low');
  riot.setColor(true);
  riot.setDifficulty(0, true);
  t.equal(b(), 0x7f, 'P0 difficulty A = bit 6 high');
  riot.setDifficulty(1, true);
  t.equal(b(), 0xff, 'P1 difficulty A = bit 7 high');
  riot.setDifficulty(0, false);
  riot.setDifficulty(1, false);
  t.equal(b(), 0x3f, 'back to B/B');
  t.end();
});
