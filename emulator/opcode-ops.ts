/*
 * The "operation" column of the opcode table (opcodes.ts), for the documented opcodes: what
 * each does once its operand is known, as JavaScript statements and bus steps. The
 * interpreter's generator (scripts/gen-cpu.ts) and the block translator (cpu-translate.ts)
 * both build their code from it; they differ only in how they reach the operand (the
 * interpreter fetches it at run time, the translator knows it while translating). The
 * reference core (execute() in cpu.ts) stays hand-written: it is the specification the
 * tests hold both to, so it must not be derived from here.
 *
 * The statements work on the CPU state held in locals: a, x, y, sp, pc; the flags fn (bit 7
 * is N), fz (0 exactly when Z is set), fv, fd, fi, fc (0 or 1); v, the operand or the value
 * being modified; t, lo and ad as scratch. The undocumented opcodes have no entry: both fast
 * paths hand them to the reference core.
 */
import type { Opcode } from './opcodes.js';

/**
 * Decimal mode as ALE's CPU (Stella 3) does it, not as the NMOS chip does: each byte is read
 * as two decimal digits whatever they hold ($0B counts as 11), the sum or difference is taken
 * in binary and written back as BCD. Results differ from the chip's only for invalid digits,
 * flags also for valid ones: N and Z come from the result, not the binary sum. Entries
 * 0-255: a byte's value; 256-511: a value 0-255 as BCD (its hundreds dropped).
 */
const BCD = new Uint8Array(512);
for (let t = 0; t < 256; t++) {
  BCD[t] = (t >> 4) * 10 + (t & 0x0f);
  BCD[256 + t] = (Math.floor((t % 100) / 10) << 4) | t % 10;
}

/** Packs a decimal result with its flags: A | N value << 8 | Z value << 16 | V << 24 | C << 25. */
function packDecimal(r: number, m: number, a: number, carry: number): number {
  // V as ALE computes it: the sign changed from A and differs from the operand's.
  const v = ((a ^ r) & (r ^ m)) >> 7;
  return r | (r << 8) | (r << 16) | (v << 24) | (carry << 25);
}

/** Decimal ADC (ALE's): returns A | N value << 8 | Z value << 16 | V << 24 | C << 25. */
export function decimalAdc(a: number, m: number, c: number): number {
  const sum = BCD[a] + BCD[m] + c;
  return packDecimal(BCD[256 + (sum & 0xff)], m, a, sum > 99 ? 1 : 0);
}

/** Decimal SBC (ALE's), packed as decimalAdc's; C is a >= m + borrow on the raw bytes. */
export function decimalSbc(a: number, m: number, c: number): number {
  let d = BCD[a] - BCD[m] - (c ^ 1);
  if (d < 0) d += 100;
  // Invalid digits can leave d below 0 (down to -66): ALE then reads the entry that far
  // before its BCD table, which is its value table's entry 256 + d.
  return packDecimal(BCD[256 + d], m, a, a >= m + (c ^ 1) ? 1 : 0);
}

/**
 * How a documented opcode uses its operand: 'read' the value at the address (or the
 * immediate byte), 'store' a register there, 'rmw' read-modify-write it (or A), 'implied'
 * registers only, 'stack' a push or pull, 'branch' a conditional branch, 'jump' anything
 * that sets the PC outright (JMP, JSR, RTS, RTI, BRK).
 */
export type Kind = 'read' | 'store' | 'rmw' | 'implied' | 'stack' | 'branch' | 'jump';

/** decimalAdc/decimalSbc's packed result `t` into A and the flags. */
const DECIMAL_RESULT: readonly string[] = [
  '  a = t & 0xff;',
  '  fn = (t >> 8) & 0xff;',
  '  fz = (t >> 16) & 0xff;',
  '  fv = (t >> 24) & 1;',
  '  fc = (t >> 25) & 1;',
];

/** Read instructions: the operation on the operand `v`. */
const READS: Readonly<Record<string, readonly string[]>> = {
  LDA: ['a = fn = fz = v;'],
  LDX: ['x = fn = fz = v;'],
  LDY: ['y = fn = fz = v;'],
  ORA: ['a = fn = fz = a | v;'],
  AND: ['a = fn = fz = a & v;'],
  EOR: ['a = fn = fz = a ^ v;'],
  ADC: [
    'if (fd === 0) {',
    '  t = a + v + fc;',
    '  fv = ((~(a ^ v) & (a ^ t)) >> 7) & 1;',
    '  fc = t >> 8;',
    '  a = fn = fz = t & 0xff;',
    '} else {',
    '  t = decimalAdc(a, v, fc);',
    ...DECIMAL_RESULT,
    '}',
  ],
  SBC: [
    'if (fd === 0) {',
    '  t = a - v - (fc ^ 1);',
    '  fv = (((a ^ v) & (a ^ t)) >> 7) & 1;',
    '  fc = t >= 0 ? 1 : 0;',
    '  a = fn = fz = t & 0xff;',
    '} else {',
    '  t = decimalSbc(a, v, fc);',
    ...DECIMAL_RESULT,
    '}',
  ],
  CMP: ['t = a - v;', 'fc = t >= 0 ? 1 : 0;', 'fn = fz = t & 0xff;'],
  CPX: ['t = x - v;', 'fc = t >= 0 ? 1 : 0;', 'fn = fz = t & 0xff;'],
  CPY: ['t = y - v;', 'fc = t >= 0 ? 1 : 0;', 'fn = fz = t & 0xff;'],
  BIT: ['fn = v;', 'fv = (v >> 6) & 1;', 'fz = a & v;'],
};

