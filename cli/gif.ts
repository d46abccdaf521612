// Animated GIF of emulated frames, for `play --gif`. The 2600's NTSC palette has 128 colours,
// so every frame fits GIF's 256-entry colour table exactly: no quantising, no dithering.
// gifenc does the LZW coding. Three things keep a whole game small: a frame identical to the
// one on show is not written (the one on show stays longer); each image is only the rectangle
// around what changed (the ball and the paddles), placed over the kept previous image; and
// inside it, unchanged pixels are the transparent index, which LZW packs to almost nothing.
import gifenc, { type Encoder } from 'gifenc';
import { NTSC_PALETTE } from '../emulator/palette.js';

/** The console's frame rate (NTSC). */
export const CONSOLE_HZ = 60;
// Browsers and most viewers stretch delays below 2/100 s to 10/100 s, so none is shorter.
const MIN_DELAY_CS = 2;
// Palette index k is colour value 2k (bit 0 of a colour value is not wired); 128 is transparent.
const TRANSPARENT = 128;
const PALETTE: number[][] = [
  ...Array.from({ length: 128 }, (_, k) => [NTSC_PALETTE[6 * k], NTSC_PALETTE[6 * k + 1], NTSC_PALETTE[6 * k + 2]]),
  [0, 0, 0],
];
// GIF's disposal method 1: leave the frame in place, so the next one's transparent pixels show it.
const KEEP = 1;

export interface GifOptions {
  width: number;
  height: number;
  /** Keep every k-th console frame. */
  every: number;
  /** Each pixel becomes a scale x scale block. */
  scale: number;
}

/**
 * Collects console frames (one colour value per pixel) into an animated GIF that plays at the
 * console's speed: a kept frame stays on show for the console time until the next different
 * one, rounded to GIF's hundredths of a second without drifting.
 */
export class GifRecorder {
  /** Images written so far. */
  images = 0;
  private readonly encoder: Encoder = gifenc.GIFEncoder();
  private readonly w: number;
  private readonly h: number;
  /** What a viewer shows after the images written so far (palette indices). */
  private readonly shown: Uint8Array;
  /** The latest kept frame, not yet written: how long it stays is known at the next change. */
  private readonly pending: Uint8Array;
  /** The frame just taken, as palette indices. */
  private readonly incoming: Uint8Array;
  /** The image written: changed pixels, TRANSPARENT elsewhere. */
  private readonly out: Uint8Array;
  private hasPending = false;
  /** Console frames seen, over all games. */
  private clock = 0;
  /** Console frames seen in this game (frame 0 is kept). */
  private gameFrames = 0;
  /** Hundredths of a second of delay written so far. */
  private writtenCs = 0;

  constructor(private readonly o: GifOptions) {
    this.w = o.width * o.scale;
    this.h = o.height * o.scale;
    this.shown = new Uint8Array(this.w * this.h).fill(255); // matches no index: the first image is whole
    this.pending = new Uint8Array(this.w * this.h);
    this.incoming = new Uint8Array(this.w * this.h);
    this.out = new Uint8Array(this.w * this.h);
  }

  /** Takes one console frame (width x height colour values); call it for every frame. */
  frame(screen: Uint8Array): void {
    const keep = this.gameFrames++ % this.o.every === 0;
    const now = this.clock++;
    if (!keep) return;
    this.toIndices(screen, this.incoming);
    if (this.hasPending && equal(this.incoming, this.pending)) return;
    if (this.hasPending) this.write(now);
    this.pending.set(this.incoming);
    this.hasPending = true;
  }

  /** Ends a game: its last frame stays on show `holdFrames` console frames longer. */
  endGame(holdFrames: number): void {
    this.clock += holdFrames;
    if (this.hasPending) this.write(this.clock);
    this.hasPending = false;
    this.gameFrames = 0;
  }

  /** The GIF file (call once, after the last endGame). */
  finish(): Uint8Array {
    if (this.hasPending) this.write(this.clock);
    this.hasPending = false;
    this.encoder.finish();
    return this.encoder.bytes();
  }

  /** Writes the pending image, on show until console frame `until`. */
  private write(until: number): void {
    const targetCs = Math.round((until * 100) / CONSOLE_HZ);
    const delayCs = Math.max(MIN_DELAY_CS, targetCs - this.writtenCs);
    this.writtenCs += delayCs;
    // Only the rectangle around the changed pixels is written; inside it, pixels that did not
    // change are transparent (the kept previous image shows through).
    const { pending, shown, out, w } = this;
    let x0 = w, y0 = this.h, x1 = -1, y1 = -1;
    for (let y = 0, i = 0; y < this.h; y++) {
      for (let x = 0; x < w; x++, i++) {
        if (pending[i] === shown[i]) continue;
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        y1 = y;
      }
    }
    // The first image is the whole screen: its size becomes the GIF's.
    if (this.images === 0) [x0, y0, x1, y1] = [0, 0, w - 1, this.h - 1];
    const rw = x1 - x0 + 1;
    const rh = y1 - y0 + 1;
    for (let y = 0, o = 0; y < rh; y++) {
      for (let x = 0, i = (y0 + y) * w + x0; x < rw; x++, i++, o++) {
        if (pending[i] === shown[i]) out[o] = TRANSPARENT;
        else out[o] = shown[i] = pending[i];
      }
    }
    const at = this.encoder.bytesView().length;
    this.encoder.writeFrame(out.subarray(0, rw * rh), rw, rh, {
      palette: this.images === 0 ? PALETTE : undefined,
      delay: delayCs * 10,
      transparent: true,
      transparentIndex: TRANSPARENT,
      dispose: KEEP,
      repeat: 0,
    });
    if (this.images > 0) this.placeImage(at, x0, y0, rw, rh);
    this.images++;
  }

  /**
   * gifenc writes every image at (0, 0); this moves the one written from byte `at` to (x, y).
   * The bytes are GIF89a's, not gifenc's: an 8-byte graphic control extension (21 F9 04 ...),
   * then the image descriptor: 2C, left, top, width, height (16-bit little-endian).
   */
  private placeImage(at: number, x: number, y: number, width: number, height: number): void {
    const b = this.encoder.bytesView();
    const d = at + 8;
    const u16 = (k: number): number => b[k] | (b[k + 1] << 8);
    if (b[at] !== 0x21 || b[at + 1] !== 0xf9 || b[d] !== 0x2c || u16(d + 5) !== width || u16(d + 7) !== height) {
      throw new Error('gifenc wrote an image in a layout this code does not expect');
    }
    b[d + 1] = x & 0xff;
    b[d + 2] = x >> 8;
    b[d + 3] = y & 0xff;
    b[d + 4] = y >> 8;
  }

  private toIndices(screen: Uint8Array, out: Uint8Array): void {
    const { width, height, scale } = this.o;
    if (screen.length !== width * height) throw new RangeError(`a frame must have ${width * height} colour values, got ${screen.length}`);
    const w = this.w;
    for (let y = 0; y < height; y++) {
      const row = out.subarray(y * scale * w, (y * scale + 1) * w);
      for (let x = 0; x < width; x++) {
        const k = screen[y * width + x] >> 1;
        for (let s = 0; s < scale; s++) row[x * scale + s] = k;
      }
      for (let s = 1; s < scale; s++) out.copyWithin((y * scale + s) * w, y * scale * w, (y * scale + 1) * w);
    }
  }
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
