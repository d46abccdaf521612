import { MemoryMap, codeOffset, type Bus, type WritePort } from './bus.js';
import { Block, translateBlock, translationAvailable, type BlockHost } from './cpu-translate.js';
import { interpret } from './cpu-interpret.generated.js';
import { decimalAdc, decimalSbc } from './opcode-ops.js';

/*
 * The NMOS 6502 core inside the 6507.
 *
 * One deliberate difference from the chip: decimal-mode ADC and SBC (RRA and ISB too) work as
 * ALE's CPU does (see decimalAdc in opcode-ops.ts), since matching ALE is the point; they
 * differ from the chip for invalid BCD digits and in N, V and Z.
 *
 * Timing model: every 6502 cycle is one bus access, and `cycles` is bumped by 1
 * just before the access that ends the cycle, so a bus handler reading
 * `cpu.cycles` sees the cycle its access lands on. A write handler may add to
 * `cycles` to stall the CPU (WSYNC); `step()` reports the stall in its count.
 *
 * Dummy accesses that can reach a device (the un-carried read of an indexed
 * address, the old-value write of a read-modify-write, the base read of a
 * zero-page indexed mode, the pointer read of (zp,X)) are made like on the
 * chip. Dummy reads of the program counter and of the stack page only count
 * their cycle: on the 2600 they land in ROM or RAM, where a read has no
 * effect, and skipping them keeps the core fast. The exception is a pull's
 * read at the old stack pointer: its byte stays on the data bus, which a pull
 * from the TIA's half of page 1 returns in bits 0-5.
 *
 * Flags live in separate numeric fields: `fn` holds a value whose bit 7 is N,
 * `fz` a value that is 0 exactly when Z is set, the others are 0 or 1. The
 * NV1BDIZC byte is only built for PHP/BRK and the `status` accessor.
 *
 * Three implementations share this state:
 *  - run() runs code in ROM (chunks the MemoryMap marks as code) as translated
 *    blocks (cpu-translate.ts) and hands any other instruction to interpret().
 *  - interpret() (cpu-interpret.generated.ts, generated from the opcode table by
 *    `npm run gen:cpu`) is the interpreter: registers in locals, every documented
 *    opcode written out in one switch, each access an array index into the
 *    MemoryMap's mapped chunks, only unmapped addresses (devices) calling the bus.
 *  - stepReference() / execute() are the plain method-per-access version, the
 *    executable specification: the interpreter hands it the undocumented
 *    opcodes, and the tests run it beside the other two to prove they make the
 *    same accesses on the same cycles.
 */

/** ANE ($8B) and LXA ($AB) OR A with a chip-dependent "magic" constant; $EE is the common NMOS value. */
const MAGIC = 0xee;

/** Instructions run() hands the interpreter at a time where there is no block. */
const INTERPRETED_RUN = 8;

/** What the generated interpreter uses of a Cpu, private members included. */
export interface InterpreterHost extends BlockHost {
  readonly memory: Uint8Array;
  readonly readMap: Int32Array;
  readonly writeMap: Int32Array;
  jammed: boolean;
  execute(op: number): void;
}

/** The chain of blocks `chain` (linked by Block.sibling) less the one for `pc`. */
function withoutPc(chain: Block | undefined, pc: number): Block | undefined {
  if (chain === undefined) return undefined;
  if (chain.pc === pc) return chain.sibling;
  chain.sibling = withoutPc(chain.sibling, pc);
  return chain;
}

export class Cpu {
  a = 0;
  x = 0;
  y = 0;
  sp = 0xfd;
  pc = 0;
  /**
   * The cycle counter: +1 just before every bus access. It counts from construction
   * unless its owner lowers it (the console does, between frames, to keep it small).
   */
  cycles = 0;
  /** Set by a JAM/KIL opcode; the CPU then does nothing until reset(). */
  jammed = false;
  /** Address of the JAM opcode that stopped the CPU (valid while `jammed`). */
  jamAddress = 0;
  /**
   * The last byte read or written, direct accesses included (dummy PC and stack
   * re-reads, which are not made, do not change it). Current whenever the bus is called:
   * the 2600's TIA returns it in the bits it does not drive.
   */
  dataBus = 0;
  /** A bus handler sets this to end run() after the current instruction (the console's end of frame). */
  stop = false;
  /**
   * Set by a bus call that set `stop` or changed the memory map: a translated block
   * then leaves after the current instruction. Cleared before each block runs.
   */
  blockExit = false;
  /** The map's device write ports, for translated code (see MemoryMap.writePorts). */
  readonly writePorts: readonly (WritePort | null)[];

  private fn = 0;
  private fv = 0;
  private fd = 0;
  private fi = 0;
  private fz = 1;
  private fc = 0;

  private readonly map: MemoryMap;
  /** The map's version when last checked. */
  private mapVersion = 0;
  private readonly memory: Uint8Array;
  private readonly readMap: Int32Array;
  private readonly writeMap: Int32Array;
  private readonly codeMap: Uint8Array;
  private readonly fetchMap: Int32Array;
  /** Translated blocks by the memory offset of their first byte; null when the map has no code. */
  private readonly blocks: (Block | undefined)[] | null;

  constructor(private readonly bus: Bus) {
    // Without a map every access goes to the bus: an empty memory and all chunks unmapped.
    const map = bus.memoryMap ?? new MemoryMap(new Uint8Array(0));
    this.map = map;
    this.mapVersion = map.version;
    this.memory = map.memory;
    this.readMap = map.reads;
    this.writeMap = map.writes;
    this.codeMap = map.code;
    this.fetchMap = map.fetches;
    this.writePorts = map.writePorts;
    this.blocks = map.code.includes(1) ? new Array<Block | undefined>(map.memory.length) : null;
  }

