// Karpathy's prepro: crop the playfield, downsample by 2, keep one channel, binarise.
// The agent sees only this: an 80x80 image where paddles and ball are 1 and all else is 0.

export const FRAME_HEIGHT = 210;
export const FRAME_WIDTH = 160;
/** Bytes in one RGB observation (row-major, RGB interleaved). */
export const FRAME_BYTES = FRAME_HEIGHT * FRAME_WIDTH * 3;
export const PREPRO_SIDE = 80;
/** Length of the preprocessed vector: 80 x 80. */
export const PREPRO_SIZE = PREPRO_SIDE * PREPRO_SIDE;
/** Rows of the PPO article's crop (screen rows 35-184, every second one): 75 x 80 = 6,000 inputs. */
export const PPO_ROWS = 75;
/** Rows of the whole-screen view other games are seen through (every second of 210): 105 x 80 = 8,400 inputs. */
export const SCREEN_ROWS = FRAME_HEIGHT / 2;

// Rows 35..194 hold the playfield; the score above and the bottom border are cropped away.
const FIRST_ROW = 35;
// Red levels of Pong's two background shades (Karpathy's "background type 1/2").
const BACKGROUND_RED_1 = 144;
const BACKGROUND_RED_2 = 109;

// Red levels that are not the background: Karpathy's test (red is neither 0 nor a background shade).
function isForegroundRed(red: number): boolean {
  return red !== 0 && red !== BACKGROUND_RED_1 && red !== BACKGROUND_RED_2;
}

function checkFrame(rgb: Uint8Array): void {
  if (rgb.length !== FRAME_BYTES) {
    throw new RangeError(`observation must be ${FRAME_HEIGHT}x${FRAME_WIDTH}x3 = ${FRAME_BYTES} bytes, got ${rgb.length}`);
  }
}

/** Dense reference: writes 0/1 into out[0..6400) (row-major 80x80). */
export function preprocess(rgb: Uint8Array, out: Float64Array | Uint8Array): void {
  checkFrame(rgb);
  if (out.length < PREPRO_SIZE) throw new RangeError(`preprocess output needs ${PREPRO_SIZE} entries, got ${out.length}`);
  let o = 0;
  for (let r = 0; r < PREPRO_SIDE; r++) {
    // Red channel of every second pixel of every second row.
    let p = ((FIRST_ROW + 2 * r) * FRAME_WIDTH) * 3;
    for (let c = 0; c < PREPRO_SIDE; c++, p += 6) {
      const red = rgb[p];
      out[o++] = isForegroundRed(red) ? 1 : 0;
    }
  }
}

/**
 * The policy's input: the difference of consecutive preprocessed frames (motion), produced in
 * sparse form. After reset() the first frame yields no entries (Karpathy's zero vector).
 * `indices` come out ascending, `values` are +1 (pixel appeared) or -1 (disappeared).
 * The arrays are reused: read them before the next call.
 *
 * Frames are 210x160 interleaved RGB by default. Given `redOfCode` (a palette's red column,
 * 256 entries), frames are instead one colour code per pixel, red level = redOfCode[code]:
 * the same preprocessing without first expanding every pixel to RGB.
 *
 * Options: `rows` sampled (80: Karpathy's crop 35-194; 75: the PPO article's 35-184), and
 * `firstAgainstZero`: the first frame of an episode is differenced against a blank frame (the
 * article's `prev_obs = None`), so it yields the whole first image instead of nothing.
 *
 * Games other than Pong have no known background to binarise against: given `levelOfCode`
 * (256 entries, a colour code's grey level in 0..1, e.g. screenLevels()), a pixel's value is
 * that level instead of Pong's 0/1, and the inputs are the differences of levels. With
 * `firstRow` 0 and `rows` SCREEN_ROWS the whole screen is seen.
 */
export interface FrameDifferenceOptions {
  rows?: number;
  firstAgainstZero?: boolean;
  /** The first screen row sampled [35, Pong's playfield]. */
  firstRow?: number;
  levelOfCode?: Float64Array;
}

/**
 * The grey level (0..1) of each colour code, from a palette's RGB (256 x 3 bytes): ITU-R
 * BT.601 luma, the grey DQN's preprocessing sees.
 */
export function screenLevels(palette: Uint8Array): Float64Array {
  if (palette.length !== 256 * 3) throw new RangeError(`palette must have 256 x 3 entries, got ${palette.length}`);
  return Float64Array.from({ length: 256 }, (_, v) => Math.round(0.299 * palette[v * 3] + 0.587 * palette[v * 3 + 1] + 0.114 * palette[v * 3 + 2]) / 255);
}

