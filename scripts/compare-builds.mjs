// Two builds' emulator speed, side by side in one process, to tell a small change from noise.
//   node scripts/compare-builds.mjs OLD_DIST NEW_DIST ROUNDS ROM...   (SKIP=1: training's setting)
// e.g. git worktree add /tmp/old HEAD~1 && (cd /tmp/old && npm ci && npm run build)
//      node scripts/compare-builds.mjs /tmp/old/dist dist 10 ../shared/roms/pong.bin
// Each round runs 6,000 frames on each build, in alternating order, so that a busy spell of the
// machine falls on both; the median of the rounds is what to read (the best is printed too).
// The same build against itself moves by 1-4% here.
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [oldDist, newDist, roundsArg, ...roms] = process.argv.slice(2);
const rounds = Number(roundsArg);
if (!oldDist || !newDist || !Number.isInteger(rounds) || rounds < 1 || roms.length === 0) {
  console.error('usage: node scripts/compare-builds.mjs OLD_DIST NEW_DIST ROUNDS ROM...');
  process.exit(2);
}
const load = (dist) => import(pathToFileURL(resolve(dist, 'cli/bench.js')).href);
const builds = [await load(oldDist), await load(newDist)];
const skip = process.env.SKIP === '1';
const median = (a) => a.slice().sort((x, y) => x - y)[a.length >> 1];
const fmt = (n) => Math.round(n).toLocaleString('en-US');

console.log(`frames/s, ${skip ? "training's setting" : 'every frame drawn'}; ${rounds} rounds: old -> new (ratio)`);
for (const rom of roms) {
  const bytes = new Uint8Array(readFileSync(rom));
  const fps = [[], []];
  for (let r = 0; r < rounds; r++) for (const b of r % 2 ? [1, 0] : [0, 1]) fps[b].push(builds[b].benchEmulator(bytes, 6000, skip).fps);
  const [mo, mn] = fps.map(median);
  const [bo, bn] = fps.map((f) => Math.max(...f));
  console.log(`${basename(rom, '.bin').padEnd(18)} median ${fmt(mo)} -> ${fmt(mn)} (${(mn / mo).toFixed(3)})   best ${fmt(bo)} -> ${fmt(bn)} (${(bn / bo).toFixed(3)})`);
}
