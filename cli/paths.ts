import { closeSync, mkdirSync, openSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UserError } from './errors.js';

/*
 * Output paths are checked before any work starts, so that a typo costs a second, not a
 * training run. Each check names the flag and the path as the user typed them.
 *
 * Missing folders are created one level at a time: Node's recursive mkdir never returns
 * inside /proc (it retries ENOENT forever), so the nearest existing ancestor is found and
 * probed first.
 */

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'ENOENT':
      return 'files cannot be created there';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder';
    default:
      return code ?? String(e);
  }
}

function kind(path: string, what: string): 'file' | 'dir' | 'other' | 'missing' {
  try {
    const s = statSync(path);
    return s.isDirectory() ? 'dir' : s.isFile() ? 'file' : 'other';
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // ENOTDIR: a parent is a file; the walk up finds it and says so.
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
    throw new UserError(`${what}: cannot reach ${path} (${reason(e)})`);
  }
}

/** Creates and removes a file in `dir`: the one test of "can files be written here" that root, read-only mounts and /proc all answer truthfully. */
function probe(dir: string, what: string): void {
  const p = join(dir, `.pong-train-probe-${process.pid}`);
  try {
    closeSync(openSync(p, 'wx'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new UserError(`${what}: cannot write in ${dir} (${reason(e)})`);
  }
  rmSync(p, { force: true });
}

/** Makes sure `dir` is a folder files can be written in, creating it (and its missing parents) if needed. */
function ensureDir(dir: string, what: string): void {
  const missing: string[] = [];
  let at = resolve(dir);
  for (;;) {
    const k = kind(at, what);
    if (k === 'dir') break;
    if (k !== 'missing') throw new UserError(`${what}: ${at} is not a folder`);
    missing.unshift(at);
    const up = dirname(at);
    if (up === at) break;
    at = up;
  }
  probe(at, what);
  for (const m of missing) {
    try {
      mkdirSync(m);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new UserError(`${what}: cannot create the folder ${m} (${reason(e)})`);
    }
  }
  if (missing.length > 0) probe(resolve(dir), what);
}

/**
 * Checks that `path` (given with `flag`, e.g. '--out') can be written as a file: not a folder,
 * and its folder exists or can be made, and takes new files (the atomic write renames a
 * temp file beside it). Creates the missing folders. Throws a UserError naming the path.
 */
export function checkOutputFile(path: string, flag: string): void {
  const what = `${flag} ${path}`;
  if (path === '') throw new UserError(`${flag} needs a file name`);
  const k = kind(path, what);
  if (k === 'dir') throw new UserError(`${what} is a folder: name a file (e.g. ${join(path, 'out')})`);
  if (k === 'other') throw new UserError(`${what} is not a regular file`);
  ensureDir(dirname(resolve(path)), what);
}

/** Checks that `path` is, or can be made, a folder that takes new files; creates it. Throws a UserError naming the path. */
export function checkOutputDir(path: string, flag: string): void {
  if (path === '') throw new UserError(`${flag} needs a folder name`);
  ensureDir(path, `${flag} ${path}`);
}
