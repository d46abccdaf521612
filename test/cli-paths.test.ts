import test from 'tape';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkOutputDir, checkOutputFile } from '../cli/paths.js';
import { oneLineError, runCli } from './cli-run.js';

const tmp = mkdtempSync(join(tmpdir(), 'pong-train-paths-'));
const aFile = join(tmp, 'a-file');
writeFileSync(aFile, 'x');
// /proc takes no new files (and Node's recursive mkdir never returns there): the worst case for the checks.
const proc = existsSync('/proc/self') ? '/proc' : null;

test('paths: checkOutputFile refuses folders, files as parents and places that take no files', (t) => {
  t.throws(() => checkOutputFile(tmp, '--out'), /^UserError: --out .* is a folder: name a file/);
  t.throws(() => checkOutputFile(join(aFile, 'x.png'), '--out'), new RegExp(`--out ${aFile}/x.png: ${aFile} is not a folder`));
  if (proc) {
    t.throws(() => checkOutputFile('/proc/pong-train/deep/x.png', '--log'), /--log \/proc\/pong-train\/deep\/x\.png: cannot write in \/proc \(/);
    t.throws(() => checkOutputFile('/proc/x.png', '--out'), /--out \/proc\/x\.png: cannot write in \/proc/);
  } else t.skip('no /proc here');
  t.end();
});

test('paths: checkOutputFile accepts a new or existing file and makes its missing folders', (t) => {
  checkOutputFile(aFile, '--out');
  const deep = join(tmp, 'new', 'deeper', 'curve.png');
  checkOutputFile(deep, '--out');
  t.ok(statSync(join(tmp, 'new', 'deeper')).isDirectory(), 'the folders exist');
  t.notOk(existsSync(deep), 'the file itself is not written');
  t.deepEqual(readdirSync(join(tmp, 'new', 'deeper')), [], 'no probe file is left behind');
  t.end();
});

test('paths: checkOutputDir makes the folder, refuses a file and places that take no files', (t) => {
  const dir = join(tmp, 'frames', 'run1');
  checkOutputDir(dir, '--out');
  t.ok(statSync(dir).isDirectory());
  t.deepEqual(readdirSync(dir), [], 'empty: no probe left');
  checkOutputDir(dir, '--out');
  t.throws(() => checkOutputDir(aFile, '--frames-out'), new RegExp(`--frames-out ${aFile}: ${aFile} is not a folder`));
  if (proc) t.throws(() => checkOutputDir('/proc/pong-train/frames', '--frames-out'), /--frames-out \/proc\/pong-train\/frames: cannot write in \/proc/);
  else t.skip('no /proc here');
  t.end();
});

test('cli: plot, frames and play check their output path before any work, in one line naming it', (t) => {
  const log = join(tmp, 'log.csv');
  writeFileSync(log, 'episode,player,computer,reward,running_mean,frames,fps,elapsed_s,eta_s\n1,0,21,-21,-21,1000,5000,1,0\n');
  oneLineError(t, runCli(['plot', log, '--out', tmp]), new RegExp(`^pong-train: --out ${tmp} is a folder`));
  oneLineError(t, runCli(['plot', log, '--out', join(aFile, 'c.png')]), new RegExp(`--out ${aFile}/c.png: ${aFile} is not a folder`));
  oneLineError(t, runCli(['plot', tmp, '--out', join(tmp, 'c.png')]), /is not a file: name the CSV/);
  oneLineError(t, runCli(['frames', '--frames', '5', '--out', aFile]), new RegExp(`--out ${aFile}: ${aFile} is not a folder`));
  // play checks --frames-out before it even reads the checkpoint (which does not exist here).
  oneLineError(t, runCli(['play', '--checkpoint', join(tmp, 'none.ckpt'), '--frames-out', join(aFile, 'f')]), /--frames-out .*a-file\/f: .*a-file is not a folder/);
  if (proc) {
    for (const r of [
      runCli(['plot', log, '--out', '/proc/pong-train/c.png'], {}, 20_000),
      runCli(['frames', '--frames', '5', '--out', '/proc/pong-train/frames'], {}, 20_000),
      runCli(['play', '--checkpoint', join(tmp, 'none.ckpt'), '--frames-out', '/proc/pong-train/f'], {}, 20_000),
    ]) {
      oneLineError(t, r, /\/proc\/pong-train\/\S+: cannot write in \/proc/);
      t.doesNotMatch(r.stderr, /\.tmp|probe/, 'names the user\'s path, not a temp file');
    }
  } else t.skip('no /proc here');
  oneLineError(t, runCli(['train', '--episodes', '1', '--log', tmp]), new RegExp(`--log ${tmp} is a folder`));
  mkdirSync(join(tmp, 'ok'));
  const r = runCli(['plot', log, '--out', join(tmp, 'ok', 'sub', 'c.png')]);
  t.equal(r.code, 0, `a missing folder is made: ${r.stderr}`);
  t.end();
});
