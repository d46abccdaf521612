import test from 'tape';
import { Tia, paddleChargeCycles, SCREEN_Y_START } from '../emulator/tia.js';

// Register numbers (write addresses & $3F, read addresses & $0F).
const VSYNC = 0x00, VBLANK = 0x01, WSYNC = 0x02, NUSIZ0 = 0x04, NUSIZ1 = 0x05;
const COLUP0 = 0x06, COLUP1 = 0x07, COLUPF = 0x08, COLUBK = 0x09, CTRLPF = 0x0a, REFP0 = 0x0b;
const PF0 = 0x0d, PF1 = 0x0e, PF2 = 0x0f, RESP0 = 0x10, RESP1 = 0x11, RESM0 = 0x12, RESM1 = 0x13, RESBL = 0x14;
const GRP0 = 0x1b, GRP1 = 0x1c, ENAM0 = 0x1d, ENAM1 = 0x1e, ENABL = 0x1f, HMP0 = 0x20;
const VDELP0 = 0x25, RESMP0 = 0x28, HMOVE = 0x2a, HMCLR = 0x2b, CXCLR = 0x2c;
const INPT0 = 0x08, INPT4 = 0x0c;

const BK = 0x80, PF = 0x1e, C0 = 0x44, C1 = 0xc6;

/** CPU cycle `c` (0-75) of frame scanline `line`; a write on it lands on colour clock 3c of the line. */
function at(line: number, c: number): number {
  return line * 76 + c;
}

/** A TIA at the start of frame 0 with distinct background, playfield and player colours. */
function freshTia(): Tia {
  const tia = new Tia();
  tia.reset(0);
  tia.startFrame(0);
  tia.write(COLUBK, BK, at(0, 1));
  tia.write(COLUPF, PF, at(0, 2));
  tia.write(COLUP0, C0, at(0, 3));
  tia.write(COLUP1, C1, at(0, 4));
  return tia;
}

/**
 * Ends a frame() call on CPU cycle `cycle`, with a TIA access (an input read) just then:
 * ALE's core, and so ours, draws the picture only up to the last access.
 */
function endAt(tia: Tia, cycle: number): void {
  tia.read(INPT4, cycle);
  tia.endFrame(cycle);
}

/** Draws everything up to the end of `line` and returns that line's 160 pixels. */
function line(tia: Tia, n: number): Uint8Array {
  endAt(tia, at(n + 1, 0));
  return tia.screen.slice((n - SCREEN_Y_START) * 160, (n - SCREEN_Y_START + 1) * 160);
}

/** The pixels of a line that have colour `c`. */
function pixelsOf(px: Uint8Array, c: number): number[] {
  const out: number[] = [];
  px.forEach((v, x) => {
    if (v === c) out.push(x);
  });
  return out;
}

function range(a: number, b: number): number[] {
  return Array.from({ length: b - a }, (_, i) => a + i);
}

test('playfield: PF1 cell, normal copy and reflected copy', (t) => {
  const tia = freshTia();
  tia.write(PF1, 0x80, at(40, 0));
  t.deepEqual(pixelsOf(line(tia, 40), PF), [...range(16, 20), ...range(96, 100)], 'PF1 bit 7 is pixels 16-19, repeated at 96-99');
  tia.write(CTRLPF, 0x01, at(41, 0));
  t.deepEqual(pixelsOf(line(tia, 41), PF), [...range(16, 20), ...range(140, 144)], 'reflected: the right half mirrors to 140-143');
  tia.write(CTRLPF, 0x00, at(42, 0));
  tia.write(PF1, 0x00, at(42, 1));
  tia.write(PF0, 0x10, at(42, 2));
  tia.write(PF2, 0x80, at(42, 3));
  t.deepEqual(pixelsOf(line(tia, 42), PF), [0, 1, 2, 3, 76, 77, 78, 79, 80, 81, 82, 83, 156, 157, 158, 159], 'PF0 bit 4 is the leftmost cell, PF2 bit 7 the last of the half');
  t.end();
});