  /** NV1BDIZC. Bit 5 and B read as 1 (what PHP pushes); writing ignores them. */
  get status(): number {
    return (this.fn & 0x80) | (this.fv << 6) | 0x30 | (this.fd << 3) | (this.fi << 2) | (this.fz === 0 ? 2 : 0) | this.fc;
  }

  set status(p: number) {
    this.fn = p & 0x80;
    this.fv = (p >> 6) & 1;
    this.fd = (p >> 3) & 1;
    this.fi = (p >> 2) & 1;
    this.fz = (p & 2) ^ 2;
    this.fc = p & 1;
  }

  /**
   * The reset sequence: 7 cycles. Two internal cycles and three stack
   * "pushes" that the chip turns into reads of page 1 (counted, no bus call),
   * then the vector read from $FFFC/$FFFD through the bus. SP ends at $FD and
   * I is set; the NMOS chip leaves D and the other flags as they were.
   */
  reset(): void {
    this.jammed = false;
    this.cycles += 5;
    this.sp = 0xfd;
    this.fi = 1;
    const lo = this.read(0xfffc);
    this.pc = lo | (this.read(0xfffd) << 8);
  }

  /** Executes one instruction; returns the cycles it took, bus stalls included (0 when jammed). */
  step(): number {
    if (this.jammed) return 0;
    const start = this.cycles;
    this.run(1);
    return this.cycles - start;
  }

  /**
   * Executes up to `limit` instructions, fewer if one jams the CPU or a bus
   * handler sets `stop` (cleared on entry). Returns how many ran.
   */
  run(limit: number): number {
    const host = this as unknown as InterpreterHost;
    const blocks = this.blocks;
    if (blocks === null || !translationAvailable()) return interpret(host, limit);
    if (this.jammed) return 0;
    this.stop = false;
    const mem = this.memory;
    const rm = this.readMap;
    const wm = this.writeMap;
    const code = this.codeMap;
    const fm = this.fetchMap;
    let n = 0;
    while (n < limit) {
      const pc = this.pc;
      const chunk = pc >> 7;
      // A chunk read through the bus may still have code to fetch directly (see MemoryMap.fetches).
      const o = codeOffset(rm, fm, chunk);
      let block: Block | undefined;
      if (o >= 0 && code[chunk] !== 0) {
        const at = o + (pc & 127);
        block = blocks[at];
        while (block !== undefined && block.pc !== pc) block = block.sibling;
        if (block === undefined || (block.nextChunk >= 0 && codeOffset(rm, fm, block.nextChunk) !== block.nextOffset)) {
          const fresh = translateBlock(pc, this.map, o);
          // It replaces this PC's stale block (if any) and keeps the blocks of the other PCs.
          fresh.sibling = withoutPc(blocks[at], pc);
          block = blocks[at] = fresh;
        }
      }
      // A block's first pass runs whole unless the bus stops it, so it must fit in what is left of the limit.
      if (block !== undefined && block.fn !== null && n + block.count <= limit) {
        this.blockExit = false;
        n += block.fn(host, mem, rm, wm, limit - n);
      } else {
        // No block here (code in RAM, an undocumented opcode): a few instructions on the interpreter.
        n += interpret(host, limit - n < INTERPRETED_RUN ? limit - n : INTERPRETED_RUN);
      }
      if (this.stop || this.jammed) break;
    }
    return n;
  }

  /** A read interpret() or a block cannot make directly: publish the cycle and the data bus, then ask the bus. */
  private busRead(address: number, cycle: number, data: number): number {
    this.cycles = cycle;
    this.dataBus = data;
    const v = this.bus.read(address);
    if (this.stop || this.map.version !== this.mapVersion) this.leaveBlock();
    return v;
  }

  /** A write interpret() or a block cannot make directly; returns the cycle count, which a stall may have raised. */
  private busWrite(address: number, value: number, cycle: number): number {
    this.cycles = cycle;
    this.dataBus = value;
    this.bus.write(address, value);
    if (this.stop || this.map.version !== this.mapVersion) this.leaveBlock();
    return this.cycles;
  }

  /** Bus.poll for a translated busy-wait loop; 0 when the bus does not offer it. */
  private busPoll(address: number, cycle: number, period: number, count: number, mask: number, sense: boolean): number {
    return this.bus.poll === undefined ? 0 : this.bus.poll(address, cycle, period, count, mask, sense);
  }

  private leaveBlock(): void {
    this.blockExit = true;
    this.mapVersion = this.map.version;
  }

  /**
   * The reference implementation of one instruction: every access is a method
   * call straight to the bus (the memory map is not used). Same results as step().
   */
  stepReference(): number {
    if (this.jammed) return 0;
    const start = this.cycles;
    this.execute(this.fetch());
    return this.cycles - start;
  }

