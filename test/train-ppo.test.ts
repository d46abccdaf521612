import test from 'tape';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from './paths.js';
import { readCheckpoint } from '../cli/checkpoint-file.js';
import { PpoLearner } from '../agent/ppo.js';

const cli = join(projectRoot, 'dist', 'cli', 'main.js');
const tmp = mkdtempSync(join(tmpdir(), 'pong-train-ppo-'));

function run(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, PONG_TRAIN_ROM: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const hash = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

// The built-in game under PongNoFrameskip-v4, episodes cut at 700 frames (a point or two each),
// a small network and minibatch: real PPO iterations in a fraction of a second.
const small = ['--algo', 'ppo', '--max-frames', '700', '--batch', '2', '--hidden', '16', '--minibatch', '500', '--epochs', '2', '--seed', '5', '--quiet'];

test('train --algo ppo: bit-identical whatever the worker count, and a resume equals a straight run', (t) => {
  const a = join(tmp, 'a.ckpt'), b = join(tmp, 'b.ckpt'), c = join(tmp, 'c.ckpt'), d = join(tmp, 'd.ckpt');
  t.equal(run(['train', '--episodes', '4', '--workers', '1', '--checkpoint', a, ...small]).code, 0);
  t.equal(run(['train', '--episodes', '4', '--workers', '2', '--checkpoint', b, ...small]).code, 0);
  t.equal(hash(a), hash(b), 'one worker and two workers: the same checkpoint');
  // Stop after 2 episodes (an iteration boundary) and after 3 (mid-iteration), then go on.
  t.equal(run(['train', '--episodes', '2', '--workers', '2', '--checkpoint', c, ...small]).code, 0);
  const mid = run(['train', '--episodes', '3', '--workers', '1', '--checkpoint', d, ...small.filter((x) => x !== '--quiet')]);
  t.match(mid.stdout, /done at episode 3, 1 updates.*it holds episode 2/, 'a run ending mid-iteration says which episode its checkpoint holds');
  const resume = ['--algo', 'ppo', '--quiet', '--resume'];
  t.equal(run(['train', '--episodes', '4', '--workers', '1', '--checkpoint', c, ...resume]).code, 0);
  t.equal(run(['train', '--episodes', '4', '--workers', '2', '--checkpoint', d, ...resume]).code, 0);
  t.equal(hash(c), hash(a), 'resumed at an iteration boundary: the same checkpoint as a straight run');
  t.equal(hash(d), hash(a), 'resumed from mid-iteration (its episodes played again): the same checkpoint');

  const { learner, run: info } = readCheckpoint(a);
  t.equal(learner.algorithm, 'ppo', 'the checkpoint records the algorithm');
  if (learner.algorithm !== 'ppo') return t.end();
  t.deepEqual([learner.episodes, learner.updates, learner.adam.step], [4, 2, 4], 'episodes, iterations, Adam steps (2 per iteration)');
  t.deepEqual(info?.env, { frameSkip: [1, 1], sticky: 0, maxEpisodeFrames: 700 }, 'PongNoFrameskip-v4 (the ppo default), cut at 700 frames');
  const fresh = new PpoLearner({ seed: 5, hidden: 16, minibatch: 500, epochs: 2, batchSize: 2 });
  const changed = learner.policy.arrays().map((w, i) => w.some((v, k) => v !== fresh.policy.arrays()[i][k]));
  t.deepEqual(changed, [true, true, true, true], 'training moved all four weight arrays away from their initial values');
  t.ok(learner.adam.v[0].some((v) => v > 0), "Adam's moments are saved");
  t.end();
});

test('--preset ppo-fast: Pong-v5, 2 episodes per iteration, hidden 200; a flag given overrides only itself', (t) => {
  const quick = ['--episodes', '2', '--workers', '1', '--max-frames', '300', '--minibatch', '100', '--epochs', '1', '--seed', '3', '--quiet'];
  const a = join(tmp, 'fast-a.ckpt'), b = join(tmp, 'fast-b.ckpt');
  t.equal(run(['train', '--preset', 'ppo-fast', '--checkpoint', a, ...quick]).code, 0);
  t.equal(run(['train', '--preset', 'ppo-fast', '--batch', '1', '--checkpoint', b, ...quick]).code, 0);
  const { learner, run: info } = readCheckpoint(a);
  if (learner.algorithm !== 'ppo') return t.fail('ppo-fast makes a PPO run'), t.end();
  t.deepEqual([learner.settings.batchSize, learner.settings.hidden, learner.settings.minibatch, learner.updates], [2, 200, 100, 1]);
  t.deepEqual(info?.env, { frameSkip: [4, 4], sticky: 0.25, maxEpisodeFrames: 300 }, 'ALE v5, cut where --max-frames says');
  const other = readCheckpoint(b).learner;
  if (other.algorithm !== 'ppo') return t.fail('ppo-fast makes a PPO run'), t.end();
  t.deepEqual([other.settings.batchSize, other.settings.hidden, other.updates], [1, 200, 2], '--batch 1 changes the batch and keeps the preset\'s hidden 200');
  t.end();
});

test('play loads a PPO checkpoint; bad PPO input is one clear line', (t) => {
  const ckpt = join(tmp, 'a.ckpt');
  const p = run(['play', '--checkpoint', ckpt, '--episodes', '2', '--max-frames', '900', '--greedy']);
  t.equal(p.code, 0, p.stderr);
  t.match(p.stdout, /trained 4 episodes/);
  t.equal((p.stdout.match(/^game +\d+ +score/gm) ?? []).length, 2, 'two games played');
  const one = (r: { code: number | null; stderr: string }, re: RegExp): void => {
    t.notEqual(r.code, 0);
    t.equal(r.stderr.trim().split('\n').length, 1, r.stderr.trim());
    t.match(r.stderr, re);
  };
  one(run(['train', '--episodes', '6', '--checkpoint', ckpt, '--resume', '--algo', 'pg']), /holds a ppo run, but --algo pg was given/);
  one(run(['train', '--episodes', '6', '--checkpoint', ckpt, '--resume', '--clip', '0.3']), /--clip 0.3 differs from the checkpoint's 0.1/);
  one(run(['train', '--episodes', '2', '--preset', 'articel']), /Invalid values[\s\S]*preset/);
  one(run(['train', '--episodes', '2', '--algo', 'pg', '--preset', 'article']), /--preset article is for --algo ppo, not pg/);
  one(run(['train', '--episodes', '2', '--algo', 'ppo', '--decay', '0.9']), /--decay is a policy-gradient setting/);
  one(run(['train', '--episodes', '2', '--clip', '0.2']), /--clip is a PPO setting: add --algo ppo/);
  one(run(['train', '--episodes', '2', '--algo', 'ppo', '--clip', '1.5']), /--clip must be above 0 and below 1/);
  const pg = join(tmp, 'pg.ckpt');
  t.equal(run(['train', '--episodes', '1', '--max-frames', '200', '--workers', '1', '--checkpoint', pg, '--quiet']).code, 0);
  one(run(['train', '--episodes', '2', '--checkpoint', pg, '--resume', '--algo', 'ppo']), /holds a pg run, but --algo ppo was given/);
  writeFileSync(join(tmp, 'x'), '');
  t.end();
});