test('playfield: score mode colours each half with a player colour; priority overrides it', (t) => {
  const tia = freshTia();
  tia.write(PF1, 0x80, at(40, 0));
  tia.write(CTRLPF, 0x02, at(40, 1));
  const px = line(tia, 40);
  t.deepEqual(pixelsOf(px, C0), range(16, 20), 'left half in COLUP0');
  t.deepEqual(pixelsOf(px, C1), range(96, 100), 'right half in COLUP1');
  tia.write(CTRLPF, 0x06, at(41, 0));
  t.deepEqual(pixelsOf(line(tia, 41), PF), [...range(16, 20), ...range(96, 100)], 'score + priority: COLUPF');
  t.end();
});

test('playfield: a mid-line write shows from the next 4-clock boundary at least 2 clocks later', (t) => {
  // Write clock 3c: c = 30..33 -> clocks 90, 93, 96, 99 -> first new pixel 24, 28, 32, 36.
  const expected = [24, 28, 32, 36];
  for (let i = 0; i < 4; i++) {
    const tia = freshTia();
    tia.write(PF1, 0xff, at(40, 0));
    tia.write(PF1, 0x00, at(40, 30 + i));
    t.deepEqual(pixelsOf(line(tia, 40), PF), range(16, expected[i]), `PF1 cleared on cycle ${30 + i}: playfield until pixel ${expected[i]}`);
  }
  t.end();
});

test('players: RESP0 position, in the visible line and in horizontal blank', (t) => {
  const tia = freshTia();
  tia.write(GRP0, 0x80, at(39, 0));
  tia.write(RESP0, 0, at(40, 40)); // clock 120 = pixel 52 -> player at 52 + 5
  t.deepEqual(pixelsOf(line(tia, 40), C0), [0], 'the reset line: the old copy at 0 was drawn, the new first copy is not');
  t.deepEqual(pixelsOf(line(tia, 41), C0), [57], 'next line: pixel 57');
  tia.write(RESP0, 0, at(42, 10)); // clock 30: horizontal blank
  t.deepEqual(pixelsOf(line(tia, 42), C0), [], 'reset in horizontal blank: the first copy waits for the next line too (ALE)');
  t.deepEqual(pixelsOf(line(tia, 43), C0), [3], 'then pixel 3');
  t.end();
});

test('players: a reset landing in a copy\'s start delay keeps the first copy on that line; NUSIZ shows all copies again', (t) => {
  // Beam Rider draws its reserve ships by resetting two-copy players mid-line, 18 pixels on.
  const tia = freshTia();
  tia.write(NUSIZ0, 1, at(38, 0)); // two copies, 16 apart
  tia.write(RESP0, 0, at(38, 25)); // clock 75: pixel 12; copies at 12 and 28
  tia.write(GRP0, 0x80, at(38, 60));
  t.deepEqual(pixelsOf(line(tia, 39), C0), [12, 28], 'copies at 12 and 28');
  tia.write(RESP0, 0, at(40, 31)); // clock 93: pixel 30, inside the second copy's delay (28-31)
  t.deepEqual(pixelsOf(line(tia, 40), C0), [12, 30, 46], 'the old first copy, then both copies of the new position');
  tia.write(RESP0, 0, at(41, 50)); // clock 150: pixel 87, in no copy's delay or pixels
  t.deepEqual(pixelsOf(line(tia, 41), C0), [30, 46, 103], 'the old copies were drawn; the new first copy is skipped');
  tia.write(RESP0, 0, at(42, 40)); // clock 120: pixel 57, before both old copies (87, 103)
  t.deepEqual(pixelsOf(line(tia, 42), C0), [73], 'the old copies never come, the new first is skipped: only the new second copy');

  const wide = freshTia();
  wide.write(NUSIZ0, 1, at(38, 0));
  wide.write(RESP0, 0, at(38, 25)); // pixel 12
  wide.write(GRP0, 0xff, at(38, 60));
  wide.write(RESP0, 0, at(40, 40)); // pixel 57: first copy skipped...
  wide.write(NUSIZ0, 1, at(40, 41)); // ...until this write takes effect at clock 131 (pixel 63)
  t.deepEqual(pixelsOf(line(wide, 40), C0), [...range(12, 20), ...range(28, 36), 63, 64, ...range(73, 81)], 'NUSIZ brings the first copy back');
  t.end();
});

