import test from 'tape';
import { FrameDifference } from '../agent/preprocess.js';
import { AtariEnv } from '../emulator/env.js';
import { makeEnv, PONG_V0, upDownActions } from '../cli/rollout.js';
import { NTSC_RED } from '../emulator/palette.js';
import { builtinRom } from '../cli/rom.js';
import { sharedFile } from './paths.js';

const atari = sharedFile('roms/pong.bin');
if (!atari) console.log("# skipping the rollout test on Atari's Pong: ../shared/roms/pong.bin not found");

for (const [name, pong] of [["Atari's Pong", atari], ['the built-in game', builtinRom()]] as const) {
test(`rollout: training observations (colour codes) give the agent the same input as ALE's RGB frames, ${name}`, { skip: !pong }, (t) => {
  const codes = makeEnv(pong!, PONG_V0);
  const rgb = new AtariEnv(pong!, { frameSkip: PONG_V0.frameSkip, repeatActionProbability: PONG_V0.sticky, obsType: 'rgb', reuseObservation: true });
  const fromCodes = new FrameDifference(NTSC_RED);
  const fromRgb = new FrameDifference();
  const { up, down } = upDownActions(codes);
  let a = codes.reset({ seed: 5 }).observation;
  let b = rgb.reset({ seed: 5 }).observation;
  let steps = 0;
  let entries = 0;
  let mismatch = -1;
  for (; steps < 600 && mismatch < 0; steps++) {
    const n = fromCodes.next(a);
    if (n !== fromRgb.next(b)) mismatch = steps;
    for (let k = 0; k < n && mismatch < 0; k++) {
      if (fromCodes.indices[k] !== fromRgb.indices[k] || fromCodes.values[k] !== fromRgb.values[k]) mismatch = steps;
    }
    entries += n;
    const action = steps % 40 < 20 ? up : down;
    a = codes.step(action).observation;
    b = rgb.step(action).observation;
  }
  t.equal(mismatch, -1, 'no step differs');
  t.equal(steps, 600, '600 steps compared');
  t.ok(entries > 1000, `${entries} non-zero inputs compared`);
  t.end();
});
}
