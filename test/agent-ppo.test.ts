import test from 'tape';
import { Adam } from '../agent/adam.js';
import { Episode } from '../agent/episode.js';
import { PpoGradient } from '../agent/ppo-loss.js';
import { PpoPolicy } from '../agent/ppo-policy.js';
import { PpoLearner, resolvePpoSettings } from '../agent/ppo.js';
import { SampleBuffer } from '../agent/ppo-samples.js';
import { Rng } from '../agent/rng.js';
import { Actor } from '../agent/learner.js';
import { FrameDifference, SCREEN_ROWS, screenLevels } from '../agent/preprocess.js';
import { NTSC_PALETTE } from '../emulator/palette.js';

const H = 6;
const D = 20;

/** A small random policy and an iteration of hand-made samples (sparse inputs of +-1). */
function fixture(seed: number, count = 12, actions = 2): { policy: PpoPolicy; samples: SampleBuffer; rng: Rng } {
  const rng = new Rng(seed);
  const policy = PpoPolicy.create(rng, H, D, actions);
  // Larger weights than the default init, so that ReLUs and probabilities vary.
  for (const a of policy.arrays()) for (let i = 0; i < a.length; i++) a[i] *= 6;
  const e = new Episode(H, 4, false);
  const idx = new Int32Array(D);
  const val = new Float64Array(D);
  const h = new Float64Array(H);
  const probs = new Float64Array(actions);
  for (let t = 0; t < count; t++) {
    let n = 0;
    for (let i = 0; i < D; i++) if (rng.uniform() < 0.3) { idx[n] = i; val[n] = rng.uniform() < 0.5 ? 1 : -1; n++; }
    const p = policy.forwardSparse(idx, val, n, h, probs);
    // Two actions: Karpathy's label and p(UP); more: the action and its probability.
    if (actions === 2) e.addStep(idx, val, n, h, p, rng.uniform() < 0.5 ? 1 : 0);
    else {
      const a = Math.floor(rng.uniform() * actions);
      e.addStep(idx, val, n, h, probs[a], a);
    }
    if (t % 4 === 3) e.addReward(rng.uniform() < 0.5 ? 1 : -1);
  }
  const samples = new SampleBuffer(0.9);
  samples.append(e.record());
  samples.normaliseAdvantages();
  return { policy, samples, rng };
}

function lossOf(policy: PpoPolicy, samples: SampleBuffer, chosen: Int32Array, n: number, clip: number): number {
  return new PpoGradient(H, D, policy.actions).compute(policy, samples, chosen, n, clip);
}

/** Central finite differences of the loss against every weight of every array. */
function checkGradient(t: test.Test, policy: PpoPolicy, samples: SampleBuffer, clip: number, label: string): void {
  const all = Int32Array.from({ length: samples.count }, (_, i) => i);
  const grad = new PpoGradient(H, D, policy.actions);
  grad.compute(policy, samples, all, samples.count, clip);
  const names = ['w1t', 'b1', 'w2', 'b2'];
  policy.arrays().forEach((w, a) => {
    let worst = 0;
    let nonZero = 0;
    let kinks = 0;
    const l0 = lossOf(policy, samples, all, samples.count, clip);
    for (let i = 0; i < w.length; i++) {
      const keep = w[i];
      w[i] = keep + 1e-3;
      const up = w[i] - keep;
      const lp = lossOf(policy, samples, all, samples.count, clip);
      w[i] = keep - 1e-3;
      const down = keep - w[i];
      const lm = lossOf(policy, samples, all, samples.count, clip);
      w[i] = keep;
      // A ReLU or a clip edge between w - delta and w + delta: the one-sided slopes disagree and
      // a central difference means nothing there.
      const right = (lp - l0) / up;
      const left = (l0 - lm) / down;
      if (Math.abs(right - left) > 0.05 * Math.max(1e-4, Math.abs(right) + Math.abs(left))) {
        kinks++;
        continue;
      }
      const numeric = (lp - lm) / (up + down);
      const analytic = grad.arrays[a][i];
      if (analytic !== 0) nonZero++;
      worst = Math.max(worst, Math.abs(numeric - analytic) / Math.max(1e-3, Math.abs(numeric) + Math.abs(analytic)));
    }
    t.ok(worst < 2e-3 && kinks < w.length / 10, `${label}: d loss / d ${names[a]} matches finite differences (worst relative error ${worst.toExponential(1)}; ${kinks} of ${w.length} weights at a kink, skipped)`);
    t.ok(nonZero > 0, `${label}: ${names[a]} gets a gradient`);
  });
}

