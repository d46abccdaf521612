import test from 'tape';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { train, builtinRom, readCheckpoint, LOG_HEADER, PONG_V0, UserError, type TrainOptions } from '../index.js';

test('library: train() runs a training run from code, as the CLI does', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'pong-train-lib-'));
  const options: TrainOptions = {
    rom: builtinRom(),
    episodes: 2,
    learner: { batchSize: 2, hidden: 8 },
    preset: 'fast',
    seed: 3,
    seedGiven: true,
    env: { maxEpisodeFrames: 300 },
    workers: 1,
    checkpoint: join(dir, 'run.ckpt'),
    resume: false,
    saveEvery: 1,
    log: join(dir, 'run.csv'),
    quiet: true,
  };
  const { learner, stoppedBy } = await train(options);
  t.equal(stoppedBy, null, "not interrupted");
  t.equal(learner.episodes, 2);
  t.equal(learner.updates, 1, 'one batch of two');
  const saved = readCheckpoint(options.checkpoint!);
  t.equal(saved.learner.episodes, 2, 'the checkpoint holds the run');
  t.deepEqual(saved.run?.env, { ...PONG_V0, maxEpisodeFrames: 300 });
  const log = readFileSync(options.log!, 'utf8').trim().split('\n');
  t.equal(log[0], LOG_HEADER);
  t.equal(log.length, 3, 'a row per episode');
  try {
    await train(options);
    t.fail('a second new run on the same checkpoint is refused');
  } catch (e) {
    t.ok(e instanceof UserError, `a UserError: ${(e as Error).message}`);
  }
  t.end();
});

test('the package: train() from code runs PPO too, and resolves with a PpoLearner', async (t) => {
  const { PpoLearner: Ppo, ENV_SETTINGS } = await import('../index.js');
  const { learner, stoppedBy } = await train({
    rom: builtinRom(), episodes: 2, algorithm: 'ppo', learner: { hidden: 8, batchSize: 2 }, ppo: { minibatch: 200, epochs: 1 },
    seed: 3, seedGiven: true, envName: 'pong-v0', env: { maxEpisodeFrames: 400 }, workers: 1, resume: false, saveEvery: 1, quiet: true,
  });
  t.equal(stoppedBy, null);
  t.ok(learner instanceof Ppo, 'a PpoLearner');
  t.deepEqual([learner.episodes, learner.updates], [2, 1], 'one iteration of two episodes');
  t.deepEqual(ENV_SETTINGS['pong-v0'], PONG_V0, 'the named settings are exported');
  t.end();
});