/** Store instructions: the value written. */
const STORES: Readonly<Record<string, string>> = { STA: 'a', STX: 'x', STY: 'y' };

/** Read-modify-write instructions: `v` in, `v` out (memory, or A for the accumulator forms). */
const RMWS: Readonly<Record<string, readonly string[]>> = {
  ASL: ['fc = v >> 7;', 'v = fn = fz = (v << 1) & 0xff;'],
  LSR: ['fc = v & 1;', 'v = fn = fz = v >> 1;'],
  ROL: ['t = ((v << 1) | fc) & 0xff;', 'fc = v >> 7;', 'v = fn = fz = t;'],
  ROR: ['t = (v >> 1) | (fc << 7);', 'fc = v & 1;', 'v = fn = fz = t;'],
  INC: ['v = fn = fz = (v + 1) & 0xff;'],
  DEC: ['v = fn = fz = (v - 1) & 0xff;'],
};

const IMPLIED: Readonly<Record<string, readonly string[]>> = {
  TAX: ['x = fn = fz = a;'],
  TAY: ['y = fn = fz = a;'],
  TXA: ['a = fn = fz = x;'],
  TYA: ['a = fn = fz = y;'],
  TSX: ['x = fn = fz = sp;'],
  TXS: ['sp = x;'],
  INX: ['x = fn = fz = (x + 1) & 0xff;'],
  INY: ['y = fn = fz = (y + 1) & 0xff;'],
  DEX: ['x = fn = fz = (x - 1) & 0xff;'],
  DEY: ['y = fn = fz = (y - 1) & 0xff;'],
  CLC: ['fc = 0;'],
  SEC: ['fc = 1;'],
  CLI: ['fi = 0;'],
  SEI: ['fi = 1;'],
  CLD: ['fd = 0;'],
  SED: ['fd = 1;'],
  CLV: ['fv = 0;'],
  NOP: [],
};

/** Conditional branches: the expression that is true when the branch is taken. */
export const BRANCH_TAKEN: Readonly<Record<string, string>> = {
  BPL: '(fn & 0x80) === 0',
  BMI: '(fn & 0x80) !== 0',
  BVC: 'fv === 0',
  BVS: 'fv !== 0',
  BCC: 'fc === 0',
  BCS: 'fc !== 0',
  BNE: 'fz !== 0',
  BEQ: 'fz === 0',
};

/** NV1BDIZC as PHP and BRK push it (B and bit 5 set). */
const STATUS = '(fn & 0x80) | (fv << 6) | 0x30 | (fd << 3) | (fi << 2) | (fz === 0 ? 2 : 0) | fc';
/** PLP and RTI: the pulled byte `v` into the flags (B and bit 5 are not storage in the chip). */
const SET_STATUS = ['fn = v & 0x80;', 'fv = (v >> 6) & 1;', 'fd = (v >> 3) & 1;', 'fi = (v >> 2) & 1;', 'fz = (v & 2) ^ 2;', 'fc = v & 1;'];

const KINDS = new Map<string, Kind>([
  ...Object.keys(READS).map((m) => [m, 'read'] as const),
  ...Object.keys(STORES).map((m) => [m, 'store'] as const),
  ...Object.keys(RMWS).map((m) => [m, 'rmw'] as const),
  ...Object.keys(IMPLIED).map((m) => [m, 'implied'] as const),
  ...Object.keys(BRANCH_TAKEN).map((m) => [m, 'branch'] as const),
  ...['PHA', 'PHP', 'PLA', 'PLP'].map((m) => [m, 'stack'] as const),
  ...['JMP', 'JSR', 'RTS', 'RTI', 'BRK'].map((m) => [m, 'jump'] as const),
]);

/** The kind of a documented opcode; undefined for the undocumented ones (the reference core runs those). */
export function kindOf(op: Opcode): Kind | undefined {
  return op.documented ? KINDS.get(op.mnemonic) : undefined;
}

