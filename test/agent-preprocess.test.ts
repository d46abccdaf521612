import test from 'tape';
import { gunzipSync, constants as zlibConstants } from 'node:zlib';
import { FRAME_BYTES, FrameDifference, PREPRO_SIZE, preprocess, SCREEN_ROWS, screenLevels } from '../agent/preprocess.js';
import { NTSC_PALETTE, NTSC_RED } from '../emulator/palette.js';
import { sharedFile } from './paths.js';

const W = 160;
const H = 210;
const SCREEN_BYTES = W * H;

function backgroundFrame(): Uint8Array {
  const rgb = new Uint8Array(FRAME_BYTES);
  for (let p = 0; p < W * H; p++) {
    rgb[p * 3] = 144; // Pong's brown background (144, 72, 17)
    rgb[p * 3 + 1] = 72;
    rgb[p * 3 + 2] = 17;
  }
  return rgb;
}

function setRed(rgb: Uint8Array, row: number, col: number, red: number): void {
  rgb[(row * W + col) * 3] = red;
}

test('agent preprocess: crop rows 35..194, every second row and column, background erased', (t) => {
  const rgb = backgroundFrame();
  const out = new Float64Array(PREPRO_SIZE);
  preprocess(rgb, out);
  t.equal(out.reduce((a, b) => a + b, 0), 0, 'background only: all zero');
  setRed(rgb, 35, 0, 200); // first kept pixel
  setRed(rgb, 193, 158, 236); // last kept pixel
  setRed(rgb, 36, 0, 200); // odd row offset: skipped
  setRed(rgb, 35, 1, 200); // odd column: skipped
  setRed(rgb, 34, 0, 200); // above the crop (score area)
  setRed(rgb, 195, 0, 200); // below the crop (bottom border)
  setRed(rgb, 37, 2, 109); // the second background shade
  setRed(rgb, 37, 4, 0); // black
  setRed(rgb, 37, 6, 1); // any other red level counts
  preprocess(rgb, out);
  const ones = [];
  for (let i = 0; i < PREPRO_SIZE; i++) if (out[i] !== 0) ones.push(i);
  t.deepEqual(ones, [0, 83, 6399], 'exactly (0,0), (1,3) and (79,79) are set');
  t.equal(out[6399], 1, 'values are 1');
  const u8 = new Uint8Array(PREPRO_SIZE);
  preprocess(rgb, u8);
  t.deepEqual(Array.from(u8), Array.from(out), 'Uint8Array output matches');
  t.throws(() => preprocess(new Uint8Array(100), out), RangeError, 'wrong frame size rejected');
  t.end();
});

test('agent preprocess: FrameDifference gives the sparse difference, nothing on a first frame', (t) => {
  const fd = new FrameDifference();
  const a = backgroundFrame();
  setRed(a, 35, 0, 200);
  setRed(a, 101, 40, 200);
  const b = backgroundFrame();
  setRed(b, 101, 40, 200); // unchanged
  setRed(b, 193, 158, 200); // appeared
  t.equal(fd.next(a), 0, 'first frame: no difference');
  const n = fd.next(b);
  t.equal(n, 2);
  t.deepEqual(Array.from(fd.indices.subarray(0, n)), [0, 6399], 'ascending indices');
  t.deepEqual(Array.from(fd.values.subarray(0, n)), [-1, 1], 'disappeared -1, appeared +1');
  t.equal(fd.next(b), 0, 'same frame again: no difference');
  fd.reset();
  t.equal(fd.next(a), 0, 'after reset: first frame again');
  t.end();
});

function loadGolden(frames: number): { screens: Uint8Array; palette: number[][] } | null {
  const gz = sharedFile('golden/pong-tracking/screens.bin.gz');
  const pal = sharedFile('golden/ntsc-palette.json');
  if (!gz || !pal) return null;
  // Inflate only a prefix: the whole recording is 750 MB once unpacked.
  const need = frames * SCREEN_BYTES;
  for (let len = 1 << 16; ; len *= 2) {
    const part = gunzipSync(gz.subarray(0, Math.min(len, gz.length)), { finishFlush: zlibConstants.Z_SYNC_FLUSH });
    if (part.length >= need || len >= gz.length) {
      const palette = (JSON.parse(Buffer.from(pal).toString('utf8')) as { rgb: number[][] }).rgb;
      return part.length >= need ? { screens: part, palette } : null;
    }
  }
}

function toRgb(screens: Uint8Array, frame: number, palette: number[][]): Uint8Array {
  const rgb = new Uint8Array(FRAME_BYTES);
  for (let p = 0; p < SCREEN_BYTES; p++) {
    const c = palette[screens[frame * SCREEN_BYTES + p]];
    rgb[p * 3] = c[0];
    rgb[p * 3 + 1] = c[1];
    rgb[p * 3 + 2] = c[2];
  }
  return rgb;
}

const GOLDEN_FRAME = 300;
const golden = loadGolden(GOLDEN_FRAME + 2);
if (!golden) console.log('# skipping: ../shared/golden/pong-tracking/screens.bin.gz or ntsc-palette.json not found');

