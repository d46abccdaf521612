import test from 'tape';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Learner } from '../agent/learner.js';
import { saveCheckpoint } from '../cli/checkpoint-file.js';
import { PONG_V0 } from '../cli/rollout.js';
import { oneLineError, runCli } from './cli-run.js';
import { tinyRom } from './tiny-rom.js';

const tmp = mkdtempSync(join(tmpdir(), 'pong-train-unknown-'));
const tiny = join(tmp, 'tiny.bin');
writeFileSync(tiny, tinyRom());
// A checkpoint whose run played Pong-v0 (no frame limit), as a default `train` writes it.
const ckpt = join(tmp, 'run.ckpt');
saveCheckpoint(ckpt, new Learner({ seed: 1, hidden: 4 }), { env: PONG_V0, rom: 'x' });

test('play and frames refuse a ROM with no known game over unless --max-frames cuts its episodes', (t) => {
  const noEnd = /this ROM is not a game pong-train knows, so its episodes never end by themselves: pass --max-frames N/;
  oneLineError(t, runCli(['play', '--rom', tiny, '--checkpoint', ckpt], {}, 30_000), noEnd);
  oneLineError(t, runCli(['play', '--rom', tiny, '--checkpoint', ckpt, '--max-frames', '0'], {}, 30_000), noEnd);
  oneLineError(t, runCli(['frames', '--rom', tiny, '--frames', '10', '--out', join(tmp, 'f0')], {}, 30_000), noEnd);
  oneLineError(t, runCli(['frames', '--rom', tiny, '--frames', '10', '--max-frames', '0', '--out', join(tmp, 'f0')], {}, 30_000), noEnd);

  const played = runCli(['play', '--rom', tiny, '--checkpoint', ckpt, '--max-frames', '40']);
  t.equal(played.code, 0, played.stderr);
  t.match(played.stdout, /game +1 +score +0 : 0 +reward +0 +frames 40 +\(cut at the frame limit\)/, 'with --max-frames it plays, cut at the limit');
  const out = join(tmp, 'f1');
  const framed = runCli(['frames', '--rom', tiny, '--frames', '10', '--max-frames', '4', '--out', out]);
  t.equal(framed.code, 0, framed.stderr);
  t.equal(readdirSync(out).length, 11, 'frames 0-10 written');
  oneLineError(t, runCli(['frames', '--rom', tiny, '--frames', '10', '--max-frames', '-1', '--out', out]), /--max-frames must be a whole number >= 0/);
  t.end();
});

test('play and frames need no --max-frames for the built-in game', (t) => {
  const r = runCli(['frames', '--frames', '3', '--out', join(tmp, 'f2')]);
  t.equal(r.code, 0, r.stderr);
  t.end();
});
