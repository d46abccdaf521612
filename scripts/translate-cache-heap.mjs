#!/usr/bin/env node
// The heap and the translated-code cache after many distinct random 4K ROMs in one process,
// each through AtariEnv.reset() (72 frames) and 20 steps (BENCHMARKS.md, "Memory").
// Usage: node --expose-gc scripts/translate-cache-heap.mjs [ROMS=2400] [DIST=./dist]
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

if (typeof global.gc !== 'function') {
  console.log('run with node --expose-gc');
  process.exit(1);
}
const n = Number(process.argv[2] ?? 2400);
const dist = pathToFileURL(resolve(process.argv[3] ?? 'dist')).href;
const { AtariEnv } = await import(`${dist}/emulator/env.js`);
const tr = await import(`${dist}/emulator/cpu-translate.js`);
const stats = () => (tr.translationCacheStats ? tr.translationCacheStats() : { cached: '?', compiled: '?' });
let s = 12345;
const rnd = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 24;
const heap = () => { global.gc(); global.gc(); return process.memoryUsage().heapUsed / 1048576; };
const before = heap();
for (let i = 0; i < n; i++) {
  const rom = new Uint8Array(4096);
  for (let k = 0; k < rom.length; k++) rom[k] = rnd();
  rom[0xffc] = 0x00; rom[0xffd] = 0xf0;
  const env = new AtariEnv(rom, { maxEpisodeFrames: 0, repeatActionProbability: 0 });
  env.reset();
  for (let f = 0; f < 20; f++) env.step(f % env.actionCount);
  if ((i + 1) % (n / 4) === 0) { const st = stats(); console.log(`${i + 1} ROMs: heap ${heap().toFixed(1)} MB, cache ${st.cached} blocks of ${st.compiled} compiled`); }
}
console.log(`heap ${before.toFixed(1)} -> ${heap().toFixed(1)} MB over ${n} ROMs`);
