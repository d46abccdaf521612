import test from 'tape';
import { Policy } from '../agent/policy.js';
import { discountRewards, standardise } from '../agent/returns.js';
import { RmsProp } from '../agent/rmsprop.js';

test('agent returns: discounted rewards restart at every point', (t) => {
  const r = new Float64Array([0, 0, 1, 0, 0, -1, 0]);
  const out = new Float64Array(7);
  discountRewards(r, 7, 0.5, out);
  // Backwards: 0 | -1 (point) | -0.5 | -0.25 | 1 (point, sum restarts) | 0.5 | 0.25
  t.deepEqual(Array.from(out), [0.25, 0.5, 1, -0.25, -0.5, -1, 0]);
  const inPlace = new Float64Array([0, 2, 0, 3]);
  discountRewards(inPlace, 4, 0.9, inPlace);
  t.deepEqual(Array.from(inPlace), [1.8, 2, 2.7, 3], 'in place; the 3 does not leak past the 2');
  const partial = new Float64Array([0, 1, 5]);
  discountRewards(partial, 2, 0.5, partial);
  t.deepEqual(Array.from(partial), [0.5, 1, 5], 'only n entries are used');
  t.end();
});

test('agent returns: standardise to mean 0 and std 1, guarding a zero spread', (t) => {
  const x = new Float64Array([1, 2, 3, 4]);
  standardise(x, 4);
  const want = [-1.3416407864998738, -0.4472135954999579, 0.4472135954999579, 1.3416407864998738];
  for (let i = 0; i < 4; i++) t.ok(Math.abs(x[i] - want[i]) < 1e-15, `x[${i}] = ${x[i]}`);
  const flat = new Float64Array([3, 3, 3]);
  standardise(flat, 3);
  t.deepEqual(Array.from(flat), [0, 0, 0], 'constant input: centred, no NaN');
  const noisy = new Float64Array([0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1]);
  standardise(noisy, 7);
  t.ok(noisy.every((v) => Math.abs(v) < 1e-15), 'rounding noise is not blown up to +-1');
  const one = new Float64Array([5]);
  standardise(one, 1);
  t.equal(one[0], 0, 'single value');
  t.end();
});

test('agent rmsprop: one step against hand-computed values, then gradients are zeroed', (t) => {
  const policy = new Policy(1, 2, new Float64Array([0.5, -0.25]), new Float64Array([1]));
  const rms = new RmsProp(1, 2, new Float64Array([0.01, 0.04]), new Float64Array([0]));
  const g1 = new Float64Array([0.2, -0.1]);
  const g2 = new Float64Array([0.4]);
  rms.update(policy, g1, g2, 0.1, 0.9, 1e-5);
  // cache = 0.9 c + 0.1 g^2; w += 0.1 g / (sqrt(cache) + 1e-5), computed separately in Python.
  const close = (a: number, b: number) => Math.abs(a - b) < 1e-15;
  t.ok(close(rms.cacheW1t[0], 0.013), `cache ${rms.cacheW1t[0]}`);
  t.ok(close(rms.cacheW1t[1], 0.037), `cache ${rms.cacheW1t[1]}`);
  t.ok(close(rms.cacheW2[0], 0.016), `cache ${rms.cacheW2[0]}`);
  t.ok(close(policy.w1t[0], 0.675396220595223), `w ${policy.w1t[0]} (ascent: grew with a positive gradient)`);
  t.ok(close(policy.w1t[1], -0.30198482192880044), `w ${policy.w1t[1]}`);
  t.ok(close(policy.w2[0], 1.3162027679931052), `w ${policy.w2[0]}`);
  t.deepEqual(Array.from(g1), [0, 0], 'W1 gradient zeroed');
  t.deepEqual(Array.from(g2), [0], 'W2 gradient zeroed');
  t.end();
});