  /** One instruction whose opcode `op` has been fetched. */
  private execute(op: number): void {
    let addr = 0;
    let v = 0;
    switch (op) {
      // ---- loads
      case 0xa9: this.a = this.fn = this.fz = this.fetch(); break;
      case 0xa5: this.a = this.fn = this.fz = this.read(this.fetch()); break;
      case 0xb5: this.a = this.fn = this.fz = this.read(this.zpX()); break;
      case 0xad: this.a = this.fn = this.fz = this.read(this.fetchWord()); break;
      case 0xbd: this.a = this.fn = this.fz = this.read(this.absR(this.x)); break;
      case 0xb9: this.a = this.fn = this.fz = this.read(this.absR(this.y)); break;
      case 0xa1: this.a = this.fn = this.fz = this.read(this.indX()); break;
      case 0xb1: this.a = this.fn = this.fz = this.read(this.indYR()); break;

      case 0xa2: this.x = this.fn = this.fz = this.fetch(); break;
      case 0xa6: this.x = this.fn = this.fz = this.read(this.fetch()); break;
      case 0xb6: this.x = this.fn = this.fz = this.read(this.zpY()); break;
      case 0xae: this.x = this.fn = this.fz = this.read(this.fetchWord()); break;
      case 0xbe: this.x = this.fn = this.fz = this.read(this.absR(this.y)); break;

      case 0xa0: this.y = this.fn = this.fz = this.fetch(); break;
      case 0xa4: this.y = this.fn = this.fz = this.read(this.fetch()); break;
      case 0xb4: this.y = this.fn = this.fz = this.read(this.zpX()); break;
      case 0xac: this.y = this.fn = this.fz = this.read(this.fetchWord()); break;
      case 0xbc: this.y = this.fn = this.fz = this.read(this.absR(this.x)); break;

      // ---- stores (indexed stores always do the un-carried dummy read)
      case 0x85: this.write(this.fetch(), this.a); break;
      case 0x95: this.write(this.zpX(), this.a); break;
      case 0x8d: this.write(this.fetchWord(), this.a); break;
      case 0x9d: this.write(this.absW(this.x), this.a); break;
      case 0x99: this.write(this.absW(this.y), this.a); break;
      case 0x81: this.write(this.indX(), this.a); break;
      case 0x91: this.write(this.indYW(), this.a); break;

      case 0x86: this.write(this.fetch(), this.x); break;
      case 0x96: this.write(this.zpY(), this.x); break;
      case 0x8e: this.write(this.fetchWord(), this.x); break;

      case 0x84: this.write(this.fetch(), this.y); break;
      case 0x94: this.write(this.zpX(), this.y); break;
      case 0x8c: this.write(this.fetchWord(), this.y); break;

      // ---- logic
      case 0x09: this.a = this.fn = this.fz = this.a | this.fetch(); break;
      case 0x05: this.a = this.fn = this.fz = this.a | this.read(this.fetch()); break;
      case 0x15: this.a = this.fn = this.fz = this.a | this.read(this.zpX()); break;
      case 0x0d: this.a = this.fn = this.fz = this.a | this.read(this.fetchWord()); break;
      case 0x1d: this.a = this.fn = this.fz = this.a | this.read(this.absR(this.x)); break;
      case 0x19: this.a = this.fn = this.fz = this.a | this.read(this.absR(this.y)); break;
      case 0x01: this.a = this.fn = this.fz = this.a | this.read(this.indX()); break;
      case 0x11: this.a = this.fn = this.fz = this.a | this.read(this.indYR()); break;

      case 0x29: this.a = this.fn = this.fz = this.a & this.fetch(); break;
      case 0x25: this.a = this.fn = this.fz = this.a & this.read(this.fetch()); break;
      case 0x35: this.a = this.fn = this.fz = this.a & this.read(this.zpX()); break;
      case 0x2d: this.a = this.fn = this.fz = this.a & this.read(this.fetchWord()); break;
      case 0x3d: this.a = this.fn = this.fz = this.a & this.read(this.absR(this.x)); break;
      case 0x39: this.a = this.fn = this.fz = this.a & this.read(this.absR(this.y)); break;
      case 0x21: this.a = this.fn = this.fz = this.a & this.read(this.indX()); break;
      case 0x31: this.a = this.fn = this.fz = this.a & this.read(this.indYR()); break;

      case 0x49: this.a = this.fn = this.fz = this.a ^ this.fetch(); break;
      case 0x45: this.a = this.fn = this.fz = this.a ^ this.read(this.fetch()); break;
      case 0x55: this.a = this.fn = this.fz = this.a ^ this.read(this.zpX()); break;
      case 0x4d: this.a = this.fn = this.fz = this.a ^ this.read(this.fetchWord()); break;
      case 0x5d: this.a = this.fn = this.fz = this.a ^ this.read(this.absR(this.x)); break;
      case 0x59: this.a = this.fn = this.fz = this.a ^ this.read(this.absR(this.y)); break;
      case 0x41: this.a = this.fn = this.fz = this.a ^ this.read(this.indX()); break;
      case 0x51: this.a = this.fn = this.fz = this.a ^ this.read(this.indYR()); break;

      case 0x24: this.bit(this.read(this.fetch())); break;
      case 0x2c: this.bit(this.read(this.fetchWord())); break;

      // ---- arithmetic
      case 0x69: this.adc(this.fetch()); break;
      case 0x65: this.adc(this.read(this.fetch())); break;
      case 0x75: this.adc(this.read(this.zpX())); break;
      case 0x6d: this.adc(this.read(this.fetchWord())); break;
      case 0x7d: this.adc(this.read(this.absR(this.x))); break;
      case 0x79: this.adc(this.read(this.absR(this.y))); break;
      case 0x61: this.adc(this.read(this.indX())); break;
      case 0x71: this.adc(this.read(this.indYR())); break;

      case 0xe9: case 0xeb: this.sbc(this.fetch()); break; // $EB: undocumented copy of SBC #
      case 0xe5: this.sbc(this.read(this.fetch())); break;
      case 0xf5: this.sbc(this.read(this.zpX())); break;
      case 0xed: this.sbc(this.read(this.fetchWord())); break;
      case 0xfd: this.sbc(this.read(this.absR(this.x))); break;
      case 0xf9: this.sbc(this.read(this.absR(this.y))); break;
      case 0xe1: this.sbc(this.read(this.indX())); break;
      case 0xf1: this.sbc(this.read(this.indYR())); break;

      case 0xc9: this.cmp(this.a, this.fetch()); break;
      case 0xc5: this.cmp(this.a, this.read(this.fetch())); break;
      case 0xd5: this.cmp(this.a, this.read(this.zpX())); break;
      case 0xcd: this.cmp(this.a, this.read(this.fetchWord())); break;
      case 0xdd: this.cmp(this.a, this.read(this.absR(this.x))); break;
      case 0xd9: this.cmp(this.a, this.read(this.absR(this.y))); break;
      case 0xc1: this.cmp(this.a, this.read(this.indX())); break;
      case 0xd1: this.cmp(this.a, this.read(this.indYR())); break;

      case 0xe0: this.cmp(this.x, this.fetch()); break;
      case 0xe4: this.cmp(this.x, this.read(this.fetch())); break;
      case 0xec: this.cmp(this.x, this.read(this.fetchWord())); break;
      case 0xc0: this.cmp(this.y, this.fetch()); break;
      case 0xc4: this.cmp(this.y, this.read(this.fetch())); break;
      case 0xcc: this.cmp(this.y, this.read(this.fetchWord())); break;

      // ---- read-modify-write: the chip writes the old value back, then the new one
      case 0x0a: this.idle(); this.a = this.asl(this.a); break;
      case 0x06: addr = this.fetch(); this.write(addr, this.asl(this.rmw(addr))); break;
      case 0x16: addr = this.zpX(); this.write(addr, this.asl(this.rmw(addr))); break;
      case 0x0e: addr = this.fetchWord(); this.write(addr, this.asl(this.rmw(addr))); break;
      case 0x1e: addr = this.absW(this.x); this.write(addr, this.asl(this.rmw(addr))); break;

      case 0x4a: this.idle(); this.a = this.lsr(this.a); break;
      case 0x46: addr = this.fetch(); this.write(addr, this.lsr(this.rmw(addr))); break;
      case 0x56: addr = this.zpX(); this.write(addr, this.lsr(this.rmw(addr))); break;
      case 0x4e: addr = this.fetchWord(); this.write(addr, this.lsr(this.rmw(addr))); break;
      case 0x5e: addr = this.absW(this.x); this.write(addr, this.lsr(this.rmw(addr))); break;

      case 0x2a: this.idle(); this.a = this.rol(this.a); break;
      case 0x26: addr = this.fetch(); this.write(addr, this.rol(this.rmw(addr))); break;
      case 0x36: addr = this.zpX(); this.write(addr, this.rol(this.rmw(addr))); break;
      case 0x2e: addr = this.fetchWord(); this.write(addr, this.rol(this.rmw(addr))); break;
      case 0x3e: addr = this.absW(this.x); this.write(addr, this.rol(this.rmw(addr))); break;

      case 0x6a: this.idle(); this.a = this.ror(this.a); break;
      case 0x66: addr = this.fetch(); this.write(addr, this.ror(this.rmw(addr))); break;
      case 0x76: addr = this.zpX(); this.write(addr, this.ror(this.rmw(addr))); break;
      case 0x6e: addr = this.fetchWord(); this.write(addr, this.ror(this.rmw(addr))); break;
      case 0x7e: addr = this.absW(this.x); this.write(addr, this.ror(this.rmw(addr))); break;

      case 0xe6: addr = this.fetch(); this.write(addr, this.fn = this.fz = (this.rmw(addr) + 1) & 0xff); break;
      case 0xf6: addr = this.zpX(); this.write(addr, this.fn = this.fz = (this.rmw(addr) + 1) & 0xff); break;
      case 0xee: addr = this.fetchWord(); this.write(addr, this.fn = this.fz = (this.rmw(addr) + 1) & 0xff); break;
      case 0xfe: addr = this.absW(this.x); this.write(addr, this.fn = this.fz = (this.rmw(addr) + 1) & 0xff); break;

      case 0xc6: addr = this.fetch(); this.write(addr, this.fn = this.fz = (this.rmw(addr) - 1) & 0xff); break;
      case 0xd6: addr = this.zpX(); this.write(addr, this.fn = this.fz = (this.rmw(addr) - 1) & 0xff); break;
      case 0xce: addr = this.fetchWord(); this.write(addr, this.fn = this.fz = (this.rmw(addr) - 1) & 0xff); break;
      case 0xde: addr = this.absW(this.x); this.write(addr, this.fn = this.fz = (this.rmw(addr) - 1) & 0xff); break;

      // ---- register transfers, increments, flags (the second cycle re-reads the PC: counted only)
      case 0xaa: this.idle(); this.x = this.fn = this.fz = this.a; break;
      case 0xa8: this.idle(); this.y = this.fn = this.fz = this.a; break;
      case 0x8a: this.idle(); this.a = this.fn = this.fz = this.x; break;
      case 0x98: this.idle(); this.a = this.fn = this.fz = this.y; break;
      case 0xba: this.idle(); this.x = this.fn = this.fz = this.sp; break;
      case 0x9a: this.idle(); this.sp = this.x; break;
      case 0xe8: this.idle(); this.x = this.fn = this.fz = (this.x + 1) & 0xff; break;
      case 0xc8: this.idle(); this.y = this.fn = this.fz = (this.y + 1) & 0xff; break;
      case 0xca: this.idle(); this.x = this.fn = this.fz = (this.x - 1) & 0xff; break;
      case 0x88: this.idle(); this.y = this.fn = this.fz = (this.y - 1) & 0xff; break;
      case 0x18: this.idle(); this.fc = 0; break;
      case 0x38: this.idle(); this.fc = 1; break;
      case 0x58: this.idle(); this.fi = 0; break;
      case 0x78: this.idle(); this.fi = 1; break;
      case 0xd8: this.idle(); this.fd = 0; break;
      case 0xf8: this.idle(); this.fd = 1; break;
      case 0xb8: this.idle(); this.fv = 0; break;
      case 0xea: case 0x1a: case 0x3a: case 0x5a: case 0x7a: case 0xda: case 0xfa: this.idle(); break;

      // ---- branches: +1 when taken, +1 more when the target is on another page
      case 0x10: this.branch((this.fn & 0x80) === 0); break;
      case 0x30: this.branch((this.fn & 0x80) !== 0); break;
      case 0x50: this.branch(this.fv === 0); break;
      case 0x70: this.branch(this.fv !== 0); break;
      case 0x90: this.branch(this.fc === 0); break;
      case 0xb0: this.branch(this.fc !== 0); break;
      case 0xd0: this.branch(this.fz !== 0); break;
      case 0xf0: this.branch(this.fz === 0); break;

      // ---- jumps, subroutines, stack
      case 0x4c: this.pc = this.fetchWord(); break;
      case 0x6c: {
        addr = this.fetchWord();
        const lo = this.read(addr);
        // JMP ($xxFF) bug: the high byte comes from $xx00, the carry never reaches the page.
        this.pc = lo | (this.read((addr & 0xff00) | ((addr + 1) & 0xff)) << 8);
        break;
      }
      case 0x20: {
        const lo = this.fetch();
        this.cycles++; // internal cycle: a stack-page read, counted only
        this.push(this.pc >> 8);
        this.push(this.pc & 0xff);
        // The high byte is fetched after the pushes, as on the chip.
        this.pc = lo | (this.read(this.pc) << 8);
        break;
      }
      case 0x60: {
        this.idle(); // PC re-read: counted only
        this.pullDummy();
        const lo = this.pull();
        this.pc = (lo | (this.pull() << 8)) + 1 & 0xffff;
        this.cycles++; // the PC increment cycle reads the old PC: counted only
        break;
      }
      case 0x40: {
        this.idle();
        this.pullDummy();
        this.setPulled(this.pull());
        const lo = this.pull();
        this.pc = lo | (this.pull() << 8);
        break;
      }
      case 0x00: {
        this.fetchDummy(); // BRK skips a padding byte
        this.push(this.pc >> 8);
        this.push(this.pc & 0xff);
        this.push(this.status); // B set: the pushed byte tells BRK from IRQ
        this.fi = 1;
        const lo = this.read(0xfffe);
        this.pc = lo | (this.read(0xffff) << 8);
        break;
      }
      case 0x48: this.idle(); this.push(this.a); break;
      case 0x08: this.idle(); this.push(this.status); break;
      case 0x68: this.idle(); this.pullDummy(); this.a = this.fn = this.fz = this.pull(); break;
      case 0x28: this.idle(); this.pullDummy(); this.setPulled(this.pull()); break;

      // ---- undocumented: multi-byte NOPs read their operand like the matching load
      case 0x80: case 0x82: case 0x89: case 0xc2: case 0xe2: this.fetch(); break;
      case 0x04: case 0x44: case 0x64: this.read(this.fetch()); break;
      case 0x14: case 0x34: case 0x54: case 0x74: case 0xd4: case 0xf4: this.read(this.zpX()); break;
      case 0x0c: this.read(this.fetchWord()); break;
      case 0x1c: case 0x3c: case 0x5c: case 0x7c: case 0xdc: case 0xfc: this.read(this.absR(this.x)); break;

      // LAX: LDA and LDX at once
      case 0xa7: this.a = this.x = this.fn = this.fz = this.read(this.fetch()); break;
      case 0xb7: this.a = this.x = this.fn = this.fz = this.read(this.zpY()); break;
      case 0xaf: this.a = this.x = this.fn = this.fz = this.read(this.fetchWord()); break;
      case 0xbf: this.a = this.x = this.fn = this.fz = this.read(this.absR(this.y)); break;
      case 0xa3: this.a = this.x = this.fn = this.fz = this.read(this.indX()); break;
      case 0xb3: this.a = this.x = this.fn = this.fz = this.read(this.indYR()); break;

      // SAX: stores A AND X, no flags
      case 0x87: this.write(this.fetch(), this.a & this.x); break;
      case 0x97: this.write(this.zpY(), this.a & this.x); break;
      case 0x8f: this.write(this.fetchWord(), this.a & this.x); break;
      case 0x83: this.write(this.indX(), this.a & this.x); break;

      // SLO: ASL memory, then ORA
      case 0x07: addr = this.fetch(); v = this.asl(this.rmw(addr)); this.write(addr, v); this.a = this.fn = this.fz = this.a | v; break;
      case 0x17: addr = this.zpX(); v = this.asl(this.rmw(addr)); this.write(addr, v); this.a = this.fn = this.fz = this.a | v; break;
      case 0x0f: addr = this.fetchWord(); v = this.asl(this.rmw(addr)); this.write(addr, v); this.a = this.fn = this.fz = this.a | v; break;
      case 0x1f: addr = this.absW(this.x); v = this.asl(this.rmw(addr)); this.write(addr, v); this.a = this.fn = this.fz = this.a | v; break;
      case 0x1b: addr = this.absW(this.y); v = this.asl(this.rmw(addr)); this.write(addr, v); this.a = this.fn = this.fz = this.a | v; break;
      case 0x03: addr = this.indX(); v = this.asl(this.rmw(addr)); this.write(addr, v); this.a = this.fn = this.fz = this.a | v; break;
      case 0x13: addr = this.indYW(); v = this.asl(this.rmw(addr)); this.write(addr, v); this.a = this.fn = this.fz = this.a | v; break;

      // RLA: ROL memory, then AND
      case 0x27: addr = this.fetch(); v = this.rol(this.rmw(addr)); this.write(addr, v); this.a = this.fn = this.fz = this.a & v; break;
      case 0x37: addr = this.zpX(); v = this.rol(this.rmw(addr)); this.write(addr, v); this.a = this.fn = this.fz = this.a & v; break;
      case 0x2f: addr = this.fetchWord(); v = this.rol(this.rmw(addr)); this.write(addr, v); this.a = this.fn = this.fz = this.a & v; break;
      case 0x3f: addr = this.absW(this.x); v = this.rol(this.rmw(addr)); this.write(addr, v); this.a = this.fn = this.fz = this.a & v; break;
      case 0x3b: addr = this.absW(this.y); v = this.rol(this.rmw(addr)); this.write(addr, v); this.a = this.fn = this.fz = this.a & v; break;
      case 0x23: addr = this.indX(); v = this.rol(this.rmw(addr)); this.write(addr, v); this.a = this.fn = this.fz = this.a & v; break;
      case 0x33: addr = this.indYW(); v = this.rol(this.rmw(addr)); this.write(addr, v); this.a = this.fn = this.fz = this.a & v; break;

      // SRE: LSR memory, then EOR
      case 0x47: addr = this.fetch(); v = this.lsr(this.rmw(addr)); this.write(addr, v); this.a = this.fn = this.fz = this.a ^ v; break;
      case 0x57: addr = this.zpX(); v = this.lsr(this.rmw(addr)); this.write(addr, v); this.a = this.fn = this.fz = this.a ^ v; break;
      case 0x4f: addr = this.fetchWord(); v = this.lsr(this.rmw(addr)); this.write(addr, v); this.a = this.fn = this.fz = this.a ^ v; break;
      case 0x5f: addr = this.absW(this.x); v = this.lsr(this.rmw(addr)); this.write(addr, v); this.a = this.fn = this.fz = this.a ^ v; break;
      case 0x5b: addr = this.absW(this.y); v = this.lsr(this.rmw(addr)); this.write(addr, v); this.a = this.fn = this.fz = this.a ^ v; break;
      case 0x43: addr = this.indX(); v = this.lsr(this.rmw(addr)); this.write(addr, v); this.a = this.fn = this.fz = this.a ^ v; break;
      case 0x53: addr = this.indYW(); v = this.lsr(this.rmw(addr)); this.write(addr, v); this.a = this.fn = this.fz = this.a ^ v; break;

      // RRA: ROR memory, then ADC (decimal mode applies)
      case 0x67: addr = this.fetch(); v = this.ror(this.rmw(addr)); this.write(addr, v); this.adc(v); break;
      case 0x77: addr = this.zpX(); v = this.ror(this.rmw(addr)); this.write(addr, v); this.adc(v); break;
      case 0x6f: addr = this.fetchWord(); v = this.ror(this.rmw(addr)); this.write(addr, v); this.adc(v); break;
      case 0x7f: addr = this.absW(this.x); v = this.ror(this.rmw(addr)); this.write(addr, v); this.adc(v); break;
      case 0x7b: addr = this.absW(this.y); v = this.ror(this.rmw(addr)); this.write(addr, v); this.adc(v); break;
      case 0x63: addr = this.indX(); v = this.ror(this.rmw(addr)); this.write(addr, v); this.adc(v); break;
      case 0x73: addr = this.indYW(); v = this.ror(this.rmw(addr)); this.write(addr, v); this.adc(v); break;

      // DCP: DEC memory, then CMP
      case 0xc7: addr = this.fetch(); v = (this.rmw(addr) - 1) & 0xff; this.write(addr, v); this.cmp(this.a, v); break;
      case 0xd7: addr = this.zpX(); v = (this.rmw(addr) - 1) & 0xff; this.write(addr, v); this.cmp(this.a, v); break;
      case 0xcf: addr = this.fetchWord(); v = (this.rmw(addr) - 1) & 0xff; this.write(addr, v); this.cmp(this.a, v); break;
      case 0xdf: addr = this.absW(this.x); v = (this.rmw(addr) - 1) & 0xff; this.write(addr, v); this.cmp(this.a, v); break;
      case 0xdb: addr = this.absW(this.y); v = (this.rmw(addr) - 1) & 0xff; this.write(addr, v); this.cmp(this.a, v); break;
      case 0xc3: addr = this.indX(); v = (this.rmw(addr) - 1) & 0xff; this.write(addr, v); this.cmp(this.a, v); break;
      case 0xd3: addr = this.indYW(); v = (this.rmw(addr) - 1) & 0xff; this.write(addr, v); this.cmp(this.a, v); break;

      // ISB (ISC): INC memory, then SBC (decimal mode applies)
      case 0xe7: addr = this.fetch(); v = (this.rmw(addr) + 1) & 0xff; this.write(addr, v); this.sbc(v); break;
      case 0xf7: addr = this.zpX(); v = (this.rmw(addr) + 1) & 0xff; this.write(addr, v); this.sbc(v); break;
      case 0xef: addr = this.fetchWord(); v = (this.rmw(addr) + 1) & 0xff; this.write(addr, v); this.sbc(v); break;
      case 0xff: addr = this.absW(this.x); v = (this.rmw(addr) + 1) & 0xff; this.write(addr, v); this.sbc(v); break;
      case 0xfb: addr = this.absW(this.y); v = (this.rmw(addr) + 1) & 0xff; this.write(addr, v); this.sbc(v); break;
      case 0xe3: addr = this.indX(); v = (this.rmw(addr) + 1) & 0xff; this.write(addr, v); this.sbc(v); break;
      case 0xf3: addr = this.indYW(); v = (this.rmw(addr) + 1) & 0xff; this.write(addr, v); this.sbc(v); break;

      // Immediate combinations
      case 0x0b: case 0x2b: // ANC: AND, then C = N
        this.a = this.fn = this.fz = this.a & this.fetch();
        this.fc = this.a >> 7;
        break;
      case 0x4b: // ALR: AND, then LSR A
        v = this.a & this.fetch();
        this.fc = v & 1;
        this.a = this.fn = this.fz = v >> 1;
        break;
      case 0x6b: this.arr(this.a & this.fetch()); break;
      case 0xcb: { // SBX (AXS): X = (A AND X) - imm, flags like CMP, no borrow in, no decimal
        const t = (this.a & this.x) - this.fetch();
        this.fc = t >= 0 ? 1 : 0;
        this.x = this.fn = this.fz = t & 0xff;
        break;
      }
      case 0x8b: this.a = this.fn = this.fz = (this.a | MAGIC) & this.x & this.fetch(); break; // ANE (XAA)
      case 0xab: this.a = this.x = this.fn = this.fz = (this.a | MAGIC) & this.fetch(); break; // LXA

      // The "AND high byte + 1" stores: when the index carries into the next page
      // the chip's address high byte becomes the stored value.
      case 0x93: addr = this.indYBase(); this.storeHigh(addr, this.y, this.a & this.x); break; // SHA (zp),Y
      case 0x9f: addr = this.fetchWord(); this.storeHigh(addr, this.y, this.a & this.x); break; // SHA abs,Y
      case 0x9e: addr = this.fetchWord(); this.storeHigh(addr, this.y, this.x); break; // SHX abs,Y
      case 0x9c: addr = this.fetchWord(); this.storeHigh(addr, this.x, this.y); break; // SHY abs,X
      case 0x9b: // TAS: SP = A AND X, then stores like SHA
        addr = this.fetchWord();
        this.sp = this.a & this.x;
        this.storeHigh(addr, this.y, this.sp);
        break;
      case 0xbb: // LAS: A, X and SP = memory AND SP
        this.a = this.x = this.sp = this.fn = this.fz = this.read(this.absR(this.y)) & this.sp;
        break;

      // JAM (KIL): the chip locks up until reset.
      case 0x02: case 0x12: case 0x22: case 0x32: case 0x42: case 0x52:
      case 0x62: case 0x72: case 0x92: case 0xb2: case 0xd2: case 0xf2:
        this.pc = (this.pc - 1) & 0xffff;
        this.jammed = true;
        this.jamAddress = this.pc;
        break;
    }
  }

