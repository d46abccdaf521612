/**
 * Which bank-switching scheme a cartridge image uses, decided the way ALE
 * decides it. ALE looks the image's md5 up in Stella's properties table first;
 * none of the benchmark games has a type there (every entry says
 * AUTO-DETECT), so its answer comes from the image's size and a few content
 * heuristics, in a fixed order per size. The heuristics below are written from
 * the description of that order and its signatures (Stella's documented
 * behaviour); where the order makes ALE pick a scheme we do not emulate, the
 * image is refused rather than run wrongly.
 */

import { md5 } from './md5.js';

/** A scheme detection can name; only some of them are emulated (see cartridge.ts). */
export type DetectedFormat =
  | '2K' | '4K' | 'F8' | 'F6' | 'F4' | 'F8SC' | 'F6SC' | 'F4SC' | 'E0' | 'FE'
  | '3E' | '3F' | 'UA' | 'CV' | 'E7';

export interface Detection {
  format: DetectedFormat;
  /** The 4K bank selected at power-on for F8/F6/F4 and their Super Chip variants. */
  startBank: number;
}

/**
 * Two 8K images that ALE runs as F8 started from bank 0 instead of bank 1
 * (its "F8 swapped" special case, keyed by md5).
 */
const F8_SWAPPED = new Set(['bc24440b59092559a1ec26055fd1270e', '75ee371ccfc4f43e7d9b8f24e1266b55']);

/**
 * True when `signature` occurs at least `minHits` times. Matches are counted
 * as ALE counts them: the last possible start position is not tried, and the
 * scan resumes one byte past the end of a match.
 */
export function hasSignature(image: Uint8Array, signature: readonly number[], minHits: number): boolean {
  const n = signature.length;
  if (n > image.length) return false;
  let hits = 0;
  for (let i = 0; i < image.length - n; i++) {
    let j = 0;
    while (j < n && image[i + j] === signature[j]) j++;
    if (j === n) {
      hits++;
      i += n;
    }
    if (hits >= minHits) break;
  }
  return hits >= minHits;
}

function anySignature(image: Uint8Array, signatures: readonly (readonly number[])[]): boolean {
  return signatures.some((s) => hasSignature(image, s, 1));
}

/** Super Chip: the first 256 bytes of every 4K bank (where the RAM's two ports sit) are one repeated byte. */
function looksSuperChip(image: Uint8Array): boolean {
  for (let bank = 0; bank < image.length; bank += 4096) {
    const first = image[bank];
    for (let j = 1; j < 256; j++) if (image[bank + j] !== first) return false;
  }
  return true;
}

/** Parker Brothers' E0: absolute accesses to the slice hotspots, as the known games make them. */
const E0_SIGNATURES = [
  [0x8d, 0xe0, 0x1f], // STA $1FE0
  [0x8d, 0xe0, 0x5f], // STA $5FE0
  [0x8d, 0xe9, 0xff], // STA $FFE9
  [0xad, 0xe9, 0xff], // LDA $FFE9
  [0xad, 0xed, 0xff], // LDA $FFED
  [0xad, 0xf3, 0xbf], // LDA $BFF3
];

/** Activision's FE: subroutine calls across the two banks, as the known games make them. */
const FE_SIGNATURES = [
  [0x20, 0x00, 0xd0, 0xc6, 0xc5], // JSR $D000; DEC $C5
  [0x20, 0xc3, 0xf8, 0xa5, 0x82], // JSR $F8C3; LDA $82
  [0xd0, 0xfb, 0x20, 0x73, 0xfe], // BNE *-3; JSR $FE73
  [0x20, 0x00, 0xf0, 0x84, 0xd6], // JSR $F000; STY $D6
];

/** CommaVid: stores into its RAM at $F3FF / $F400. */
const CV_SIGNATURES = [
  [0x9d, 0xff, 0xf3], // STA $F3FF,X
  [0x99, 0x00, 0xf4], // STA $F400,Y
];

const is3E = (image: Uint8Array) => hasSignature(image, [0x85, 0x3e, 0xa9, 0x00], 1); // STA $3E; LDA #0
const is3F = (image: Uint8Array) => hasSignature(image, [0x85, 0x3f], 2); // STA $3F, at least twice
const isUA = (image: Uint8Array) => hasSignature(image, [0x8d, 0x40, 0x02], 1); // STA $0240

/** M-Network's E7: the second RAM block's area ($3800-$39FF) is one repeated byte, unlike the 32 bytes on either side. */
function looksE7(image: Uint8Array): boolean {
  const first = image[0x3800];
  for (let i = 0x3800; i < 0x3a00; i++) if (image[i] !== first) return false;
  for (let i = 0x3800 - 32; i < 0x3800; i++) if (image[i] !== first) return true;
  for (let i = 0x3a00; i < 0x3a20; i++) if (image[i] !== first) return true;
  return false;
}

function sameHalves(image: Uint8Array): boolean {
  const half = image.length >> 1;
  for (let i = 0; i < half; i++) if (image[i] !== image[half + i]) return false;
  return true;
}

/**
 * ALE's choice for an image of one of the sizes cartridge.ts accepts
 * (2K, 4K, 8K, 16K, 32K; the caller checks the size first).
 */
export function detectFormat(image: Uint8Array): Detection {
  const size = image.length;
  let format: DetectedFormat;
  if (size === 2048 || (size === 4096 && sameHalves(image))) {
    format = anySignature(image, CV_SIGNATURES) ? 'CV' : '2K';
  } else if (size === 4096) {
    format = anySignature(image, CV_SIGNATURES) ? 'CV' : '4K';
  } else if (size === 8192) {
    if (looksSuperChip(image)) format = 'F8SC';
    else if (sameHalves(image)) format = '4K';
    else if (anySignature(image, E0_SIGNATURES)) format = 'E0';
    else if (is3E(image)) format = '3E';
    else if (is3F(image)) format = '3F';
    else if (isUA(image)) format = 'UA';
    else if (anySignature(image, FE_SIGNATURES)) format = 'FE';
    else format = 'F8';
  } else if (size === 16384) {
    if (looksSuperChip(image)) format = 'F6SC';
    else if (looksE7(image)) format = 'E7';
    else if (is3E(image)) format = '3E';
    else if (is3F(image)) format = '3F';
    else format = 'F6';
  } else {
    if (looksSuperChip(image)) format = 'F4SC';
    else if (is3E(image)) format = '3E';
    else if (is3F(image)) format = '3F';
    else format = 'F4';
  }
  let startBank = 0;
  // F8 (plain or Super Chip) starts in its last bank, the others in bank 0, as in ALE.
  if (format === 'F8' || format === 'F8SC') startBank = 1;
  if (format === 'F8' && F8_SWAPPED.has(md5(image))) startBank = 0;
  return { format, startBank };
}
