/**
 * Atari 2600 cartridges: the 4K window at $1000-$1FFF of the 6507's 13-bit bus.
 *
 * One class serves every supported format so the console's read/write calls
 * stay monomorphic. The format is chosen by the image size, as ALE does for
 * these sizes:
 *   2048  2K  one 2K image mirrored over the 4K window
 *   4096  4K  plain 4K
 *   8192  F8  two 4K banks, hotspots $1FF8-$1FF9
 *  16384  F6  four 4K banks, hotspots $1FF6-$1FF9
 *  32768  F4  eight 4K banks, hotspots $1FF4-$1FFB
 * Touching a hotspot (read or write) selects bank (offset - first hotspot).
 */

export type CartridgeFormat = '2K' | '4K' | 'F8' | 'F6' | 'F4';

/** A ROM image the emulator cannot use; the message is one line for the CLI to print. */
export class RomError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RomError';
  }
}

const SUPPORTED = '2048 (2K), 4096 (4K), 8192 (F8), 16384 (F6) or 32768 (F4) bytes';

/** Which format an image of `size` bytes is; throws RomError for any other size. */
export function formatForSize(size: number): CartridgeFormat {
  switch (size) {
    case 2048: return '2K';
    case 4096: return '4K';
    case 8192: return 'F8';
    case 16384: return 'F6';
    case 32768: return 'F4';
  }
  if (size === 0) {
    throw new RomError(`the ROM image is empty (0 bytes); supported sizes are ${SUPPORTED}`);
  }
  throw new RomError(
    `unsupported ROM size ${size} bytes; supported sizes are ${SUPPORTED} (give a raw Atari 2600 cartridge dump)`,
  );
}

export class Cartridge {
  readonly format: CartridgeFormat;
  readonly bankCount: number;
  /** The currently selected 4K bank (always 0 for 2K/4K). */
  bank = 0;
  /** The image laid out as 4K banks (bank b at b * 4096); a 2K image is stored twice so reads need no extra mask. */
  readonly image: Uint8Array;
  /** bank * 4096, kept so a read is one add and one index. */
  private offset = 0;
  /** First hotspot (low 12 bits) and how many there are; 0 hotspots for 2K/4K. */
  readonly hotFirst: number;
  readonly hotCount: number;
  private readonly startBank: number;

  private constructor(rom: Uint8Array, format: CartridgeFormat) {
    this.format = format;
    if (format === '2K') {
      this.image = new Uint8Array(4096);
      this.image.set(rom, 0);
      this.image.set(rom, 2048);
    } else {
      this.image = Uint8Array.from(rom);
    }
    this.bankCount = this.image.length >> 12;
    switch (format) {
      case 'F8': this.hotFirst = 0xff8; this.hotCount = 2; break;
      case 'F6': this.hotFirst = 0xff6; this.hotCount = 4; break;
      case 'F4': this.hotFirst = 0xff4; this.hotCount = 8; break;
      default: this.hotFirst = 0; this.hotCount = 0;
    }
    // Real consoles power up in an unpredictable bank, so well-made games put a
    // stub at the reset vector of every bank; we start where ALE's Stella core
    // does (F8: bank 1, the last; F6 and F4: bank 0) so bank-dependent start-up
    // code behaves as in the golden traces.
    this.startBank = format === 'F8' ? 1 : 0;
    this.reset();
  }

  /** Builds the cartridge for an image; throws RomError for an empty or unsupported size. */
  static fromBytes(rom: Uint8Array): Cartridge {
    return new Cartridge(rom, formatForSize(rom.length));
  }

  /** Power-on / console reset: select the start bank (see the constructor). */
  reset(): void {
    this.selectBank(this.startBank);
  }

  /** A CPU read with A12 set; a hotspot read switches banks, then returns the byte from the new bank. */
  read(address: number): number {
    const a = address & 0xfff;
    // One unsigned compare: the range is empty for 2K/4K (hotCount 0).
    if ((a - this.hotFirst) >>> 0 < this.hotCount) this.selectBank(a - this.hotFirst);
    return this.image[this.offset + a];
  }

  /** A CPU write with A12 set: ROM ignores the data, but a hotspot write still switches banks. */
  write(address: number, _value: number): void {
    const a = address & 0xfff;
    if ((a - this.hotFirst) >>> 0 < this.hotCount) this.selectBank(a - this.hotFirst);
  }

  /** The byte a read would return, without switching banks (for debuggers and disassembly). */
  peek(address: number): number {
    return this.image[this.offset + (address & 0xfff)];
  }

  private selectBank(bank: number): void {
    this.bank = bank;
    this.offset = bank << 12;
  }
}
