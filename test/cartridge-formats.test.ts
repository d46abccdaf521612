import test from 'tape';
import { readFileSync } from 'node:fs';
import { Cartridge, RomError } from '../emulator/cartridge.js';
import { detectFormat, hasSignature } from '../emulator/cartridge-detect.js';
import { md5 } from '../emulator/md5.js';
import { sharedPath } from './paths.js';

/** Every byte says where it came from (1K slice in the high bits); never one repeated byte over 256. */
function patterned(size: number): Uint8Array {
  const rom = new Uint8Array(size);
  for (let i = 0; i < size; i++) rom[i] = ((i >> 10) * 29 + (i & 0x3ff) * 7 + (i >> 8)) & 0xff;
  return rom;
}

/** `image` with `bytes` written at `at`. */
function withBytes(image: Uint8Array, at: number, bytes: number[]): Uint8Array {
  image.set(bytes, at);
  return image;
}

/** A Super Chip image: the first 256 bytes of every 4K bank one repeated byte. */
function superChip(size: number): Uint8Array {
  const rom = patterned(size);
  for (let b = 0; b < size; b += 4096) rom.fill(0xee, b, b + 256);
  return rom;
}

test('detect: signatures are counted as ALE counts them', (t) => {
  t.ok(hasSignature(Uint8Array.from([0x85, 0x3f, 0, 0x85, 0x3f, 0]), [0x85, 0x3f], 2), 'two hits apart');
  t.notOk(hasSignature(Uint8Array.from([0x85, 0x3f, 0x85, 0x3f, 0, 0]), [0x85, 0x3f], 2), 'after a hit the scan resumes one byte past it');
  t.notOk(hasSignature(Uint8Array.from([0, 0, 0x85, 0x3f]), [0x85, 0x3f], 1), 'a match at the very end is not tried');
  t.end();
});

test('detect: size and content choose the format in ALE\'s order', (t) => {
  t.equal(detectFormat(patterned(2048)).format, '2K');
  const doubled = new Uint8Array(4096);
  doubled.set(patterned(2048), 0);
  doubled.set(patterned(2048), 2048);
  t.equal(detectFormat(doubled).format, '2K', 'a 4K image of two equal halves is 2K');
  t.equal(detectFormat(patterned(4096)).format, '4K');
  t.deepEqual(detectFormat(patterned(8192)), { format: 'F8', startBank: 1 }, 'plain 8K: F8 from bank 1');
  t.deepEqual(detectFormat(patterned(16384)), { format: 'F6', startBank: 0 });
  t.deepEqual(detectFormat(patterned(32768)), { format: 'F4', startBank: 0 });
  t.deepEqual(detectFormat(superChip(8192)), { format: 'F8SC', startBank: 1 });
  t.deepEqual(detectFormat(superChip(16384)), { format: 'F6SC', startBank: 0 });
  t.deepEqual(detectFormat(superChip(32768)), { format: 'F4SC', startBank: 0 });
  const eight = new Uint8Array(8192);
  eight.set(patterned(4096), 0);
  eight.set(patterned(4096), 4096);
  t.equal(detectFormat(eight).format, '4K', 'an 8K image of two equal halves is 4K');
  t.equal(detectFormat(withBytes(patterned(8192), 0x300, [0xad, 0xe9, 0xff])).format, 'E0', 'LDA $FFE9: E0');
  t.equal(detectFormat(withBytes(patterned(8192), 0x300, [0x8d, 0xe0, 0x1f])).format, 'E0', 'STA $1FE0: E0');
  t.equal(detectFormat(withBytes(patterned(8192), 0x300, [0x20, 0x00, 0xd0, 0xc6, 0xc5])).format, 'FE', 'JSR $D000; DEC $C5: FE');
  const both = withBytes(withBytes(patterned(8192), 0x300, [0x20, 0x00, 0xd0, 0xc6, 0xc5]), 0x400, [0xad, 0xe9, 0xff]);
  t.equal(detectFormat(both).format, 'E0', 'E0 is tried before FE');
  const sc = withBytes(superChip(8192), 0x300, [0xad, 0xe9, 0xff]);
  t.equal(detectFormat(sc).format, 'F8SC', 'Super Chip is tried before E0');
  t.equal(detectFormat(withBytes(patterned(8192), 0x300, [0x85, 0x3f, 0, 0x85, 0x3f])).format, '3F', 'two STA $3F: 3F');
  t.equal(detectFormat(withBytes(patterned(8192), 0x300, [0x8d, 0x40, 0x02])).format, 'UA');
  t.equal(detectFormat(withBytes(patterned(4096), 0x300, [0x99, 0x00, 0xf4])).format, 'CV');
  const e7 = patterned(16384);
  e7.fill(0x11, 0x3800, 0x3a00);
  t.equal(detectFormat(e7).format, 'E7', '16K with a blank $3800-$39FF: E7');
  t.end();
});

