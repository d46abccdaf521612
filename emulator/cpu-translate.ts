/*
 * Translation of ROM code into JavaScript, one function per block of
 * instructions, for the CPU's run().
 *
 * An interpreter pays an unpredictable indirect jump and an opcode fetch for
 * every instruction; in Pong that was most of the CPU's time. A block pays for
 * its dispatch once, its operands are constants, and an access to a chunk the
 * map says never changes (the 2600's RAM and TIA) is built in: an array index
 * or a direct bus call.
 *
 * A block makes exactly the accesses the interpreter makes, in the same order
 * and on the same cycles: its code is the interpreter's, with the program bytes
 * filled in (ROM fetches still count their cycle and put their byte on the data
 * bus). It starts at any PC inside a chunk the MemoryMap marks as code (bytes
 * that never change while mapped) and may run on into the next chunk if that is
 * code too. Conditional branches become loops, skips or side exits (see
 * translateBlock); a block ends at an unconditional jump, JSR, RTS, RTI or BRK,
 * before an undocumented opcode (the interpreter runs those), or at MAX_BLOCK
 * instructions. It runs within an instruction budget and returns how many
 * instructions it ran; after an instruction that called the bus it leaves when
 * the CPU's `blockExit` says the bus set `stop` or changed the map.
 *
 * A busy wait on a device (`load; branch back`) is fast-forwarded over the
 * passes the bus can vouch for (Bus.poll), see busyWait().
 *
 * Generated code is cached by its text, so consoles running the same ROM share
 * the functions (and V8's optimised code for them).
 */

/**
 * NMOS decimal ADC. Z comes from the binary sum; N and V from the sum after the
 * low digit is corrected but before the high digit is (invalid BCD included).
 * Returns A | N value << 8 | Z value << 16 | V << 24 | C << 25.
 */
export function decimalAdc(a: number, m: number, c: number): number {
  let lo = (a & 0x0f) + (m & 0x0f) + c;
  if (lo >= 0x0a) lo = ((lo + 0x06) & 0x0f) + 0x10;
  let r = (a & 0xf0) + (m & 0xf0) + lo;
  const n = r & 0xff;
  const z = (a + m + c) & 0xff;
  const v = ((~(a ^ m) & (a ^ r)) >> 7) & 1;
  if (r >= 0xa0) r += 0x60;
  const carry = r >= 0x100 ? 1 : 0;
  return (r & 0xff) | (n << 8) | (z << 16) | (v << 24) | (carry << 25);
}

/** NMOS decimal SBC's result (its flags all come from the binary difference). */
export function decimalSbc(a: number, m: number, c: number): number {
  let lo = (a & 0x0f) - (m & 0x0f) + c - 1;
  if (lo < 0) lo = ((lo - 0x06) & 0x0f) - 0x10;
  let d = (a & 0xf0) - (m & 0xf0) + lo;
  if (d < 0) d -= 0x60;
  return d & 0xff;
}

/** The CPU state a block reads and writes, and the CPU's two slow-path bus calls. */
export interface BlockHost {
  a: number;
  x: number;
  y: number;
  sp: number;
  pc: number;
  cycles: number;
  dataBus: number;
  stop: boolean;
  blockExit: boolean;
  fn: number;
  fv: number;
  fd: number;
  fi: number;
  fz: number;
  fc: number;
  busRead(address: number, cycle: number, data: number): number;
  busWrite(address: number, value: number, cycle: number): number;
  busPoll(address: number, cycle: number, period: number, count: number, mask: number, sense: boolean): number;
}

/** Runs a block with at most `budget` instructions (at least its `count`); returns how many ran. */
export type BlockFn = (c: BlockHost, mem: Uint8Array, rm: Int32Array, wm: Int32Array, budget: number) => number;

/** A translated block starting at `pc`; `fn` null: the instruction at `pc` is left to the interpreter. */
export class Block {
  constructor(
    readonly pc: number,
    /** Instructions in the block: the most one pass through it runs. */
    readonly count: number,
    readonly fn: BlockFn | null,
    /** The chunk after the first one when the block runs into it, else -1; valid while it maps to `nextOffset`. */
    readonly nextChunk: number,
    readonly nextOffset: number,
  ) {}
}

/** Longest block, in instructions: bounds the generated code's size. */
const MAX_BLOCK = 64;
const CHUNK_MASK = 127;

