import test from 'tape';
import { existsSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root (tests run from dist/test, compiled). */
export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** `../shared` beside the checkout: ROMs, golden traces and test images we may not ship. */
export const sharedDir = process.env.PONG_TRAIN_SHARED ?? join(projectRoot, '..', 'shared');

/**
 * Only an absent ../shared skips what needs it: when it is here, a file the tests expect in it
 * and do not find is a broken fixture, reported by one failing test (the caller, given null,
 * skips its own).
 */
const sharedPresent = existsSync(sharedDir);
const reported = new Set<string>();

function missing(rel: string): null {
  if (sharedPresent && !reported.has(rel)) {
    reported.add(rel);
    test(`fixture ../shared/${rel} is present`, (t) => {
      t.fail(`${sharedDir} is here but lacks ${rel}, which the tests need: restore it (without ../shared, what needs it is skipped)`);
      t.end();
    });
  }
  return null;
}

/** Reads a file from ../shared, or returns null (the caller skips with a message). */
export function sharedFile(rel: string): Uint8Array | null {
  const p = join(sharedDir, rel);
  return existsSync(p) ? new Uint8Array(readFileSync(p)) : missing(rel);
}

/** A file ../shared may or may not hold (ROMs of games beyond those its README lists): null when absent, no failure. */
export function optionalSharedFile(rel: string): Uint8Array | null {
  const p = join(sharedDir, rel);
  return existsSync(p) ? new Uint8Array(readFileSync(p)) : null;
}

export function sharedPath(rel: string): string | null {
  const p = join(sharedDir, rel);
  return existsSync(p) ? p : missing(rel);
}