test('ppo: the clipped loss gradient matches finite differences, with all ratios inside the clip range', (t) => {
  const { policy, samples } = fixture(1);
  // pi == pi_old for every sample: r = 1, inside the range.
  checkGradient(t, policy, samples, 0.1, 'r = 1');
  t.end();
});

test('ppo: outside the clip range the clipped samples pass no gradient, the others do', (t) => {
  const { policy, samples } = fixture(2, 16);
  // Move the policy away from the one that played, so ratios spread beyond 0.8..1.2.
  const moved = policy.clone();
  for (const a of policy.arrays()) for (let i = 0; i < a.length; i++) a[i] += 0.8 * Math.sin(i * 7.1 + a.length);
  const h = new Float64Array(H);
  let clippedNoGrad = 0;
  let active = 0;
  for (let s = 0; s < samples.count; s++) {
    const st = samples.starts[s];
    const p0 = policy.forwardAt(samples.indices, samples.values, st, samples.starts[s + 1] - st, h);
    const up = samples.labels[s] === 1;
    const r = (up ? p0 : 1 - p0) / (up ? samples.probs[s] : 1 - samples.probs[s]);
    const A = samples.advantages[s];
    const outside = r < 0.8 || r > 1.2;
    const one = new PpoGradient(H, D);
    one.compute(policy, samples, Int32Array.of(s), 1, 0.2);
    const zero = one.arrays.every((g) => g.every((v) => v === 0));
    if (outside && ((r > 1.2 && A > 0) || (r < 0.8 && A < 0))) {
      clippedNoGrad++;
      t.ok(zero, `sample ${s}: r ${r.toFixed(2)}, A ${A.toFixed(2)}: clipped, no gradient`);
    } else if (A !== 0) {
      active++;
      t.notOk(zero, `sample ${s}: r ${r.toFixed(2)}, A ${A.toFixed(2)}: unclipped term, a gradient`);
    }
  }
  t.ok(clippedNoGrad >= 2 && active >= 2, `both kinds present (${clippedNoGrad} clipped, ${active} active)`);
  checkGradient(t, policy, samples, 0.2, 'ratios spread');
  t.ok(moved.w1t[0] !== policy.w1t[0], 'the policy did move');
  t.end();
});

test('ppo: the softmax policy gradient (d log pi) matches finite differences', (t) => {
  // With clip large enough never to bind and pi_old = pi, dL/dw = -mean(A d pi / pi) = -mean(A d log pi).
  const { policy, samples } = fixture(3);
  checkGradient(t, policy, samples, 0.99, 'never clipped');
  const h = new Float64Array(H);
  const s = 0;
  const st = samples.starts[s];
  const n = samples.starts[s + 1] - st;
  const p0 = policy.forwardAt(samples.indices, samples.values, st, n, h);
  // d log p0 / d b2[0] = 1 - p0 exactly for a softmax over two logits.
  const keep = policy.b2[0];
  policy.b2[0] = keep + 1e-3;
  const d = policy.b2[0] - keep;
  const p0b = policy.forwardAt(samples.indices, samples.values, st, n, h);
  policy.b2[0] = keep;
  t.ok(Math.abs((Math.log(p0b) - Math.log(p0)) / d - (1 - p0)) < 1e-3, 'd log p(UP) / d b2[0] = 1 - p(UP)');
  t.end();
});

