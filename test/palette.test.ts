import test from 'tape';
import { NTSC_PALETTE, screenToRgb } from '../emulator/palette.js';
import { sharedFile } from './paths.js';

test('palette: every colour value converts to its palette entry, on the word path and the byte path', (t) => {
  const screen = Uint8Array.from({ length: 1024 }, (_, i) => (i * 37) & 0xff);
  const fast = screenToRgb(screen);
  const odd = new Uint8Array(screen.length * 3 + 1);
  const slow = screenToRgb(screen, odd.subarray(1)); // unaligned: the byte-by-byte path
  let bad = 0;
  for (let i = 0; i < screen.length; i++) {
    for (let c = 0; c < 3; c++) {
      const want = NTSC_PALETTE[screen[i] * 3 + c];
      if (fast[i * 3 + c] !== want || slow[i * 3 + c] !== want) bad++;
    }
  }
  t.equal(bad, 0, 'no byte differs');
  t.end();
});

const json = sharedFile('golden/ntsc-palette.json');
test('palette: matches ALE\'s NTSC palette for every colour the TIA outputs', { skip: !json }, (t) => {
  const rgb = (JSON.parse(new TextDecoder().decode(json!)) as { rgb: number[][] }).rgb;
  let bad = 0;
  for (let v = 0; v < 256; v += 2) for (let c = 0; c < 3; c++) if (NTSC_PALETTE[v * 3 + c] !== rgb[v][c]) bad++;
  t.equal(bad, 0, 'all 128 even colour values');
  t.end();
});
