import { statSync, readFileSync } from 'node:fs';
import { RomError, formatForSize } from './cartridge.js';

function errCode(e: unknown): string {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : 'unknown error';
}

/**
 * Reads a cartridge image, checking it before the emulator sees it. Every
 * failure is a RomError with one line naming the path, the problem and the fix.
 */
export function readRomFile(path: string): Uint8Array {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) {
      throw new RomError(`${path} is a directory, not a ROM file; give the path of a cartridge image (.bin)`);
    }
    if (!st.isFile()) {
      throw new RomError(`${path} is not a regular file; give the path of a cartridge image (.bin)`);
    }
    size = st.size;
  } catch (e) {
    if (e instanceof RomError) throw e;
    const code = errCode(e);
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new RomError(`ROM file not found: ${path}; check the path`);
    }
    throw new RomError(`cannot access ROM file ${path} (${code}); check the path and its permissions`);
  }
  // Check the size before reading so a huge file is never loaded.
  try {
    formatForSize(size);
  } catch (e) {
    throw new RomError(`${path}: ${(e as Error).message}`);
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(path));
  } catch (e) {
    throw new RomError(`cannot read ROM file ${path} (${errCode(e)}); check its permissions`);
  }
  try {
    // The file may have changed between stat and read.
    formatForSize(bytes.length);
  } catch (e) {
    throw new RomError(`${path}: ${(e as Error).message}`);
  }
  return bytes;
}

/** Lower-case hex MD5 of an image (how ALE and ROM lists identify cartridges); see md5.ts. */
export { md5 as md5Hex } from './md5.js';
