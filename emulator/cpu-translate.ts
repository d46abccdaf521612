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
 * the functions (and V8's optimised code for them); the cache keeps the
 * TRANSLATION_CACHE_BLOCKS most recently used.
 */

import { codeOffset, type MemoryMap, type WritePort } from './bus.js';
import { OPCODES, type Mode } from './opcodes.js';
import { BRANCH_TAKEN, callSteps, decimalAdc, decimalSbc, emitOperation, interruptSteps, kindOf, type StepSink } from './opcode-ops.js';

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
  readonly writePorts: readonly (WritePort | null)[];
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

  /**
   * Another block for the same memory bytes reached at another PC: the 2600 sees its
   * cartridge at eight mirrors, and bank-switching code often runs the same bytes from
   * two or three of them (Road Runner's \$9FE7 and \$FFE7).
   */
  sibling: Block | undefined = undefined;
}

/** Longest block, in instructions: bounds the generated code's size. */
const MAX_BLOCK = 64;
const CHUNK_MASK = 127;

const REGISTERS = ['a', 'x', 'y', 'sp', 'fn', 'fv', 'fd', 'fi', 'fz', 'fc'] as const;

/**
 * Builds a block's code. Between bus calls the cycle count, the data-bus value
 * and the instruction count are known while translating: `pending` cycles not
 * yet added to the variable `cyc`, the byte last fetched, `count` instructions
 * not yet added to `n`. They are written to the variables only where the code
 * calls the bus (as arguments), branches, joins or leaves; that keeps the
 * generated source short, which is most of what V8's first compile costs.
 */
class Emitter implements StepSink {
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
      // A device with a write port: straight to it (it sets blockExit when it stops the CPU).
      if (this.map.writePorts[ad >> 7] !== null) {
        this.out.push(`data = ${value}; cyc = c.writePorts[${ad >> 7}].write(${ad}, data, cyc + ${this.pending}) - ${this.pending};`);
        return;
      }
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

/** Whether the translator handles opcode `op`: the documented ones. */
function translatable(op: number): boolean {
  return kindOf(OPCODES[op]) !== undefined;
}

/** Emits the instruction `op` at `pc` with operand bytes b1, b2 (the opcode fetch included). */
function translateInstruction(e: Emitter, op: number, b1: number, b2: number, pc: number): Translated {
  const opcode = OPCODES[op];
  const { mnemonic: name, mode } = opcode;
  const kind = kindOf(opcode);
  const next = (pc + opcode.bytes) & 0xffff;
  e.instruction(pc, op);
  if (kind === 'branch') {
    e.fetched(b1);
    const target = (next + ((b1 ^ 0x80) - 0x80)) & 0xffff;
    // Taken: one more cycle, two when the target is on another page.
    const extra = ((next ^ target) & 0xff00) === 0 ? 1 : 2;
    return { jumps: false, branch: { taken: BRANCH_TAKEN[name], extra, target } };
  }
  switch (name) {
    case 'JMP': {
      e.fetched(b1);
      e.fetched(b2);
      const ad = b1 | (b2 << 8);
      if (mode === 'abs') {
        e.code(`pc = ${ad};`);
        return { jumps: true };
      }
      e.read(ad);
      e.code('lo = v;');
      // JMP ($xxFF) bug: the high byte comes from $xx00, the carry never reaches the page.
      e.read((ad & 0xff00) | ((ad + 1) & 0xff));
      e.code('pc = lo | (v << 8);');
      return { jumps: true };
    }
    case 'JSR': {
      const ret = (pc + 2) & 0xffff;
      e.fetched(b1);
      callSteps(e, String(ret >> 8), String(ret & 0xff), ret, String(b1));
      return { jumps: true };
    }
    case 'BRK': {
      // BRK skips a padding byte; its read is counted only.
      const ret = (pc + 2) & 0xffff;
      e.idle(1);
      interruptSteps(e, String(ret >> 8), String(ret & 0xff));
      return { jumps: true };
    }
  }
  let ad: number | string = 'ad';
  if (mode === 'imm') {
    e.fetched(b1);
    e.code(`v = ${b1};`);
  } else if (mode !== 'imp' && mode !== 'acc') {
    ad = address(e, mode, b1, b2, kind !== 'read');
  }
  emitOperation(opcode, e, ad);
  return { jumps: kind === 'jump' };
}

/**
 * Compiled blocks by their source, least recently used first. Bounded: each distinct ROM
 * adds its blocks (a game uses 50-450), and a process that tries many ROMs would otherwise
 * keep every one it ever ran (1,200 ROMs: +53 MB). A console keeps the functions its own
 * blocks use, so evicting one only means a later console compiles it again.
 */
const compiled = new Map<string, BlockFn>();
/**
 * Room for several games' blocks at once (the largest of ../shared/golden's use 430); a block
 * costs 1-13 KB, so the cache stays under ~25 MB whatever runs.
 */
export const TRANSLATION_CACHE_BLOCKS = 2048;
/** Cleared when the runtime refuses code generation from strings: every block is then left to the interpreter. */
let canCompile = true;

let compiledTotal = 0;

/** Blocks kept for reuse now, and compiled since the process started. */
export function translationCacheStats(): { cached: number; compiled: number } {
  return { cached: compiled.size, compiled: compiledTotal };
}

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
  const { mnemonic: name, mode, bytes } = OPCODES[load.op];
  const branchName = OPCODES[branch.op].mnemonic;
  if (kindOf(OPCODES[branch.op]) !== 'branch' || ((branch.at + 2 + ((branch.b1 ^ 0x80) - 0x80)) & 0xffff) !== pc) return '';
  if ((mode !== 'zp' && mode !== 'abs') || !['LDA', 'LDX', 'LDY', 'BIT'].includes(name)) return '';
  const wait = (name === 'BIT' ? WAIT_ON_BIT : WAIT_ON)[branchName];
  if (wait === undefined) return '';
  const address = mode === 'zp' ? load.b1 : load.b1 | (load.b2 << 8);
  const readCycle = bytes + 1;
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
  /**
   * A JMP or JSR the block follows: decoding went on at `target`, whose chunk `chunk` was
   * mapped at `offset`; `guard`: the chunk may be remapped, so the code checks it first.
   * `loop`: a JMP back to the block's start, which loops like a branch there.
   */
  follow?: { target: number; chunk: number; offset: number; guard: boolean; loop: boolean };
}

