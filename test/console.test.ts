import test from 'tape';
import { Atari2600, MAX_FRAME_INSTRUCTIONS } from '../emulator/atari2600.js';
import { RomError } from '../emulator/cartridge.js';
import { sharedFile } from './paths.js';
import { builtinRom } from '../cli/rom.js';

/** A 2K ROM with `code` at $F800 (mirrored at $F000, $1000, $1800) and the reset vector pointing there. */
function rom2k(code: number[]): Uint8Array {
  const rom = new Uint8Array(2048);
  rom.set(code, 0);
  rom.set([0x00, 0xf8, 0x00, 0xf8], 0x7fc);
  return rom;
}

// prettier-ignore
const BUS_MAP = rom2k([
  0x78,             // F800 SEI
  0xd8,             // F801 CLD
  0xa2, 0xff,       // F802 LDX #$FF
  0x9a,             // F804 TXS
  0xa9, 0x5a,       // F805 LDA #$5A
  0x85, 0x80,       // F807 STA $80
  0xad, 0x80, 0x01, // F809 LDA $0180    RAM again, through the stack-page mirror
  0x85, 0x81,       // F80C STA $81
  0xa9, 0xa5,       // F80E LDA #$A5
  0x8d, 0xff, 0x05, // F810 STA $05FF    RAM $FF: A8 and A10 are not decoded
  0xa5, 0xff,       // F813 LDA $FF
  0x85, 0x82,       // F815 STA $82
  0xad, 0x82, 0x02, // F817 LDA $0282    SWCHB (RIOT I/O, A9 = 1)
  0x85, 0x83,       // F81A STA $83
  0xad, 0x00, 0x18, // F81C LDA $1800    the cartridge's first byte through a mirror
  0x85, 0x84,       // F81F STA $84
  0xa5, 0x3c,       // F821 LDA $3C      INPT4 through a TIA mirror
  0x85, 0x85,       // F823 STA $85
  0x02,             // F825 JAM
]);

// prettier-ignore
const FRAMES = rom2k([
  0x78, 0xd8, 0xa2, 0xff, 0x9a, // F800 SEI, CLD, LDX #$FF, TXS
  0xa9, 0x1e,       // F805 LDA #$1E
  0x85, 0x49,       // F807 STA $49      COLUBK through a mirror ($49 & $3F = $09)
  0xa9, 0x02,       // F809 frame: LDA #2
  0x85, 0x00,       // F80B STA VSYNC
  0x85, 0x02,       // F80D STA WSYNC
  0x85, 0x02,       // F80F STA WSYNC
  0x85, 0x02,       // F811 STA WSYNC
  0xa9, 0x00,       // F813 LDA #0
  0x85, 0x00,       // F815 STA VSYNC    the frame ends after this instruction
  0xe6, 0x80,       // F817 INC $80
  0xa2, 0xc8,       // F819 LDX #200
  0x85, 0x02,       // F81B line: STA WSYNC
  0xca,             // F81D DEX
  0xd0, 0xfb,       // F81E BNE line
  0x4c, 0x09, 0xf8, // F820 JMP frame
]);

test('bus map: RAM mirrors, RIOT I/O, cartridge mirror, TIA read with data-bus bits', (t) => {
  const a = new Atari2600(BUS_MAP);
  a.setSelectSwitch(true);
  a.frame();
  t.ok(a.jammed, 'the program ends on its JAM');
  t.equal(a.ram[0], 0x5a, 'STA $80 lands in RAM byte 0 (ram is a live view)');
  t.equal(a.ram[1], 0x5a, '$0180 reads the same RAM byte');
  t.equal(a.ram[2], 0xa5, '$05FF writes RAM byte $7F');
  t.equal(a.ram[0x7f], 0xa5, 'RAM byte $7F');
  t.equal(a.ram[3], 0x3d, 'SWCHB: SELECT pressed (bit 1 low), colour, unused pins high');
  t.equal(a.ram[4], 0x78, '$1800 reads the ROM image (SEI)');
  t.equal(a.ram[5], 0x80 | 0x3c, 'INPT4: bit 7 from the TIA (released), bits 0-5 the last bus byte ($3C, the operand)');
  t.end();
});