test('players: NUSIZ copies and sizes, REFP', (t) => {
  const want: number[][] = [
    [21],
    [21, 37],
    [21, 53],
    [21, 37, 53],
    [21, 85],
    // Double and quad size start one pixel late (ALE; Bowling's pins show it).
    [22, 23],
    [21, 53, 85],
    [22, 23, 24, 25],
  ];
  for (let mode = 0; mode < 8; mode++) {
    const tia = freshTia();
    tia.write(RESP0, 0, at(39, 28)); // clock 84 -> pixel 21
    tia.write(NUSIZ0, mode, at(40, 0));
    tia.write(GRP0, 0x80, at(40, 1));
    t.deepEqual(pixelsOf(line(tia, 40), C0), want[mode], `NUSIZ mode ${mode}`);
  }
  const tia = freshTia();
  tia.write(RESP0, 0, at(39, 28));
  tia.write(GRP0, 0xc0, at(40, 1));
  t.deepEqual(pixelsOf(line(tia, 40), C0), [21, 22], 'GRP0 $C0: the two leftmost pixels');
  tia.write(REFP0, 0x08, at(41, 1));
  t.deepEqual(pixelsOf(line(tia, 41), C0), [27, 28], 'REFP0: mirrored');
  t.end();
});

test('missiles and ball: reset positions and sizes', (t) => {
  const tia = freshTia();
  tia.write(RESM0, 0, at(39, 40)); // pixel 52 + 4
  tia.write(RESM1, 0, at(39, 10)); // horizontal blank: 2
  tia.write(RESBL, 0, at(39, 50)); // clock 150 = pixel 82 + 4
  tia.write(NUSIZ1, 0x20, at(39, 60)); // missile 1: 4 pixels
  tia.write(CTRLPF, 0x10, at(39, 61)); // ball: 2 pixels
  tia.write(ENAM0, 2, at(40, 0));
  tia.write(ENAM1, 2, at(40, 1));
  tia.write(ENABL, 2, at(40, 2));
  const px = line(tia, 40);
  t.deepEqual(pixelsOf(px, C0), [56], 'missile 0 at 56');
  t.deepEqual(pixelsOf(px, C1), [2, 3, 4, 5], 'missile 1 at 2, 4 wide');
  t.deepEqual(pixelsOf(px, PF), [86, 87], 'ball at 86, 2 wide, in COLUPF');
  t.end();
});

test('HMOVE moves by each HMxx value (signed nibble, positive = left) and blanks 8 pixels', (t) => {
  for (let n = 0; n < 16; n++) {
    const tia = freshTia();
    tia.write(RESP0, 0, at(38, 40)); // pixel 57
    tia.write(HMP0, n << 4, at(38, 60));
    tia.write(HMOVE, 0, at(39, 3));
    tia.write(GRP0, 0x80, at(39, 5));
    const px = line(tia, 39);
    const signed = n < 8 ? n : n - 16;
    t.deepEqual(pixelsOf(px, C0), [57 - signed], `HMP0 $${(n << 4).toString(16)}: moved to ${57 - signed}`);
    if (n === 0) t.deepEqual(Array.from(px.subarray(0, 9)), [0, 0, 0, 0, 0, 0, 0, 0, BK], 'HMOVE blank: 8 black pixels');
    t.deepEqual(Array.from(line(tia, 40).subarray(0, 8)), new Array(8).fill(BK), 'the next line is not blanked');
  }
  const tia = freshTia();
  tia.write(RESP0, 0, at(38, 40));
  tia.write(HMP0, 0x70, at(38, 60));
  tia.write(HMCLR, 0, at(38, 62));
  tia.write(HMOVE, 0, at(39, 3));
  tia.write(GRP0, 0x80, at(39, 5));
  t.deepEqual(pixelsOf(line(tia, 39), C0), [57], 'HMCLR: no motion');
  t.end();
});

test('HMOVE late in the blank moves objects partly; near the end of a line, by the pulses that reach the next blank', (t) => {
  // [strobe cycle, HMP0 nibble, motion] (positive = right), as ALE moves them.
  const cases: [number, number, number][] = [
    [3, 7, -7], [4, 7, -6], [10, 7, -2], [12, 7, 0], [13, 0, 1], [16, 15, 3], [20, 8, 8], [20, 12, 6],
    [21, 7, 0], [54, 7, 0], [55, 7, -1], [58, 7, -3], [64, 0, -1], [73, 8, 0], [73, 9, -1], [74, 15, -7],
  ];
  for (const [c, n, motion] of cases) {
    const tia = freshTia();
    tia.write(RESP0, 0, at(37, 40)); // pixel 57
    tia.write(HMP0, n << 4, at(37, 60));
    tia.write(GRP0, 0x80, at(37, 62));
    tia.write(HMOVE, 0, at(38, c));
    t.deepEqual(pixelsOf(line(tia, 39), C0), [57 + motion], `HMOVE on cycle ${c}, HMP0 $${(n << 4).toString(16)}: ${motion}`);
  }
  t.end();
});

