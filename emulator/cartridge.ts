/**
 * Atari 2600 cartridges: the 4K window at $1000-$1FFF of the 6507's 13-bit bus.
 *
 * One class serves every supported format so the console's read/write calls
 * stay monomorphic. The format is chosen as ALE chooses it (cartridge-detect.ts):
 *   2K    one 2K image mirrored over the 4K window
 *   4K    plain 4K
 *   F8    8K, two 4K banks, hotspots $1FF8-$1FF9
 *   F6    16K, four banks, hotspots $1FF6-$1FF9
 *   F4    32K, eight banks, hotspots $1FF4-$1FFB
 *   F8SC, F6SC, F4SC  the same with Atari's Super Chip: 128 bytes of RAM,
 *         written at $1000-$107F and read at $1080-$10FF
 *   E0    Parker Brothers, 8K as eight 1K slices: the window is four 1K
 *         segments; reading or writing $1FE0-$1FE7 / $1FE8-$1FEF / $1FF0-$1FF7
 *         puts slice 0-7 in segment 0 / 1 / 2; segment 3 always shows slice 7
 *   FE    Activision, 8K: which 4K shows depends on address line A13 (the
 *         games call across banks with JSR/RTS to $Dxxx and $Fxxx), so
 *         $Fxxx reads the first 4K and $1xxx/$Dxxx the second (ALE's model)
 * Touching a hotspot (read or write) switches.
 *
 * The cartridge describes its current layout as a table of 128-byte chunks
 * (the CPU's MemoryMap granularity) so the console can publish ROM and RAM
 * to the CPU for direct access; `layoutVersion` changes whenever it changes.
 * A chunk index is A13 followed by A11-A7 (64 chunks): only FE tells the two
 * halves apart.
 */

import { detectFormat, type DetectedFormat } from './cartridge-detect.js';

export type CartridgeFormat = '2K' | '4K' | 'F8' | 'F6' | 'F4' | 'F8SC' | 'F6SC' | 'F4SC' | 'E0' | 'FE';

/** A ROM image the emulator cannot use; the message is one line for the CLI to print. */
export class RomError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RomError';
  }
}

const SUPPORTED = '2048 (2K), 4096 (4K), 8192 (F8, E0, FE), 16384 (F6) or 32768 (F4) bytes';

/** Throws RomError unless `size` is one a supported cartridge can have. */
export function formatForSize(size: number): void {
  if (size === 2048 || size === 4096 || size === 8192 || size === 16384 || size === 32768) return;
  if (size === 0) {
    throw new RomError(`the ROM image is empty (0 bytes); supported sizes are ${SUPPORTED}`);
  }
  throw new RomError(
    `unsupported ROM size ${size} bytes; supported sizes are ${SUPPORTED} (give a raw Atari 2600 cartridge dump)`,
  );
}

const UNSUPPORTED_NAMES: Partial<Record<DetectedFormat, string>> = {
  '3E': '3E (Tigervision with RAM)',
  '3F': '3F (Tigervision)',
  UA: 'UA (UA Limited)',
  CV: 'CV (CommaVid)',
  E7: 'E7 (M Network)',
};

/** Chunks in the cartridge's table: A13 x 32 chunks of 128 bytes. */
export const CART_CHUNKS = 64;

/** The table index of a CPU address (A13, then A11-A7). */
export function cartChunk(address: number): number {
  return ((address >> 8) & 0x20) | ((address >> 7) & 0x1f);
}

// Switching kinds, small integers so read() is one compare in the common case.
const KIND_NONE = 0;
const KIND_BANKS = 1;
const KIND_E0 = 2;