test('agent preprocess: golden Pong frame 300 of pong-tracking', { skip: !golden }, (t) => {
  const { screens, palette } = golden!;
  const rgb = toRgb(screens, GOLDEN_FRAME, palette);
  const out = new Float64Array(PREPRO_SIZE);
  preprocess(rgb, out);
  let count = 0;
  for (let i = 0; i < PREPRO_SIZE; i++) if (out[i] !== 0) count++;

  // Independent count straight from the palette-mapped picture.
  let naive = 0;
  for (let row = 0; row < H; row++) {
    for (let col = 0; col < W; col++) {
      const red = palette[screens[GOLDEN_FRAME * SCREEN_BYTES + row * W + col]][0];
      const kept = row >= 35 && row < 195 && (row - 35) % 2 === 0 && col % 2 === 0;
      if (kept && red !== 144 && red !== 109 && red !== 0) naive++;
    }
  }
  // The picture: the left paddle (rows 63-78, cols 16-19), the right paddle (rows 74-89,
  // cols 140-143) and the ball (rows 65-68, cols 77-78) on the brown field; the score and the
  // white borders (rows 24-33, 194-209) lie outside the crop. Sampled (odd rows, even columns):
  // paddles 8 rows x 2 columns = 16 each, ball 2 rows x 1 column = 2, total 34.
  t.equal(naive, 34, 'naive count over the palette-mapped frame');
  t.equal(count, 34, 'preprocess() count');
  t.ok(count > 0 && count < PREPRO_SIZE);
  t.equal(out[((65 - 35) / 2) * 80 + 78 / 2], 1, 'ball pixel at (row 65, col 78) is set');
  t.equal(out[((63 - 35) / 2) * 80 + 16 / 2], 1, 'left paddle top at (row 63, col 16) is set');

  // Two consecutive frames: the sparse difference equals the dense one.
  const next = toRgb(screens, GOLDEN_FRAME + 1, palette);
  const out2 = new Float64Array(PREPRO_SIZE);
  preprocess(next, out2);
  const fd = new FrameDifference();
  fd.next(rgb);
  const n = fd.next(next);
  const dense = new Float64Array(PREPRO_SIZE);
  for (let k = 0; k < n; k++) dense[fd.indices[k]] = fd.values[k];
  let mismatches = 0;
  let nonZero = 0;
  for (let i = 0; i < PREPRO_SIZE; i++) {
    const d = out2[i] - out[i];
    if (d !== 0) nonZero++;
    if (dense[i] !== d) mismatches++;
  }
  t.equal(mismatches, 0, 'sparse difference matches the dense difference');
  t.equal(n, nonZero, `count ${n}`);
  t.ok(n > 0, 'the ball or a paddle moved between frames');
  t.end();
});

test('agent preprocess: colour-code frames through a palette\'s red column equal RGB frames', { skip: !golden }, (t) => {
  const { screens, palette } = golden!;
  const redOfCode = Uint8Array.from({ length: 256 }, (_, v) => palette[v][0]);
  const rgbDiff = new FrameDifference();
  const codeDiff = new FrameDifference(redOfCode);
  t.equal(codeDiff.bytesPerPixel, 1);
  let compared = 0;
  let entries = 0;
  for (let f = GOLDEN_FRAME - 40; f <= GOLDEN_FRAME + 1; f++) {
    const n = rgbDiff.next(toRgb(screens, f, palette));
    const m = codeDiff.next(screens.subarray(f * SCREEN_BYTES, (f + 1) * SCREEN_BYTES));
    if (n !== m) break;
    let same = true;
    for (let k = 0; k < n; k++) if (rgbDiff.indices[k] !== codeDiff.indices[k] || rgbDiff.values[k] !== codeDiff.values[k]) same = false;
    if (!same) break;
    compared++;
    entries += n;
  }
  t.equal(compared, 42, 'the same sparse differences on 42 consecutive golden frames');
  t.ok(entries > 0, `${entries} non-zero entries compared`);
  t.throws(() => codeDiff.next(toRgb(screens, GOLDEN_FRAME, palette)), /210x160 = 33600 bytes/, 'an RGB frame is rejected by name');
  t.throws(() => new FrameDifference(new Uint8Array(128)), RangeError, 'a red column must have 256 entries');
  t.end();
});

test('agent preprocess: the whole-screen grey view of other games (levels per colour code, differences of levels)', (t) => {
  const levels = screenLevels(NTSC_PALETTE);
  t.equal(levels[0], 0, 'colour 0 is black');
  t.equal(levels[0x0e], Math.max(...levels), 'colour $0E (white) is the brightest');
  t.ok(levels.every((v) => v >= 0 && v <= 1), 'levels in 0..1');
  const frames = new FrameDifference(undefined, { firstRow: 0, rows: SCREEN_ROWS, levelOfCode: levels, firstAgainstZero: true });
  t.equal(frames.size, 105 * 80, '105 x 80 inputs');
  t.equal(frames.bytesPerPixel, 1, 'colour-code frames');
  const screen = new Uint8Array(SCREEN_BYTES);
  screen[0] = 0x0e; // row 0, column 0: sampled
  screen[1] = 0x0e; // column 1: not sampled
  screen[208 * W + 158] = 0x44; // the last sampled row and column
  screen[209 * W] = 0x0e; // row 209: not sampled
  let n = frames.next(screen);
  t.deepEqual([...frames.indices.subarray(0, n)], [0, 104 * 80 + 79], 'first frame against a blank one: the two sampled pixels');
  t.deepEqual([...frames.values.subarray(0, n)], [levels[0x0e], levels[0x44]], 'their grey levels');
  screen[0] = 0x08;
  n = frames.next(screen);
  t.deepEqual([...frames.indices.subarray(0, n)], [0], 'then only what changed');
  t.equal(frames.values[0], levels[0x08] - levels[0x0e], 'by the difference of levels');
  t.throws(() => new FrameDifference(NTSC_RED, { levelOfCode: levels }), /either redOfCode .* or levelOfCode/, 'not both tables');
  t.throws(() => new FrameDifference(undefined, { firstRow: 0, rows: 106, levelOfCode: levels }), /rows must be an integer from 1 to 105/, 'no row past the screen');
  t.end();
});