test('RESBL/RESM0/RESM1 a few cycles after HMOVE land where ALE\'s core puts them (its per-game timings)', (t) => {
  // [register, HMOVE cycle, reset cycle, position]: the four ball timings, the missile 0 and 1 ones,
  // and a reset one cycle off, which lands where the blank or the beam puts it.
  const cases: [number, number, number, number][] = [
    [RESBL, 3, 10, 6], // Robot Tank: reset 7 cycles after an HMOVE on cycle 3
    [RESBL, 3, 11, 2],
    [RESBL, 3, 6, 3], // Decathlon
    [RESBL, 3, 9, 5], // Hole Hunter
    [RESBL, 5, 23, 10], // Escape from the Mindmaster, line clock 69
    [RESBL, 2, 20, 10], // ... and line clock 60
    [RESBL, 4, 23, 5], // 19 cycles after: the beam's position (69 - 68 + 4)
    [RESM0, 3, 23, 8], // Dolphin (Battlezone uses it too)
    [RESM0, 2, 23, 5],
    [RESM1, 3, 6, 3], // Pitfall II
    [RESM1, 4, 7, 2],
  ];
  const colour = (reg: number) => (reg === RESBL ? PF : reg === RESM0 ? C0 : C1);
  for (const [reg, hmove, reset, pos] of cases) {
    const tia = freshTia();
    tia.write(HMOVE, 0, at(39, hmove)); // HMxx are 0: no motion
    tia.write(reg, 0, at(39, reset));
    tia.write(reg === RESBL ? ENABL : reg === RESM0 ? ENAM0 : ENAM1, 2, at(40, 30));
    const name = reg === RESBL ? 'RESBL' : reg === RESM0 ? 'RESM0' : 'RESM1';
    t.deepEqual(pixelsOf(line(tia, 41), colour(reg)), [pos], `${name} on cycle ${reset} after HMOVE on ${hmove}: pixel ${pos}`);
  }
  // The timing counts from the last HMOVE only: one on the line before does not count.
  const tia = freshTia();
  tia.write(HMOVE, 0, at(38, 3));
  tia.write(RESBL, 0, at(39, 10));
  tia.write(ENABL, 2, at(40, 30));
  t.deepEqual(pixelsOf(line(tia, 41), PF), [2], 'no HMOVE on the line: RESBL in the blank puts the ball at 2');
  t.end();
});

test('window start (ALE\'s YStart) and HMOVE blanks off (ALE\'s HmoveBlanks property)', (t) => {
  const tia = freshTia();
  tia.setWindowStart(40);
  tia.write(PF1, 0x80, at(40, 0)); // the playfield on scanline 40 only
  tia.write(PF1, 0x00, at(41, 0));
  endAt(tia, at(42, 0));
  const cells = [...range(16, 20), ...range(96, 100)];
  t.deepEqual(pixelsOf(tia.screen.slice(0, 160), PF), cells, 'window row 0 is scanline 40');
  t.deepEqual(pixelsOf(tia.screen.slice(160, 320), PF), [], 'row 1 is scanline 41');
  const earlier = freshTia();
  earlier.write(PF1, 0x80, at(40, 0));
  earlier.write(PF1, 0x00, at(41, 0));
  endAt(earlier, at(42, 0));
  t.deepEqual(pixelsOf(earlier.screen.slice(0, 160), PF), [], 'with the default start, row 0 is scanline 34');
  t.deepEqual(pixelsOf(earlier.screen.slice((40 - SCREEN_Y_START) * 160, (41 - SCREEN_Y_START) * 160), PF), cells, 'and scanline 40 is row 6');
  const off = freshTia();
  off.setHmoveBlanks(false);
  off.write(HMOVE, 0, at(40, 3));
  t.deepEqual(Array.from(line(off, 40).subarray(0, 8)), new Array(8).fill(BK), 'no black pixels after an early HMOVE');
  t.end();
});

