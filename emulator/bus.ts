/**
 * What the CPU sees of the world: one byte read or written at a 16-bit address.
 * The 6502 makes exactly one bus access per cycle, and the CPU bumps its
 * `cycles` counter just before each access, so an implementation can read the
 * CPU's counter to know on which cycle an access lands. A write handler may add
 * to the counter to stall the CPU (RDY); a read handler must leave it alone.
 *
 * A bus may also publish a `memoryMap`: the parts of the address space where an
 * access has no effect beyond the memory itself (RAM, ROM without bank
 * hotspots). The CPU then reads and writes those bytes directly instead of
 * calling the bus, and calls `read`/`write` only for everything else.
 */
export interface Bus {
  read(address: number): number;
  write(address: number, value: number): void;
  readonly memoryMap?: MemoryMap;
  /**
   * Optional, for busy-wait loops: of the reads of `address` on cycles
   * `cycle`, `cycle + period`, ... (at most `count` of them), how many leading
   * ones would return a value v with `((v & mask) !== 0) === sense`, no read
   * among them changing anything. A bus that cannot tell answers 0. The CPU then
   * skips those reads, and the loop passes around them, without making them.
   */
  poll?(address: number, cycle: number, period: number, count: number, mask: number, sense: boolean): number;
}

/**
 * A device's write port, for translated code: a write of `value` to `address` on CPU cycle
 * `cycle`, exactly as the bus's write() would make it, returning the cycle count after it
 * (a stall adds to it). It never changes the memory map; when it stops the CPU it sets the
 * CPU's `stop` and `blockExit` itself. The CPU's `cycles` and `dataBus` are not brought up
 * to date for it.
 */
export interface WritePort {
  write(address: number, value: number, cycle: number): number;
}

/** The CPU's direct-access map works on 128-byte chunks: the 2600's smallest decoded region (RAM) is that size. */
export const CHUNK_SHIFT = 7;
const CHUNKS = 0x10000 >> CHUNK_SHIFT;

/**
 * Which 128-byte chunks of the 64K address space the CPU may access without the bus.
 * Entry `address >> 7` of `reads` / `writes` is the offset of that chunk in `memory`,
 * or -1 when the access must go through the bus. The owner may change entries
 * between accesses (bank switching) and must then call changed(); the CPU reads
 * the entries on every access.
 */
export class MemoryMap {
  readonly reads = new Int32Array(CHUNKS).fill(-1);
  readonly writes = new Int32Array(CHUNKS).fill(-1);
  /**
   * 1 for a read-mapped chunk whose bytes never change (ROM): the CPU may
   * translate code there into JavaScript. Set before the CPU is constructed.
   */
  readonly code = new Uint8Array(CHUNKS);
  /**
   * For a code chunk whose reads go through the bus (`reads` -1) only because some of its
   * addresses have side effects (a cartridge's bank-switch hotspots): where its bytes are in
   * `memory`, and how many of its leading bytes (`fetchLimit`) instructions may be fetched
   * from there, a fetch of them having no other effect. -1 and 0 elsewhere. Kept up to date
   * with `reads`.
   */
  readonly fetches = new Int32Array(CHUNKS).fill(-1);
  readonly fetchLimit = new Uint8Array(CHUNKS);
  /**
   * 1 for a chunk whose `reads` and `writes` entries never change (set before the CPU is
   * constructed): translated code may build them in, a direct index for mapped memory, a
   * direct bus call for a device.
   */
  readonly fixed = new Uint8Array(CHUNKS);

  /**
   * For a fixed chunk that is a device (writes -1): a port that translated code may call for
   * a write to a known address there instead of the bus (one call instead of two or three:
   * kernels write the TIA a thousand times a frame). Null elsewhere. Set before the CPU is
   * constructed.
   */
  readonly writePorts: (WritePort | null)[] = new Array<WritePort | null>(CHUNKS).fill(null);

  /** Bumped by changed(): lets the CPU notice a remap made during a bus call. */
  version = 0;

  constructor(readonly memory: Uint8Array) {}

  /** To be called after changing entries. */
  changed(): void {
    this.version++;
  }
}

/** Where instruction fetches of chunk `c` find its bytes in memory (reads `rm`, else fetches `fm`), or -1. */
export function codeOffset(rm: Int32Array, fm: Int32Array, c: number): number {
  const o = rm[c];
  return o >= 0 ? o : fm[c];
}