/** How many of chunk `c`'s leading bytes are code to fetch directly: all of a chunk read from memory. */
function codeBytes(map: MemoryMap, c: number): number {
  return map.reads[c] >= 0 ? CHUNK_MASK + 1 : map.fetchLimit[c];
}

/**
 * Where the JMP abs or JSR `d` (ending at `next`) goes, when the block can follow it: to the
 * block's start (a loop), or to code not yet in the block in a chunk read from memory.
 */
function followable(d: Decoded, map: MemoryMap, pc: number, seen: Set<number>): Decoded['follow'] {
  const { mnemonic, mode } = OPCODES[d.op];
  if (!((mnemonic === 'JMP' && mode === 'abs') || mnemonic === 'JSR')) return undefined;
  const target = d.b1 | (d.b2 << 8);
  const chunk = target >> 7;
  if (mnemonic === 'JMP' && target === pc) return { target, chunk, offset: 0, guard: false, loop: true };
  if (seen.has(target) || map.code[chunk] === 0 || map.reads[chunk] < 0) return undefined;
  return { target, chunk, offset: map.reads[chunk], guard: map.fixed[chunk] === 0, loop: false };
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
 * block when taken. A JMP (absolute) or JSR to code in a chunk read from memory
 * is followed: decoding goes on at its target (a chunk that bank switching may
 * remap is checked there first), and a JMP to the block's start loops. The block
 * ends at any other unconditional jump, unless a pending forward branch lands
 * after it, and just before an instruction that one of its own backward branches
 * targets: that loop gets a block of its own, starting there, rather than a
 * second copy.
 */
export function translateBlock(pc: number, map: MemoryMap, offset: number): Block {
  const { memory: mem, reads: rm, fetches: fm, code } = map;
  const first = pc >> 7;
  const second = first + 1;
  // Bytes from `offset` on are the program up to `limit` (exclusive), counted from the chunk
  // start; a chunk read through the bus has code only before its first hotspot.
  const firstLimit = codeBytes(map, first);
  const joined =
    firstLimit === CHUNK_MASK + 1 && second < rm.length && code[second] !== 0 && codeOffset(rm, fm, second) === offset + CHUNK_MASK + 1;
  const limit = joined ? CHUNK_MASK + 1 + codeBytes(map, second) : firstLimit;

  // Pass 1: decode straight on from `pc`, and on at the targets of the jumps followed. `base`
  // is where the bytes of the current stretch's first chunk are in `mem`.
  let list: Decoded[] = [];
  const seen = new Set<number>();
  let at = pc;
  let base = offset;
  let rel = pc & CHUNK_MASK;
  let stretchLimit = limit;
  let reach = 0;
  while (list.length < MAX_BLOCK && rel < stretchLimit && !seen.has(at)) {
    const op = mem[base + rel];
    if (!translatable(op)) break;
    const opcode = OPCODES[op];
    const length = opcode.bytes;
    // The whole instruction must lie in the translated bytes (and not wrap past $FFFF).
    if (rel + length > stretchLimit || at + length > 0x10000) break;
    const b1 = length > 1 ? mem[base + rel + 1] : 0;
    const b2 = length > 2 ? mem[base + rel + 2] : 0;
    const d: Decoded = { at, length, op, b1, b2 };
    list.push(d);
    seen.add(at);
    at += length;
    rel += length;
    const kind = kindOf(opcode);
    if (kind === 'branch') {
      const target = (at + ((b1 ^ 0x80) - 0x80)) & 0xffff;
      if (target > at) reach = Math.max(reach, target);
    }
    if (kind === 'jump' && reach < at) {
      const follow = followable(d, map, pc, seen);
      if (follow === undefined || follow.loop || list.length === MAX_BLOCK) {
        d.follow = follow?.loop ? follow : undefined;
        break;
      }
      d.follow = follow;
      at = follow.target;
      base = follow.offset;
      rel = at & CHUNK_MASK;
      stretchLimit = CHUNK_MASK + 1;
      reach = 0;
    }
  }
  if (list.length === 0) return new Block(pc, 0, null, -1, 0);
  const index = new Map<number, number>();
  list.forEach((d, i) => index.set(d.at, i));
  // Loops, one per block: when something branches (or jumps) back to the block's start the
  // block loops there; otherwise the first instruction a backward branch targets heads a loop
  // that the instructions before it lead into. The block stops just before any other target
  // of a backward branch: that loop gets a block of its own, starting there, rather than a
  // second copy.
  let startLoop = false;
  const targets: number[] = [];
  list.forEach((d, i) => {
    if (d.follow?.loop) startLoop = true;
    if (kindOf(OPCODES[d.op]) !== 'branch') return;
    const j = index.get((d.at + 2 + ((d.b1 ^ 0x80) - 0x80)) & 0xffff);
    if (j === undefined || j > i) return;
    if (j === 0) startLoop = true;
    else targets.push(j);
  });
  const head = startLoop || targets.length === 0 ? 0 : Math.min(...targets);
  const cut = Math.min(list.length, ...targets.filter((j) => j > head));
  list = list.slice(0, cut);
  index.clear();
  list.forEach((d, i) => index.set(d.at, i));
  const last = list[list.length - 1];
  // Where the block goes after its last instruction (a jump followed whose target was not decoded: that target).
  const end = last.follow !== undefined && !last.follow.loop ? last.follow.target : last.at + last.length;
  // Whether the stretch from `pc` (up to the first jump followed) runs into the next chunk.
  const firstFollow = list.findIndex((d) => d.follow !== undefined && !d.follow.loop);
  const stretchEnd = firstFollow < 0 ? end : list[firstFollow].at + list[firstFollow].length;
  const usesSecond = (pc & CHUNK_MASK) + (stretchEnd - pc) > CHUNK_MASK + 1;

  // Pass 2: emit, with forward skips as nested if/else and branches to the loop head as loop continues.
  const headPc = list[head].at;
  const e = new Emitter(map);
  const wait = head === 0 ? busyWait(list, pc) : '';
  if (wait !== '') e.code(wait);
  /** Instruction indexes where open skips end, innermost last. */
  const open: number[] = [];
  let loops = false;
  let jumped = false;
  /** The conditional branch of instruction `i`: a loop, a forward skip or a side exit. */
  const emitBranch = (b: NonNullable<Translated['branch']>, i: number): void => {
    e.sync();
    const to = index.get(b.target);
    // Skips nest inside each other, and those before a loop head end at it.
    const innermost = open.length > 0 ? open[open.length - 1] : i < head ? head : list.length;
    if (b.target === headPc && (head === 0 || i >= head)) {
      loops = true;
      // Another pass must fit in the budget; otherwise leave at the loop head.
      e.code(`if (${b.taken}) { cyc += ${b.extra}; if (n + ${list.length} > budget) { pc = ${headPc}; break exit; } continue; }`);
    } else if (to !== undefined && to > i && to <= innermost) {
      e.code(`if (${b.taken}) { cyc += ${b.extra}; } else {`);
      if (to === i + 1) e.code('}');
      else open.push(to);
    } else {
      e.code(`if (${b.taken}) { cyc += ${b.extra}; pc = ${b.target}; break exit; }`);
    }
  };
  for (let i = 0; i < list.length; i++) {
    while (open.length > 0 && open[open.length - 1] === i) {
      open.pop();
      e.sync();
      e.code('}');
    }
    if (i === head && head > 0) {
      // The loop after its lead-in: its passes start here.
      e.sync();
      e.code('for (;;) {');
      const headWait = busyWait(list.slice(head), headPc);
      if (headWait !== '') e.code(headWait);
    }
    const { at: here, length, op, b1, b2, follow } = list[i];
    const next = follow !== undefined ? follow.target : here + length;
    if (follow !== undefined && OPCODES[op].mnemonic === 'JMP') {
      // A JMP followed: its three fetches, then the code at its target (or the loop's next pass).
      e.instruction(here, op);
      e.fetched(b1);
      e.fetched(b2);
      jumped = follow.loop;
      if (follow.loop) {
        loops = true;
        e.sync();
        e.code(`if (n + ${list.length} > budget) { pc = ${pc}; break exit; } continue;`);
        continue;
      }
    } else {
      const t = translateInstruction(e, op, b1, b2, here);
      jumped = t.jumps && follow === undefined;
      if (t.branch !== undefined) emitBranch(t.branch, i);
      else if (jumped) {
        e.exit('pc');
        continue;
      }
    }
    // The interpreter checks `stop` after every instruction, and fetches the next one through the
    // chunks' current mapping; only a bus call can change either, and it then sets blockExit.
    if (e.calledBus && next !== end) e.code(`if (c.blockExit) { ${e.syncText()}pc = ${next}; break exit; }`);
    // Code followed into a chunk bank switching may remap runs only while it shows what was translated.
    if (follow !== undefined && follow.guard) e.code(`if (rm[${follow.chunk}] !== ${follow.offset}) { ${e.syncText()}pc = ${follow.target}; break exit; }`);
  }
  while (open.length > 0) {
    open.pop();
    e.sync();
    e.code('}');
  }
  if (!jumped) e.exit(String(end));
  if (head > 0) e.code('}');
  const text = e.out.join('\n');
  const used = REGISTERS.filter((r) => new RegExp(`\\b${r}\\b`).test(text));
  const written = REGISTERS.filter((r) => new RegExp(`\\b${r} (=|\\+=)(?!=)`).test(text));
  // Every exit sets `pc` and leaves the labelled body for the one store sequence.
  const source =
    `let cyc = c.cycles, data = c.dataBus, n = 0, o = 0, v = 0, ad = 0, lo = 0, hi = 0, t = 0, pc = 0;\n` +
    used.map((r) => `let ${r} = c.${r};`).join(' ') +
    '\nexit: {\n' +
    (loops && head === 0 ? 'for (;;) {\n' : '') +
    text +
    (loops && head === 0 ? '\n}' : '') +
    '\n}\n' +
    `${written.map((r) => `c.${r} = ${r};`).join(' ')} c.pc = pc; c.cycles = cyc; c.dataBus = data; return n;`;
  let fn = compiled.get(source);
  if (fn !== undefined) {
    // Most recently used goes last (a Map iterates in insertion order).
    compiled.delete(source);
  } else {
    fn = compile(`block_${pc.toString(16)}`, source) ?? undefined;
    if (fn === undefined) return new Block(pc, 0, null, -1, 0);
    compiledTotal++;
    if (compiled.size >= TRANSLATION_CACHE_BLOCKS) compiled.delete(compiled.keys().next().value!);
  }
  compiled.set(source, fn);
  return usesSecond ? new Block(pc, list.length, fn, second, offset + CHUNK_MASK + 1) : new Block(pc, list.length, fn, -1, 0);
}