test('WSYNC stalls the CPU to the start of the next scanline', (t) => {
  const a = new Atari2600(FRAMES);
  while (a.cpu.pc !== 0xf80d) a.cpu.step();
  const before = a.tia.beamAt(a.cpu.cycles);
  const cycles = a.cpu.step();
  const after = a.tia.beamAt(a.cpu.cycles);
  t.ok(before.clock > 0, `before: clock ${before.clock} of line ${before.line}`);
  t.deepEqual(after, { line: before.line + 1, clock: 0 }, 'after STA WSYNC: clock 0 of the next line');
  t.equal(cycles, 3 + 76 - (before.clock / 3 + 3), 'step() counts the stall');
  t.end();
});

test('a frame ends right after the instruction that clears VSYNC', (t) => {
  const a = new Atari2600(FRAMES);
  a.ram.fill(0); // the program counts passes from 0; power-on RAM is ALE's random bytes
  a.frame();
  t.equal(a.cpu.pc, 0xf817, 'first frame: stopped after STA VSYNC');
  t.equal(a.frameCount, 1, 'frameCount');
  a.frame();
  t.equal(a.cpu.pc, 0xf817, 'second frame: stopped at the same place');
  t.equal(a.ram[0], 1, 'one pass through the frame loop');
  t.equal(a.tia.lastFrameLines, 203, '200 lines + 3 lines of VSYNC');
  t.equal(a.screen[0], 0x1e, 'window row 0 (scanline 34) drawn with COLUBK written through a mirror');
  t.equal(a.screen[168 * 160 + 159], 0x1e, 'row 168 (scanline 202) drawn');
  t.equal(a.screen[169 * 160], 0, 'row 169 (scanline 203) is past the end of the frame: not drawn');
  t.end();
});

test('a ROM that never ends a frame is cut after 290 scanlines', (t) => {
  const a = new Atari2600(rom2k([0x85, 0x02, 0x4c, 0x00, 0xf8])); // loop: STA WSYNC; JMP loop
  const start = a.cpu.cycles;
  a.frame();
  // The first write past scanline 290 is the WSYNC on scanline 291, which then stalls to its end.
  t.equal(a.tia.lastFrameLines, 292, 'cut by the WSYNC on scanline 291: ends at the start of 292');
  t.ok(a.cpu.cycles - start <= 292 * 76, 'well before the instruction limit');
  a.frame();
  t.equal(a.tia.lastFrameLines, 292, 'the next frame too');
  t.end();
});

test('a ROM that never touches the TIA stops after the instruction limit', (t) => {
  const a = new Atari2600(rom2k([0x4c, 0x00, 0xf8])); // JMP $F800
  const start = a.cpu.cycles;
  a.frame();
  t.equal(a.cpu.cycles - start, MAX_FRAME_INSTRUCTIONS * 3, `${MAX_FRAME_INSTRUCTIONS} JMPs of 3 cycles`);
  t.notOk(a.jammed, 'not jammed');
  t.end();
});

test('JAM is reported and stops the console', (t) => {
  const a = new Atari2600(rom2k([0xea, 0x02])); // NOP; JAM
  a.frame();
  t.ok(a.jammed, 'jammed');
  const c = a.cpu.cycles;
  a.frame();
  t.equal(a.cpu.cycles, c, 'frame() does nothing more');
  a.powerOn();
  t.notOk(a.jammed, 'powerOn clears it');
  t.end();
});

test('a ROM of a size no cartridge has is refused with RomError', (t) => {
  t.throws(() => new Atari2600(new Uint8Array(1000)), RomError);
  t.end();
});