/**
 * Where an operation's steps go. Every read and write is one bus cycle; an address is a
 * constant or an expression on the locals.
 */
export interface StepSink {
  /** One statement (or one line of a multi-line statement). */
  code(statement: string): void;
  /** Cycles whose accesses are not made: dummy reads of the PC and of the stack page. */
  idle(cycles: number): void;
  /** A read of `ad` into `v` and the data bus. */
  read(ad: number | string): void;
  write(ad: number | string, value: string): void;
}

function code(s: StepSink, statements: readonly string[]): void {
  for (const line of statements) s.code(line);
}

function push(s: StepSink, value: string): void {
  s.code('ad = 0x100 | sp;');
  s.write('ad', value);
  s.code('sp = (sp - 1) & 0xff;');
}

/**
 * A pull's first stack cycle reads the byte at the old stack pointer and throws it away, but
 * the data bus keeps it: a pull from the TIA's part of page 1 ($0100-$017F) shows it in bits
 * 0-5, as in ALE (Alien pulls from $0100 with SP at $FF).
 */
function pullDummy(s: StepSink): void {
  s.code('ad = 0x100 | sp;');
  s.read('ad');
}

function pull(s: StepSink): void {
  s.code('sp = (sp + 1) & 0xff;');
  s.code('ad = 0x100 | sp;');
  s.read('ad');
}

/**
 * The steps of a documented opcode after its opcode fetch and addressing: `ad` is the
 * effective address; an immediate operand is already in `v`. Returns false, emitting
 * nothing, for what depends on the operand bytes themselves (branches, JMP, JSR, BRK: see
 * BRANCH_TAKEN, callSteps and interruptSteps) and for undocumented opcodes.
 */
export function emitOperation(op: Opcode, s: StepSink, ad: number | string): boolean {
  const name = op.mnemonic;
  switch (kindOf(op)) {
    case 'read':
      if (op.mode !== 'imm') s.read(ad);
      code(s, READS[name]);
      return true;
    case 'store':
      s.write(ad, STORES[name]);
      return true;
    case 'rmw':
      if (op.mode === 'acc') {
        // The second cycle re-reads the PC: counted only.
        s.idle(1);
        s.code('v = a;');
        code(s, RMWS[name]);
        s.code('a = v;');
        return true;
      }
      // The chip writes the old value back while it modifies it, then the new one.
      s.read(ad);
      s.write(ad, 'v');
      code(s, RMWS[name]);
      s.write(ad, 'v');
      return true;
    case 'implied':
      s.idle(1);
      code(s, IMPLIED[name]);
      return true;
    case 'stack':
      // PHA/PHP: the PC re-read (counted only); PLA/PLP: that and the read at the old stack pointer.
      if (name === 'PHA' || name === 'PHP') {
        s.idle(1);
        push(s, name === 'PHA' ? 'a' : STATUS);
      } else {
        s.idle(1);
        pullDummy(s);
        pull(s);
        code(s, name === 'PLA' ? ['a = fn = fz = v;'] : SET_STATUS);
      }
      return true;
    case 'jump':
      if (name === 'RTS') {
        // PC re-read (counted only) and the read at the old stack pointer; last, the PC increment cycle (counted only).
        s.idle(1);
        pullDummy(s);
        pull(s);
        s.code('lo = v;');
        pull(s);
        s.code('pc = ((lo | (v << 8)) + 1) & 0xffff;');
        s.idle(1);
        return true;
      }
      if (name === 'RTI') {
        s.idle(1);
        pullDummy(s);
        pull(s);
        code(s, SET_STATUS);
        pull(s);
        s.code('lo = v;');
        pull(s);
        s.code('pc = lo | (v << 8);');
        return true;
      }
      return false;
    default:
      return false;
  }
}

/**
 * JSR after its low target byte: an internal cycle (a stack-page read, counted only), the
 * return address (`hi`, `lo`: the address of its own last byte) pushed, then the high target
 * byte fetched from `highAt`. That fetch comes after the pushes, so it is a real read: a
 * push could have switched banks.
 */
export function callSteps(s: StepSink, hi: string, lo: string, highAt: number | string, low: string): void {
  s.idle(1);
  push(s, hi);
  push(s, lo);
  s.read(highAt);
  s.code(`pc = ${low} | (v << 8);`);
}

/** BRK after its padding byte: the return address (`hi`, `lo`) and the status pushed (B set), I set, the vector at $FFFE. */
export function interruptSteps(s: StepSink, hi: string, lo: string): void {
  push(s, hi);
  push(s, lo);
  push(s, STATUS);
  s.code('fi = 1;');
  s.read(0xfffe);
  s.code('lo = v;');
  s.read(0xffff);
  s.code('pc = lo | (v << 8);');
}
