import test from 'tape';
import { Atari2600 } from '../emulator/atari2600.js';

/*
 * Code running from switched slices and from cartridge RAM, through the CPU
 * (and so its translation cache, which keys blocks by where their bytes sit
 * and may assume ROM bytes never change). Each program ends on a JAM, which
 * ends the frame.
 */

function run(rom: Uint8Array): Atari2600 {
  const console = new Atari2600(rom);
  console.ram.fill(0); // the programs count from 0; power-on RAM is ALE's random bytes
  console.frame();
  return console;
}

test('console: E0: the same address runs the code of whichever slice is switched in', (t) => {
  const rom = new Uint8Array(8192);
  rom[0] = 1; // not one repeated byte: not a Super Chip image
  // prettier-ignore
  rom.set([
    0xa2, 0xff,       // FC00 LDX #$FF
    0x9a,             // FC02 TXS
    0xad, 0xe1, 0x1f, // FC03 LDA $1FE1   segment 0 <- slice 1
    0x20, 0x00, 0xf0, // FC06 JSR $F000
    0xad, 0xe2, 0x1f, // FC09 LDA $1FE2   segment 0 <- slice 2
    0x20, 0x00, 0xf0, // FC0C JSR $F000
    0xad, 0xe9, 0xff, // FC0F LDA $FFE9   segment 1 <- slice 1 (also the detection signature)
    0x20, 0x00, 0xf4, // FC12 JSR $F400
    0xad, 0xe1, 0x1f, // FC15 LDA $1FE1   segment 0 <- slice 1 again
    0x20, 0x00, 0xf0, // FC18 JSR $F000
    0x02,             // FC1B JAM
  ], 0x1c00);
  rom.set([0x00, 0xfc], 0x1ffc);
  rom.set([0xe6, 0x82, 0xa9, 0x11, 0x85, 0x80, 0x60], 0x400); // slice 1: INC $82; LDA #$11; STA $80; RTS
  rom.set([0xa9, 0x22, 0x85, 0x81, 0x60], 0x800); // slice 2: LDA #$22; STA $81; RTS
  const c = run(rom);
  t.equal(c.cart.format, 'E0');
  t.ok(c.jammed, 'reached the JAM');
  t.equal(c.ram[0], 0x11, 'slice 1 ran');
  t.equal(c.ram[1], 0x22, 'slice 2 ran at the same address');
  t.equal(c.ram[2], 3, 'slice 1 ran three times: in segment 0, in segment 1, in segment 0 again');
  t.end();
});

test('console: Super Chip: code copied into cartridge RAM runs, and runs changed after a store', (t) => {
  const rom = new Uint8Array(8192);
  rom.fill(0x00, 0, 256);
  // prettier-ignore
  rom.set([
    0xa2, 0xff,       // F200 LDX #$FF
    0x9a,             // F202 TXS
    0xa2, 0x00,       // F203 LDX #0
    0xbd, 0x40, 0xf2, // F205 LDA $F240,X   the routine, from ROM
    0x9d, 0x00, 0xf0, // F208 STA $F000,X   into RAM through the write port
    0xe8,             // F20B INX
    0xe0, 0x05,       // F20C CPX #5
    0xd0, 0xf5,       // F20E BNE $F205
    0x20, 0x80, 0xf0, // F210 JSR $F080     run it from the read port
    0xa5, 0x80,       // F213 LDA $80
    0x85, 0x82,       // F215 STA $82
    0xa9, 0xa5,       // F217 LDA #$A5
    0x8d, 0x01, 0xf0, // F219 STA $F001     change its operand
    0x20, 0x80, 0xf0, // F21C JSR $F080     run it again
    0xad, 0x00, 0xf0, // F21F LDA $F000     the write port reads ROM (ALE)
    0x85, 0x83,       // F222 STA $83
    0xad, 0x80, 0xf0, // F224 LDA $F080
    0x85, 0x84,       // F227 STA $84
    0x02,             // F229 JAM
  ], 0x1200);
  rom.set([0xa9, 0x5a, 0x85, 0x80, 0x60], 0x1240); // LDA #$5A; STA $80; RTS
  rom.set([0x00, 0xf2], 0x1ffc);
  const c = run(rom);
  t.equal(c.cart.format, 'F8SC');
  t.ok(c.jammed, 'reached the JAM');
  t.equal(c.ram[2], 0x5a, 'the copied routine ran');
  t.equal(c.ram[0], 0xa5, 'the changed routine ran changed');
  t.equal(c.ram[3], 0x00, 'reading the write port gave ROM');
  t.equal(c.ram[4], 0xa9, 'reading the read port gave RAM');
  t.end();
});

test('console: FE: a JSR to $Dxxx runs the second 4K, which reads both halves by address', (t) => {
  const rom = new Uint8Array(8192);
  // prettier-ignore
  rom.set([
    0xa2, 0xff,                   // F000 LDX #$FF
    0x9a,                         // F002 TXS
    0x20, 0x00, 0xd0, 0xc6, 0xc5, // F003 JSR $D000; DEC $C5 (the detection signature)
    0x02,                         // F008 JAM
  ], 0);
  rom.set([0x00, 0xf0], 0xffc);
  // prettier-ignore
  rom.set([
    0xa9, 0x42, 0x85, 0x80, // D000 LDA #$42; STA $80
    0xad, 0x00, 0xf0,       // D004 LDA $F000   first half
    0x85, 0x81,             // D007 STA $81
    0xad, 0x00, 0x10,       // D009 LDA $1000   second half (A13 clear)
    0x85, 0x82,             // D00C STA $82
    0x60,                   // D00E RTS
  ], 0x1000);
  const c = run(rom);
  t.equal(c.cart.format, 'FE');
  t.ok(c.jammed, 'reached the JAM');
  t.equal(c.ram[0], 0x42, 'the second half ran');
  t.equal(c.ram[1], 0xa2, '$F000 reads the first half');
  t.equal(c.ram[2], 0xa9, '$1000 reads the second half');
  t.end();
});