// Frames of about two scanlines, while the RIOT timer (64-cycle interval, then past its wrap)
// and a paddle's charge run across hundreds of them: every cycle mark outlives its frame.
// prettier-ignore
const LONG_MARKS = rom2k([
  0x78, 0xd8,       // F800 SEI, CLD
  0xa9, 0x80,       // F802 LDA #$80
  0x85, 0x01,       // F804 STA VBLANK    dump the paddle ports
  0xa9, 0x00,       // F806 LDA #0
  0x85, 0x01,       // F808 STA VBLANK    release: the ports start charging
  0xa9, 0x64,       // F80A LDA #100
  0x8d, 0x96, 0x02, // F80C STA TIM64T    6,400 cycles, then the wrap
  0xa2, 0x00,       // F80F LDX #0
  0xa9, 0x02,       // F811 frame: LDA #2
  0x85, 0x00,       // F813 STA VSYNC
  0x85, 0x02,       // F815 STA WSYNC
  0x85, 0x02,       // F817 STA WSYNC
  0xa9, 0x00,       // F819 LDA #0
  0x85, 0x00,       // F81B STA VSYNC     the frame ends after this
  0xad, 0x85, 0x02, // F81D LDA TIMINT
  0x95, 0xc0,       // F820 STA $C0,X
  0xad, 0x84, 0x02, // F822 LDA INTIM
  0x95, 0x80,       // F825 STA $80,X
  0xa5, 0x08,       // F827 LDA INPT0
  0x95, 0xa0,       // F829 STA $A0,X
  0xe8,             // F82B INX
  0x8a,             // F82C TXA
  0x29, 0x1f,       // F82D AND #$1F
  0xaa,             // F82F TAX
  0x4c, 0x11, 0xf8, // F830 JMP frame
]);

/** Runs `frames` frames on two consoles, one rebasing before every frame; true while they agree. */
function rebasingAgrees(rom: Uint8Array, frames: number, setup: (a: Atari2600, frame: number) => void): { same: boolean; frames: number; rebased: Atari2600 } {
  const plain = new Atari2600(rom);
  const rebased = new Atari2600(rom);
  let same = true;
  let f = 0;
  for (; f < frames && same; f++) {
    setup(plain, f);
    setup(rebased, f);
    rebased.rebaseCycles();
    const startPlain = plain.cpu.cycles;
    plain.frame();
    rebased.frame();
    same =
      plain.cpu.cycles - startPlain === rebased.cpu.cycles &&
      plain.tia.lastFrameLines === rebased.tia.lastFrameLines &&
      plain.ram.every((v, i) => v === rebased.ram[i]) &&
      plain.screen.every((v, i) => v === rebased.screen[i]);
  }
  return { same, frames: f, rebased };
}

test('rebasing the cycle counter between frames: timer and paddle charge across frames', (t) => {
  const seen = new Set<number>();
  let flagSeen = false;
  const r = rebasingAgrees(LONG_MARKS, 400, (a) => {
    a.setPaddle(0, 790_196);
    for (let i = 0; i < 0x20; i++) seen.add(a.ram[i]);
    // The flag shows once: the INTIM read after it keeps it clear (ALE's timer), and RAM is reused.
    flagSeen ||= a.ram.slice(0x40, 0x60).some((v) => v === 0x80);
  });
  t.ok(r.same, `same cycles, lines and RAM for ${r.frames} frames`);
  // The program saw the timer count down, wrap and count on, the flag set, and the port charge
  // (RAM $80+X INTIM, $A0+X INPT0, $C0+X TIMINT; bits 0-5 of a TIA read are the data bus).
  t.ok(flagSeen, 'TIMINT flag seen');
  t.ok(r.rebased.ram.slice(0x20, 0x40).every((v) => (v & 0x80) !== 0), 'INPT0 charged by the end');
  t.ok(seen.size > 50, `${seen.size} INTIM values seen`);
  t.end();
});

const pong = sharedFile('roms/pong.bin');
if (!pong) console.log('# skipping: ../shared/roms/pong.bin not found');