test('ppo with more actions (a game\'s minimal set): softmax probabilities, and the loss gradient against finite differences inside and outside the clip range', (t) => {
  const K = 5;
  const { policy, samples } = fixture(7, 16, K);
  const h = new Float64Array(H);
  const probs = new Float64Array(K);
  const p0 = policy.forwardAt(samples.indices, samples.values, 0, samples.starts[1], h, probs);
  const sum = probs.reduce((a, b) => a + b, 0);
  t.ok(Math.abs(sum - 1) < 1e-12 && probs.every((p) => p > 0 && p < 1), `probabilities sum to 1 (${sum})`);
  t.equal(p0, probs[0], 'returns p(action 0)');
  t.ok(new Set(probs).size === K, 'and they differ');
  checkGradient(t, policy, samples, 0.1, `${K} actions, r = 1`);
  // Move the policy so that ratios leave 0.8..1.2 and some samples are clipped.
  for (const a of policy.arrays()) for (let i = 0; i < a.length; i++) a[i] += 0.8 * Math.sin(i * 7.1 + a.length);
  let clipped = 0;
  for (let s = 0; s < samples.count; s++) {
    const st = samples.starts[s];
    policy.forwardAt(samples.indices, samples.values, st, samples.starts[s + 1] - st, h, probs);
    const r = probs[samples.labels[s]] / samples.probs[s];
    const A = samples.advantages[s];
    if ((r > 1.2 && A > 0) || (r < 0.8 && A < 0)) {
      clipped++;
      const one = new PpoGradient(H, D, K);
      one.compute(policy, samples, Int32Array.of(s), 1, 0.2);
      t.ok(one.arrays.every((g) => g.every((v) => v === 0)), `sample ${s}: r ${r.toFixed(2)}, A ${A.toFixed(2)}: clipped, no gradient`);
    }
  }
  t.ok(clipped >= 1, `some samples clipped (${clipped})`);
  checkGradient(t, policy, samples, 0.2, `${K} actions, ratios spread`);
  t.end();
});

test('ppo with more actions: a learner trains, checkpoints and restores its shape', (t) => {
  const l = new PpoLearner({ hidden: H, inputs: D, actions: 4, batchSize: 1, epochs: 2, minibatch: 8, seed: 3 });
  t.equal(l.policy.w2.length, 4 * H, 'W2 has one row per action');
  const { samples } = fixture(9, 10, 4);
  const before = l.policy.arrays().map((a) => a.slice());
  const e = new Episode(H, 4, false);
  const copy = samples.copy();
  for (let s = 0; s < samples.count; s++) {
    const st = copy.starts[s];
    e.addStep(copy.indices.subarray(st, copy.starts[s + 1]), copy.values.subarray(st, copy.starts[s + 1]), copy.starts[s + 1] - st, new Float64Array(H), copy.probs[s], copy.labels[s]);
    e.addReward(s % 3 === 0 ? 1 : -1);
  }
  t.ok(l.addEpisode(e.record(), 1), 'batch ready');
  l.applyBatch();
  l.policy.arrays().forEach((a, i) => t.ok(a.some((v, j) => v !== before[i][j]), `array ${i} moved`));
  t.throws(() => new PpoLearner({ actions: 1, seed: 1 }), /actions must be an integer from 2 to 18/, 'one action is refused');
  t.throws(() => new PpoLearner({ actions: 19, seed: 1 }), /actions must be an integer from 2 to 18/, '19 actions are refused');
  t.end();
});

test('adam: PyTorch-style steps against hand-computed values', (t) => {
  const w = [Float32Array.of(1, -2)];
  const adam = new Adam([2]);
  const s = { learningRate: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8 };
  adam.update(w, [Float32Array.of(0.5, -4)], s);
  // Step 1: m = 0.1 g, v = 0.001 g^2; m^ = g, v^ = g^2: each weight moves by lr * sign(g).
  t.ok(Math.abs(w[0][0] - 0.9) < 1e-6 && Math.abs(w[0][1] + 1.9) < 1e-6, `step 1 moves lr against the gradient's sign (${w[0][0]}, ${w[0][1]})`);
  adam.update(w, [Float32Array.of(0.5, 0)], s);
  // Step 2, weight 0: m = 0.9*0.05 + 0.05 = 0.095, v = 0.999*0.00025 + 0.00025 = 0.00049975;
  // m^ = 0.095 / 0.19 = 0.5, v^ = 0.00049975 / 0.001999 = 0.25; w -= 0.1 * 0.5 / (0.5 + 1e-8).
  t.ok(Math.abs(w[0][0] - 0.8) < 1e-6, `step 2, same gradient: another lr (${w[0][0]})`);
  // Weight 1: m = 0.9 * -0.4 = -0.36, v = 0.999 * 0.016 = 0.015984; m^ = -1.8947, v^ = 7.9960.
  const expected = -1.9 + (0.1 * (0.36 / 0.19)) / (Math.sqrt(0.015984 / 0.001999) + 1e-8);
  t.ok(Math.abs(w[0][1] - expected) < 1e-5, `step 2, zero gradient: momentum still moves it (${w[0][1]} vs ${expected.toFixed(6)})`);
  t.equal(adam.step, 2, 'step count');
  t.end();
});