export class Cartridge {
  readonly format: CartridgeFormat;
  /** 4K banks for F8/F6/F4 (and Super Chip), else 1. */
  readonly bankCount: number;
  /** The currently selected 4K bank (F8/F6/F4 and Super Chip; 0 otherwise). */
  bank = 0;
  /** E0: the 1K slice shown in each of the four segments. */
  readonly slices = new Int32Array(4);
  /** ROM laid out as the window needs it (a 2K image stored twice). */
  readonly romSize: number;
  /** Cartridge RAM bytes (128 for Super Chip, else 0), stored after the ROM. */
  readonly ramSize: number;
  /**
   * ROM then RAM. place() moves them into the console's memory, where the CPU
   * reads them directly; `base` is where they start there.
   */
  private mem: Uint8Array;
  private base = 0;
  /** Per chunk: offset (from base) of the bytes a read sees. */
  readonly readOffset = new Int32Array(CART_CHUNKS);
  /** Per chunk: offset (from base) a write stores to (cartridge RAM), or -1. */
  readonly writeOffset = new Int32Array(CART_CHUNKS).fill(-1);
  /** Per chunk, fixed by format: 1 when reads must come through read() (hotspots, a RAM write port). */
  readonly readThroughBus = new Uint8Array(CART_CHUNKS);
  /** Per chunk: 1 when its bytes are ROM (the CPU may translate code there). */
  readonly isRom = new Uint8Array(CART_CHUNKS);
  /**
   * Per chunk read through the bus for its hotspots: how many of its leading bytes come
   * before the first hotspot (a read of them has no effect beyond the byte); else 0.
   */
  readonly fetchLimit = new Uint8Array(CART_CHUNKS);
  /** False when the layout never changes (2K, 4K, FE): the console may build it in. */
  readonly switches: boolean;
  /** Bumped on every layout change. */
  layoutVersion = 0;
  private readonly kind: number;
  /** Lowest hotspot offset (A11-A0); 0x1000 when there is none, so read() needs one compare. */
  private readonly hotLow: number;
  private readonly hotFirst: number;
  private readonly hotCount: number;
  private readonly startBank: number;

  private constructor(rom: Uint8Array, format: CartridgeFormat, startBank: number) {
    this.format = format;
    this.startBank = startBank;
    this.ramSize = format === 'F8SC' || format === 'F6SC' || format === 'F4SC' ? 128 : 0;
    // A 2K or 4K image may come in a doubled dump; only its first copy counts.
    const used = format === '2K' ? 2048 : format === '4K' ? 4096 : rom.length;
    this.romSize = format === '2K' ? 4096 : used;
    this.mem = new Uint8Array(this.romSize + this.ramSize);
    this.mem.set(rom.subarray(0, used), 0);
    if (format === '2K') this.mem.set(rom.subarray(0, 2048), 2048);
    this.bankCount = format === 'E0' || format === 'FE' ? 1 : this.romSize >> 12;
    let kind = KIND_NONE;
    let hotFirst = 0x1000;
    let hotCount = 0;
    switch (format) {
      case 'F8': case 'F8SC': kind = KIND_BANKS; hotFirst = 0xff8; hotCount = 2; break;
      case 'F6': case 'F6SC': kind = KIND_BANKS; hotFirst = 0xff6; hotCount = 4; break;
      case 'F4': case 'F4SC': kind = KIND_BANKS; hotFirst = 0xff4; hotCount = 8; break;
      case 'E0': kind = KIND_E0; hotFirst = 0xfe0; hotCount = 24; break;
    }
    this.kind = kind;
    this.hotFirst = hotFirst;
    this.hotCount = hotCount;
    this.hotLow = hotFirst;
    this.switches = kind !== KIND_NONE;
    for (let i = 0; i < CART_CHUNKS; i++) {
      const a = (i & 0x1f) << 7;
      const hot = hotCount > 0 && a + 127 >= hotFirst;
      // Super Chip: reading the write port goes through read(), which returns ROM there as ALE does.
      const writePort = this.ramSize > 0 && a < 0x80;
      const readPort = this.ramSize > 0 && a >= 0x80 && a < 0x100;
      this.readThroughBus[i] = hot || writePort ? 1 : 0;
      if (hot && !writePort && !readPort) this.fetchLimit[i] = Math.max(0, hotFirst - a);
      this.isRom[i] = readPort ? 0 : 1;
      if (writePort) this.writeOffset[i] = this.romSize;
    }
    this.reset();
  }

  /** Builds the cartridge for an image, choosing the format as ALE does; throws RomError for an image it cannot run. */
  static fromBytes(rom: Uint8Array): Cartridge {
    formatForSize(rom.length);
    const { format, startBank } = detectFormat(rom);
    const unsupported = UNSUPPORTED_NAMES[format];
    if (unsupported !== undefined) {
      throw new RomError(`this ${rom.length}-byte image looks like a ${unsupported} cartridge, a bank-switching scheme not supported yet`);
    }
    return new Cartridge(rom, format as CartridgeFormat, startBank);
  }

