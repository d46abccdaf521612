import test from 'tape';
import { Episode } from '../agent/episode.js';
import { Policy } from '../agent/policy.js';
import { discountRewards, standardise } from '../agent/returns.js';
import { Rng } from '../agent/rng.js';

interface Step {
  x: Float64Array;
  idx: Int32Array;
  val: Float64Array;
  label: number;
  reward: number;
}

/** Random steps: inputs in {-1, 0, +1} (about `density` non-zero), random labels and points. */
function randomSteps(rng: Rng, count: number, inputs: number, density: number): Step[] {
  const steps: Step[] = [];
  for (let s = 0; s < count; s++) {
    const x = new Float64Array(inputs);
    const idx: number[] = [];
    const val: number[] = [];
    for (let i = 0; i < inputs; i++) {
      if (rng.uniform() < density) {
        x[i] = rng.uniform() < 0.5 ? -1 : 1;
        idx.push(i);
        val.push(x[i]);
      }
    }
    const u = rng.uniform();
    const reward = u < 0.15 ? 1 : u < 0.3 ? -1 : 0;
    steps.push({ x, idx: Int32Array.from(idx), val: Float64Array.from(val), label: rng.uniform() < 0.5 ? 1 : 0, reward });
  }
  return steps;
}

/** Records the steps as an Episode played by `policy` (labels given, not sampled). */
function record(policy: Policy, steps: Step[], initialSteps = 256): Episode {
  const ep = new Episode(policy.hidden, initialSteps);
  const h = new Float64Array(policy.hidden);
  for (const s of steps) {
    const p = policy.forwardSparse(s.idx, s.val, s.idx.length, h);
    ep.addStep(s.idx, s.val, s.idx.length, h, p, s.label);
    if (s.reward !== 0) ep.addReward(s.reward);
  }
  return ep;
}

function advantages(steps: Step[], gamma: number): Float64Array {
  const r = Float64Array.from(steps.map((s) => s.reward));
  const a = new Float64Array(steps.length);
  discountRewards(r, steps.length, gamma, a);
  standardise(a, steps.length);
  return a;
}

/** sum_t A_t log pi(a_t | x_t), evaluated with the dense forward pass. */
function objective(policy: Policy, steps: Step[], adv: Float64Array): number {
  const h = new Float64Array(policy.hidden);
  let j = 0;
  steps.forEach((s, t) => {
    const p = policy.forwardDense(s.x, h);
    j += adv[t] * Math.log(s.label === 1 ? p : 1 - p);
  });
  return j;
}

test('agent policy: finite-difference check of the episode gradient (W1 and W2)', (t) => {
  const rng = new Rng(31337);
  const policy = Policy.create(rng, 5, 12);
  // Bigger weights than the init so the probabilities move away from 0.5 and ReLUs matter.
  for (let i = 0; i < policy.w2.length; i++) policy.w2[i] *= 3;
  const steps = randomSteps(rng, 9, 12, 0.5);
  steps[8].reward = 1; // make sure the last rally ends
  const gamma = 0.9;
  const ep = record(policy, steps);
  const g1 = new Float64Array(policy.w1t.length);
  const g2 = new Float64Array(policy.w2.length);
  const stats = ep.gradient(policy, gamma, g1, g2);
  t.equal(stats.steps, 9);
  t.equal(stats.reward, steps.reduce((a, s) => a + s.reward, 0));
  const adv = advantages(steps, gamma);

  // The check is only meaningful away from ReLU kinks: a perturbation of 1e-5 moves a
  // pre-activation by at most 1e-5 (|x| <= 1), so none may lie within 1e-4 of zero.
  const pre = new Float64Array(5);
  let dead = 0;
  let nearest = Infinity;
  for (const s of steps) {
    for (let j = 0; j < 5; j++) {
      let z = 0;
      for (let i = 0; i < 12; i++) z += policy.w1t[i * 5 + j] * s.x[i];
      pre[j] = z;
      if (z <= 0) dead++;
      nearest = Math.min(nearest, Math.abs(z));
    }
  }
  t.ok(nearest > 1e-4, `no pre-activation within 1e-4 of the kink (nearest ${nearest.toExponential(2)})`);
  t.ok(dead > 0 && dead < 45, `the ReLU mask is exercised (${dead} of 45 units dead)`);

  const eps = 1e-5;
  let worst = 0;
  let biggest = 0;
  const check = (w: Float64Array, g: Float64Array) => {
    for (let k = 0; k < w.length; k++) {
      const keep = w[k];
      w[k] = keep + eps;
      const plus = objective(policy, steps, adv);
      w[k] = keep - eps;
      const minus = objective(policy, steps, adv);
      w[k] = keep;
      const numeric = (plus - minus) / (2 * eps);
      const rel = Math.abs(numeric - g[k]) / Math.max(Math.abs(numeric) + Math.abs(g[k]), 1e-7);
      worst = Math.max(worst, rel);
      biggest = Math.max(biggest, Math.abs(g[k]));
    }
  };
  check(policy.w1t, g1);
  const worstW1 = worst;
  worst = 0;
  check(policy.w2, g2);
  t.ok(biggest > 1e-2, `gradients are not trivially zero (max ${biggest})`);
  t.ok(worstW1 < 1e-6, `W1 relative error ${worstW1.toExponential(2)}`);
  t.ok(worst < 1e-6, `W2 relative error ${worst.toExponential(2)}`);
  t.end();
});