test('ppo: advantages restart at every point and episode, then are normalised over the iteration', (t) => {
  const b = new SampleBuffer(0.5);
  const ep = (rewards: number[]) => {
    const e = new Episode(2, 2, false);
    for (const r of rewards) {
      e.addStep(new Int32Array(0), new Float64Array(0), 0, new Float64Array(2), 0.5, 1);
      if (r) e.addReward(r);
    }
    return e.record();
  };
  b.append(ep([0, 0, 1, 0, -1]));
  b.append(ep([0, 0]));
  const raw = Array.from(b.advantages.subarray(0, b.count));
  t.deepEqual(raw, [0.25, 0.5, 1, -0.5, -1, 0, 0], 'discounted by 0.5, restarting after each point and at the episode end');
  b.normaliseAdvantages();
  const a = Array.from(b.advantages.subarray(0, b.count));
  const mean = a.reduce((x, y) => x + y, 0) / a.length;
  const sd = Math.sqrt(a.reduce((x, y) => x + (y - mean) ** 2, 0) / a.length);
  t.ok(Math.abs(mean) < 1e-12 && Math.abs(sd - 1) < 1e-12, 'mean 0, standard deviation 1 over all samples');
  const m0 = raw.reduce((x, y) => x + y, 0) / raw.length;
  const s0 = Math.sqrt(raw.reduce((x, y) => x + (y - m0) ** 2, 0) / raw.length);
  t.ok(Math.abs(a[0] - (0.25 - m0) / s0) < 1e-12, 'first value by hand');
  t.end();
});

test('ppo: minibatches are drawn without replacement, seeded, all samples when fewer', (t) => {
  const b = new SampleBuffer(0.99);
  const e = new Episode(2, 2, false);
  for (let i = 0; i < 100; i++) e.addStep(new Int32Array(0), new Float64Array(0), 0, new Float64Array(2), 0.5, 1);
  b.append(e.record());
  const d1 = Array.from(b.draw(40, new Rng(7)).chosen.subarray(0, 40));
  const d2 = Array.from(b.draw(40, new Rng(7)).chosen.subarray(0, 40));
  const d3 = Array.from(b.draw(40, new Rng(8)).chosen.subarray(0, 40));
  t.equal(new Set(d1).size, 40, '40 distinct samples');
  t.ok(d1.every((i) => i >= 0 && i < 100), 'all in range');
  t.deepEqual(d1, d2, 'the same seed draws the same minibatch');
  t.notDeepEqual(d1, d3, 'another seed draws another');
  const all = b.draw(1000, new Rng(7));
  t.equal(all.n, 100, 'asking for more than there are gives them all');
  t.deepEqual(Array.from(all.chosen.subarray(0, 100)).sort((x, y) => x - y), Array.from({ length: 100 }, (_, i) => i), 'each exactly once');
  t.end();
});

test('ppo: an iteration changes the weights; settings are checked', (t) => {
  const l = new PpoLearner({ seed: 4, hidden: 8, minibatch: 5, epochs: 3 });
  const before = l.policy.w2.slice();
  const { samples } = fixture(5);
  void samples;
  const e = new Episode(8, 4, false);
  const rng = new Rng(9);
  const h = new Float64Array(8);
  for (let k = 0; k < 30; k++) {
    const idx = Int32Array.of((k * 37) % 6000, (k * 91 + 5) % 6000);
    const val = Float64Array.of(1, -1);
    const p = l.policy.forwardSparse(idx, val, 2, h);
    e.addStep(idx, val, 2, h, p, rng.uniform() < p ? 1 : 0);
    if (k % 5 === 4) e.addReward(k % 10 === 4 ? 1 : -1);
  }
  for (let i = 0; i < 10; i++) l.addEpisode(e.record(), 0);
  t.ok(l.batchReady, 'ten episodes make an iteration');
  l.applyBatch();
  t.equal(l.updates, 1);
  t.equal(l.adam.step, 3, 'one Adam step per epoch');
  t.equal(l.lastLosses.length, 3);
  t.ok(l.policy.w2.some((v, i) => v !== before[i]), 'the weights changed');
  t.equal(l.samples.count, 0, 'the samples are dropped');
  t.throws(() => resolvePpoSettings({ seed: 1, clip: 1.5 }), /clip/, 'a clip of 1.5 is refused');
  t.throws(() => resolvePpoSettings({ seed: 1, minibatch: 0 }), /minibatch/, 'an empty minibatch is refused');
  t.end();
});