test('two picture buffers: a short frame leaves the rows it never reached as they were two frames before (ALE)', (t) => {
  const tia = new Tia();
  tia.reset(0);
  const frame = (start: number, colour: number, lines: number) => {
    tia.startFrame(start);
    tia.write(COLUBK, colour, start + 1);
    endAt(tia, start + lines * 76);
    return start + lines * 76;
  };
  let c = frame(0, 0x20, 262);
  c = frame(c, 0x40, 262);
  c = frame(c, 0x60, 100); // ends on scanline 100: window rows 66 on are not drawn
  const rowColour = (row: number) => tia.screen[row * 160 + 80];
  t.equal(rowColour(10), 0x60, 'a row the short frame drew');
  t.equal(rowColour(100), 0x20, 'a row it did not: the frame two before, not the last one');
  tia.drawing = false;
  c = frame(c, 0x80, 262);
  t.equal(rowColour(10), 0x60, 'an undrawn frame keeps the picture (and the buffer) where it is');
  t.end();
});

test('a frame is drawn only up to its last TIA access, as ALE\'s core draws (Q*bert after a reset)', (t) => {
  const tia = new Tia();
  tia.reset(0);
  const frame = (start: number, colour: number, lastAccess: number) => {
    tia.startFrame(start);
    tia.write(COLUBK, colour, start + 1);
    tia.read(INPT4, start + lastAccess * 76);
    // The frame() call goes on to scanline 262 without touching the TIA.
    tia.endFrame(start + 262 * 76);
    return start + 262 * 76;
  };
  let c = frame(0, 0x20, 262);
  c = frame(c, 0x40, 262);
  c = frame(c, 0x60, 100); // last access on scanline 100: window rows 66 on are not drawn
  const rowColour = (row: number) => tia.screen[row * 160 + 80];
  t.equal(rowColour(65), 0x60, 'a row before the last access');
  t.equal(rowColour(66), 0x20, 'a row after it: the picture of two frames before');
  c = frame(c, 0x80, 20); // the last access before the window: nothing drawn
  t.equal(rowColour(0), 0x40, 'a frame whose accesses end before the window shows the one two before, whole');
  t.equal(rowColour(209), 0x40, 'to its last row');
  t.end();
});

test('VDELP0: GRP0 shows the value latched by the last GRP1 write', (t) => {
  const tia = freshTia();
  tia.write(RESP0, 0, at(39, 28)); // pixel 21
  tia.write(VDELP0, 1, at(39, 40));
  tia.write(GRP0, 0x80, at(39, 41));
  t.deepEqual(pixelsOf(line(tia, 40), C0), [], 'GRP0 written, not yet shown');
  tia.write(GRP1, 0x00, at(41, 0));
  t.deepEqual(pixelsOf(line(tia, 41), C0), [21], 'shown after a GRP1 write');
  t.end();
});

test('RESMP0 hides the missile and leaves it at the middle of the player', (t) => {
  const tia = freshTia();
  tia.write(RESP0, 0, at(39, 28)); // player at 21
  tia.write(ENAM0, 2, at(39, 29));
  tia.write(RESMP0, 2, at(39, 30));
  t.deepEqual(pixelsOf(line(tia, 40), C0), [], 'locked missile is not drawn');
  tia.write(RESMP0, 0, at(41, 0));
  t.deepEqual(pixelsOf(line(tia, 41), C0), [25], 'released at player + 4');
  t.end();
});

