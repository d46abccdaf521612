// Discounted returns and their standardisation: the advantages of REINFORCE.

/**
 * out[t] = r[t] + gamma r[t+1] + ... up to the next point. The running sum restarts at every
 * non-zero reward because in Pong a non-zero reward means a point ended: actions of one rally
 * should not be credited with the next. `out` may be `rewards` itself.
 */
export function discountRewards(rewards: Float64Array, n: number, gamma: number, out: Float64Array): void {
  let running = 0;
  for (let t = n - 1; t >= 0; t--) {
    const r = rewards[t];
    if (r !== 0) running = 0;
    running = running * gamma + r;
    out[t] = running;
  }
}

/**
 * In place: x[0..n) minus its mean, divided by its (population) standard deviation.
 * When the spread is zero, or only rounding noise relative to the mean, the values are
 * left centred but unscaled (dividing would blow rounding errors up to +-1).
 */
export function standardise(x: Float64Array, n: number): void {
  if (n <= 0) return;
  let sum = 0;
  for (let t = 0; t < n; t++) sum += x[t];
  const mean = sum / n;
  let sq = 0;
  for (let t = 0; t < n; t++) {
    const c = x[t] - mean;
    x[t] = c;
    sq += c * c;
  }
  const std = Math.sqrt(sq / n);
  if (!(std > 1e-12 * Math.abs(mean)) || std === 0) return;
  for (let t = 0; t < n; t++) x[t] /= std;
}

/** Karpathy's running mean of episode rewards (0.99 old, 0.01 new), started at the first one. */
export function runningMean(mean: number | null, episodeReward: number): number {
  return mean === null ? episodeReward : mean * 0.99 + episodeReward * 0.01;
}