type Mode = 'imm' | 'zp' | 'zpx' | 'zpy' | 'abs' | 'absx' | 'absy' | 'indx' | 'indy' | 'imp' | 'rel' | 'ind';

const LENGTH: Record<Mode, number> = { imm: 2, zp: 2, zpx: 2, zpy: 2, abs: 3, absx: 3, absy: 3, indx: 2, indy: 2, imp: 1, rel: 2, ind: 3 };

import type { MemoryMap } from './bus.js';

/** Documented opcodes the translator handles: mnemonic and addressing mode. */
const OPCODES: (readonly [string, Mode] | undefined)[] = [];
(function buildOpcodes(): void {
  const table = `
    a9 LDA imm  a5 LDA zp  b5 LDA zpx  ad LDA abs  bd LDA absx  b9 LDA absy  a1 LDA indx  b1 LDA indy
    a2 LDX imm  a6 LDX zp  b6 LDX zpy  ae LDX abs  be LDX absy
    a0 LDY imm  a4 LDY zp  b4 LDY zpx  ac LDY abs  bc LDY absx
    09 ORA imm  05 ORA zp  15 ORA zpx  0d ORA abs  1d ORA absx  19 ORA absy  01 ORA indx  11 ORA indy
    29 AND imm  25 AND zp  35 AND zpx  2d AND abs  3d AND absx  39 AND absy  21 AND indx  31 AND indy
    49 EOR imm  45 EOR zp  55 EOR zpx  4d EOR abs  5d EOR absx  59 EOR absy  41 EOR indx  51 EOR indy
    69 ADC imm  65 ADC zp  75 ADC zpx  6d ADC abs  7d ADC absx  79 ADC absy  61 ADC indx  71 ADC indy
    e9 SBC imm  e5 SBC zp  f5 SBC zpx  ed SBC abs  fd SBC absx  f9 SBC absy  e1 SBC indx  f1 SBC indy
    c9 CMP imm  c5 CMP zp  d5 CMP zpx  cd CMP abs  dd CMP absx  d9 CMP absy  c1 CMP indx  d1 CMP indy
    e0 CPX imm  e4 CPX zp  ec CPX abs  c0 CPY imm  c4 CPY zp  cc CPY abs  24 BIT zp  2c BIT abs
    85 STA zp  95 STA zpx  8d STA abs  9d STA absx  99 STA absy  81 STA indx  91 STA indy
    86 STX zp  96 STX zpy  8e STX abs  84 STY zp  94 STY zpx  8c STY abs
    06 ASL zp  16 ASL zpx  0e ASL abs  1e ASL absx  46 LSR zp  56 LSR zpx  4e LSR abs  5e LSR absx
    26 ROL zp  36 ROL zpx  2e ROL abs  3e ROL absx  66 ROR zp  76 ROR zpx  6e ROR abs  7e ROR absx
    e6 INC zp  f6 INC zpx  ee INC abs  fe INC absx  c6 DEC zp  d6 DEC zpx  ce DEC abs  de DEC absx
    0a ASL imp  4a LSR imp  2a ROL imp  6a ROR imp
    aa TAX imp  a8 TAY imp  8a TXA imp  98 TYA imp  ba TSX imp  9a TXS imp
    e8 INX imp  c8 INY imp  ca DEX imp  88 DEY imp
    18 CLC imp  38 SEC imp  58 CLI imp  78 SEI imp  d8 CLD imp  f8 SED imp  b8 CLV imp  ea NOP imp
    10 BPL rel  30 BMI rel  50 BVC rel  70 BVS rel  90 BCC rel  b0 BCS rel  d0 BNE rel  f0 BEQ rel
    4c JMP abs  6c JMP ind  20 JSR abs  60 RTS imp  48 PHA imp  08 PHP imp  68 PLA imp  28 PLP imp
    00 BRK imp  40 RTI imp`;
  const words = table.trim().split(/\s+/);
  for (let i = 0; i < words.length; i += 3) OPCODES[parseInt(words[i], 16)] = [words[i + 1], words[i + 2] as Mode];
})();