test('collisions: each of the 15 latches, and CXCLR', (t) => {
  // Every object covers pixels 56..63 when enabled.
  type Obj = 'P0' | 'P1' | 'M0' | 'M1' | 'BL' | 'PF';
  const enable: Record<Obj, (tia: Tia) => void> = {
    P0: (tia) => { tia.write(RESP0, 0, at(38, 39)); tia.write(GRP0, 0xff, at(39, 0)); }, // clock 117 -> 54 + 5 = 59
    P1: (tia) => { tia.write(RESP1, 0, at(38, 39)); tia.write(GRP1, 0xff, at(39, 1)); },
    M0: (tia) => { tia.write(RESM0, 0, at(38, 40)); tia.write(NUSIZ0, 0x30, at(38, 50)); tia.write(ENAM0, 2, at(39, 2)); },
    M1: (tia) => { tia.write(RESM1, 0, at(38, 40)); tia.write(NUSIZ1, 0x30, at(38, 51)); tia.write(ENAM1, 2, at(39, 3)); },
    BL: (tia) => { tia.write(RESBL, 0, at(38, 40)); tia.write(CTRLPF, 0x30, at(38, 52)); tia.write(ENABL, 2, at(39, 4)); },
    PF: (tia) => { tia.write(PF2, 0x0c, at(39, 5)); }, // cells 14-15: pixels 56..63
  };
  // [register, bit] each pair raises.
  const latch: Record<string, [number, number]> = {
    'M0-P1': [0, 7], 'M0-P0': [0, 6], 'M1-P0': [1, 7], 'M1-P1': [1, 6],
    'P0-PF': [2, 7], 'P0-BL': [2, 6], 'P1-PF': [3, 7], 'P1-BL': [3, 6],
    'M0-PF': [4, 7], 'M0-BL': [4, 6], 'M1-PF': [5, 7], 'M1-BL': [5, 6],
    'BL-PF': [6, 7], 'P0-P1': [7, 7], 'M0-M1': [7, 6],
  };
  const objs: Obj[] = ['P0', 'P1', 'M0', 'M1', 'BL', 'PF'];
  let pairs = 0;
  for (let i = 0; i < objs.length; i++) {
    for (let j = i + 1; j < objs.length; j++) {
      const tia = freshTia();
      enable[objs[i]](tia);
      enable[objs[j]](tia);
      const key = latch[`${objs[i]}-${objs[j]}`] ?? latch[`${objs[j]}-${objs[i]}`];
      const reads = range(0, 8).map((r) => tia.read(r, at(39, 20)));
      t.deepEqual(reads, [0, 0, 0, 0, 0, 0, 0, 0], `${objs[i]}/${objs[j]}: nothing before the beam reaches them`);
      const after = range(0, 8).map((r) => tia.read(r, at(40, 0)));
      const expected = range(0, 8).map((r) => (r === key[0] ? 1 << key[1] : 0));
      t.deepEqual(after, expected, `${objs[i]}/${objs[j]} sets register ${key[0]} bit ${key[1]}`);
      tia.write(CXCLR, 0, at(40, 1));
      t.equal(tia.read(key[0], at(40, 2)), 0, 'CXCLR clears it');
      pairs++;
    }
  }
  t.equal(pairs, 15, 'all 15 pairs');
  t.end();
});

test('collisions: none while VBLANK blanks the line, and the line is black', (t) => {
  const tia = freshTia();
  tia.write(RESP0, 0, at(38, 39));
  tia.write(GRP0, 0xff, at(39, 0));
  tia.write(PF2, 0x0c, at(39, 1));
  tia.write(VBLANK, 0x02, at(39, 2));
  const px = line(tia, 39);
  t.equal(tia.read(2, at(40, 0)), 0, 'CXP0FB stays clear');
  t.deepEqual(pixelsOf(px, 0).length, 160, 'all black');
  t.end();
});

test('drawing off: no pixels written, collisions still latched', (t) => {
  const tia = freshTia();
  tia.drawing = false;
  tia.write(RESP0, 0, at(38, 39));
  tia.write(GRP0, 0xff, at(39, 0));
  tia.write(PF2, 0x0c, at(39, 1));
  const px = line(tia, 39);
  t.deepEqual(pixelsOf(px, 0).length, 160, 'the screen keeps its old (zero) contents');
  t.equal(tia.read(2, at(40, 0)), 0x80, 'P0-PF collision latched');
  t.end();
});

test('paddle ports: dumped while VBLANK bit 7 is set, charge after the release', (t) => {
  const tia = freshTia();
  const r = 408823;
  const need = paddleChargeCycles(r);
  t.equal(need, Math.floor(1.6 * r * 0.01e-6 * 1.19e6), 'ALE formula');
  tia.setPaddle(0, r);
  tia.setPaddle(1, 27450);
  tia.write(VBLANK, 0x80, 1000);
  t.equal(tia.read(INPT0, 5000), 0, 'dumped: bit 7 reads 0');
  tia.write(VBLANK, 0x00, 6000);
  t.equal(tia.read(INPT0, 6000 + need), 0, `not yet charged ${need} cycles after the release`);
  t.equal(tia.read(INPT0, 6000 + need + 1), 0x80, 'charged one cycle later');
  t.equal(tia.read(INPT0 + 1, 6000 + paddleChargeCycles(27450) + 1), 0x80, 'a lower resistance charges sooner');
  tia.write(VBLANK, 0x80, 30000);
  t.equal(tia.read(INPT0, 30001), 0, 'dumped again');
  t.end();
});

