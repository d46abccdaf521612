import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, basename, join, resolve } from 'node:path';
import { UserError } from './errors.js';

/** Writes a file so a reader sees the old one or the new one, never half of one: temp file, fsync, rename. */
export function writeFileAtomic(path: string, data: Uint8Array | string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * Checks before any work that `path` can be written as a file: a file name, not a folder, in
 * a folder (or under the nearest one that exists, where writeFileAtomic would create the rest)
 * that takes a new file. Throws a UserError naming `flag`.
 */
export function checkOutputFile(path: string, flag: string): void {
  const isDir = (p: string): boolean | undefined => {
    try {
      return statSync(p).isDirectory();
    } catch {
      return undefined;
    }
  };
  if (/[\\/]$/.test(path) || isDir(path) === true) throw new UserError(`${flag} ${path} is a folder; name a file to write`);
  let dir = dirname(resolve(path));
  while (isDir(dir) === undefined && dirname(dir) !== dir) dir = dirname(dir);
  if (isDir(dir) !== true) throw new UserError(`${flag} ${path}: ${dir} is not a folder`);
  // Creating a file is the only sure test: permission bits say nothing to root, nor about
  // read-only or special file systems.
  const probe = join(dir, `.${basename(path)}.${process.pid}.probe`);
  try {
    closeSync(openSync(probe, 'wx'));
    rmSync(probe, { force: true });
  } catch (e) {
    const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : 'unknown error';
    throw new UserError(`${flag} ${path}: cannot create a file in ${dir} (${code})`);
  }
}
