import test from 'tape';
import { Atari2600 } from '../emulator/atari2600.js';
import { TRANSLATION_CACHE_BLOCKS, translationCacheStats } from '../emulator/cpu-translate.js';
import { builtinRom } from '../cli/rom.js';

/** A 4K ROM of `LDA #random; JMP next` pairs: about 800 two-instruction blocks, all different from another seed's. */
function manyBlocksRom(seed: number): Uint8Array {
  let s = seed >>> 0 || 1;
  const rnd = (): number => ((s ^= s << 13), (s ^= s >>> 17), (s ^= s << 5), (s >>> 0) & 0xff);
  const rom = new Uint8Array(4096);
  let at = 0;
  while (at + 10 < 0xffc) {
    const next = 0xf000 + at + 5;
    rom.set([0xa9, rnd(), 0x4c, next & 0xff, next >> 8], at);
    at += 5;
  }
  rom.set([0x4c, 0x00, 0xf0], at); // back to the start
  rom.set([0x00, 0xf0, 0x00, 0xf0], 0xffc);
  return rom;
}

/** Runs ROMs with new blocks until `blocks` more have been compiled. */
function flood(blocks: number, firstSeed: number, onRom?: () => void): void {
  const goal = translationCacheStats().compiled + blocks;
  for (let seed = firstSeed; translationCacheStats().compiled < goal; seed++) {
    const c = new Atari2600(manyBlocksRom(seed));
    c.frame();
    c.frame();
    onRom?.();
  }
}

test('translation cache: bounded, however many distinct ROMs run in one process', (t) => {
  const start = translationCacheStats().compiled;
  let most = 0;
  flood(TRANSLATION_CACHE_BLOCKS + 1000, 1, () => (most = Math.max(most, translationCacheStats().cached)));
  const { cached, compiled } = translationCacheStats();
  t.ok(compiled - start > TRANSLATION_CACHE_BLOCKS, `${compiled - start} blocks compiled, more than the cache holds`);
  t.equal(most, TRANSLATION_CACHE_BLOCKS, `it never held more than ${TRANSLATION_CACHE_BLOCKS}`);
  t.equal(cached, TRANSLATION_CACHE_BLOCKS, 'and stays full, not growing');
  t.end();
});

test('translation cache: a console whose blocks were evicted runs on exactly as before', (t) => {
  const rom = builtinRom();
  const a = new Atari2600(rom);
  const b = new Atari2600(rom);
  for (let f = 0; f < 150; f++) a.frame();
  flood(TRANSLATION_CACHE_BLOCKS + 500, 100_000); // every block of the game is evicted
  for (let f = 0; f < 150; f++) a.frame();
  for (let f = 0; f < 300; f++) b.frame();
  t.deepEqual([...a.ram], [...b.ram], 'the same RAM');
  t.ok(a.screen.every((v, i) => v === b.screen[i]), 'the same screen');
  t.end();
});