/** Operation on the operand `v` for the read instructions. */
const READ_OPS: Record<string, string> = {
  LDA: 'a = fn = fz = v;',
  LDX: 'x = fn = fz = v;',
  LDY: 'y = fn = fz = v;',
  ORA: 'a = fn = fz = a | v;',
  AND: 'a = fn = fz = a & v;',
  EOR: 'a = fn = fz = a ^ v;',
  ADC:
    'if (fd === 0) { t = a + v + fc; fv = ((~(a ^ v) & (a ^ t)) >> 7) & 1; fc = t >> 8; a = fn = fz = t & 0xff; } ' +
    'else { t = decimalAdc(a, v, fc); a = t & 0xff; fn = (t >> 8) & 0xff; fz = (t >> 16) & 0xff; fv = (t >> 24) & 1; fc = (t >> 25) & 1; }',
  SBC:
    't = a - v - (fc ^ 1); fv = (((a ^ v) & (a ^ t)) >> 7) & 1; fn = fz = t & 0xff; ' +
    'a = fd === 0 ? t & 0xff : decimalSbc(a, v, fc); fc = t >= 0 ? 1 : 0;',
  CMP: 't = a - v; fc = t >= 0 ? 1 : 0; fn = fz = t & 0xff;',
  CPX: 't = x - v; fc = t >= 0 ? 1 : 0; fn = fz = t & 0xff;',
  CPY: 't = y - v; fc = t >= 0 ? 1 : 0; fn = fz = t & 0xff;',
  BIT: 'fn = v; fv = (v >> 6) & 1; fz = a & v;',
};

/** Read-modify-write operations on `v` (also used on A for the accumulator forms). */
const RMW_OPS: Record<string, string> = {
  ASL: 'fc = v >> 7; v = fn = fz = (v << 1) & 0xff;',
  LSR: 'fc = v & 1; v = fn = fz = v >> 1;',
  ROL: 't = ((v << 1) | fc) & 0xff; fc = v >> 7; v = fn = fz = t;',
  ROR: 't = (v >> 1) | (fc << 7); fc = v & 1; v = fn = fz = t;',
  INC: 'v = fn = fz = (v + 1) & 0xff;',
  DEC: 'v = fn = fz = (v - 1) & 0xff;',
};

const IMPLIED: Record<string, string> = {
  TAX: 'x = fn = fz = a;',
  TAY: 'y = fn = fz = a;',
  TXA: 'a = fn = fz = x;',
  TYA: 'a = fn = fz = y;',
  TSX: 'x = fn = fz = sp;',
  TXS: 'sp = x;',
  INX: 'x = fn = fz = (x + 1) & 0xff;',
  INY: 'y = fn = fz = (y + 1) & 0xff;',
  DEX: 'x = fn = fz = (x - 1) & 0xff;',
  DEY: 'y = fn = fz = (y - 1) & 0xff;',
  CLC: 'fc = 0;',
  SEC: 'fc = 1;',
  CLI: 'fi = 0;',
  SEI: 'fi = 1;',
  CLD: 'fd = 0;',
  SED: 'fd = 1;',
  CLV: 'fv = 0;',
  NOP: '',
};

const BRANCH_TAKEN: Record<string, string> = {
  BPL: '(fn & 0x80) === 0',
  BMI: '(fn & 0x80) !== 0',
  BVC: 'fv === 0',
  BVS: 'fv !== 0',
  BCC: 'fc === 0',
  BCS: 'fc !== 0',
  BNE: 'fz !== 0',
  BEQ: 'fz === 0',
};

const STATUS = '((fn & 0x80) | (fv << 6) | 0x30 | (fd << 3) | (fi << 2) | (fz === 0 ? 2 : 0) | fc)';
const SET_STATUS = 'fn = v & 0x80; fv = (v >> 6) & 1; fd = (v >> 3) & 1; fi = (v >> 2) & 1; fz = (v & 2) ^ 2; fc = v & 1;';
const REGISTERS = ['a', 'x', 'y', 'sp', 'fn', 'fv', 'fd', 'fi', 'fz', 'fc'] as const;

/**
 * Builds a block's code. Between bus calls the cycle count, the data-bus value
 * and the instruction count are known while translating: `pending` cycles not
 * yet added to the variable `cyc`, the byte last fetched, `count` instructions
 * not yet added to `n`. They are written to the variables only where the code
 * calls the bus (as arguments), branches, joins or leaves; that keeps the
 * generated source short, which is most of what V8's first compile costs.
 */