test('agent policy: sparse forward/backward equal the dense reference', (t) => {
  const rng = new Rng(4242);
  const hidden = 40;
  const inputs = 6400;
  const policy = Policy.create(rng, hidden, inputs);
  const steps = randomSteps(rng, 6, inputs, 50 / 6400);
  const hd = new Float64Array(hidden);
  const hs = new Float64Array(hidden);
  const gd1 = new Float64Array(hidden * inputs);
  const gd2 = new Float64Array(hidden);
  const gs1 = new Float64Array(hidden * inputs);
  const gs2 = new Float64Array(hidden);
  let maxP = 0;
  let maxH = 0;
  steps.forEach((s, k) => {
    const pd = policy.forwardDense(s.x, hd);
    const ps = policy.forwardSparse(s.idx, s.val, s.idx.length, hs);
    maxP = Math.max(maxP, Math.abs(pd - ps));
    for (let j = 0; j < hidden; j++) maxH = Math.max(maxH, Math.abs(hd[j] - hs[j]));
    const d = (s.label - pd) * (k - 2.5); // any advantage will do
    policy.backwardDense(s.x, hd, d, gd1, gd2);
    policy.backwardSparse(s.idx, s.val, s.idx.length, hs, d, gs1, gs2);
  });
  let maxG = 0;
  let scale = 0;
  for (let i = 0; i < gd1.length; i++) {
    maxG = Math.max(maxG, Math.abs(gd1[i] - gs1[i]));
    scale = Math.max(scale, Math.abs(gd1[i]));
  }
  for (let j = 0; j < hidden; j++) maxG = Math.max(maxG, Math.abs(gd2[j] - gs2[j]));
  t.ok(steps.every((s) => s.idx.length > 20 && s.idx.length < 100), 'about 50 non-zero inputs per step');
  t.ok(maxP <= 1e-12, `probabilities differ by ${maxP}`);
  t.ok(maxH <= 1e-12, `hidden activations differ by ${maxH}`);
  t.ok(scale > 1e-3, `W1 gradient is non-trivial (max ${scale})`);
  t.ok(maxG <= 1e-12, `accumulated gradients differ by ${maxG}`);

  // The episode path (sparse backward over stored steps) against dense backward.
  const ep = record(policy, steps);
  const ge1 = new Float64Array(hidden * inputs);
  const ge2 = new Float64Array(hidden);
  ep.gradient(policy, 0.99, ge1, ge2);
  const adv = advantages(steps, 0.99);
  gd1.fill(0);
  gd2.fill(0);
  steps.forEach((s, k) => {
    const p = policy.forwardDense(s.x, hd);
    policy.backwardDense(s.x, hd, (s.label - p) * adv[k], gd1, gd2);
  });
  let maxE = 0;
  for (let i = 0; i < gd1.length; i++) maxE = Math.max(maxE, Math.abs(gd1[i] - ge1[i]));
  for (let j = 0; j < hidden; j++) maxE = Math.max(maxE, Math.abs(gd2[j] - ge2[j]));
  t.ok(maxE <= 1e-12, `episode gradient vs dense reference: ${maxE}`);
  t.end();
});

test('agent episode: pools grow by doubling and clear() reuses them', (t) => {
  const rng = new Rng(5);
  const policy = Policy.create(rng, 3, 200);
  const steps = randomSteps(rng, 300, 200, 0.2);
  const ep = record(policy, steps, 1);
  t.equal(ep.steps, 300);
  const h = new Float64Array(3);
  let ok = true;
  steps.forEach((s, k) => {
    const r = ep.step(k);
    const p = policy.forwardSparse(s.idx, s.val, s.idx.length, h);
    if (
      r.p !== p ||
      r.label !== s.label ||
      r.reward !== s.reward ||
      r.indices.join() !== s.idx.join() ||
      r.values.join() !== s.val.join() ||
      r.h.join() !== h.join()
    ) ok = false;
  });
  t.ok(ok, 'every step reads back as recorded after many regrowths');
  t.equal(ep.totalReward(), steps.reduce((a, s) => a + s.reward, 0), 'total reward');
  ep.clear();
  t.equal(ep.steps, 0, 'cleared');
  t.throws(() => ep.addReward(1), /before any action/, 'reward without a step is an error');
  const g1 = new Float64Array(600);
  const g2 = new Float64Array(3);
  t.deepEqual(ep.gradient(policy, 0.99, g1, g2), { steps: 0, reward: 0 }, 'empty episode: no gradient');
  t.ok(g1.every((v) => v === 0), 'buffers untouched');
  t.end();
});
