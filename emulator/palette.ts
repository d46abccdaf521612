/**
 * The NTSC palette ALE uses: RGB for each TIA colour value (hue in the high nibble,
 * luminance in bits 3-1). Bit 0 of a colour register is not wired, so values 2k and
 * 2k+1 share a colour. 128 entries of rrggbb, in colour-value order.
 */
const NTSC_HEX =
  '0000004a4a4a6f6f6f8e8e8eaaaaaac0c0c0d6d6d6ececec48480069690f86861da2a22abbbb35d2d240e8e84afcfc54' +
  '7c2c00904811a26221b47a30c3903dd2a44adfb755ecc860901c00a33915b55328c66c3ad5824ae39759f0aa67fcbc74' +
  '940000a71a1ab83232c84848d65c5ce46f6ff08080fc909084006497197aa8308fb846a2c659b3d46cc3e07cd2ec8ce0' +
  '50008468199a7d30ad9246c0a459d0b56ce0c57ceed48cfc140090331aa34e32b56848c67f5cd5956fe3a980f0bc90fc' +
  '000094181aa72d32b84248c8545cd6656fe47580f08490fc001c88183b9d2d57b04272c2548ad265a0e175b5ef84c8fc' +
  '0030641850802d6d984288b054a0c565b7d975cceb84e0fc00403018624e2d8169429e8254b89965d1ae75e7c284fcd4' +
  '0044001a661a32843248a0485cba5c6fd26f80e88090fc90143c00355f18527e2d6e9c4287b7549ed065b4e775c8fc84' +
  '3038005059166d762b88923ea0ab4fb7c25fccd86ee0ec7c482c00694d14866a26a28638bb9f47d2b656e8cc63fce070';

/** 256 x 3 bytes: index a colour value (0-255), get [r, g, b]. */
export const NTSC_PALETTE: Uint8Array = (() => {
  const out = new Uint8Array(256 * 3);
  for (let v = 0; v < 256; v++) {
    const at = (v >> 1) * 6;
    for (let c = 0; c < 3; c++) out[v * 3 + c] = parseInt(NTSC_HEX.slice(at + c * 2, at + c * 2 + 2), 16);
  }
  return out;
})();

/** The red level of each colour value (256 entries): what a red-channel test needs, without RGB. */
export const NTSC_RED: Uint8Array = Uint8Array.from({ length: 256 }, (_, v) => NTSC_PALETTE[v * 3]);

/** Each colour value as r | g << 8 | b << 16, for writing RGB a word at a time. */
const PALETTE_WORDS: Uint32Array = Uint32Array.from({ length: 256 }, (_, v) => NTSC_PALETTE[v * 3] | (NTSC_PALETTE[v * 3 + 1] << 8) | (NTSC_PALETTE[v * 3 + 2] << 16));
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Converts a screen of colour values to interleaved RGB (3 bytes a pixel). */
export function screenToRgb(screen: Uint8Array, out: Uint8Array = new Uint8Array(screen.length * 3)): Uint8Array {
  const n = screen.length;
  if (LITTLE_ENDIAN && (n & 3) === 0 && (out.byteOffset & 3) === 0) {
    // Four pixels are twelve bytes: three word stores instead of twelve byte stores.
    const words = new Uint32Array(out.buffer, out.byteOffset, (n * 3) >> 2);
    const pal = PALETTE_WORDS;
    for (let i = 0, w = 0; i < n; i += 4, w += 3) {
      const c0 = pal[screen[i]], c1 = pal[screen[i + 1]], c2 = pal[screen[i + 2]], c3 = pal[screen[i + 3]];
      words[w] = c0 | (c1 << 24);
      words[w + 1] = (c1 >>> 8) | (c2 << 16);
      words[w + 2] = (c2 >>> 16) | (c3 << 8);
    }
    return out;
  }
  const pal = NTSC_PALETTE;
  for (let i = 0, o = 0; i < n; i++, o += 3) {
    const p = screen[i] * 3;
    out[o] = pal[p];
    out[o + 1] = pal[p + 1];
    out[o + 2] = pal[p + 2];
  }
  return out;
}