class Emitter {
  readonly out: string[] = [];
  private pending = 0;
  /** The data-bus byte when known, else null: the variable `data` holds it. */
  private data: number | null = null;
  private count = 0;
  /** The current instruction may have called the bus. */
  calledBus = false;

  constructor(private readonly map: MemoryMap) {}

  code(statements: string): void {
    this.out.push(statements);
  }

  /** A new instruction starts (exits happen only between instructions, so it counts from here). */
  instruction(at: number, op: number): void {
    this.out.push(`// $${at.toString(16)}`);
    this.count++;
    this.calledBus = false;
    this.fetched(op);
  }

  /** A program byte whose value the translator knows was fetched: its cycle, and it is on the data bus. */
  fetched(byte: number): void {
    this.pending++;
    this.data = byte;
  }

  /** Cycles whose accesses are not made (dummy PC and stack-page reads). */
  idle(cycles: number): void {
    this.pending += cycles;
  }

  /** A read of `ad` (a constant address or a variable) into v and the data bus. */
  read(ad: number | string): void {
    this.pending++;
    const data = this.data === null ? 'data' : String(this.data);
    const slow = `c.busRead(${ad}, cyc + ${this.pending}, ${data})`;
    this.data = null;
    if (typeof ad === 'number' && this.map.fixed[ad >> 7] !== 0) {
      const o = this.map.reads[ad >> 7];
      if (o >= 0) {
        this.out.push(`v = data = mem[${o + (ad & CHUNK_MASK)}];`);
        return;
      }
      this.calledBus = true;
      this.out.push(`v = data = ${slow};`);
      return;
    }
    this.calledBus = true;
    this.out.push(
      typeof ad === 'number'
        ? `v = data = (o = rm[${ad >> 7}]) >= 0 ? mem[o + ${ad & CHUNK_MASK}] : ${slow};`
        : `v = data = (o = rm[${ad} >> 7]) >= 0 ? mem[o + (${ad} & 127)] : ${slow};`,
    );
  }

  /** A write of `value` to `ad`. A bus write may stall the CPU: `cyc` takes the new count less what is pending. */
  write(ad: number | string, value: string): void {
    this.pending++;
    const slow = `cyc = c.busWrite(${ad}, data, cyc + ${this.pending}) - ${this.pending};`;
    this.data = null;
    if (typeof ad === 'number' && this.map.fixed[ad >> 7] !== 0) {
      const o = this.map.writes[ad >> 7];
      if (o >= 0) {
        this.out.push(`data = ${value}; mem[${o + (ad & CHUNK_MASK)}] = data;`);
        return;
      }
      this.calledBus = true;
      this.out.push(`data = ${value}; ${slow}`);
      return;
    }
    this.calledBus = true;
    this.out.push(
      typeof ad === 'number'
        ? `data = ${value}; if ((o = wm[${ad >> 7}]) >= 0) mem[o + ${ad & CHUNK_MASK}] = data; else ${slow}`
        : `data = ${value}; if ((o = wm[${ad} >> 7]) >= 0) mem[o + (${ad} & 127)] = data; else ${slow}`,
    );
  }

  push(value: string): void {
    this.code('ad = 0x100 | sp;');
    this.write('ad', value);
    this.code('sp = (sp - 1) & 0xff;');
  }

  pull(): void {
    this.code('sp = (sp + 1) & 0xff; ad = 0x100 | sp;');
    this.read('ad');
  }

  /** Statements that bring the variables up to date, leaving what is known unchanged. */
  syncText(): string {
    return (
      (this.pending !== 0 ? `cyc += ${this.pending}; ` : '') +
      (this.data !== null ? `data = ${this.data}; ` : '') +
      (this.count !== 0 ? `n += ${this.count}; ` : '')
    );
  }

  /** Brings the variables up to date: from here nothing is known. */
  sync(): void {
    const text = this.syncText();
    if (text !== '') this.out.push(text);
    this.pending = 0;
    this.data = null;
    this.count = 0;
  }

  /** Leaves the block for `pc` (an expression), variables up to date. */
  exit(pc: string): void {
    this.sync();
    this.out.push(pc === 'pc' ? 'break exit;' : `pc = ${pc}; break exit;`);
  }
}

