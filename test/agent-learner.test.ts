import test from 'tape';
import { Actor, type Action, Learner } from '../agent/learner.js';
import { FRAME_BYTES } from '../agent/preprocess.js';
import { deriveSeed, Rng } from '../agent/rng.js';

interface Player {
  beginEpisode(): void;
  /** Learner: 'up' | 'down'; Actor: the action's number, 0 = UP. */
  act(observationRgb: Uint8Array, rng: Rng, greedy?: boolean): Action | number;
  reward(r: number): void;
}

/**
 * A toy game drawn as Pong-like RGB frames (not the emulator): a ball bouncing on a fixed
 * path, a paddle moved by the agent, +1 when the paddle is near the ball every 8 steps, else -1.
 */
function playToyEpisode(player: Player, rng: Rng, episode: number, greedy = false): number {
  const rgb = new Uint8Array(FRAME_BYTES);
  let paddle = 100;
  let total = 0;
  const length = 20 + (episode % 3) * 7;
  player.beginEpisode();
  for (let t = 0; t < length; t++) {
    const ballRow = 40 + ((t * 11 + episode * 17) % 140);
    const ballCol = 20 + ((t * 7) % 120);
    for (let p = 0; p < 210 * 160; p++) {
      rgb[p * 3] = 144;
      rgb[p * 3 + 1] = 72;
      rgb[p * 3 + 2] = 17;
    }
    for (let r = ballRow; r < ballRow + 4; r++) for (let c = ballCol; c < ballCol + 2; c++) rgb[(r * 160 + c) * 3] = 236;
    for (let r = paddle; r < paddle + 16; r++) for (let c = 140; c < 144; c++) rgb[(r * 160 + c) * 3] = 92;
    const action = player.act(rgb, rng, greedy);
    paddle = Math.max(35, Math.min(178, paddle + (action === 'up' || action === 0 ? -6 : 6)));
    if (t % 8 === 7) {
      const r = Math.abs(paddle + 8 - ballRow) < 24 ? 1 : -1;
      player.reward(r);
      total += r;
    }
  }
  return total;
}

function sameBits(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

const SETTINGS = { seed: 7, hidden: 8, batchSize: 3, learningRate: 1e-3 };

test('agent learner: same seed and same observations give identical weights after updates', (t) => {
  const a = new Learner(SETTINGS);
  const b = new Learner(SETTINGS);
  const initial = a.policy.w1t.slice();
  const initialW2 = a.policy.w2.slice();
  t.ok(sameBits(a.policy.w1t, b.policy.w1t) && sameBits(a.policy.w2, b.policy.w2), 'same initial weights');
  t.notOk(sameBits(new Learner({ ...SETTINGS, seed: 8 }).policy.w2, a.policy.w2), 'another seed, other weights');
  const rewards: number[] = [];
  const updates: boolean[] = [];
  for (let e = 0; e < 6; e++) {
    rewards.push(playToyEpisode(a, a.episodeRng(), e));
    updates.push(a.endEpisode());
    playToyEpisode(b, b.episodeRng(), e);
    b.endEpisode();
  }
  t.deepEqual(updates, [false, false, true, false, false, true], 'an update every batchSize episodes');
  t.equal(a.updates, 2);
  t.equal(a.episodes, 6);
  t.equal(a.episodesInBatch, 0);
  t.ok(sameBits(a.policy.w1t, b.policy.w1t), 'W1 bit-identical');
  t.ok(sameBits(a.policy.w2, b.policy.w2), 'W2 bit-identical');
  t.notOk(sameBits(a.policy.w1t, initial), 'W1 changed');
  t.notOk(sameBits(a.policy.w2, initialW2), 'W2 changed');
  let running = rewards[0];
  for (let e = 1; e < 6; e++) running = running * 0.99 + rewards[e] * 0.01;
  t.equal(a.runningReward, running, `running reward ${running} (Karpathy's recurrence)`);
  t.equal(a.lastEpisode?.reward, rewards[5], 'last episode reward');
  t.ok(rewards.some((r) => r !== rewards[0]), `episodes have different outcomes (${rewards.join(' ')})`);
  t.end();
});

test('agent learner: worker-style gradients added in episode order match in-process training bit for bit', (t) => {
  const ref = new Learner(SETTINGS);
  for (let e = 0; e < 6; e++) {
    playToyEpisode(ref, ref.episodeRng(), e);
    ref.endEpisode();
  }

  // Two "workers", each with its own copy of the weights; episodes finish out of order.
  const main = new Learner(SETTINGS);
  const workers = [new Actor(main.policy.clone()), new Actor(main.policy.clone())];
  const size = main.policy.w1t.length;
  for (let batch = 0; batch < 2; batch++) {
    const results: { g1: Float64Array; g2: Float64Array; reward: number }[] = [];
    for (const e of [2, 0, 1].map((k) => batch * 3 + k)) {
      const w = workers[e % 2];
      playToyEpisode(w, new Rng(deriveSeed(SETTINGS.seed, e)), e);
      const g1 = new Float64Array(size);
      const g2 = new Float64Array(SETTINGS.hidden);
      const stats = w.computeGradient(main.settings.gamma, g1, g2);
      results[e - batch * 3] = { g1, g2, reward: stats.reward };
    }
    const ready = results.map((r) => main.addGradient(r.g1, r.g2, r.reward));
    t.deepEqual(ready, [false, false, true], 'batch ready after batchSize episodes');
    main.applyBatch();
    for (const w of workers) {
      w.policy.w1t.set(main.policy.w1t);
      w.policy.w2.set(main.policy.w2);
    }
  }
  t.equal(main.updates, 2);
  t.ok(sameBits(main.policy.w1t, ref.policy.w1t), 'W1 bit-identical to in-process training');
  t.ok(sameBits(main.policy.w2, ref.policy.w2), 'W2 bit-identical');
  t.ok(sameBits(main.rmsprop.cacheW1t, ref.rmsprop.cacheW1t), 'RMSProp cache bit-identical');
  t.equal(main.runningReward, ref.runningReward, 'running reward');
  t.end();
});

test('agent learner: greedy play draws no randomness and cannot be trained on', (t) => {
  const l = new Learner(SETTINGS);
  const rng = new Rng(1);
  const before = rng.getState();
  playToyEpisode(l, rng, 0, true);
  t.deepEqual(rng.getState(), before, 'greedy play leaves the rng untouched');
  t.ok(l.actor.steps > 0, 'steps were recorded');
  t.throws(() => l.endEpisode(), /greedily/, 'endEpisode refuses a greedy episode');
  t.equal(l.episodes, 0, 'nothing counted');
  l.beginEpisode();
  t.equal(l.actor.steps, 0, 'beginEpisode discards it');
  t.end();
});

test('agent learner: settings are validated', (t) => {
  t.throws(() => new Learner({ seed: 1, hidden: 0 }), /hidden/);
  t.throws(() => new Learner({ seed: 1, batchSize: 0 }), /batchSize/);
  t.throws(() => new Learner({ seed: 1, learningRate: -1 }), /learningRate/);
  t.throws(() => new Learner({ seed: 1, gamma: 1.5 }), /gamma/);
  t.throws(() => new Learner({ seed: -3 }), /seed/);
  const l = new Learner({ seed: 3, hidden: 2 });
  t.deepEqual(l.settings, { seed: 3, hidden: 2, batchSize: 10, learningRate: 1e-4, gamma: 0.99, decay: 0.99 }, "Karpathy's defaults");
  t.end();
});
