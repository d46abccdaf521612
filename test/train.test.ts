import test from 'tape';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from './paths.js';
import { tinyRom } from './tiny-rom.js';
import { readCheckpoint } from '../cli/checkpoint-file.js';
import type { Learner } from '../agent/learner.js';

const cli = join(projectRoot, 'dist', 'cli', 'main.js');
const tmp = mkdtempSync(join(tmpdir(), 'pong-train-train-'));
const tiny = join(tmp, 'tiny.bin');
writeFileSync(tiny, tinyRom());

function run(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, PONG_TRAIN_ROM: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const hash = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

// Short episodes of the built-in game (no --rom; cut at 1,000 frames) still score points, so the gradients are real.
const short = ['--max-frames', '1000', '--batch', '3', '--seed', '5', '--quiet'];

test('train: the same seed and settings give a bit-identical checkpoint, whatever the worker count', (t) => {
  const a = join(tmp, 'a.ckpt'), b = join(tmp, 'b.ckpt'), c = join(tmp, 'c.ckpt');
  for (const [file, workers] of [[a, '1'], [b, '1'], [c, '2']] as const) {
    const r = run(['train', '--episodes', '4', '--workers', workers, '--checkpoint', file, ...short]);
    t.equal(r.code, 0, r.stderr);
  }
  t.equal(hash(a), hash(b), 'two runs with one worker');
  t.equal(hash(a), hash(c), 'one worker and two workers');
  const { learner } = readCheckpoint(a);
  t.equal(learner.episodes, 4);
  t.equal(learner.updates, 1, 'one update after 3 episodes, the 4th waits in the open batch');
  t.equal(learner.episodesInBatch, 1);
  t.end();
});

test('train: stopping after 2 episodes and resuming to 4 gives the same checkpoint as 4 in one go', (t) => {
  const whole = join(tmp, 'whole.ckpt'), parts = join(tmp, 'parts.ckpt');
  const log = join(tmp, 'parts.csv');
  t.equal(run(['train', '--episodes', '4', '--workers', '2', '--checkpoint', whole, ...short]).code, 0);
  t.equal(run(['train', '--episodes', '2', '--workers', '1', '--checkpoint', parts, '--log', log, ...short]).code, 0);
  const r = run(['train', '--episodes', '4', '--workers', '2', '--checkpoint', parts, '--resume', '--log', log, '--max-frames', '1000', '--quiet']);
  t.equal(r.code, 0, r.stderr);
  t.equal(hash(whole), hash(parts), 'identical checkpoints');
  const rows = readFileSync(log, 'utf8').trim().split('\n');
  t.equal(rows.length, 5, 'the log has a header and one row per episode');
  t.deepEqual(rows.slice(1).map((l) => l.split(',')[0]), ['1', '2', '3', '4']);
  t.end();
});

test('train: one line per episode with score, reward, mean, frames, speed and ETA', (t) => {
  const r = run(['train', '--episodes', '1', '--workers', '1', '--max-frames', '600']);
  t.equal(r.code, 0, r.stderr);
  t.match(r.stdout, /^game: pong-train's built-in Pong\n/, 'the header names the game');
  t.match(r.stdout, /episode +1 +score +\d+ : \d+ +reward +-?\d+ +mean +-?\d+\.\d\d +frames +\d+ +\d+ frames\/s +elapsed \d+:\d\d:\d\d +eta \d+:\d\d:\d\d/);
  t.match(r.stdout, /no --checkpoint: nothing saved/);
  t.end();
});

test('play: a checkpoint trained on the built-in game plays it and reports the scores', (t) => {
  const ckpt = join(tmp, 'play.ckpt');
  t.equal(run(['train', '--episodes', '2', '--workers', '1', '--checkpoint', ckpt, ...short]).code, 0);
  const r = run(['play', '--checkpoint', ckpt, '--episodes', '2', '--max-frames', '1500', '--seed', '3']);
  t.equal(r.code, 0, r.stderr);
  t.match(r.stdout, /^game: pong-train's built-in Pong\n/);
  const games = r.stdout.match(/^game +\d+ +score +\d+ : \d+ +reward +-?\d+ +frames 1500/gm) ?? [];
  t.equal(games.length, 2, 'two games, each cut at 1,500 frames');
  t.match(r.stdout, /mean reward -?\d+\.\d\d over 2 games; won \d+/);
  t.equal(run(['play', '--checkpoint', ckpt, '--episodes', '2', '--max-frames', '1500', '--seed', '3']).stdout, r.stdout, 'the same seed plays the same games');
  t.end();
});

for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
  test(`train: ${signal} finishes the episodes in play, saves and exits ${code}`, (t) => {
    const ckpt = join(tmp, `${signal}.ckpt`);
    const child = spawn(process.execPath, [cli, 'train', '--rom', tiny, '--episodes', '100000', '--max-frames', '60', '--workers', '1', '--checkpoint', ckpt, '--batch', '2'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let sent = false;
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      out += d;
      if (!sent && /episode +3 /.test(out)) {
        sent = true;
        child.kill(signal);
      }
    });
    child.on('close', (exit) => {
      t.equal(exit, code, `exit ${code} (128 + the signal's number), so a script can tell it from a finished run`);
      t.match(err, new RegExp(`stopping \\(${signal}\\): finishing the episodes in play`));
      const m = /stopped at episode (\d+)/.exec(out);
      t.ok(m, 'says where it stopped');
      t.ok(existsSync(ckpt), 'checkpoint written');
      t.equal(readCheckpoint(ckpt).learner.episodes, Number(m?.[1]), 'the checkpoint holds every episode reported');
      t.end();
    });
  });
}

test('train: bad flags and checkpoints are one-line errors; nothing is overwritten', (t) => {
  const one = (r: { code: number | null; stderr: string }, re: RegExp): void => {
    t.notEqual(r.code, 0);
    t.equal(r.stderr.trim().split('\n').length, 1, r.stderr.trim());
    t.match(r.stderr, re);
  };
  one(run(['train', '--rom', tiny, '--episodes', '-3', '--max-frames', '10']), /--episodes must be a whole number >= 1/);
  one(run(['train', '--rom', tiny, '--episodes', '2', '--max-frames', '10', '--lr', '0']), /--lr must be a positive number/);
  one(run(['train', '--rom', tiny, '--episodes', '2', '--max-frames', '10', '--frame-skip', '4-2']), /--frame-skip must be/);
  one(run(['train', '--rom', tiny, '--episodes', '2', '--max-frames', '10', '--sticky', '2']), /--sticky must be between 0 and 1/);
  one(run(['train', '--rom', tiny, '--episodes', '2']), /not a Pong.*--max-frames/);
  one(run(['train', '--rom', 'builtin:pnog', '--episodes', '2']), /unknown built-in game 'pnog': the built-in game is builtin:pong/);
  one(run(['train', '--rom', tiny, '--max-frames', '10', '--resume']), /--resume needs --checkpoint/);
  one(run(['train', '--rom', tiny, '--max-frames', '10', '--resume', '--checkpoint', join(tmp, 'none.ckpt')]), /does not exist/);

  const junk = join(tmp, 'junk.ckpt');
  writeFileSync(junk, 'not a checkpoint at all, just text');
  one(run(['train', '--rom', tiny, '--max-frames', '10', '--episodes', '2', '--checkpoint', junk]), /already exists: pass --resume/);
  one(run(['train', '--rom', tiny, '--max-frames', '10', '--episodes', '2', '--checkpoint', junk, '--resume']), /not a pong-train checkpoint/);
  one(run(['play', '--rom', tiny, '--checkpoint', junk]), /not a pong-train checkpoint/);
  t.equal(readFileSync(junk, 'utf8'), 'not a checkpoint at all, just text', 'the bad file is untouched');

  const good = join(tmp, 'good.ckpt');
  t.equal(run(['train', '--rom', tiny, '--max-frames', '30', '--episodes', '1', '--workers', '1', '--checkpoint', good, '--quiet']).code, 0);
  const truncated = join(tmp, 'truncated.ckpt');
  writeFileSync(truncated, readFileSync(good).subarray(0, 5000));
  one(run(['play', '--rom', tiny, '--checkpoint', truncated]), /truncated/);
  one(run(['train', '--rom', tiny, '--max-frames', '30', '--episodes', '3', '--checkpoint', good, '--resume', '--lr', '0.5']), /differs from the checkpoint's/);
  t.end();
});

test('train: the fast preset is the default; --preset karpathy is pg-pong.py\'s learning rate', (t) => {
  const fast = join(tmp, 'fast.ckpt'), karpathy = join(tmp, 'karpathy.ckpt');
  t.equal(run(['train', '--rom', tiny, '--max-frames', '20', '--episodes', '1', '--workers', '1', '--checkpoint', fast, '--quiet']).code, 0);
  t.equal(run(['train', '--rom', tiny, '--max-frames', '20', '--episodes', '1', '--workers', '1', '--checkpoint', karpathy, '--preset', 'karpathy', '--quiet']).code, 0);
  t.equal(readCheckpoint(fast).learner.settings.learningRate, 1e-3);
  const k = (readCheckpoint(karpathy).learner as Learner).settings;
  t.deepEqual([k.learningRate, k.batchSize, k.hidden, k.gamma, k.decay], [1e-4, 10, 200, 0.99, 0.99], "Karpathy's hyperparameters");
  t.end();
});

test('train: nothing lost — logs are not overwritten, a checkpoint has one run at a time, stale temp files go', (t) => {
  const one = (r: { code: number | null; stderr: string }, re: RegExp): void => {
    t.notEqual(r.code, 0);
    t.equal(r.stderr.trim().split('\n').length, 1, r.stderr.trim());
    t.match(r.stderr, re);
  };
  const base = ['train', '--rom', tiny, '--max-frames', '20', '--workers', '1', '--hidden', '1'];
  const ckpt = join(tmp, 'safe.ckpt');
  const log = join(tmp, 'safe.csv');
  t.equal(run([...base, '--episodes', '2', '--checkpoint', ckpt, '--log', log, '--quiet']).code, 0);
  const logBefore = readFileSync(log, 'utf8');
  t.equal(logBefore.trim().split('\n').length, 3, 'header and two rows');
  one(run([...base, '--episodes', '2', '--checkpoint', join(tmp, 'other.ckpt'), '--log', log]), /log .*safe\.csv already exists: a new run does not overwrite it; pass --resume/);
  t.equal(readFileSync(log, 'utf8'), logBefore, 'the log is untouched');

  // A lock held by a live process (this test) refuses the run; one whose process is gone is taken over.
  writeFileSync(`${ckpt}.lock`, `${process.pid}\n`);
  one(run([...base, '--episodes', '3', '--checkpoint', ckpt, '--resume']), new RegExp(`in use by another pong-train run \\(PID ${process.pid}`));
  writeFileSync(`${ckpt}.lock`, '999999999\n');
  const stale = join(tmp, `.safe.ckpt.tmp-999999999-abcdef`);
  writeFileSync(stale, Buffer.alloc(1000));
  const r = run([...base, '--episodes', '3', '--checkpoint', ckpt, '--log', log, '--resume']);
  t.equal(r.code, 0, r.stderr);
  t.match(r.stderr, /removed 1 temporary file an interrupted save of .*safe\.ckpt left behind/);
  t.notOk(existsSync(stale), 'the stale temporary file is gone');
  t.notOk(existsSync(`${ckpt}.lock`), 'the lock is released at the end');
  t.equal(readCheckpoint(ckpt).learner.episodes, 3);
  t.equal(readFileSync(log, 'utf8').trim().split('\n').length, 4, '--resume appends to the log');

  // Two real runs at once on one checkpoint: the second is refused while the first plays.
  const busy = join(tmp, 'busy.ckpt');
  const first = spawn(process.execPath, [cli, ...base, '--episodes', '100000', '--checkpoint', busy], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  first.stdout.on('data', (d) => {
    out += d;
    if (/episode +2 /.test(out) && !first.killed) {
      one(run([...base, '--episodes', '5', '--checkpoint', busy]), /checkpoint .*busy\.ckpt is in use by another pong-train run/);
      first.kill('SIGTERM');
    }
  });
  first.on('close', () => {
    t.ok(existsSync(busy), 'the first run saved on SIGTERM');
    one(run([...base, '--episodes', '3', '--checkpoint', tmp, '--resume']), /--checkpoint .* is a folder/);
    one(run([...base, '--episodes', '3', '--checkpoint', join(tiny, 'x.ckpt')]), /--checkpoint .*tiny\.bin.x\.ckpt: .*tiny\.bin is not a folder/);
    one(run([...base, '--episodes', '3', '--log', tmp]), /--log .* is a folder/);
    t.end();
  });
});

test('train: a failing log write saves the checkpoint and ends with one line', (t) => {
  const ckpt = join(tmp, 'full.ckpt');
  const log = join(tmp, 'full.csv');
  const base = ['train', '--rom', tiny, '--max-frames', '20', '--workers', '1', '--hidden', '1', '--batch', '2', '--checkpoint', ckpt, '--log', log];
  t.equal(run([...base, '--episodes', '2', '--quiet']).code, 0);
  const size = readFileSync(ckpt).length;
  // Pad the log (valid rows of episode 1) to just under a file-size limit that the checkpoint
  // stays below: the next row written fails with EFBIG, as on a full disk.
  const limitKiB = Math.ceil((size * 2) / 1024);
  const row = readFileSync(log, 'utf8').split('\n')[1] + '\n';
  const rows = Math.floor((limitKiB * 1024 - readFileSync(log).length - 10) / row.length);
  writeFileSync(log, readFileSync(log, 'utf8') + row.repeat(rows));
  const r = spawnSync('bash', ['-c', `ulimit -f ${limitKiB}; exec "$0" "$@"`, process.execPath, cli, ...base, '--episodes', '50', '--resume', '--quiet'], {
    encoding: 'utf8',
    env: { ...process.env, PONG_TRAIN_ROM: '' },
  });
  t.notEqual(r.status, 0, 'non-zero exit');
  t.equal(r.stderr.trim().split('\n').length, 1, r.stderr.trim());
  t.match(r.stderr, /cannot write log .*full\.csv .*stopped; checkpoint .*full\.ckpt holds episode (\d+), the log's rows end at episode (\d+); free the disk and go on with --resume/);
  const m = /holds episode (\d+), the log's rows end at episode (\d+)/.exec(r.stderr);
  const held = Number(m?.[1]);
  t.equal(readCheckpoint(ckpt).learner.episodes, held, 'the checkpoint was saved with the episodes played');
  t.equal(held, Number(m?.[2]) + 1, 'it holds every episode played, the one whose row failed included');
  t.end();
});

test('train: without --checkpoint the warning comes at the start; --quiet prints nothing', (t) => {
  const quiet = run(['train', '--rom', tiny, '--max-frames', '20', '--episodes', '2', '--workers', '1', '--quiet']);
  t.equal(quiet.code, 0);
  t.equal(quiet.stdout, '', '--quiet: nothing on stdout, not even the final line');
  const child = spawn(process.execPath, [cli, 'train', '--rom', tiny, '--max-frames', '20', '--episodes', '100000', '--workers', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  let out = '';
  child.stderr.on('data', (d) => (err += d));
  child.stdout.on('data', (d) => {
    out += d;
    // Killed outright after its first episode: whatever it warned, it warned before playing.
    if (/episode +1 /.test(out)) child.kill('SIGKILL');
  });
  child.on('close', () => {
    t.match(err, /warning: no --checkpoint: this run will not be saved/, 'warned before the first episode ended');
    t.end();
  });
});