/**
 * The address computation of a memory mode, after the opcode fetch: fetches the
 * operand bytes (b1, b2), makes the mode's dummy reads, and returns the effective
 * address (a constant, or 'ad'). `store` selects the always-made un-carried read
 * of indexed stores and read-modify-writes.
 */
function address(e: Emitter, mode: Mode, b1: number, b2: number, store: boolean): number | string {
  switch (mode) {
    case 'zp':
      e.fetched(b1);
      return b1;
    case 'zpx':
    case 'zpy':
      // The base is read while the index is added; the sum wraps within page 0.
      e.fetched(b1);
      e.read(b1);
      e.code(`ad = (${b1} + ${mode === 'zpx' ? 'x' : 'y'}) & 0xff;`);
      return 'ad';
    case 'abs':
      e.fetched(b1);
      e.fetched(b2);
      return b1 | (b2 << 8);
    case 'absx':
    case 'absy': {
      e.fetched(b1);
      e.fetched(b2);
      const hi = b2 << 8;
      e.code(`lo = ${b1} + ${mode === 'absx' ? 'x' : 'y'}; ad = ${hi} | (lo & 0xff);`);
      unCarriedRead(e, store);
      e.code(`ad = (${hi} + lo) & 0xffff;`);
      return 'ad';
    }
    case 'indx':
      e.fetched(b1);
      e.read(b1);
      e.code(`t = (${b1} + x) & 0xff;`);
      e.read('t');
      e.code('lo = v; t = (t + 1) & 0xff;');
      e.read('t');
      e.code('ad = lo | (v << 8);');
      return 'ad';
    case 'indy':
      e.fetched(b1);
      e.read(b1);
      e.code('lo = v + y;');
      e.read((b1 + 1) & 0xff);
      e.code('hi = v << 8; ad = hi | (lo & 0xff);');
      unCarriedRead(e, store);
      e.code('ad = (hi + lo) & 0xffff;');
      return 'ad';
    default:
      throw new Error(`no address computation for mode ${mode}`);
  }
}

/**
 * The read of the un-carried address `ad` of an indexed mode: always for stores, only
 * across a page for reads. The two paths differ by a cycle, so the count is brought up to
 * date first and the extra cycle goes straight into `cyc`.
 */
function unCarriedRead(e: Emitter, store: boolean): void {
  if (store) {
    e.read('ad');
    return;
  }
  e.sync();
  e.code('if (lo > 0xff) {');
  e.read('ad');
  e.sync();
  e.code('}');
}

interface Translated {
  /** An unconditional jump: the code leaves the next PC in the local `pc`. */
  jumps: boolean;
  /** A conditional branch: taken when `taken` holds, then `extra` more cycles and on to `target`. */
  branch?: { taken: string; extra: number; target: number };
}

/** Whether the translator handles opcode `op`. */
function translatable(op: number): boolean {
  return OPCODES[op] !== undefined;
}