  // ---- bus access; every call is one cycle

  private read(address: number): number {
    this.cycles++;
    return (this.dataBus = this.bus.read(address));
  }

  private write(address: number, value: number): void {
    this.cycles++;
    this.dataBus = value;
    this.bus.write(address, value);
  }

  private fetch(): number {
    const pc = this.pc;
    this.pc = (pc + 1) & 0xffff;
    this.cycles++;
    return (this.dataBus = this.bus.read(pc));
  }

  /** A cycle whose read is at the PC and is thrown away: counted only. */
  private fetchDummy(): void {
    this.pc = (this.pc + 1) & 0xffff;
    this.cycles++;
  }

  /** The second cycle of a one-byte instruction re-reads the PC: counted only. */
  private idle(): void {
    this.cycles++;
  }

  private fetchWord(): number {
    const lo = this.fetch();
    return lo | (this.fetch() << 8);
  }

  private push(value: number): void {
    this.write(0x100 | this.sp, value);
    this.sp = (this.sp - 1) & 0xff;
  }

  /**
   * A pull's first stack cycle: the read at the old stack pointer, thrown away but left on the
   * data bus (a pull from the TIA's $0100-$017F shows it in bits 0-5, as in ALE).
   */
  private pullDummy(): void {
    this.read(0x100 | this.sp);
  }

