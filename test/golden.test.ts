import test from 'tape';
import { sharedFile, sharedPath } from './paths.js';
import { readTrace, replayTrace, describeMismatch } from '../emulator/trace.js';

// The bar for the emulator: every screen, RAM byte, reward and terminal flag that ALE recorded.
const rom = sharedFile('roms/pong.bin');

for (const name of ['pong-random', 'pong-tracking']) {
  const dir = sharedPath(`golden/${name}`);
  const missing = !rom ? '../shared/roms/pong.bin' : !dir ? `../shared/golden/${name}` : null;
  test(`golden trace ${name}: every row matches ALE`, { skip: missing !== null }, async (t) => {
    const trace = readTrace(dir!);
    const result = await replayTrace(rom!, trace);
    t.equal(
      result.matched,
      result.rows,
      `matched ${result.matched}/${result.rows} rows` + (result.firstMismatch ? `; first mismatch: ${describeMismatch(result.firstMismatch)}` : ''),
    );
    t.end();
  });
  if (missing) console.log(`# skipping golden trace ${name}: ${missing} not found`);
}