for (const [name, rom] of [['Pong', pong], ['the built-in game', builtinRom()]] as const) {
test(`rebasing the cycle counter between frames: ${name}, screens included`, { skip: !rom }, (t) => {
  const r = rebasingAgrees(rom!, 400, (a, f) => {
    a.setResetSwitch(f >= 70 && f < 74);
    a.setPaddle(0, 100_000 + ((f * 7919) % 600_000));
    a.setPaddle(1, 100_000 + ((f * 7919) % 600_000));
  });
  t.ok(r.same, `same cycles, lines, RAM and screen for ${r.frames} frames`);
  t.ok(r.rebased.cpu.cycles < 20_000, 'the rebased counter stays within one frame');
  t.end();
});
}

/** ALE's frame loop run on the CPU's reference core (every access a bus call, no translation). */
/** Consoles whose last reference frame ended on the instruction limit: the next one continues it. */
const partialReference = new WeakSet<Atari2600>();

function referenceFrame(a: Atari2600): void {
  const { cpu, tia } = a;
  if (!partialReference.has(a)) tia.startFrame(cpu.cycles);
  for (let n = 0; n < MAX_FRAME_INSTRUCTIONS && !tia.frameDone && !cpu.jammed; n++) cpu.stepReference();
  if (tia.frameDone) partialReference.delete(a);
  else partialReference.add(a);
  tia.endFrame(cpu.cycles);
}

/** Runs frame() and the reference loop side by side; the first frame where they differ, or -1. */
function firstDifferentFrame(rom: Uint8Array, frames: number, setup: (a: Atari2600, frame: number) => void): number {
  const fast = new Atari2600(rom);
  const ref = new Atari2600(rom);
  for (let f = 0; f < frames; f++) {
    setup(fast, f);
    setup(ref, f);
    fast.frame();
    referenceFrame(ref);
    const same =
      fast.cpu.cycles === ref.cpu.cycles &&
      fast.cpu.pc === ref.cpu.pc &&
      fast.cpu.status === ref.cpu.status &&
      fast.cpu.a === ref.cpu.a &&
      fast.cpu.x === ref.cpu.x &&
      fast.cpu.y === ref.cpu.y &&
      fast.cpu.sp === ref.cpu.sp &&
      fast.tia.lastFrameLines === ref.tia.lastFrameLines &&
      fast.ram.every((v, i) => v === ref.ram[i]) &&
      fast.screen.every((v, i) => v === ref.screen[i]);
    if (!same) return f;
  }
  return -1;
}

type Asm = number | string | ['branch' | 'jump', number, string] | ['pad', number];

/** A tiny assembler for test ROMs at $F800: bytes, 'label's, branches and jumps to labels, padding with NOPs. */
function assemble(parts: Asm[]): Uint8Array {
  const labels = new Map<string, number>();
  for (let pass = 0; pass < 2; pass++) {
    const out: number[] = [];
    const here = () => 0xf800 + out.length;
    for (const p of parts) {
      if (typeof p === 'number') out.push(p);
      else if (typeof p === 'string') labels.set(p, here());
      else if (p[0] === 'pad') while (here() < p[1]) out.push(0xea);
      else {
        const target = labels.get(p[2]) ?? here();
        if (p[0] === 'branch') out.push(p[1], (target - (here() + 2)) & 0xff);
        else out.push(p[1], target & 0xff, target >> 8);
      }
    }
    if (pass === 1) return rom2k(out);
  }
  throw new Error('unreachable');
}