test('INPT4: fire button, read as it is even with VBLANK bit 6 set (ALE has no latch)', (t) => {
  const tia = freshTia();
  t.equal(tia.read(INPT4, 100), 0x80, 'released: bit 7 set');
  tia.setFire(0, true);
  t.equal(tia.read(INPT4, 101), 0x00, 'pressed: bit 7 clear');
  tia.setFire(0, false);
  t.equal(tia.read(INPT4, 102), 0x80, 'released again');
  tia.write(VBLANK, 0x40, 103);
  tia.setFire(0, true);
  tia.setFire(0, false);
  t.equal(tia.read(INPT4, 104), 0x80, 'a release shows at once, latch bit or not (Road Runner and Solaris need this)');
  tia.setFire(1, true);
  t.equal(tia.read(INPT4 + 1, 105), 0x00, 'INPT5: the second button');
  t.equal(tia.read(INPT4, 105), 0x80, 'INPT4 unaffected');
  t.end();
});

test('WSYNC stalls to the start of the next line', (t) => {
  const tia = freshTia();
  t.equal(tia.write(WSYNC, 0, at(50, 10)), 66, 'from cycle 10: 66 cycles');
  t.equal(tia.write(WSYNC, 0, at(51, 75)), 1, 'from cycle 75: 1 cycle');
  t.equal(tia.write(WSYNC, 0, at(52, 0)), 0, 'at the line start: no stall');
  t.end();
});

test('VSYNC ends the frame only when cleared a full scanline after it was set', (t) => {
  const tia = freshTia();
  tia.write(VSYNC, 0x02, at(100, 10));
  tia.write(VSYNC, 0x00, at(101, 9));
  t.notOk(tia.frameDone, 'cleared 75 cycles (225 clocks) later: the frame goes on');
  tia.write(VSYNC, 0x00, at(101, 10));
  t.ok(tia.frameDone, 'cleared 228 clocks after the set: frame over');
  tia.startFrame(at(101, 12));
  t.notOk(tia.frameDone, 'a new frame starts');
  t.deepEqual(tia.beamAt(at(101, 12)), { line: 0, clock: 36 }, 'the new frame starts at the current line, keeping the beam position');
  tia.write(VSYNC, 0x00, at(101, 40));
  t.notOk(tia.frameDone, 'a clear without a set does not end a frame');
  t.end();
});

test('a frame is cut by a TIA write after 290 scanlines', (t) => {
  const tia = freshTia();
  tia.write(COLUBK, 0, at(290, 75));
  t.notOk(tia.frameDone, 'scanline 290: still running');
  tia.write(COLUBK, 0, at(291, 0));
  t.ok(tia.frameDone, 'scanline 291: cut');
  t.end();
});

test('repeated lines: runs of identical lines are all on the screen once the frame ends', (t) => {
  // Lines 40-99 show one pattern and a line with a player breaks the run at 70; the TIA
  // writes repeated lines late, so the test reads them only after the frame ends.
  const draw = (tia: Tia) => {
    tia.write(PF1, 0xa5, at(39, 0));
    tia.write(RESP0, 0, at(69, 30));
    tia.write(GRP0, 0xff, at(70, 0));
    tia.write(GRP0, 0x00, at(71, 0));
    endAt(tia, at(100, 0));
  };
  const tia = freshTia();
  draw(tia);
  const row = (n: number) => Array.from(tia.screen.subarray((n - SCREEN_Y_START) * 160, (n - SCREEN_Y_START + 1) * 160));
  const plain = row(40);
  t.equal(pixelsOf(Uint8Array.from(plain), PF).length, 32, 'the pattern line: PF1 $A5 sets 4 cells in each half');
  const differing = [];
  for (let n = 41; n < 100; n++) if (row(n).join() !== plain.join()) differing.push(n);
  t.deepEqual(differing, [70], 'every line equals the first one but the player line');
  t.ok(row(70).includes(C0), 'the player line shows the player');
  t.end();
});