/** Emits the instruction `op` at `pc` with operand bytes b1, b2 (the opcode fetch included). */
function translateInstruction(e: Emitter, op: number, b1: number, b2: number, pc: number): Translated {
  const [name, mode] = OPCODES[op]!;
  const next = (pc + LENGTH[mode]) & 0xffff;
  e.instruction(pc, op);
  if (mode === 'rel') {
    e.fetched(b1);
    const target = (next + ((b1 ^ 0x80) - 0x80)) & 0xffff;
    // Taken: one more cycle, two when the target is on another page.
    const extra = ((next ^ target) & 0xff00) === 0 ? 1 : 2;
    return { jumps: false, branch: { taken: BRANCH_TAKEN[name], extra, target } };
  }
  switch (name) {
    case 'JMP':
      e.fetched(b1);
      e.fetched(b2);
      if (mode === 'abs') {
        e.code(`pc = ${b1 | (b2 << 8)};`);
        return { jumps: true };
      }
      {
        const ad = b1 | (b2 << 8);
        e.read(ad);
        e.code('lo = v;');
        // JMP ($xxFF) bug: the high byte comes from $xx00, the carry never reaches the page.
        e.read((ad & 0xff00) | ((ad + 1) & 0xff));
        e.code('pc = lo | (v << 8);');
        return { jumps: true };
      }
    case 'JSR': {
      const ret = (pc + 2) & 0xffff;
      // The internal cycle reads the stack page (counted only); the high byte is fetched after the
      // pushes, so it is a real read: a push could have switched banks.
      e.fetched(b1);
      e.idle(1);
      e.push(String(ret >> 8));
      e.push(String(ret & 0xff));
      e.read(ret);
      e.code(`pc = ${b1} | (v << 8);`);
      return { jumps: true };
    }
    case 'RTS':
      // PC re-read and stack-pointer increment, then the PC increment cycle: counted only.
      e.idle(2);
      e.pull();
      e.code('lo = v;');
      e.pull();
      e.code('pc = ((lo | (v << 8)) + 1) & 0xffff;');
      e.idle(1);
      return { jumps: true };
    case 'RTI':
      e.idle(2);
      e.pull();
      e.code(SET_STATUS);
      e.pull();
      e.code('lo = v;');
      e.pull();
      e.code('pc = lo | (v << 8);');
      return { jumps: true };
    case 'BRK': {
      // BRK skips a padding byte (its read is counted only) and pushes B set in the status.
      const ret = (pc + 2) & 0xffff;
      e.idle(1);
      e.push(String(ret >> 8));
      e.push(String(ret & 0xff));
      e.push(STATUS);
      e.code('fi = 1;');
      e.read(0xfffe);
      e.code('lo = v;');
      e.read(0xffff);
      e.code('pc = lo | (v << 8);');
      return { jumps: true };
    }
    case 'PHA':
      e.idle(1);
      e.push('a');
      return { jumps: false };
    case 'PHP':
      e.idle(1);
      e.push(STATUS);
      return { jumps: false };
    case 'PLA':
      e.idle(2);
      e.pull();
      e.code('a = fn = fz = v;');
      return { jumps: false };
    case 'PLP':
      e.idle(2);
      e.pull();
      e.code(SET_STATUS);
      return { jumps: false };
  }
  if (mode === 'imp') {
    // The second cycle re-reads the PC: counted only.
    e.idle(1);
    const rmw = RMW_OPS[name];
    e.code(rmw !== undefined ? `v = a; ${rmw} a = v;` : IMPLIED[name]);
    return { jumps: false };
  }
  if (mode === 'imm') {
    e.fetched(b1);
    e.code(`v = ${b1}; ${READ_OPS[name]}`);
    return { jumps: false };
  }
  const readOp = READ_OPS[name];
  if (readOp !== undefined) {
    e.read(address(e, mode, b1, b2, false));
    e.code(readOp);
    return { jumps: false };
  }
  if (name === 'STA' || name === 'STX' || name === 'STY') {
    const ad = address(e, mode, b1, b2, true);
    e.write(ad, name === 'STA' ? 'a' : name === 'STX' ? 'x' : 'y');
    return { jumps: false };
  }
  // Read-modify-write: the chip writes the old value back, then the new one.
  const ad = address(e, mode, b1, b2, true);
  e.read(ad);
  e.write(ad, 'v');
  e.code(RMW_OPS[name]);
  e.write(ad, 'v');
  return { jumps: false };
}

const compiled = new Map<string, BlockFn>();
/** Cleared when the runtime refuses code generation from strings: every block is then left to the interpreter. */
let canCompile = true;

/** False once the runtime has refused to compile a block. */
export function translationAvailable(): boolean {
  return canCompile;
}

/** Compiles a block's body into a function, or null when the runtime does not allow it. */
function compile(name: string, source: string): BlockFn | null {
  if (!canCompile) return null;
  try {
    const factory = new Function('decimalAdc', 'decimalSbc', `return function ${name}(c, mem, rm, wm, budget) {\n${source}\n};`);
    return factory(decimalAdc, decimalSbc) as BlockFn;
  } catch (e) {
    // node --disallow-code-generation-from-strings (or a CSP) forbids new Function.
    if (!(e instanceof EvalError)) throw e;
    canCompile = false;
    return null;
  }
}

/** Which reads keep a busy-wait loop going, for each branch after a load: mask, sense (see Bus.poll). */
const WAIT_ON: Record<string, [string, boolean]> = {
  BNE: ['0xff', true],
  BEQ: ['0xff', false],
  BMI: ['0x80', true],
  BPL: ['0x80', false],
};
/** The same after BIT, whose Z comes from A AND the value and V from bit 6. */
const WAIT_ON_BIT: Record<string, [string, boolean]> = {
  BNE: ['a', true],
  BEQ: ['a', false],
  BMI: ['0x80', true],
  BPL: ['0x80', false],
  BVS: ['0x40', true],
  BVC: ['0x40', false],
};