  private pull(): number {
    this.sp = (this.sp + 1) & 0xff;
    return this.read(0x100 | this.sp);
  }

  /** Read half of a read-modify-write: reads, then writes the unmodified value back. */
  private rmw(address: number): number {
    const v = this.read(address);
    this.write(address, v);
    return v;
  }

  // ---- addressing modes

  /** zp,X: the base is read once while X is added; the sum wraps within page 0. */
  private zpX(): number {
    const base = this.fetch();
    this.read(base);
    return (base + this.x) & 0xff;
  }

  private zpY(): number {
    const base = this.fetch();
    this.read(base);
    return (base + this.y) & 0xff;
  }

  /** abs,X / abs,Y for reads: across a page, the un-carried address is read first (+1 cycle). */
  private absR(index: number): number {
    const lo = this.fetch() + index;
    const hi = this.fetch() << 8;
    if (lo > 0xff) this.read(hi | (lo & 0xff));
    return (hi + lo) & 0xffff;
  }

  /** abs,X / abs,Y for stores and read-modify-writes: the un-carried read always happens. */
  private absW(index: number): number {
    const lo = this.fetch() + index;
    const hi = this.fetch() << 8;
    this.read(hi | (lo & 0xff));
    return (hi + lo) & 0xffff;
  }

  /** (zp,X): the pointer base is read while X is added; the pointer wraps within page 0. */
  private indX(): number {
    const base = this.fetch();
    this.read(base);
    const p = (base + this.x) & 0xff;
    const lo = this.read(p);
    return lo | (this.read((p + 1) & 0xff) << 8);
  }