test('ppo: an update whose slices are computed elsewhere (the workers) equals the in-process one, bit for bit', async (t) => {
  const make = () => new PpoLearner({ seed: 6, hidden: 8, minibatch: 25, epochs: 3, batchSize: 2 });
  const a = make();
  const b = make();
  const h = new Float64Array(8);
  const rng = new Rng(3);
  for (let ep = 0; ep < 2; ep++) {
    const e = new Episode(8, 4, false);
    for (let k = 0; k < 20; k++) {
      const idx = Int32Array.of((k * 37 + ep) % 6000, (k * 91 + 5) % 6000, (k * 13 + 2) % 6000);
      const val = Float64Array.of(1, -1, 1);
      const p = a.policy.forwardSparse(idx, val, 3, h);
      e.addStep(idx, val, 3, h, p, rng.uniform() < p ? 1 : 0);
      if (k % 6 === 5) e.addReward(k % 12 === 5 ? 1 : -1);
    }
    a.addEpisode(e.record(), 0);
    b.addEpisode(e.record(), 0);
  }
  a.applyBatch();
  let calls = 0;
  await b.applyBatchWith(async (slices, batch) => {
    calls++;
    const copy = b.samples.copy(); // what a worker is sent
    return slices.map((slice) => {
      const g = new PpoGradient(8, 6000);
      const loss = g.compute(b.policy.clone(), copy, slice, slice.length, b.settings.clip, batch);
      return { grads: g.arrays, loss };
    });
  });
  t.equal(calls, 3, 'one call per Adam step');
  const same = a.policy.arrays().every((w, i) => w.every((v, k) => Object.is(v, b.policy.arrays()[i][k])));
  t.ok(same, 'the same weights');
  t.deepEqual(a.lastLosses, b.lastLosses, 'the same losses');
  t.ok(a.adam.m[0].every((v, k) => Object.is(v, b.adam.m[0][k])), "the same Adam moments");
  t.end();
});

test('actor with more actions: samples each action at its probability, greedy takes the likeliest, records the action and its probability', (t) => {
  const policy = new PpoPolicy(2, SCREEN_ROWS * 80, 3);
  // Zero first layer: the logits are b2, so the probabilities are known.
  const want = [0.2, 0.5, 0.3];
  want.forEach((p, k) => (policy.b2[k] = Math.log(p)));
  const actor = new Actor(policy, new FrameDifference(undefined, { firstRow: 0, rows: SCREEN_ROWS, levelOfCode: screenLevels(NTSC_PALETTE), firstAgainstZero: true }), false);
  t.equal(actor.actions, 3);
  const screen = new Uint8Array(210 * 160);
  const rng = new Rng(5);
  const counts = [0, 0, 0];
  const steps = 6000;
  actor.beginEpisode();
  for (let i = 0; i < steps; i++) counts[actor.act(screen, rng)]++;
  want.forEach((p, k) => t.ok(Math.abs(counts[k] / steps - p) < 0.02, `action ${k}: ${(counts[k] / steps).toFixed(3)} of the draws, p = ${p}`));
  const r = actor.episode.record();
  t.ok([...r.labels].every((a, i) => a >= 0 && a < 3 && Math.abs(r.probs[i] - want[a]) < 1e-6), 'each step records its action and that action\'s probability');
  actor.beginEpisode();
  t.equal(actor.act(screen, rng, true), 1, 'greedy: the likeliest');
  t.end();
});
