import { Cartridge } from '../emulator/cartridge.js';
import { disassemble } from '../emulator/disasm.js';
import { UserError } from './errors.js';
import { loadRom } from './rom.js';

export interface DisasmOptions {
  /** The address to start at in each bank (default: the bank's first byte). */
  from?: number;
  /** Lines per bank at the most. */
  count?: number;
}

const hex4 = (n: number): string => '$' + n.toString(16).toUpperCase().padStart(4, '0');

/** `--from`: hexadecimal, written $F800, 0xF800 or F800. */
export function parseAddress(text: string): number {
  const m = /^(?:\$|0x)?([0-9a-f]{1,4})$/i.exec(text.trim());
  if (m === null) throw new UserError(`--from must be a hexadecimal address such as $F800, 0xF800 or F800 (got ${JSON.stringify(text)})`);
  return parseInt(m[1], 16);
}

/**
 * The listing of a cartridge image. The 6507 sees the cartridge wherever address line A12 is
 * set; it is shown at $F000-$FFFF, where its vectors are, and a 2K image at $F800 (its mirror
 * at $F000 is the same bytes). A bank-switched image is listed bank by bank, each at $F000.
 * `name` is how the header line calls the image.
 */
export function listRom(rom: Uint8Array, name: string, options: DisasmOptions = {}): string[] {
  const cart = Cartridge.fromBytes(rom);
  const size = Math.min(rom.length, 4096);
  const origin = 0x10000 - size;
  const banks = rom.length / size;
  let start = origin;
  if (options.from !== undefined) {
    if ((options.from & 0x1000) === 0) {
      throw new UserError(`--from ${hex4(options.from)} is outside the cartridge, which the 6507 sees where A12 is set ($1000-$1FFF, $F000-$FFFF and their mirrors)`);
    }
    start = origin + (options.from & (size - 1));
  }
  const out = [
    `; ${name}: ${cart.format} cartridge, ${rom.length} bytes` +
      (banks > 1 ? `, ${banks} banks of 4K, each shown at $F000-$FFFF (the console starts in bank ${cart.bank})` : `, at ${hex4(origin)}-$FFFF`),
  ];
  for (let b = 0; b < banks; b++) {
    if (b > 0) out.push('');
    const bank = rom.subarray(b * size, (b + 1) * size);
    const reset = bank[size - 4] | (bank[size - 3] << 8);
    // Where the reset vector points in this listing (a mirror of it, for a 2K image at $F000).
    const listed = origin + (reset & (size - 1));
    const inCart = (reset & 0x1000) !== 0;
    out.push(
      `; ${banks > 1 ? `bank ${b}: ` : ''}reset vector ${hex4(reset)}` +
        (!inCart ? ' (outside the cartridge)' : listed !== reset ? ` (listed at ${hex4(listed)})` : ''),
    );
    for (const line of disassemble(bank.subarray(start - origin), start, { count: options.count })) {
      if (inCart && line.address === listed) out.push('reset:');
      out.push(line.text);
    }
  }
  return out;
}

/** pong-train disasm: prints the listing of the ROM at `path`; `from` as the user wrote it. */
export function printDisasm(path: string | undefined, options: { from?: string; count?: number }): void {
  const rom = loadRom(path);
  const from = options.from === undefined ? undefined : parseAddress(options.from);
  const text = listRom(rom.bytes, rom.label, { from, count: options.count }).join('\n') + '\n';
  // A reader that stops early (| head) is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(0);
  });
  process.stdout.write(text);
}