test('cartridge: detected schemes we do not emulate are refused with a one-line RomError', (t) => {
  for (const [what, image] of [
    ['3F', withBytes(patterned(8192), 0x300, [0x85, 0x3f, 0, 0x85, 0x3f])],
    ['E7', (() => { const r = patterned(16384); r.fill(0x11, 0x3800, 0x3a00); return r; })()],
  ] as const) {
    try {
      Cartridge.fromBytes(image);
      t.fail(`${what} accepted`);
    } catch (e) {
      t.ok(e instanceof RomError, `${what}: RomError`);
      t.ok((e as Error).message.includes(what), `names the scheme: ${(e as Error).message}`);
      t.notOk((e as Error).message.includes('\n'), 'one line');
    }
  }
  t.end();
});

const superChips = [
  { size: 8192, format: 'F8SC', first: 0xff8, count: 2, start: 1 },
  { size: 16384, format: 'F6SC', first: 0xff6, count: 4, start: 0 },
  { size: 32768, format: 'F4SC', first: 0xff4, count: 8, start: 0 },
];

for (const s of superChips) {
  test(`cartridge: ${s.format}: RAM written at $1000-$107F, read at $1080-$10FF, in every bank`, (t) => {
    const rom = superChip(s.size);
    const cart = Cartridge.fromBytes(rom);
    t.equal(cart.format, s.format);
    t.equal(cart.bank, s.start, `starts in bank ${s.start}`);
    t.equal(cart.ram.length, 128);
    for (let i = 0; i < 128; i++) cart.write(0x1000 + i, (i * 3 + 1) & 0xff);
    let ok = true;
    for (let i = 0; i < 128; i++) if (cart.read(0x1080 + i) !== ((i * 3 + 1) & 0xff)) ok = false;
    t.ok(ok, 'each byte written at the write port reads back at the read port');
    t.equal(cart.read(0xf0ff), (127 * 3 + 1) & 0xff, 'the ports answer in the $Fxxx mirror too');
    t.equal(cart.read(0x1005), rom[s.start * 4096 + 5], 'reading the write port gives ROM there (as in ALE), not RAM');
    t.equal(cart.ram[5], 16, 'and leaves the RAM alone');
    cart.write(0x1085, 0x99);
    t.equal(cart.read(0x1085), 16, 'a write to the read port does not store');
    for (let k = s.count - 1; k >= 0; k--) {
      cart.read(0x1000 | (s.first + k));
      t.equal(cart.bank, k, `hotspot $${(0x1000 | (s.first + k)).toString(16)} selects bank ${k}`);
      t.equal(cart.read(0x1085), 16, `RAM is the same in bank ${k}`);
      t.equal(cart.read(0x1234), rom[k * 4096 + 0x234], `ROM of bank ${k} above the RAM`);
    }
    cart.write(0x1000 | (s.first + 1), 0);
    t.equal(cart.bank, 1, 'a hotspot write switches too');
    cart.reset();
    t.equal(cart.bank, s.start, 'reset returns to the start bank');
    t.equal(cart.read(0x1085), 0, 'reset clears the RAM');
    t.end();
  });
}

