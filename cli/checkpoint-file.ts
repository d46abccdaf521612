// Checkpoint files: agent/checkpoint.ts's format, written atomically and read with checks.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import {
  CheckpointError,
  decodeCheckpoint as decodeWith,
  encodeCheckpoint as encodeWith,
  type DecodedCheckpoint,
  type RunInfo,
  type Trainer,
} from '../agent/checkpoint.js';

export { CheckpointError, type DecodedCheckpoint, type RunInfo, type Trainer } from '../agent/checkpoint.js';

export function sha256(bytes: Uint8Array): Uint8Array {
  return createHash('sha256').update(bytes).digest();
}

/** The checkpoint's bytes for this learner's current state. */
export function encodeCheckpoint(learner: Trainer, run?: RunInfo): Uint8Array {
  return encodeWith(learner, sha256, run);
}

/** Parses checkpoint bytes (`name` appears in error messages). */
export function decodeCheckpoint(bytes: Uint8Array, name = 'checkpoint', requested?: { hidden?: number }): DecodedCheckpoint {
  return decodeWith(bytes, sha256, name, requested);
}

/**
 * Writes the checkpoint atomically: a temporary file in the same directory, fsync, rename.
 * On failure the temporary file is removed and any existing checkpoint is left untouched.
 */
export function saveCheckpoint(path: string, learner: Trainer, run?: RunInfo): void {
  const bytes = encodeCheckpoint(learner, run);
  const full = resolve(path);
  const dir = dirname(full);
  const tmp = join(dir, `.${basename(full)}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  let created = false;
  try {
    const fd = openSync(tmp, 'wx', 0o644);
    created = true;
    try {
      let done = 0;
      while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, full);
    created = false;
  } catch (err) {
    if (created) {
      try {
        unlinkSync(tmp);
      } catch {
        // Already gone: nothing left to clean.
      }
    }
    throw new CheckpointError(`cannot write checkpoint ${path}: ${(err as Error).message}`);
  }
  // Make the rename itself durable; some platforms cannot open directories, which is harmless.
  try {
    const dfd = openSync(dir, 'r');
    try {
      fsyncSync(dfd);
    } finally {
      closeSync(dfd);
    }
  } catch {
    // Best effort only.
  }
}

/** Reads a checkpoint file: the learner (either algorithm) and the run information saved with it. */
export function readCheckpoint(path: string, requested?: { hidden?: number }): DecodedCheckpoint {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CheckpointError(`checkpoint ${path} not found`);
    if (code === 'EISDIR') throw new CheckpointError(`checkpoint ${path} is a directory; give the checkpoint's file`);
    throw new CheckpointError(`cannot read checkpoint ${path}: ${(err as Error).message}`);
  }
  return decodeCheckpoint(bytes, path, requested);
}

/** readCheckpoint's learner alone. */
export function loadCheckpoint(path: string, requested?: { hidden?: number }): Trainer {
  return readCheckpoint(path, requested).learner;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Claims `path` for this process: a lock file beside it (`path.lock`) holding our PID. Another
 * live run's lock is refused with one line; a lock whose process is gone is taken over.
 * Returns the function that releases it.
 */
export function lockCheckpoint(path: string): () => void {
  const lock = `${path}.lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(lock, 'wx', 0o644);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          if (readFileSync(lock, 'utf8').trim() === String(process.pid)) unlinkSync(lock);
        } catch {
          // Already gone.
        }
      };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw new CheckpointError(`cannot create the lock ${lock} beside checkpoint ${path}: ${(e as Error).message}`);
    }
    let owner = NaN;
    try {
      owner = Number(readFileSync(lock, 'utf8').trim());
    } catch {
      // Vanished meanwhile: try again.
    }
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && alive(owner)) {
      throw new CheckpointError(`checkpoint ${path} is in use by another pong-train run (PID ${owner}, per ${lock}); wait for it to end or stop it`);
    }
    try {
      unlinkSync(lock); // its run is gone (or the file is unreadable): take it over
    } catch {
      // Someone else took it over first; the next attempt sees their lock.
    }
  }
  throw new CheckpointError(`cannot take the lock ${lock} of checkpoint ${path}; remove it if no run is using the checkpoint`);
}

/** Removes temporary files an interrupted save of `path` left behind (their writers are gone). */
export function removeStaleTemps(path: string): string[] {
  const full = resolve(path);
  const dir = dirname(full);
  const prefix = `.${basename(full)}.tmp-`;
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) continue;
    try {
      unlinkSync(join(dir, name));
      removed.push(name);
    } catch {
      // Not ours to remove, or gone.
    }
  }
  return removed;
}
