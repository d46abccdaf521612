import test from 'tape';
import { Cpu } from '../emulator/cpu.js';
import { FlatBus } from '../emulator/flat-bus.js';

const C = 0x01, Z = 0x02, D = 0x08, V = 0x40, N = 0x80;

/** Runs one instruction at $0200 with A and the carry given, D set unless told. */
function run(bytes: number[], a: number, carry: number, decimal = true): Cpu {
  const bus = new FlatBus();
  bus.memory.set(bytes, 0x0200);
  const cpu = new Cpu(bus);
  cpu.pc = 0x0200;
  cpu.a = a;
  cpu.status = (decimal ? D : 0) | carry;
  cpu.step();
  return cpu;
}

/** "NVZC" with lower case for a clear flag, so a failure shows which flag is off. */
function nvzc(p: number): string {
  return (p & N ? 'N' : 'n') + (p & V ? 'V' : 'v') + (p & Z ? 'Z' : 'z') + (p & C ? 'C' : 'c');
}

const hex = (n: number) => '$' + n.toString(16).toUpperCase().padStart(2, '0');

// [A, operand, carry in, A out, flags out]. Hand-worked with ALE's rules (Stella 3's CPU),
// which ALE's traces need, not the NMOS chip's: each byte read as two decimal digits ($0B is
// 11, $FF is 165), added in binary, written back as BCD without the hundreds; C when the sum
// passes 99; N and Z from the result; V when the result's sign differs from both A's and the
// operand's. Valid BCD gives the chip's A and C; invalid digits and N, V, Z can differ.
const adcCases: [number, number, number, number, string][] = [
  [0x12, 0x34, 0, 0x46, 'nvzc'],
  [0x58, 0x46, 1, 0x05, 'nvzC'], // 105: the chip also sets N and V (from $A5)
  [0x99, 0x01, 0, 0x00, 'nvZC'], // Z from the result (the chip's binary sum $9A leaves it clear)
  [0x50, 0x50, 0, 0x00, 'nvZC'],
  [0xff, 0xff, 1, 0x75, 'nVzC'], // 165 + 165 + 1 = 331, low byte 75 (the chip gives $55)
  [0x0f, 0x0f, 0, 0x30, 'nvzc'], // 15 + 15 = 30 (the chip gives $14)
  [0x0b, 0x0d, 0, 0x24, 'nvzc'], // 11 + 13 = 24, as Defender's lives counter needs (the chip gives $1E)
  [0x00, 0x00, 0, 0x00, 'nvZc'],
  [0x79, 0x00, 1, 0x80, 'NVzc'],
  [0x24, 0x56, 0, 0x80, 'NVzc'],
  [0x93, 0x82, 0, 0x75, 'nVzC'],
  [0x89, 0x76, 0, 0x65, 'nvzC'],
  [0x89, 0x76, 1, 0x66, 'nvzC'], // Z clear: the result is $66 (the chip's binary $100 sets it)
  [0x80, 0xf0, 0, 0x30, 'nVzC'], // 80 + 150 = 230 (the chip gives $D0)
];

// SBC likewise: the digits' difference less the borrow, plus 100 when below 0, as BCD; C when
// A >= operand + borrow as raw bytes; N, Z, V as for ADC.
const sbcCases: [number, number, number, number, string][] = [
  [0x46, 0x12, 1, 0x34, 'nvzC'],
  [0x40, 0x13, 1, 0x27, 'nvzC'],
  [0x32, 0x02, 0, 0x29, 'nvzC'], // borrow in: 32-02-1 = 29
  [0x21, 0x34, 1, 0x87, 'NVzc'], // 21-34 = -13 -> 87 with borrow
  [0x00, 0x00, 0, 0x99, 'NVzc'],
  [0x00, 0x00, 1, 0x00, 'nvZC'],
  [0x00, 0x01, 1, 0x99, 'NVzc'],
  [0x0a, 0x00, 1, 0x10, 'nvzC'], // $0A counts as ten (the chip passes $0A through)
  [0x9b, 0x00, 0, 0x00, 'nvZC'], // 101 - 1 = 100, hundreds dropped
  [0x3c, 0x65, 1, 0x77, 'nvzc'], // 42 - 65 + 100: N from the result (the chip's, from binary $D7, is set: Tutankham branches on it)
  [0x00, 0xff, 0, 0x7c, 'nvzc'], // 0 - 165 - 1 + 100 = -66: ALE reads its value table's entry 190 ($BE: 124)
];

