// MD5 (RFC 1321) in plain TypeScript. The game table is keyed by a cartridge's md5, as ALE's
// is, and the environment must find its game in a browser page too, where node:crypto does
// not exist. Cartridges are a few KB, so speed does not matter here; clarity does.

// Per-round left-rotation amounts (RFC 1321, section 3.4), four per round.
const SHIFTS = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];

// T[i] = floor(2^32 * abs(sin(i + 1))), the RFC's sine table, computed rather than listed.
const T = Uint32Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32));

/** Lower-case hex MD5 of `bytes`. */
export function md5(bytes: Uint8Array): string {
  // Padding (section 3.1-3.2): a 1 bit, zeros up to 56 bytes mod 64, then the bit length
  // as a 64-bit little-endian number.
  const padded = new Uint8Array((((bytes.length + 8) >> 6) + 1) << 6);
  padded.set(bytes);
  padded[bytes.length] = 0x80;
  const view = new DataView(padded.buffer);
  const bits = bytes.length * 8;
  view.setUint32(padded.length - 8, bits >>> 0, true);
  view.setUint32(padded.length - 4, Math.floor(bits / 2 ** 32), true);

  // Initial state (section 3.3).
  let a0 = 0x67452301;
  let b0 = 0xefcdab89;
  let c0 = 0x98badcfe;
  let d0 = 0x10325476;
  const x = new Uint32Array(16);
  for (let block = 0; block < padded.length; block += 64) {
    for (let i = 0; i < 16; i++) x[i] = view.getUint32(block + 4 * i, true);
    let a = a0, b = b0, c = c0, d = d0;
    for (let i = 0; i < 64; i++) {
      const round = i >> 4;
      // The four auxiliary functions F, G, H, I and the word each step reads (section 3.4).
      let f: number, k: number;
      if (round === 0) {
        f = (b & c) | (~b & d);
        k = i;
      } else if (round === 1) {
        f = (b & d) | (c & ~d);
        k = (5 * i + 1) & 15;
      } else if (round === 2) {
        f = b ^ c ^ d;
        k = (3 * i + 5) & 15;
      } else {
        f = c ^ (b | ~d);
        k = (7 * i) & 15;
      }
      const s = SHIFTS[(round << 2) | (i & 3)];
      const sum = (a + f + T[i] + x[k]) | 0;
      a = d;
      d = c;
      c = b;
      b = (b + ((sum << s) | (sum >>> (32 - s)))) | 0;
    }
    a0 = (a0 + a) | 0;
    b0 = (b0 + b) | 0;
    c0 = (c0 + c) | 0;
    d0 = (d0 + d) | 0;
  }

  // The digest is A, B, C, D, each written low byte first (section 3.5).
  const out = new DataView(new ArrayBuffer(16));
  [a0, b0, c0, d0].forEach((w, i) => out.setUint32(4 * i, w >>> 0, true));
  let hex = '';
  for (let i = 0; i < 16; i++) hex += out.getUint8(i).toString(16).padStart(2, '0');
  return hex;
}