/**
 * A block that starts with the loop `load zp/abs; branch back` (a busy wait on a device)
 * skips the passes whose reads the bus says would keep it looping (Bus.poll) without
 * making them: their cycles, instructions and the data bus (the branch operand, fetched
 * last) are added, and the registers a skipped read would set are set again by the real
 * read that follows before anything can see them. It skips only as many passes as the
 * budget lets the loop run. Returns the code for the loop head, or ''.
 */
function busyWait(list: Decoded[], pc: number): string {
  if (list.length < 2) return '';
  const [load, branch] = list;
  const [name, mode] = OPCODES[load.op]!;
  const [branchName, branchMode] = OPCODES[branch.op]!;
  if (branchMode !== 'rel' || ((branch.at + 2 + ((branch.b1 ^ 0x80) - 0x80)) & 0xffff) !== pc) return '';
  if ((mode !== 'zp' && mode !== 'abs') || !['LDA', 'LDX', 'LDY', 'BIT'].includes(name)) return '';
  const wait = (name === 'BIT' ? WAIT_ON_BIT : WAIT_ON)[branchName];
  if (wait === undefined) return '';
  const address = mode === 'zp' ? load.b1 : load.b1 | (load.b2 << 8);
  const readCycle = LENGTH[mode] + 1;
  const target = pc;
  const next = branch.at + 2;
  const period = readCycle + 2 + (((next ^ target) & 0xff00) === 0 ? 1 : 2);
  return (
    `t = (budget - n - ${list.length}) >> 1; ` +
    `if (t > 0 && (t = c.busPoll(${address}, cyc + ${readCycle}, ${period}, t, ${wait[0]}, ${wait[1]})) > 0) ` +
    `{ cyc += t * ${period}; n += t * 2; data = ${branch.b1}; }`
  );
}

interface Decoded {
  at: number;
  length: number;
  op: number;
  b1: number;
  b2: number;
}

/**
 * Translates the block starting at `pc`, whose chunk is mapped at `offset` in
 * `mem` and marked as code in `code`. The block may run on into the next chunk
 * when that one is code too and maps to the bytes that follow.
 *
 * Control flow inside a block: a conditional branch to the block's first
 * instruction loops (while the instruction budget allows another pass); one
 * forward to an instruction further on in the block skips the instructions in
 * between (when it nests inside the skips already open); any other leaves the
 * block when taken. The block ends at an unconditional jump, unless a pending
 * forward branch lands after it, and just before an instruction that one of its
 * own backward branches targets: that loop gets a block of its own, starting
 * there, rather than a second copy.
 */
