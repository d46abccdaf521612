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

// [A, operand, carry in, A out, flags out]. Hand-worked with the NMOS rules:
// Z from the binary sum; N and V from the sum once the low digit is corrected
// but before the high digit is; C after full correction. The last ten ADC rows and
// the SBC rows marked (v6502) match transistor-level simulation of the NMOS chip.
const adcCases: [number, number, number, number, string][] = [
  [0x12, 0x34, 0, 0x46, 'nvzc'],
  [0x58, 0x46, 1, 0x05, 'NVzC'], // 58+46+1 = 105: low digit 15 -> $15, sum $A5 gives N and V, then $105
  [0x99, 0x01, 0, 0x00, 'NvzC'], // Z stays clear: the binary sum is $9A
  [0x50, 0x50, 0, 0x00, 'NVzC'], // $A0 before the high fix: N and V set, carry out
  [0xff, 0xff, 1, 0x55, 'NvzC'], // invalid digits: F+F+1 -> $15, $1F5 -> +$60 -> $255
  [0x0f, 0x0f, 0, 0x14, 'nvzc'], // F+F = $1E corrects to $14
  [0x00, 0x00, 0, 0x00, 'nvZc'],
  [0x79, 0x00, 1, 0x80, 'NVzc'],
  [0x24, 0x56, 0, 0x80, 'NVzc'],
  [0x93, 0x82, 0, 0x75, 'nVzC'],
  [0x89, 0x76, 0, 0x65, 'nvzC'],
  [0x89, 0x76, 1, 0x66, 'nvZC'], // Z set: the binary sum is $100
  [0x80, 0xf0, 0, 0xd0, 'nVzC'],
  [0x80, 0xfa, 0, 0xe0, 'NvzC'],
  [0x2f, 0x4f, 0, 0x74, 'nvzc'],
  [0x6f, 0x00, 1, 0x76, 'nvzc'],
];

// NMOS SBC in decimal mode takes N, V, Z and C from the binary difference.
const sbcCases: [number, number, number, number, string][] = [
  [0x46, 0x12, 1, 0x34, 'nvzC'],
  [0x40, 0x13, 1, 0x27, 'nvzC'],
  [0x32, 0x02, 0, 0x29, 'nvzC'], // borrow in: 32-02-1 = 29
  [0x21, 0x34, 1, 0x87, 'Nvzc'], // 21-34 = -13 -> 87 with borrow; binary $ED
  [0x00, 0x00, 0, 0x99, 'Nvzc'], // (v6502)
  [0x00, 0x00, 1, 0x00, 'nvZC'], // (v6502)
  [0x00, 0x01, 1, 0x99, 'Nvzc'], // (v6502)
  [0x0a, 0x00, 1, 0x0a, 'nvzC'], // (v6502) invalid digit passes through
  [0x0b, 0x00, 0, 0x0a, 'nvzC'], // (v6502)
  [0x9a, 0x00, 1, 0x9a, 'NvzC'], // (v6502)
  [0x9b, 0x00, 0, 0x9a, 'NvzC'], // (v6502)
];

test('decimal ADC: results and NMOS flags', (t) => {
  for (const [a, m, c, out, flags] of adcCases) {
    const cpu = run([0x69, m], a, c);
    t.equal(hex(cpu.a), hex(out), `${hex(a)}+${hex(m)}+${c} = ${hex(out)}`);
    t.equal(nvzc(cpu.status), flags, `${hex(a)}+${hex(m)}+${c} flags`);
  }
  t.end();
});

test('decimal SBC: results and NMOS flags (also via $EB)', (t) => {
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