  /** (zp),Y for reads: across a page, the un-carried address is read first (+1 cycle). */
  private indYR(): number {
    const p = this.fetch();
    const lo = this.read(p) + this.y;
    const hi = this.read((p + 1) & 0xff) << 8;
    if (lo > 0xff) this.read(hi | (lo & 0xff));
    return (hi + lo) & 0xffff;
  }

  /** (zp),Y for stores and read-modify-writes: the un-carried read always happens. */
  private indYW(): number {
    const p = this.fetch();
    const lo = this.read(p) + this.y;
    const hi = this.read((p + 1) & 0xff) << 8;
    this.read(hi | (lo & 0xff));
    return (hi + lo) & 0xffff;
  }

  /** (zp),Y pointer without the index, for SHA. */
  private indYBase(): number {
    const p = this.fetch();
    const lo = this.read(p);
    return lo | (this.read((p + 1) & 0xff) << 8);
  }

  /**
   * SHA/SHX/SHY/TAS store `value AND (base high byte + 1)`; after the
   * always-made un-carried read, a page crossing replaces the address's high
   * byte with the stored value (the known NMOS behaviour).
   */
  private storeHigh(base: number, index: number, value: number): void {
    const lo = (base & 0xff) + index;
    const hi = base & 0xff00;
    this.read(hi | (lo & 0xff));
    const v = value & ((hi >> 8) + 1);
    const target = lo > 0xff ? (v << 8) | (lo & 0xff) : hi | lo;
    this.write(target, v & 0xff);
  }

