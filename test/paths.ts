import { existsSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root (tests run from dist/test, compiled). */
export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** `../shared` beside the checkout: ROMs, golden traces and test images we may not ship. */
export const sharedDir = process.env.PONG_TRAIN_SHARED ?? join(projectRoot, '..', 'shared');

/** Reads a file from ../shared, or returns null (the caller skips with a message). */
export function sharedFile(rel: string): Uint8Array | null {
  const p = join(sharedDir, rel);
  return existsSync(p) ? new Uint8Array(readFileSync(p)) : null;
}

export function sharedPath(rel: string): string | null {
  const p = join(sharedDir, rel);
  return existsSync(p) ? p : null;
}