// Busy waits on the RIOT timer in every form the translator fast-forwards, with timer values
// that change every frame: INTIM until 0 (absolute, and across a page so the branch costs 4),
// the flag through BIT TIMINT, then INTIM's bit 7 past the wrap (a read there puts the count
// back on the 8-cycle interval: such reads have effects and must not be skipped), INTIM's
// bit 7 with a 1-cycle interval, and a plain register loop.
const WAITS = assemble([
  0x78, 0xd8, 0xa2, 0xff, 0x9a, // SEI, CLD, LDX #$FF, TXS
  'frame',
  0xa9, 0x02, 0x85, 0x00,       // LDA #2, STA VSYNC
  0x85, 0x02, 0x85, 0x02, 0x85, 0x02, // STA WSYNC x3
  0xa9, 0x00, 0x85, 0x00,       // LDA #0, STA VSYNC: the frame ends here
  0xe6, 0x90,                   // INC $90
  0xa5, 0x90, 0x29, 0x3f, 0x09, 0x08, 0x8d, 0x96, 0x02, // TIM64T = ($90 & $3F) | 8
  'w1', 0xad, 0x84, 0x02, ['branch', 0xd0, 'w1'],       // LDA INTIM, BNE w1
  0xad, 0x84, 0x02, 0x85, 0x80, // LDA INTIM, STA $80
  0xa5, 0x90, 0x29, 0x07, 0x8d, 0x95, 0x02, // TIM8T = $90 & 7
  'w2', 0x2c, 0x85, 0x02, ['branch', 0x10, 'w2'],       // BIT TIMINT, BPL w2
  'w6', 0xad, 0x84, 0x02, ['branch', 0x30, 'w6'],       // LDA INTIM, BMI w6: its first read is past the wrap,
  0x85, 0x81,                   // STA $81                  and puts the count back on the interval
  0xa5, 0x90, 0x29, 0x1f, 0x09, 0x01, 0x8d, 0x94, 0x02, // TIM1T = ($90 & $1F) | 1
  'w3', 0xae, 0x84, 0x02, ['branch', 0x10, 'w3'],       // LDX INTIM, BPL w3
  0x86, 0x82,                   // STX $82
  0xa5, 0x90, 0x29, 0x0f, 0x09, 0x04, 0x8d, 0x96, 0x02, // TIM64T = ($90 & $0F) | 4
  ['jump', 0x4c, 'w4'],
  ['pad', 0xf8fc],
  'w4', 0xad, 0x84, 0x02, ['branch', 0xd0, 'w4'],       // at $F8FC: the BNE at $F8FF crosses to $F901
  0xad, 0x84, 0x02, 0x85, 0x83, // LDA INTIM, STA $83
  0xa0, 0x30, 'w5', 0x88, ['branch', 0xd0, 'w5'],       // LDY #$30; DEY, BNE
  ['jump', 0x4c, 'frame'],
]);

test('busy waits fast-forwarded by frame() end exactly where the reference core ends', (t) => {
  const f = firstDifferentFrame(WAITS, 300, () => {});
  t.equal(f, -1, 'registers, cycles, RAM and screen agree after every frame');
  const a = new Atari2600(WAITS);
  a.ram.fill(0); // INC $90 counts frames from 0
  for (let i = 0; i < 40; i++) a.frame();
  // The first frame ends before the first INC $90; the waits ended on 0, on the first count
  // below $80 (after the wrap), and on bit 7.
  t.deepEqual([a.ram[0x10], a.ram[0], a.ram[1], a.ram[2] >= 0x80], [39, 0, 0x7f, true], 'the waits ran and ended as they should');
  t.end();
});

test('an endless busy wait stops at the instruction limit exactly as the reference core does', (t) => {
  // SWCHA reads $FF with nothing pressed: the loop never ends, so the poll skips as far as the budget allows.
  const endless = assemble([0x78, 0xd8, 'w', 0xad, 0x80, 0x02, ['branch', 0xd0, 'w']]);
  t.equal(firstDifferentFrame(endless, 5, () => {}), -1, 'same registers, cycles and RAM after each cut frame');
  const a = new Atari2600(endless);
  const start = a.cpu.cycles;
  a.frame();
  // SEI and CLD, then LDA abs (4) + BNE taken (3) for the other 24,998 instructions.
  t.equal(a.cpu.cycles - start, 4 + (24_998 / 2) * 7, 'cut after 25,000 instructions');
  t.end();
});

for (const [name, rom] of [['Pong', pong], ['the built-in game', builtinRom()]] as const) {
  test(`frame() matches the reference core on ${name}, screens included`, { skip: !rom }, (t) => {
    const f = firstDifferentFrame(rom!, 300, (a, frame) => {
      a.setResetSwitch(frame >= 70 && frame < 74);
      a.setPaddle(0, 100_000 + ((frame * 7919) % 600_000));
      a.setPaddle(1, 100_000 + ((frame * 7919) % 600_000));
      a.setPaddleButton(1, frame % 50 > 40);
    });
    t.equal(f, -1, 'registers, cycles, RAM and screen agree after every frame');
    t.end();
  });
}

