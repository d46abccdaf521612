import test from 'tape';
import { Cpu } from '../emulator/cpu.js';
import { FlatBus } from '../emulator/flat-bus.js';

// Cycles per opcode, row = high nibble. "n" = n cycles, "n+" = n plus 1 when the
// indexed address crosses a page, "b" = branch, "J" = JAM. Written from the NMOS
// 6502 timing tables (documented and undocumented opcodes).
const TABLE = [
  '7  6  J  8  3  3  5  5  3  2  2  2  4  4  6  6', // 0x
  'b  5+ J  8  4  4  6  6  2  4+ 2  7  4+ 4+ 7  7', // 1x
  '6  6  J  8  3  3  5  5  4  2  2  2  4  4  6  6', // 2x
  'b  5+ J  8  4  4  6  6  2  4+ 2  7  4+ 4+ 7  7', // 3x
  '6  6  J  8  3  3  5  5  3  2  2  2  3  4  6  6', // 4x
  'b  5+ J  8  4  4  6  6  2  4+ 2  7  4+ 4+ 7  7', // 5x
  '6  6  J  8  3  3  5  5  4  2  2  2  5  4  6  6', // 6x
  'b  5+ J  8  4  4  6  6  2  4+ 2  7  4+ 4+ 7  7', // 7x
  '2  6  2  6  3  3  3  3  2  2  2  2  4  4  4  4', // 8x
  'b  6  J  6  4  4  4  4  2  5  2  5  5  5  5  5', // 9x
  '2  6  2  6  3  3  3  3  2  2  2  2  4  4  4  4', // Ax
  'b  5+ J  5+ 4  4  4  4  2  4+ 2  4+ 4+ 4+ 4+ 4+', // Bx
  '2  6  2  8  3  3  5  5  2  2  2  2  4  4  6  6', // Cx
  'b  5+ J  8  4  4  6  6  2  4+ 2  7  4+ 4+ 7  7', // Dx
  '2  6  2  8  3  3  5  5  2  2  2  2  4  4  6  6', // Ex
  'b  5+ J  8  4  4  6  6  2  4+ 2  7  4+ 4+ 7  7', // Fx
].flatMap((row) => row.trim().split(/\s+/));

const hex = (n: number) => '$' + n.toString(16).toUpperCase().padStart(2, '0');

/**
 * Every operand is $F0 $10: zero page $F0, absolute $10F0, and the zero-page
 * pointers at $F0.. also point to $10F0. An index of 1 stays on the page, $20
 * crosses it.
 */
function timeOpcode(op: number, index: number): { cycles: number; counted: number } {
  const bus = new FlatBus();
  const m = bus.memory;
  m.set([op, 0xf0, 0x10], 0x0200);
  m.set([0xf0, 0x10, 0x10], 0x00f0);
  m.set([0xf0, 0x10], 0x0010); // (zp,X) pointer when X = $20
  const cpu = new Cpu(bus);
  cpu.pc = 0x0200;
  cpu.x = index;
  cpu.y = index;
  const before = cpu.cycles;
  const cycles = cpu.step();
  return { cycles, counted: cpu.cycles - before };
}

test('cycle table: all 256 opcodes minus JAM, with and without a page crossing', (t) => {
  t.equal(TABLE.length, 256, 'table has 256 entries');
  let checked = 0;
  for (let op = 0; op < 256; op++) {
    const entry = TABLE[op];
    if (entry === 'J' || entry === 'b') continue;
    const base = parseInt(entry, 10);
    const penalty = entry.endsWith('+') ? 1 : 0;
    const same = timeOpcode(op, 0x01);
    const cross = timeOpcode(op, 0x20);
    t.equal(same.cycles, base, `${hex(op)}: ${base} cycles on the same page`);
    t.equal(cross.cycles, base + penalty, `${hex(op)}: ${base + penalty} cycles across a page`);
    t.equal(same.counted, same.cycles, `${hex(op)}: step() result equals the cycles counted`);
    checked++;
  }
  t.equal(checked, 256 - 12 - 8, 'checked every non-branch, non-JAM opcode');
  t.end();
});

test('branches: 2 not taken, 3 taken, 4 taken across a page', (t) => {
  // [opcode, status that takes it, status that does not]
  const branches: [number, string, number, number][] = [
    [0x10, 'BPL', 0x00, 0x80],
    [0x30, 'BMI', 0x80, 0x00],
    [0x50, 'BVC', 0x00, 0x40],
    [0x70, 'BVS', 0x40, 0x00],
    [0x90, 'BCC', 0x00, 0x01],
    [0xb0, 'BCS', 0x01, 0x00],
    [0xd0, 'BNE', 0x00, 0x02],
    [0xf0, 'BEQ', 0x02, 0x00],
  ];
  // [where the branch sits, offset, taken?, expected cycles, expected PC]
  const cases: [number, number, boolean, number, number][] = [
    [0x0200, 0x10, false, 2, 0x0202],
    [0x0200, 0x10, true, 3, 0x0212],
    [0x02f0, 0x20, true, 4, 0x0312], // forward into the next page
    [0x0200, 0xf0, true, 4, 0x01f2], // backward into the previous page
    [0x02fe, 0x00, true, 3, 0x0300], // the page is judged from the next instruction ($0300)
    [0x02fe, 0xff, true, 4, 0x02ff], // ... so stepping back to $02FF crosses
    [0x02f0, 0x20, false, 2, 0x02f2],
  ];
  for (const [op, name, takeP, skipP] of branches) {
    for (const [at, offset, taken, cycles, pc] of cases) {
      const bus = new FlatBus();
      bus.memory.set([op, offset], at);
      const cpu = new Cpu(bus);
      cpu.pc = at;
      cpu.status = taken ? takeP : skipP;
      const got = cpu.step();
      const label = `${name} at $${at.toString(16)} offset ${hex(offset)} ${taken ? 'taken' : 'not taken'}`;
      t.equal(got, cycles, `${label}: ${cycles} cycles`);
      t.equal(cpu.pc, pc, `${label}: PC = $${pc.toString(16)}`);
    }
  }
  t.end();
});

test('reset takes 7 cycles and loads the vector at $FFFC', (t) => {
  const bus = new FlatBus();
  bus.memory[0xfffc] = 0x34;
  bus.memory[0xfffd] = 0xf2;
  const cpu = new Cpu(bus);
  cpu.status = 0;
  cpu.reset();
  t.equal(cpu.cycles, 7);
  t.equal(cpu.pc, 0xf234);
  t.equal(cpu.sp, 0xfd);
  t.ok(cpu.status & 0x04, 'I set');
  t.end();
});
