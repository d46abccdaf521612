import test from 'tape';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cartridge, RomError } from '../emulator/cartridge.js';
import { readRomFile, md5Hex } from '../emulator/rom-file.js';
import { sharedPath } from './paths.js';

/** An image whose every byte says where it came from: bank in the high bits, offset mixed in. */
function patterned(size: number): Uint8Array {
  const rom = new Uint8Array(size);
  for (let i = 0; i < size; i++) rom[i] = ((i >> 12) * 37 + (i & 0xfff) * 7 + (i >> 8)) & 0xff;
  return rom;
}

/** Reads the byte at $1xxx offset `off` (non-hotspot addresses only) as the CPU would. */
function bankMatches(cart: Cartridge, rom: Uint8Array, bank: number, offsets: number[]): boolean {
  return offsets.every((off) => cart.peek(0x1000 | off) === rom[bank * 4096 + off]);
}

const SAMPLE_OFFSETS = [0x000, 0x001, 0x7ff, 0x800, 0xabc, 0xfef, 0xff0, 0xff3, 0xffc, 0xfff];

test('cartridge: 2K image is mirrored over the 4K window', (t) => {
  const rom = patterned(2048);
  const cart = Cartridge.fromBytes(rom);
  t.equal(cart.format, '2K');
  t.equal(cart.bankCount, 1);
  let ok = true;
  for (let a = 0; a < 4096; a++) {
    if (cart.read(0x1000 | a) !== rom[a & 0x7ff]) ok = false;
    // Upper address bits beyond A12 (mirrors at $3000, $F000) do not matter.
    if (cart.read(0xf000 | a) !== rom[a & 0x7ff]) ok = false;
  }
  t.ok(ok, 'every address reads rom[address & $7FF]');
  t.equal(cart.read(0x1ffc), rom[0x7fc], 'reset vector low byte from the mirror');
  cart.write(0x1ff8, 0x55);
  t.equal(cart.read(0x1000), rom[0], 'writes do not change ROM');
  t.equal(cart.bank, 0);
  t.end();
});

test('cartridge: 4K image maps straight, with no hotspots', (t) => {
  const rom = patterned(4096);
  const cart = Cartridge.fromBytes(rom);
  t.equal(cart.format, '4K');
  let ok = true;
  for (let a = 0; a < 4096; a++) if (cart.read(0x1000 | a) !== rom[a]) ok = false;
  t.ok(ok, 'every address reads rom[address & $FFF]');
  for (let a = 0xff4; a <= 0xffb; a++) cart.write(0x1000 | a, 0);
  t.equal(cart.bank, 0, 'F4-range writes do not switch a 4K cartridge');
  t.end();
});

const banked: { size: number; format: string; first: number; count: number; start: number }[] = [
  { size: 8192, format: 'F8', first: 0xff8, count: 2, start: 1 },
  { size: 16384, format: 'F6', first: 0xff6, count: 4, start: 0 },
  { size: 32768, format: 'F4', first: 0xff4, count: 8, start: 0 },
];

for (const b of banked) {
  test(`cartridge: ${b.format} bank switching by read and by write`, (t) => {
    const rom = patterned(b.size);
    const cart = Cartridge.fromBytes(rom);
    t.equal(cart.format, b.format);
    t.equal(cart.bankCount, b.count);
    t.equal(cart.bank, b.start, `starts in bank ${b.start}`);
    t.ok(bankMatches(cart, rom, b.start, SAMPLE_OFFSETS), 'start bank mapped');

    // Walk the banks in reverse order so every switch changes the bank.
    for (let k = b.count - 1; k >= 0; k--) {
      const hot = 0x1000 | (b.first + k);
      const value = cart.read(hot);
      t.equal(cart.bank, k, `read of $${hot.toString(16)} selects bank ${k}`);
      t.equal(value, rom[k * 4096 + b.first + k], 'the hotspot read returns the byte of the new bank');
      t.ok(bankMatches(cart, rom, k, SAMPLE_OFFSETS), `bank ${k} mapped`);
    }
    for (let k = 0; k < b.count; k++) {
      // Switch away first so the write has something to change.
      cart.read(0x1000 | (b.first + ((k + 1) % b.count)));
      cart.write(0x1000 | (b.first + k), 0xa5);
      t.equal(cart.bank, k, `write to hotspot ${k} selects bank ${k}`);
      t.ok(bankMatches(cart, rom, k, SAMPLE_OFFSETS), `bank ${k} mapped after write`);
    }

    // Accesses next to the hotspot range and elsewhere leave the bank alone.
    cart.read(0x1000 | (b.first + 1));
    const here = cart.bank;
    for (const a of [0x000, 0x7ff, b.first - 1, b.first + b.count, 0xffc, 0xffd, 0xffe, 0xfff]) {
      cart.read(0x1000 | a);
      cart.write(0x1000 | a, 0);
    }
    t.equal(cart.bank, here, 'non-hotspot reads and writes do not switch');
    // Only the low 12 bits matter: the hotspot answers in every mirror of the window.
    cart.read(0xf000 | b.first);
    t.equal(cart.bank, 0, 'hotspot seen through a mirror ($Fxxx) switches too');

    cart.reset();
    t.equal(cart.bank, b.start, 'reset returns to the start bank');
    t.end();
  });
}