// Bank-switching cartridges run their switching routines in the chunk that holds the
// hotspots, fetched directly while its data reads go through the bus (MemoryMap.fetches):
// F8 (Beam Rider), F6 (Road Runner) and E0 (Montezuma's Revenge) against the reference core.
for (const game of ['beam_rider', 'road_runner', 'montezuma_revenge']) {
  const rom = sharedFile(`roms/${game}.bin`);
  test(`frame() matches the reference core on ${game} (bank switching), screens included`, { skip: !rom }, (t) => {
    const f = firstDifferentFrame(rom!, 300, (a, frame) => {
      a.setResetSwitch(frame >= 70 && frame < 74);
      const d = (frame * 7919) % 5;
      a.setJoystick(0, d === 1, d === 2, d === 3, d === 4);
      a.setJoystickFire(0, frame % 30 > 20);
    });
    t.equal(f, -1, 'registers, cycles, RAM and screen agree after every frame');
    t.end();
  });
  if (!rom) console.log(`# skipping: ../shared/roms/${game}.bin not found`);
}

test('a frame cut by the instruction limit goes on in the next frame() (ALE\'s partial frame)', (t) => {
  // prettier-ignore
  const rom = rom2k([
    0xea,             // F800 NOP
    0x4c, 0x00, 0xf8, // F801 JMP $F800   never touches the TIA: no VSYNC, no 290-line cut
  ]);
  const a = new Atari2600(rom);
  a.frame();
  const first = a.tia.lastFrameLines;
  t.ok(first > 290, `the first call ran ${first} scanlines on the instruction limit`);
  a.frame();
  const second = a.tia.lastFrameLines;
  t.ok(Math.abs(second - 2 * first) <= 1, `the second call counts on from the same frame start (${second} lines)`);
  t.end();
});

test('powerOn: registers as ALE resets them: A, X, Y 0, SP $FF, every flag clear', (t) => {
  // prettier-ignore
  const a = new Atari2600(rom2k([
    0x08,             // F800 PHP          P as pushed (B and bit 5 set) lands in RAM $FF
    0x85, 0x80,       // F801 STA $80
    0x86, 0x81,       // F803 STX $81
    0x84, 0x82,       // F805 STY $82
    0xba,             // F807 TSX
    0x86, 0x83,       // F808 STX $83
    0x02,             // F80A JAM
  ]));
  a.cpu.a = a.cpu.x = a.cpu.y = 0x55;
  a.cpu.status = 0xff;
  a.powerOn();
  a.frame();
  t.deepEqual([a.ram[0], a.ram[1], a.ram[2]], [0, 0, 0], 'A, X, Y cleared');
  t.equal(a.ram[3], 0xfe, 'SP was $FF (one push made)');
  t.equal(a.ram[0x7f], 0x30, 'no flag set, I included (the 6502 itself would set I, SP $FD)');
  t.end();
});

test('a pull from the TIA\'s half of page 1 shows the byte read at the old stack pointer in bits 0-5', (t) => {
  // prettier-ignore
  const a = new Atari2600(rom2k([
    0xa2, 0xff,       // F800 LDX #$FF
    0x9a,             // F802 TXS
    0xa9, 0x2a,       // F803 LDA #$2A
    0x85, 0xff,       // F805 STA $FF      = $01FF, where the pull's first stack read lands
    0x68,             // F807 PLA          SP wraps to 0: reads $0100, the TIA's CXM0P (no collision yet)
    0x85, 0x80,       // F808 STA $80
    0x02,             // F80A JAM
  ]));
  a.frame();
  t.equal(a.ram[0], 0x2a, 'bits 0-5 from $01FF (the PLA opcode $68 would give $28), as ALE returns');
  t.end();
});
