import test from 'tape';
import { Atari2600, MAX_FRAME_INSTRUCTIONS } from '../emulator/atari2600.js';
import { RomError } from '../emulator/cartridge.js';

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