test('cartridge: fromBytes rejects empty and odd sizes with one-line RomErrors', (t) => {
  for (const size of [0, 1, 2047, 2049, 3072, 6144, 12288, 65536]) {
    try {
      Cartridge.fromBytes(new Uint8Array(size));
      t.fail(`size ${size} accepted`);
    } catch (e) {
      t.ok(e instanceof RomError, `size ${size} throws RomError`);
      const msg = (e as Error).message;
      t.ok(msg.includes(String(size)), `message names the size: ${msg}`);
      t.ok(msg.includes('2048') && msg.includes('32768'), 'message lists the supported sizes');
      t.notOk(msg.includes('\n'), 'one line');
    }
  }
  t.end();
});

test('rom-file: readRomFile reads a good image and explains bad paths', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'pong-train-rom-'));
  try {
    const good = join(dir, 'good.bin');
    const rom = patterned(4096);
    writeFileSync(good, rom);
    t.deepEqual(readRomFile(good), rom, 'a 4K file reads back byte for byte');

    const expectError = (path: string, words: string[], what: string) => {
      try {
        readRomFile(path);
        t.fail(`${what}: no error`);
      } catch (e) {
        t.ok(e instanceof RomError, `${what}: RomError`);
        const msg = (e as Error).message;
        t.notOk(msg.includes('\n'), `${what}: one line`);
        for (const w of words) t.ok(msg.includes(w), `${what}: message mentions "${w}" (${msg})`);
      }
    };

    expectError(join(dir, 'missing.bin'), ['not found', 'missing.bin'], 'missing file');
    expectError(join(dir, 'missing-dir', 'x.bin'), ['not found'], 'missing parent directory');
    const sub = join(dir, 'adir');
    mkdirSync(sub);
    expectError(sub, ['directory', 'adir'], 'directory');
    const empty = join(dir, 'empty.bin');
    writeFileSync(empty, new Uint8Array(0));
    expectError(empty, ['empty', 'empty.bin'], 'empty file');
    const odd = join(dir, 'odd.bin');
    writeFileSync(odd, new Uint8Array(3000));
    expectError(odd, ['3000', 'odd.bin', '2048'], 'odd size');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  t.end();
});

test('rom-file: md5Hex', (t) => {
  t.equal(md5Hex(new Uint8Array(0)), 'd41d8cd98f00b204e9800998ecf8427e', 'md5 of nothing');
  t.equal(md5Hex(new TextEncoder().encode('abc')), '900150983cd24fb0d6963f7d28e17f72', 'md5("abc")');
  t.end();
});

const pongPath = sharedPath('roms/pong.bin');
if (!pongPath) console.log('# skipping: ../shared/roms/pong.bin not found');
test('rom-file: Pong loads as a 2K cartridge with the known md5', { skip: !pongPath }, (t) => {
  const rom = readRomFile(pongPath!);
  t.equal(md5Hex(rom), '60e0ea3cbe0913d39803477945e9e5ec');
  const cart = Cartridge.fromBytes(rom);
  t.equal(cart.format, '2K');
  const vector = cart.read(0x1ffc) | (cart.read(0x1ffd) << 8);
  t.ok((vector & 0x1000) !== 0, `reset vector $${vector.toString(16)} points into the cartridge`);
  t.end();
});
