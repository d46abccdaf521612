/**
 * A 2K ROM written for the tests (no game): every frame it strobes VSYNC for three lines,
 * counts frames in RAM $80, paints the background with that count, then waits 256 lines.
 * 259 scanlines a frame; nothing to score, so an environment sees reward 0.
 */
export function tinyRom(): Uint8Array {
  const rom = new Uint8Array(2048);
  // prettier-ignore
  const code = [
    0x78,             // F800 SEI
    0xd8,             // F801 CLD
    0xa2, 0xff,       // F802 LDX #$FF
    0x9a,             // F804 TXS
    0xa9, 0x02,       // F805 frame: LDA #2
    0x85, 0x00,       // F807 STA VSYNC
    0x85, 0x02,       // F809 STA WSYNC
    0x85, 0x02,       // F80B STA WSYNC
    0x85, 0x02,       // F80D STA WSYNC
    0xa9, 0x00,       // F80F LDA #0
    0x85, 0x00,       // F811 STA VSYNC (frame ends here)
    0xe6, 0x80,       // F813 INC $80
    0xa5, 0x80,       // F815 LDA $80
    0x85, 0x09,       // F817 STA COLUBK
    0xa2, 0x00,       // F819 LDX #0
    0x85, 0x02,       // F81B line: STA WSYNC
    0xca,             // F81D DEX
    0xd0, 0xfb,       // F81E BNE line
    0x4c, 0x05, 0xf8, // F820 JMP frame
  ];
  rom.set(code, 0);
  rom.set([0x00, 0xf8, 0x00, 0xf8], 0x7fc); // reset and IRQ vectors -> $F800
  return rom;
}
