import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type test from 'tape';
import { projectRoot } from './paths.js';

/** The built CLI, as `npx pong-train` runs it. */
export const cli = join(projectRoot, 'dist', 'cli', 'main.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with PONG_TRAIN_ROM cleared (the built-in game is the default), plus `env`. */
export function runCli(args: string[], env: Record<string, string> = {}, timeoutMs = 120_000): Run {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, PONG_TRAIN_ROM: '', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A user mistake: non-zero exit, one line on stderr matching `pattern`, no stack trace. */
export function oneLineError(t: test.Test, r: Run, pattern: RegExp): void {
  t.notEqual(r.code, 0, 'non-zero exit');
  t.notEqual(r.code, null, 'it ended by itself (no timeout)');
  const lines = r.stderr.trim().split('\n');
  t.equal(lines.length, 1, `one line: ${JSON.stringify(r.stderr.trim())}`);
  t.match(lines[0] ?? '', pattern);
  t.doesNotMatch(r.stderr, /at .*\.js:\d+/, 'no stack trace');
}