export function translateBlock(pc: number, map: MemoryMap, offset: number): Block {
  const { memory: mem, reads: rm, code } = map;
  const first = pc >> 7;
  const second = first + 1;
  // Bytes from `offset` on are the program up to `limit` (exclusive), counted from the chunk start.
  const joined = second < rm.length && code[second] !== 0 && rm[second] === offset + CHUNK_MASK + 1;
  const limit = joined ? 2 * (CHUNK_MASK + 1) : CHUNK_MASK + 1;

  // Pass 1: decode straight on from `pc`.
  let list: Decoded[] = [];
  let at = pc;
  let rel = pc & CHUNK_MASK;
  let reach = 0;
  while (list.length < MAX_BLOCK) {
    const op = mem[offset + rel];
    if (!translatable(op)) break;
    const [name, mode] = OPCODES[op]!;
    const length = LENGTH[mode];
    // The whole instruction must lie in the translated bytes (and not wrap past $FFFF).
    if (rel + length > limit || at + length > 0x10000) break;
    const b1 = length > 1 ? mem[offset + rel + 1] : 0;
    const b2 = length > 2 ? mem[offset + rel + 2] : 0;
    list.push({ at, length, op, b1, b2 });
    at += length;
    rel += length;
    if (mode === 'rel') {
      const target = (at + ((b1 ^ 0x80) - 0x80)) & 0xffff;
      if (target > at) reach = Math.max(reach, target);
    }
    const jumps = name === 'JMP' || name === 'JSR' || name === 'RTS' || name === 'RTI' || name === 'BRK';
    if (jumps && reach < at) break;
  }
  if (list.length === 0) return new Block(pc, 0, null, -1, 0);
  // A backward branch to an instruction after the first one: stop just before it.
  let cut = list.length;
  for (const d of list) {
    if (OPCODES[d.op]![1] !== 'rel') continue;
    const target = (d.at + 2 + ((d.b1 ^ 0x80) - 0x80)) & 0xffff;
    if (target > pc && target <= d.at) {
      const i = list.findIndex((x) => x.at === target);
      if (i > 0 && i < cut) cut = i;
    }
  }
  list = list.slice(0, cut);
  const last = list[list.length - 1];
  const end = last.at + last.length;
  const usesSecond = (pc & CHUNK_MASK) + (end - pc) > CHUNK_MASK + 1;

  // Pass 2: emit, with forward skips as nested if/else and branches to `pc` as loop continues.
  const index = new Map<number, number>();
  list.forEach((d, i) => index.set(d.at, i));
  const e = new Emitter(map);
  const wait = busyWait(list, pc);
  if (wait !== '') e.code(wait);
  /** Instruction indexes where open skips end, innermost last. */
  const open: number[] = [];
  let loops = false;
  let jumped = false;
  for (let i = 0; i < list.length; i++) {
    while (open.length > 0 && open[open.length - 1] === i) {
      open.pop();
      e.sync();
      e.code('}');
    }
    const { at: here, length, op, b1, b2 } = list[i];
    const next = here + length;
    const t = translateInstruction(e, op, b1, b2, here);
    jumped = t.jumps;
    const b = t.branch;
    if (b !== undefined) {
      e.sync();
      const to = index.get(b.target);
      const innermost = open.length > 0 ? open[open.length - 1] : list.length;
      if (b.target === pc) {
        loops = true;
        // Another pass must fit in the budget; otherwise leave at the loop head.
        e.code(`if (${b.taken}) { cyc += ${b.extra}; if (n + ${list.length} > budget) { pc = ${pc}; break exit; } continue; }`);
      } else if (to !== undefined && to > i && to <= innermost) {
        e.code(`if (${b.taken}) { cyc += ${b.extra}; } else {`);
        if (to === i + 1) e.code('}');
        else open.push(to);
      } else {
        e.code(`if (${b.taken}) { cyc += ${b.extra}; pc = ${b.target}; break exit; }`);
      }
    } else if (t.jumps) {
      e.exit('pc');
      continue;
    }
    // The interpreter checks `stop` after every instruction, and fetches the next one through the
    // chunks' current mapping; only a bus call can change either, and it then sets blockExit.
    if (e.calledBus && next !== end) e.code(`if (c.blockExit) { ${e.syncText()}pc = ${next}; break exit; }`);
  }
  while (open.length > 0) {
    open.pop();
    e.sync();
    e.code('}');
  }
  if (!jumped) e.exit(String(end));
  const text = e.out.join('\n');
  const used = REGISTERS.filter((r) => new RegExp(`\\b${r}\\b`).test(text));
  const written = REGISTERS.filter((r) => new RegExp(`\\b${r} (=|\\+=)(?!=)`).test(text));
  // Every exit sets `pc` and leaves the labelled body for the one store sequence.
  const source =
    `let cyc = c.cycles, data = c.dataBus, n = 0, o = 0, v = 0, ad = 0, lo = 0, hi = 0, t = 0, pc = 0;\n` +
    used.map((r) => `let ${r} = c.${r};`).join(' ') +
    '\nexit: {\n' +
    (loops ? 'for (;;) {\n' : '') +
    text +
    (loops ? '\n}' : '') +
    '\n}\n' +
    `${written.map((r) => `c.${r} = ${r};`).join(' ')} c.pc = pc; c.cycles = cyc; c.dataBus = data; return n;`;
  let fn = compiled.get(source);
  if (fn === undefined) {
    fn = compile(`block_${pc.toString(16)}`, source) ?? undefined;
    if (fn === undefined) return new Block(pc, 0, null, -1, 0);
    compiled.set(source, fn);
  }
  return usesSecond ? new Block(pc, list.length, fn, second, offset + CHUNK_MASK + 1) : new Block(pc, list.length, fn, -1, 0);
}
