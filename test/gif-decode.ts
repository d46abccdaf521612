// A small GIF decoder for the tests (GIF89a as the spec describes it: LZW with variable-width
// codes read low bit first, graphic control extensions, transparency, sub-rectangles). It is
// written apart from the encoder so that a test checks the file, not the encoder against itself.

export interface DecodedGif {
  width: number;
  height: number;
  /** Each image composited over the ones before, as RGB, with its delay in 1/100 s. */
  frames: { rgb: Uint8Array; delayCs: number }[];
  /** The Netscape loop count, when the file has one (0 = forever). */
  loops: number | undefined;
}

export function decodeGif(bytes: Uint8Array): DecodedGif {
  let p = 0;
  const u8 = (): number => {
    if (p >= bytes.length) throw new Error('GIF ends early');
    return bytes[p++];
  };
  const u16 = (): number => u8() | (u8() << 8);
  const header = String.fromCharCode(...bytes.subarray(0, 6));
  if (header !== 'GIF89a' && header !== 'GIF87a') throw new Error(`not a GIF: ${JSON.stringify(header)}`);
  p = 6;
  const width = u16();
  const height = u16();
  const packed = u8();
  u8(); // background colour index
  u8(); // pixel aspect
  const table = (flags: number): Uint8Array => {
    const n = 3 * (1 << ((flags & 7) + 1));
    const t = bytes.slice(p, p + n);
    p += n;
    return t;
  };
  const global = packed & 0x80 ? table(packed) : undefined;
  const canvas = new Uint8Array(width * height * 3);
  const frames: DecodedGif['frames'] = [];
  let loops: number | undefined;
  let delayCs = 0;
  let transparent = -1;
  const subBlocks = (): Uint8Array => {
    const parts: number[] = [];
    for (let n = u8(); n > 0; n = u8()) for (let i = 0; i < n; i++) parts.push(u8());
    return Uint8Array.from(parts);
  };
  for (;;) {
    const kind = u8();
    if (kind === 0x3b) break;
    if (kind === 0x21) {
      const label = u8();
      const data = subBlocks();
      if (label === 0xf9) {
        delayCs = data[1] | (data[2] << 8);
        transparent = data[0] & 1 ? data[3] : -1;
      } else if (label === 0xff && String.fromCharCode(...data.subarray(0, 11)) === 'NETSCAPE2.0') {
        loops = data[12] | (data[13] << 8);
      }
      continue;
    }
    if (kind !== 0x2c) throw new Error(`unexpected block 0x${kind.toString(16)} at byte ${p - 1}`);
    const x = u16(), y = u16(), w = u16(), h = u16();
    const flags = u8();
    if (flags & 0x40) throw new Error('interlaced images are not expected');
    const colours = flags & 0x80 ? table(flags) : global;
    if (!colours) throw new Error('an image without a colour table');
    const indices = lzwDecode(u8(), subBlocks(), w * h);
    for (let r = 0; r < h; r++) {
      for (let c = 0; c < w; c++) {
        const k = indices[r * w + c];
        if (k === transparent) continue;
        const at = ((y + r) * width + x + c) * 3;
        canvas.set(colours.subarray(3 * k, 3 * k + 3), at);
      }
    }
    frames.push({ rgb: canvas.slice(), delayCs });
    delayCs = 0;
    transparent = -1;
  }
  return { width, height, frames, loops };
}

function lzwDecode(minSize: number, data: Uint8Array, count: number): Uint8Array {
  const out = new Uint8Array(count);
  const clear = 1 << minSize;
  const end = clear + 1;
  let size = minSize + 1;
  // The dictionary as (prefix code, last byte, length) triples.
  const prefix = new Int32Array(4096);
  const suffix = new Uint8Array(4096);
  const length = new Int32Array(4096);
  for (let i = 0; i < clear; i++) {
    suffix[i] = i;
    length[i] = 1;
    prefix[i] = -1;
  }
  let next = end + 1;
  let previous = -1;
  let o = 0;
  let bit = 0;
  const firstByte = (code: number): number => {
    while (prefix[code] >= 0) code = prefix[code];
    return suffix[code];
  };
  const emit = (code: number): void => {
    const n = length[code];
    for (let i = n - 1, c = code; i >= 0; i--, c = prefix[c]) if (o + i < count) out[o + i] = suffix[c];
    o += n;
  };
  while (bit + size <= data.length * 8) {
    let code = 0;
    for (let i = 0; i < size; i++, bit++) code |= ((data[bit >> 3] >> (bit & 7)) & 1) << i;
    if (code === clear) {
      size = minSize + 1;
      next = end + 1;
      previous = -1;
      continue;
    }
    if (code === end) break;
    if (previous < 0) {
      emit(code);
      previous = code;
      continue;
    }
    if (code < next) {
      emit(code);
      if (next < 4096) {
        prefix[next] = previous;
        suffix[next] = firstByte(code);
        length[next] = length[previous] + 1;
        next++;
      }
    } else if (code === next) {
      prefix[next] = previous;
      suffix[next] = firstByte(previous);
      length[next] = length[previous] + 1;
      next++;
      emit(code);
    } else {
      throw new Error(`bad LZW code ${code} (next ${next})`);
    }
    previous = code;
    if (next === 1 << size && size < 12) size++;
  }
  if (o < count) throw new Error(`image data has ${o} pixels, expected ${count}`);
  return out;
}
