import test from 'tape';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode } from 'fast-png';
import { GifRecorder } from '../cli/gif.js';
import { NTSC_PALETTE } from '../emulator/palette.js';
import { decodeGif } from './gif-decode.js';
import { projectRoot } from './paths.js';

const cli = join(projectRoot, 'dist', 'cli', 'main.js');
const tmp = mkdtempSync(join(tmpdir(), 'pong-train-gif-'));

function run(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, PONG_TRAIN_ROM: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** RGB of a w x h screen of colour values, each pixel blown up to scale x scale. */
function scaledRgb(screen: Uint8Array, w: number, h: number, scale: number): Uint8Array {
  const out = new Uint8Array(w * scale * h * scale * 3);
  for (let y = 0; y < h * scale; y++) {
    for (let x = 0; x < w * scale; x++) {
      const v = screen[Math.floor(y / scale) * w + Math.floor(x / scale)];
      out.set(NTSC_PALETTE.subarray(v * 3, v * 3 + 3), (y * w * scale + x) * 3);
    }
  }
  return out;
}

test('gif: every colour value comes out exactly, scaled; repeated frames are merged; it plays at the console speed', (t) => {
  const w = 16, h = 16;
  // Frame k: all 256 colour values, rotated by k (odd values too: they share the even one's colour).
  const screen = (k: number): Uint8Array => Uint8Array.from({ length: w * h }, (_, i) => (i + k * 7) & 0xff);
  const gif = new GifRecorder({ width: w, height: h, every: 2, scale: 3 });
  // 30 console frames: kept are 0, 2, ..., 28; frames 10-19 all show screen(10).
  const shown: Uint8Array[] = [];
  for (let f = 0; f < 30; f++) {
    const s = f >= 10 && f < 20 ? screen(10) : screen(f);
    gif.frame(s);
    if (f % 2 === 0) shown.push(s);
  }
  gif.endGame(60);
  const bytes = gif.finish();
  const d = decodeGif(bytes);
  t.equal(d.width, 48, 'width scaled');
  t.equal(d.height, 48, 'height scaled');
  t.equal(d.loops, 0, 'loops forever');
  // Kept frames 10, 12, ..., 18 are one image.
  const distinct = shown.filter((s, i) => i === 0 || !s.every((v, j) => v === shown[i - 1][j]));
  t.equal(d.frames.length, distinct.length, `${distinct.length} images for ${shown.length} kept frames`);
  let bad = 0;
  d.frames.forEach((f, i) => {
    const want = scaledRgb(distinct[i], w, h, 3);
    for (let j = 0; j < want.length; j++) if (f.rgb[j] !== want[j]) bad++;
  });
  t.equal(bad, 0, 'every pixel of every image is its colour value\'s NTSC colour');
  const total = d.frames.reduce((a, f) => a + f.delayCs, 0);
  t.equal(total, Math.round(((30 + 60) * 100) / 60), '30 frames and a second of hold last 1.5 s');
  t.ok(d.frames.every((f) => f.delayCs >= 2), 'no delay under 2/100 s (viewers would stretch it)');
  t.equal(d.frames[5].delayCs, Math.round((20 * 100) / 60) - Math.round((10 * 100) / 60), 'the merged image stays for frames 10-19');
  t.end();
});

test('play --gif: the GIF shows the frames the game played, exactly, and is written atomically', (t) => {
  const ckpt = join(tmp, 'tiny.ckpt');
  t.equal(run(['train', '--episodes', '1', '--workers', '1', '--max-frames', '200', '--quiet', '--checkpoint', ckpt]).code, 0, 'a tiny checkpoint');
  const file = join(tmp, 'out', 'game.gif');
  const frames = join(tmp, 'frames');
  const r = run(['play', '--checkpoint', ckpt, '--max-frames', '300', '--seed', '2', '--gif', file, '--every', '1', '--frames-out', frames]);
  t.equal(r.code, 0, r.code === 0 ? 'exit 0' : r.stderr);
  t.match(r.stdout, /wrote .*game\.gif: \d+ images, \d+ KB/);
  t.deepEqual(readdirSync(join(tmp, 'out')), ['game.gif'], 'no temp file left');
  const d = decodeGif(new Uint8Array(readFileSync(file)));
  // --frames-out writes each frame at scale 2: halve it and drop repeats, as the GIF does.
  const dir = join(frames, 'game-001');
  const pngs = readdirSync(dir).sort().map((n) => decode(readFileSync(join(dir, n))));
  const played: Uint8Array[] = [];
  for (const png of pngs) {
    const rgb = new Uint8Array(160 * 210 * 3);
    const src = png.data as Uint8Array;
    for (let y = 0; y < 210; y++) for (let x = 0; x < 160; x++) rgb.set(src.subarray((2 * y * 320 + 2 * x) * 3, (2 * y * 320 + 2 * x) * 3 + 3), (y * 160 + x) * 3);
    if (played.length === 0 || !rgb.every((v, i) => v === played[played.length - 1][i])) played.push(rgb);
  }
  t.equal(pngs.length, 300, '300 frames played');
  t.equal(d.frames.length, played.length, `${played.length} distinct frames, one image each`);
  const same = d.frames.filter((f, i) => played[i] && f.rgb.every((v, j) => v === played[i][j])).length;
  t.equal(same, played.length, 'each image is the frame played');
  t.equal(d.frames.reduce((a, f) => a + f.delayCs, 0), Math.round((360 * 100) / 60), '300 frames and the final second at real speed');
  t.end();
});

test('play --gif: a finished game ends on its final score: a second of the console\'s frames after the last point, then a second held', (t) => {
  const ckpt = join(tmp, 'tiny.ckpt');
  const file = join(tmp, 'whole.gif');
  const r = run(['play', '--checkpoint', ckpt, '--seed', '4', '--gif', file, '--every', '8', '--max-frames', '0']);
  t.equal(r.code, 0, r.code === 0 ? 'exit 0' : r.stderr);
  const m = /score +(\d+) : (\d+) .* frames (\d+)/.exec(r.stdout);
  t.ok(m && (m[1] === '21' || m[2] === '21'), `the game went to 21 (${m?.[0]})`);
  const d = decodeGif(new Uint8Array(readFileSync(file)));
  const frames = Number(m?.[3]);
  t.equal(d.frames.reduce((a, f) => a + f.delayCs, 0), Math.round(((frames + 60 + 60) * 100) / 60), `${frames} frames, then two seconds`);
  t.end();
});

test('play --gif: bad paths and --games are one-line errors before any play', (t) => {
  const ckpt = join(tmp, 'tiny.ckpt');
  const cases: [string[], RegExp][] = [
    [['--gif', tmp], /is a folder: name a file/],
    [['--gif', join(tmp, 'tiny.ckpt', 'x.gif')], /is not a folder/],
    [['--gif', join(tmp, 'a.gif'), '--games', '2'], /names game 2, but only 1 will be played/],
    [['--gif', join(tmp, 'a.gif'), '--games', 'first'], /--games must list game numbers/],
    [['--gif', join(tmp, 'a.gif'), '--scale', '0'], /--scale must be a whole number from 1 to 8/],
  ];
  for (const [flags, pattern] of cases) {
    const r = run(['play', '--checkpoint', ckpt, '--max-frames', '50', ...flags]);
    t.notEqual(r.code, 0, flags.join(' '));
    t.match(r.stderr.trim(), pattern);
    t.equal(r.stderr.trim().split('\n').length, 1, 'one line');
    t.doesNotMatch(r.stdout, /^game +1/m, 'nothing played');
  }
  t.end();
});


