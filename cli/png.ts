import { encode } from 'fast-png';

/** Encodes interleaved RGB as a PNG, each pixel blown up to a scale x scale block. */
export function encodeRgbPng(rgb: Uint8Array, width: number, height: number, scale = 1): Uint8Array {
  if (scale === 1) return encode({ width, height, data: rgb, channels: 3, depth: 8 });
  const w = width * scale;
  const out = new Uint8Array(w * height * scale * 3);
  for (let y = 0; y < height; y++) {
    const line = out.subarray(y * scale * w * 3, (y * scale + 1) * w * 3);
    for (let x = 0; x < width; x++) {
      const src = (y * width + x) * 3;
      for (let s = 0; s < scale; s++) {
        const dst = (x * scale + s) * 3;
        line[dst] = rgb[src];
        line[dst + 1] = rgb[src + 1];
        line[dst + 2] = rgb[src + 2];
      }
    }
    for (let s = 1; s < scale; s++) out.copyWithin((y * scale + s) * w * 3, y * scale * w * 3, (y * scale + 1) * w * 3);
  }
  return encode({ width: w, height: height * scale, data: out, channels: 3, depth: 8 });
}