  // ---- operations

  private branch(taken: boolean): void {
    const offset = this.fetch();
    if (!taken) return;
    const pc = this.pc;
    const target = (pc + ((offset ^ 0x80) - 0x80)) & 0xffff;
    // Taken: one cycle re-reading the next opcode; another if the high byte needs fixing. Counted only.
    this.cycles += ((pc ^ target) & 0xff00) === 0 ? 1 : 2;
    this.pc = target;
  }

  private setPulled(p: number): void {
    // PLP/RTI ignore bits 4 (B) and 5: they are not storage in the chip.
    this.status = p;
  }

  private bit(m: number): void {
    this.fn = m;
    this.fv = (m >> 6) & 1;
    this.fz = this.a & m;
  }

  private cmp(reg: number, m: number): void {
    const t = reg - m;
    this.fc = t >= 0 ? 1 : 0;
    this.fn = this.fz = t & 0xff;
  }

  private asl(v: number): number {
    this.fc = v >> 7;
    return (this.fn = this.fz = (v << 1) & 0xff);
  }

  private lsr(v: number): number {
    this.fc = v & 1;
    return (this.fn = this.fz = v >> 1);
  }

  private rol(v: number): number {
    const r = ((v << 1) | this.fc) & 0xff;
    this.fc = v >> 7;
    return (this.fn = this.fz = r);
  }