  /**
   * Moves ROM and RAM into `memory` at `offset` (the console's CPU-visible
   * memory) and works from there from now on.
   */
  place(memory: Uint8Array, offset: number): void {
    memory.set(this.mem.subarray(this.base, this.base + this.romSize + this.ramSize), offset);
    this.mem = memory;
    this.base = offset;
  }

  /** Where ROM and RAM start in the array they live in (see place()). */
  get memoryBase(): number {
    return this.base;
  }

  /** The cartridge RAM (Super Chip), live; empty for other formats. */
  get ram(): Uint8Array {
    return this.mem.subarray(this.base + this.romSize, this.base + this.romSize + this.ramSize);
  }

  /**
   * Power-on / console reset: the start layout, cartridge RAM cleared. (The console
   * then fills Super Chip RAM from ALE's random generator, as ALE's core does.)
   */
  reset(): void {
    if (this.ramSize > 0) this.ram.fill(0);
    this.bank = this.startBank;
    // E0 powers up with slices 4, 5, 6 in segments 0-2, as in ALE.
    this.slices[0] = 4;
    this.slices[1] = 5;
    this.slices[2] = 6;
    this.slices[3] = 7;
    this.layout();
  }

  /** A CPU read with A12 set; a hotspot read switches first, then returns the byte from the new layout. */
  read(address: number): number {
    const a = address & 0xfff;
    if (a >= this.hotLow) this.hotspot(a);
    return this.mem[this.base + this.readOffset[cartChunk(address)] + (a & 0x7f)];
  }

  /** A CPU write with A12 set: stores into cartridge RAM at its write port; a hotspot write switches. */
  write(address: number, value: number): void {
    const a = address & 0xfff;
    if (a >= this.hotLow) this.hotspot(a);
    const o = this.writeOffset[cartChunk(address)];
    if (o >= 0) this.mem[this.base + o + (a & 0x7f)] = value;
  }

  /** The byte a read would return, without switching (for debuggers and disassembly). */
  peek(address: number): number {
    return this.mem[this.base + this.readOffset[cartChunk(address)] + (address & 0x7f)];
  }

  /** An access at window offset `a` at or above the lowest hotspot. */
  private hotspot(a: number): void {
    const k = a - this.hotFirst;
    if (k >= this.hotCount) return;
    if (this.kind === KIND_BANKS) {
      if (this.bank !== k) {
        this.bank = k;
        this.layout();
      }
    } else {
      // E0: $FE0-$FE7 segment 0, $FE8-$FEF segment 1, $FF0-$FF7 segment 2.
      const segment = k >> 3;
      if (this.slices[segment] !== (k & 7)) {
        this.slices[segment] = k & 7;
        this.layout();
      }
    }
  }

  /**
   * A number naming the current layout among this cartridge's layouts (the bank, or E0's
   * three switchable slices): equal keys, equal readOffset and writeOffset.
   */
  get layoutKey(): number {
    return this.kind === KIND_E0 ? this.slices[0] | (this.slices[1] << 3) | (this.slices[2] << 6) : this.bank;
  }

  /** Recomputes readOffset for the current bank or slices. */
  private layout(): void {
    const ro = this.readOffset;
    const e0 = this.kind === KIND_E0;
    const fe = this.format === 'FE';
    const bankBase = this.bank << 12;
    for (let i = 0; i < CART_CHUNKS; i++) {
      const a = (i & 0x1f) << 7;
      let o: number;
      if (e0) o = (this.slices[a >> 10] << 10) + (a & 0x3ff);
      // FE: A13 clear selects the second 4K (ALE's model of the Activision board).
      else if (fe) o = (i & 0x20) === 0 ? 4096 + a : a;
      else o = bankBase + a;
      // Super Chip read port: the RAM.
      if (this.ramSize > 0 && a === 0x80) o = this.romSize;
      ro[i] = o;
    }
    this.layoutVersion++;
  }
}