test('decimal ADC: results and flags as ALE computes them', (t) => {
  for (const [a, m, c, out, flags] of adcCases) {
    const cpu = run([0x69, m], a, c);
    t.equal(hex(cpu.a), hex(out), `${hex(a)}+${hex(m)}+${c} = ${hex(out)}`);
    t.equal(nvzc(cpu.status), flags, `${hex(a)}+${hex(m)}+${c} flags`);
  }
  t.end();
});

test('decimal SBC: results and flags as ALE computes them (also via $EB)', (t) => {
  for (const [a, m, c, out, flags] of sbcCases) {
    for (const op of [0xe9, 0xeb]) {
      const cpu = run([op, m], a, c);
      t.equal(hex(cpu.a), hex(out), `${op.toString(16)}: ${hex(a)}-${hex(m)}-${1 - c} = ${hex(out)}`);
      t.equal(nvzc(cpu.status), flags, `${op.toString(16)}: ${hex(a)}-${hex(m)}-${1 - c} flags`);
    }
  }
  t.end();
});

test('binary mode is unaffected by the decimal rules', (t) => {
  let cpu = run([0x69, 0x01], 0x99, 0, false);
  t.equal(hex(cpu.a), '$9A', '$99+$01 = $9A in binary');
  t.equal(nvzc(cpu.status), 'Nvzc');
  cpu = run([0x69, 0x50], 0x50, 0, false);
  t.equal(hex(cpu.a), '$A0');
  t.equal(nvzc(cpu.status), 'NVzc', '$50+$50 overflows');
  cpu = run([0xe9, 0x01], 0x80, 1, false);
  t.equal(hex(cpu.a), '$7F');
  t.equal(nvzc(cpu.status), 'nVzC', '$80-$01 overflows');
  cpu = run([0xe9, 0x01], 0x00, 0, false);
  t.equal(hex(cpu.a), '$FE', '0-1-borrow = $FE');
  t.equal(nvzc(cpu.status), 'Nvzc');
  t.end();
});

test('RRA and ISB do their ADC/SBC in decimal mode', (t) => {
  // RRA $10: $02 rotates right with C=1 to $81 (C out 0); then 09 + 81 in BCD = $90.
  let bus = new FlatBus();
  bus.memory.set([0x67, 0x10], 0x0200);
  bus.memory[0x10] = 0x02;
  let cpu = new Cpu(bus);
  cpu.pc = 0x0200;
  cpu.a = 0x09;
  cpu.status = D | C;
  cpu.step();
  t.equal(hex(bus.memory[0x10]), '$81', 'RRA stores the rotated byte');
  t.equal(hex(cpu.a), '$90', 'RRA adds in BCD');
  t.equal(nvzc(cpu.status), 'Nvzc');
  // ISB $10: $09 increments to $0A; 20 - 0A in BCD ($0A counts as ten) = $10.
  bus = new FlatBus();
  bus.memory.set([0xe7, 0x10], 0x0200);
  bus.memory[0x10] = 0x09;
  cpu = new Cpu(bus);
  cpu.pc = 0x0200;
  cpu.a = 0x20;
  cpu.status = D | C;
  cpu.step();
  t.equal(hex(bus.memory[0x10]), '$0A', 'ISB stores the incremented byte');
  t.equal(hex(cpu.a), '$10', 'ISB subtracts in BCD');
  t.equal(nvzc(cpu.status), 'nvzC');
  t.end();
});
