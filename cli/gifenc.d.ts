// Types for the part of gifenc (https://github.com/mattdesl/gifenc, no typings of its own)
// that cli/gif.ts uses: its encoder, given frames already as palette indices.
declare module 'gifenc' {
  export interface FrameOptions {
    /** [r, g, b] entries; the first frame's becomes the global colour table. */
    palette?: number[][];
    /** Milliseconds; stored in hundredths of a second. */
    delay?: number;
    transparent?: boolean;
    transparentIndex?: number;
    /** -1 unspecified, 0 none, 1 keep, 2 restore background, 3 restore previous. */
    dispose?: number;
    /** -1 play once, 0 loop forever, N loop N times (first frame only). */
    repeat?: number;
  }
  export interface Encoder {
    writeFrame(index: Uint8Array, width: number, height: number, options?: FrameOptions): void;
    finish(): void;
    bytes(): Uint8Array;
    /** The bytes written so far, not copied (writing into it changes the file). */
    bytesView(): Uint8Array;
  }
  const gifenc: { GIFEncoder(options?: { initialCapacity?: number }): Encoder };
  export default gifenc;
}
