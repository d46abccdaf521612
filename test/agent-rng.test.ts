import test from 'tape';
import { deriveSeed, Rng } from '../agent/rng.js';

test('agent rng: xoshiro128** core matches the algorithm worked by hand from state [1,2,3,4]', (t) => {
  const r = new Rng(1);
  r.setState([1, 2, 3, 4, 0, 0]);
  // Outputs worked out on paper from the published xoshiro128** recurrence.
  t.equal(r.nextUint32(), 11520);
  t.equal(r.nextUint32(), 0);
  t.equal(r.nextUint32(), 5927040);
  t.end();
});

test('agent rng: same seed gives the same sequence, other seeds differ', (t) => {
  const a = new Rng(12345);
  const b = new Rng(12345);
  const c = new Rng(12346);
  let same = true;
  let differs = 0;
  for (let i = 0; i < 1000; i++) {
    const x = a.nextUint32();
    if (x !== b.nextUint32()) same = false;
    if (x !== c.nextUint32()) differs++;
  }
  t.ok(same, 'identical streams for one seed');
  t.ok(differs > 990, `neighbouring seed gives an unrelated stream (${differs}/1000 differ)`);
  t.notEqual(new Rng(0).nextUint32(), new Rng(2 ** 32).nextUint32(), 'the high half of a seed matters');
  t.throws(() => new Rng(-1), RangeError, 'negative seed rejected');
  t.throws(() => new Rng(1.5), RangeError, 'fractional seed rejected');
  t.end();
});

test('agent rng: uniform in [0,1), gaussian roughly standard', (t) => {
  const r = new Rng(99);
  let min = 1;
  let max = 0;
  let sum = 0;
  const n = 20000;
  for (let i = 0; i < n; i++) {
    const u = r.uniform();
    if (u < min) min = u;
    if (u > max) max = u;
    sum += u;
  }
  t.ok(min >= 0 && max < 1, `range [${min}, ${max}]`);
  t.ok(Math.abs(sum / n - 0.5) < 0.01, `mean ${sum / n}`);
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const g = r.gaussian();
    s1 += g;
    s2 += g * g;
  }
  const mean = s1 / n;
  const variance = s2 / n - mean * mean;
  t.ok(Math.abs(mean) < 0.03, `gaussian mean ${mean}`);
  t.ok(Math.abs(variance - 1) < 0.05, `gaussian variance ${variance}`);
  t.end();
});

test('agent rng: getState/setState resumes exactly, including a cached Gaussian', (t) => {
  const r = new Rng(2024);
  r.gaussian(); // leaves the second Box-Muller value cached
  const state = r.getState();
  t.equal(state[4], 1, 'a spare Gaussian is part of the state');
  const first = [r.gaussian(), r.uniform(), r.gaussian(), r.nextUint32(), r.gaussian()];
  const s = new Rng(1);
  s.setState(JSON.parse(JSON.stringify(state)) as number[]);
  const second = [s.gaussian(), s.uniform(), s.gaussian(), s.nextUint32(), s.gaussian()];
  t.deepEqual(second, first, 'same draws after restoring (through JSON)');
  t.throws(() => s.setState([0, 0, 0, 0, 0, 0]), RangeError, 'all-zero state rejected');
  t.throws(() => s.setState([1, 2, 3]), RangeError, 'short state rejected');
  t.end();
});

test('agent rng: deriveSeed is deterministic and differs per episode and per run', (t) => {
  t.equal(deriveSeed(7, 3), deriveSeed(7, 3));
  const seen = new Set<number>();
  for (let e = 0; e < 5000; e++) seen.add(deriveSeed(7, e));
  t.equal(seen.size, 5000, '5000 episodes, 5000 distinct seeds');
  t.notEqual(deriveSeed(7, 0), deriveSeed(8, 0), 'run seed matters');
  t.notEqual(deriveSeed(7, 0), deriveSeed(7, 2 ** 32), 'high half of the episode matters');
  // Neighbouring episodes must not give correlated first draws.
  const a = new Rng(deriveSeed(7, 10)).nextUint32();
  const b = new Rng(deriveSeed(7, 11)).nextUint32();
  t.notEqual(a, b);
  for (const s of seen) {
    if (!(Number.isInteger(s) && s >= 0 && s < 2 ** 32)) {
      t.fail(`seed ${s} is not a uint32`);
      break;
    }
  }
  t.end();
});