  private ror(v: number): number {
    const r = (v >> 1) | (this.fc << 7);
    this.fc = v & 1;
    return (this.fn = this.fz = r);
  }

  private adc(m: number): void {
    const a = this.a;
    const c = this.fc;
    if (this.fd === 0) {
      const r = a + m + c;
      this.fv = ((~(a ^ m) & (a ^ r)) >> 7) & 1;
      this.fc = r >> 8;
      this.a = this.fn = this.fz = r & 0xff;
      return;
    }
    const t = decimalAdc(a, m, c);
    this.a = t & 0xff;
    this.fn = (t >> 8) & 0xff;
    this.fz = (t >> 16) & 0xff;
    this.fv = (t >> 24) & 1;
    this.fc = (t >> 25) & 1;
  }

  private sbc(m: number): void {
    const a = this.a;
    if (this.fd === 0) {
      const r = a - m - (this.fc ^ 1);
      this.fv = (((a ^ m) & (a ^ r)) >> 7) & 1;
      this.fc = r >= 0 ? 1 : 0;
      this.a = this.fn = this.fz = r & 0xff;
      return;
    }
    const t = decimalSbc(a, m, this.fc);
    this.a = t & 0xff;
    this.fn = (t >> 8) & 0xff;
    this.fz = (t >> 16) & 0xff;
    this.fv = (t >> 24) & 1;
    this.fc = (t >> 25) & 1;
  }

  /** ARR: AND then ROR A; C and V come from bits 6 and 5, and decimal mode adds a BCD fix-up. */
  private arr(t: number): void {
    const r = (t >> 1) | (this.fc << 7);
    if (this.fd === 0) {
      this.a = this.fn = this.fz = r;
      this.fc = (r >> 6) & 1;
      this.fv = ((r >> 6) ^ (r >> 5)) & 1;
      return;
    }
    // NMOS decimal ARR: N is the old carry, Z the rotated value, V whether bit 6
    // changed; each digit of the AND result is then corrected like a BCD add.
    this.fn = r;
    this.fz = r;
    this.fv = ((t ^ r) >> 6) & 1;
    let a = r;
    if ((t & 0x0f) + (t & 0x01) > 0x05) a = (a & 0xf0) | ((a + 0x06) & 0x0f);
    if ((t & 0xf0) + (t & 0x10) > 0x50) {
      a = (a + 0x60) & 0xff;
      this.fc = 1;
    } else {
      this.fc = 0;
    }
    this.a = a;
  }
}
