import { readRomFile } from '../emulator/rom-file.js';
import { UserError } from './errors.js';

/** The ROM named by --rom, else by PONG_TRAIN_ROM; see roms/README.md. */
export function loadRom(flag: string | undefined): { path: string; bytes: Uint8Array } {
  const path = flag ?? process.env.PONG_TRAIN_ROM;
  if (!path) {
    throw new UserError('no ROM given: pass --rom PATH or set PONG_TRAIN_ROM (ROMs are not shipped; see roms/README.md)');
  }
  return { path, bytes: readRomFile(path) };
}