test('cartridge: E0 slices: three switchable 1K segments, the last fixed on slice 7', (t) => {
  const rom = withBytes(patterned(8192), 0x300, [0xad, 0xe9, 0xff]);
  const cart = Cartridge.fromBytes(rom);
  t.equal(cart.format, 'E0');
  const shows = (segment: number, slice: number) =>
    [0, 1, 0x17f, 0x180, 0x3ff].every((o) => cart.read(0x1000 + segment * 0x400 + o) === rom[slice * 0x400 + o]);
  t.ok(shows(0, 4) && shows(1, 5) && shows(2, 6) && shows(3, 7), 'power-on: slices 4, 5, 6, 7');
  for (let slice = 0; slice < 8; slice++) {
    cart.read(0x1fe0 + slice);
    cart.write(0x1fe8 + ((slice + 3) & 7), 0);
    cart.read(0xfff0 + ((slice + 5) & 7));
    t.ok(
      shows(0, slice) && shows(1, (slice + 3) & 7) && shows(2, (slice + 5) & 7) && shows(3, 7),
      `segments 0-2 on slices ${slice}, ${(slice + 3) & 7}, ${(slice + 5) & 7}; segment 3 on 7`,
    );
  }
  const before = [cart.slices[0], cart.slices[1], cart.slices[2]];
  for (const a of [0xfdf, 0xff8, 0xffc, 0xfff, 0x3e0, 0x7e0]) cart.read(0x1000 | a);
  t.deepEqual([cart.slices[0], cart.slices[1], cart.slices[2]], before, 'no switch outside $1FE0-$1FF7');
  cart.reset();
  t.ok(shows(0, 4) && shows(1, 5) && shows(2, 6), 'reset: slices 4, 5, 6 again');
  t.end();
});

test('cartridge: FE: A13 picks the 4K half ($Fxxx the first, $1xxx and $Dxxx the second)', (t) => {
  const rom = withBytes(patterned(8192), 0x300, [0x20, 0x00, 0xd0, 0xc6, 0xc5]);
  const cart = Cartridge.fromBytes(rom);
  t.equal(cart.format, 'FE');
  t.equal(cart.switches, false, 'its layout never changes: the console builds it in');
  let ok = true;
  for (let a = 0; a < 4096; a += 37) {
    if (cart.read(0xf000 | a) !== rom[a]) ok = false;
    if (cart.read(0xd000 | a) !== rom[4096 + a]) ok = false;
    if (cart.read(0x1000 | a) !== rom[4096 + a]) ok = false;
    if (cart.read(0x3000 | a) !== rom[a]) ok = false;
  }
  t.ok(ok, 'every sampled address reads its half');
  t.end();
});

/** The format ALE picks for each benchmark ROM in ../shared/roms that is not plain 2K/4K/F8/F6, by md5. */
const REAL_ROMS: { name: string; md5: string; format: string }[] = [
  { name: 'montezuma_revenge', md5: '3347a6dd59049b15a38394aa2dafa585', format: 'E0' },
  { name: 'tutankham', md5: '085322bae40d904f53bdcc56df0593fc', format: 'E0' },
  { name: 'jamesbond', md5: 'e51030251e440cffaab1ac63438b44ae', format: 'E0' },
  { name: 'robotank', md5: '4f618c2429138e0280969193ed6c107e', format: 'FE' },
  // Super Chip games in reality, but these dumps fail ALE's Super Chip test, so ALE runs them without the RAM.
  { name: 'centipede', md5: '91c2098e88a6b13f977af8c003e0bca5', format: 'F8' },
  { name: 'crazy_climber', md5: '55ef7b65066428367844342ed59f956c', format: 'F8' },
  { name: 'double_dunk', md5: '368d88a6c071caba60b4f778615aae94', format: 'F6' },
  { name: 'road_runner', md5: 'ce5cc62608be2cd3ed8abd844efb8919', format: 'F6' },
  { name: 'solaris', md5: 'e72eb8d4410152bdcb69e7fba327b420', format: 'F6' },
  { name: 'up_n_down', md5: 'a499d720e7ee35c62424de882a3351b6', format: 'F8' },
];

for (const r of REAL_ROMS) {
  const path = sharedPath(`roms/${r.name}.bin`);
  if (!path) console.log(`# skipping: ../shared/roms/${r.name}.bin not found`);
  test(`cartridge: ${r.name} is detected as ${r.format}`, { skip: !path }, (t) => {
    const rom = new Uint8Array(readFileSync(path!));
    t.equal(md5(rom), r.md5, 'the dump ALE ships');
    const cart = Cartridge.fromBytes(rom);
    t.equal(cart.format, r.format);
    t.end();
  });
}
