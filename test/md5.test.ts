import test from 'tape';
import { createHash } from 'node:crypto';
import { md5 } from '../emulator/md5.js';
import { md5Hex } from '../emulator/rom-file.js';

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

test('md5: the test suite of RFC 1321 (appendix A.5)', (t) => {
  const suite: [string, string][] = [
    ['', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['a', '0cc175b9c0f1b6a831c399e269772661'],
    ['abc', '900150983cd24fb0d6963f7d28e17f72'],
    ['message digest', 'f96b697d7cb7938d525a2f31aaf161d0'],
    ['abcdefghijklmnopqrstuvwxyz', 'c3fcd3d76192e4007dfb496cca67e13b'],
    ['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 'd174ab98d277d9f5a5611c2c9f419d9f'],
    ['12345678901234567890123456789012345678901234567890123456789012345678901234567890', '57edf4a22be3c955ac49da2e2107b67a'],
  ];
  for (const [input, digest] of suite) t.equal(md5(ascii(input)), digest, JSON.stringify(input));
  t.end();
});

test('md5: agrees with node:crypto on every length around the padding boundaries and on cartridge sizes', (t) => {
  let bad = 0;
  const lengths = [...Array.from({ length: 200 }, (_, i) => i), 2048, 4096, 8192, 16384, 65536 + 3];
  for (const n of lengths) {
    // Bytes from a fixed multiplicative sequence: every byte value occurs, nothing repeats soon.
    const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 167 + (i >> 8) * 13 + 7) & 0xff);
    if (md5(bytes) !== createHash('md5').update(bytes).digest('hex')) bad++;
  }
  t.equal(bad, 0, `${lengths.length} lengths, 0 to 65,539 bytes`);
  t.equal(md5Hex, md5, 'rom-file.ts still exports md5Hex, as the same function');
  t.end();
});
