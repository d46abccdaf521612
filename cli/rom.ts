import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assemble, AsmError } from '../emulator/assembler.js';
import { BUILTIN_PONG_MD5, gameForMd5, UNKNOWN_GAME } from '../emulator/games.js';
import { md5Hex, readRomFile } from '../emulator/rom-file.js';
import { RomError } from '../emulator/cartridge.js';
import { UserError } from './errors.js';

/** The package's root (this file is dist/cli/rom.js). */
export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** What --rom takes to name the built-in game instead of a file. */
export const BUILTIN_ROM = 'builtin:pong';
/** The built-in game's source, assembled on first use. */
export const BUILTIN_SOURCE = join(packageRoot, 'roms', 'pong.asm');
/** Atari's Pong where the developers' reference data keeps it (never shipped). */
export const SHARED_PONG = join(packageRoot, '..', 'shared', 'roms', 'pong.bin');

let builtin: Uint8Array | undefined;

/**
 * pong-train's own Pong, assembled from roms/pong.asm (a few milliseconds, once per
 * process). It must assemble to the md5 the game table registers: otherwise the
 * environment would not know its score or its end.
 */
export function builtinRom(): Uint8Array {
  if (builtin) return builtin;
  let source: string;
  try {
    source = readFileSync(BUILTIN_SOURCE, 'utf8');
  } catch {
    throw new UserError(`the built-in game's source ${BUILTIN_SOURCE} is missing: reinstall pong-train, or pass --rom PATH`);
  }
  let bytes: Uint8Array;
  try {
    bytes = assemble(source).bytes;
  } catch (e) {
    if (e instanceof AsmError) throw new UserError(`${BUILTIN_SOURCE}: ${e.message}`);
    throw e;
  }
  const md5 = md5Hex(bytes);
  if (md5 !== BUILTIN_PONG_MD5) {
    throw new UserError(`${BUILTIN_SOURCE} assembles to md5 ${md5}, but emulator/games.ts registers ${BUILTIN_PONG_MD5}: after changing the game, update BUILTIN_PONG_MD5`);
  }
  builtin = bytes;
  return bytes;
}

export interface LoadedRom {
  /** The file, or BUILTIN_ROM. */
  path: string;
  bytes: Uint8Array;
  /** What the commands' header line calls it: "pong-train's built-in Pong", "pong (path)". */
  label: string;
}

function named(path: string): LoadedRom {
  if (path.startsWith('builtin:')) {
    if (path !== BUILTIN_ROM) throw new UserError(`unknown built-in game '${path.slice(8)}': the built-in game is ${BUILTIN_ROM}`);
    return { path, bytes: builtinRom(), label: "pong-train's built-in Pong" };
  }
  let bytes: Uint8Array;
  try {
    bytes = readRomFile(path);
  } catch (e) {
    // A bare word that is not a file was probably meant as the built-in game's name.
    if (e instanceof RomError && !existsSync(path) && !/[\\/.]/.test(path)) {
      throw new RomError(`no ROM file '${path}' here; the built-in game is --rom ${BUILTIN_ROM} (or give no --rom)`);
    }
    throw e;
  }
  const game = gameForMd5(md5Hex(bytes));
  return { path, bytes, label: `${game === UNKNOWN_GAME ? 'an unknown cartridge' : game.name} (${path})` };
}

/** The ROM named by --rom, else by PONG_TRAIN_ROM, else the built-in game; see roms/README.md. */
export function loadRom(flag: string | undefined): LoadedRom {
  return named(flag || process.env.PONG_TRAIN_ROM || BUILTIN_ROM);
}

/**
 * The ROM a golden-format trace folder names in its meta.json ("rom": "roms/NAME.bin",
 * relative to the folder that holds golden/, as ../shared lays it out), with its md5 when
 * recorded; nothing when the folder has no readable meta.json.
 */
export function traceRom(traceDir: string): { path?: string; md5?: string } {
  let meta: unknown;
  try {
    meta = JSON.parse(readFileSync(join(traceDir, 'meta.json'), 'utf8'));
  } catch {
    return {};
  }
  const m = (meta ?? {}) as { rom?: unknown; rom_md5?: unknown };
  return {
    path: typeof m.rom === 'string' && m.rom !== '' ? resolve(traceDir, '..', '..', m.rom) : undefined,
    md5: typeof m.rom_md5 === 'string' ? m.rom_md5 : undefined,
  };
}

/**
 * For the command that checks the emulator against ALE recordings (verify): the ROM named by
 * --rom, else the one the trace's meta.json names when it is there (../shared/roms/NAME.bin
 * for ../shared/golden/NAME), else PONG_TRAIN_ROM, else Atari's Pong from ../shared.
 */
export function loadReferenceRom(flag: string | undefined, traceDir?: string): LoadedRom {
  const recorded = traceDir === undefined ? undefined : traceRom(traceDir).path;
  const path =
    flag ||
    (recorded !== undefined && existsSync(recorded) ? recorded : undefined) ||
    process.env.PONG_TRAIN_ROM ||
    (existsSync(SHARED_PONG) ? SHARED_PONG : undefined);
  if (!path) {
    throw new UserError(`no ROM given${recorded ? `, no ${recorded} (named by the trace's meta.json)` : ''} and no ${SHARED_PONG}: pass --rom PATH to the recorded game's ROM (see roms/README.md)`);
  }
  return named(path);
}

/**
 * A ROM the game table does not know has no game over: its episodes end only at a frame
 * limit. Commands that play episodes refuse it without one, as train does, rather than run forever.
 */
export function requireEpisodeEnd(rom: Uint8Array, maxEpisodeFrames: number): void {
  if (maxEpisodeFrames === 0 && gameForMd5(md5Hex(rom)) === UNKNOWN_GAME) {
    throw new UserError('this ROM is not a game pong-train knows, so its episodes never end by themselves: pass --max-frames N');
  }
}

/** The one line the commands print when the CPU has jammed (it stays stopped until the next reset). */
export function jamWarning(jamAddress: number, where: string): string {
  return `warning: the CPU jammed (a JAM opcode at $${jamAddress.toString(16).toUpperCase().padStart(4, '0')}) ${where}: the screen stays frozen until the game is reset\n`;
}