export class FrameDifference {
  /** Inputs produced: rows x 80. */
  readonly size: number;
  readonly rows: number;
  readonly indices: Int32Array;
  readonly values: Float64Array;
  /** Entries filled by the last next(). */
  count = 0;
  /** Bytes per pixel of the frames next() takes: 3 (RGB) or 1 (colour codes). */
  readonly bytesPerPixel: number;
  /** The first screen row sampled. */
  readonly firstRow: number;
  // A pixel's value by its first byte (red level, or colour code): Pong's 0/1 foreground test, or a grey level.
  private readonly level = new Float64Array(256);
  private readonly previous: Float64Array;
  private readonly firstAgainstZero: boolean;
  private hasPrevious = false;

  constructor(redOfCode?: Uint8Array, options: FrameDifferenceOptions = {}) {
    if (redOfCode !== undefined && redOfCode.length !== 256) {
      throw new RangeError(`redOfCode must have 256 entries (one per colour code), got ${redOfCode.length}`);
    }
    const firstRow = options.firstRow ?? FIRST_ROW;
    if (!Number.isInteger(firstRow) || firstRow < 0 || firstRow >= FRAME_HEIGHT) throw new RangeError(`firstRow must be an integer from 0 to ${FRAME_HEIGHT - 1}, got ${firstRow}`);
    const maxRows = Math.floor((FRAME_HEIGHT - firstRow + 1) / 2);
    const rows = options.rows ?? Math.min(PREPRO_SIDE, maxRows);
    if (!Number.isInteger(rows) || rows < 1 || rows > maxRows) throw new RangeError(`rows must be an integer from 1 to ${maxRows} (from row ${firstRow}), got ${rows}`);
    const levelOfCode = options.levelOfCode;
    if (levelOfCode !== undefined) {
      if (redOfCode !== undefined) throw new RangeError('give either redOfCode (Pong\'s foreground test) or levelOfCode (grey levels), not both');
      if (levelOfCode.length !== 256 || !levelOfCode.every((x) => x >= 0 && x <= 1)) throw new RangeError('levelOfCode must have 256 entries from 0 to 1 (one per colour code)');
    }
    this.firstRow = firstRow;
    this.rows = rows;
    this.size = rows * PREPRO_SIDE;
    this.indices = new Int32Array(this.size);
    this.values = new Float64Array(this.size);
    this.previous = new Float64Array(this.size);
    this.firstAgainstZero = options.firstAgainstZero ?? false;
    this.reset();
    this.bytesPerPixel = redOfCode || levelOfCode ? 1 : 3;
    for (let v = 0; v < 256; v++) this.level[v] = levelOfCode ? levelOfCode[v] : isForegroundRed(redOfCode ? redOfCode[v] : v) ? 1 : 0;
  }

  /** Starts a new episode: the next frame has no predecessor. */
  reset(): void {
    this.count = 0;
    if (this.firstAgainstZero) {
      this.previous.fill(0);
      this.hasPrevious = true;
    } else {
      this.hasPrevious = false;
    }
  }

  /** Preprocesses `frame`, returns the number n of non-zero differences in indices/values[0..n). */
  next(frame: Uint8Array): number {
    const bpp = this.bytesPerPixel;
    if (frame.length !== FRAME_HEIGHT * FRAME_WIDTH * bpp) {
      throw new RangeError(
        `observation must be ${FRAME_HEIGHT}x${FRAME_WIDTH}${bpp === 3 ? 'x3' : ''} = ${FRAME_HEIGHT * FRAME_WIDTH * bpp} bytes, got ${frame.length}`,
      );
    }
    const level = this.level;
    const prev = this.previous;
    const indices = this.indices;
    const values = this.values;
    const compare = this.hasPrevious;
    const columnStep = 2 * bpp;
    let n = 0;
    // One pass: sample (every second row and column of the crop), binarise (or grey), difference.
    for (let r = 0, i = 0, rows = this.rows, first = this.firstRow; r < rows; r++) {
      let p = (first + 2 * r) * FRAME_WIDTH * bpp;
      for (let c = 0; c < PREPRO_SIDE; c++, i++, p += columnStep) {
        const v = level[frame[p]];
        if (v !== prev[i]) {
          if (compare) {
            indices[n] = i;
            values[n] = v - prev[i];
            n++;
          }
          prev[i] = v;
        }
      }
    }
    this.hasPrevious = true;
    this.count = n;
    return n;
  }
}
