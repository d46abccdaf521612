// Adam (Kingma & Ba) on float32 arrays (PPO's weights), as PyTorch's torch.optim.Adam applies it without weight decay:
//   m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2;  t += 1
//   w -= (lr / (1 - b1^t)) m / (sqrt(v) / sqrt(1 - b2^t) + eps)
// It MINIMISES (the PPO loss). Every weight moves every step, also where this step's gradient
// is zero, because its moments are not: so the update is dense, as PyTorch's.

export interface AdamSettings {
  learningRate: number;
  beta1: number;
  beta2: number;
  eps: number;
}

/** PyTorch's defaults (with the PPO article's learning rate). */
export const ADAM_DEFAULTS: Readonly<AdamSettings> = Object.freeze({ learningRate: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8 });

export class Adam {
  /** First and second moments, one array per parameter array. */
  readonly m: Float32Array[];
  readonly v: Float32Array[];
  /** Steps taken (PyTorch's `step`). */
  step: number;

  /** Zero moments for arrays of these lengths, or the given moments (not copied). */
  constructor(lengths: number[], m?: Float32Array[], v?: Float32Array[], step = 0) {
    this.m = m ?? lengths.map((n) => new Float32Array(n));
    this.v = v ?? lengths.map((n) => new Float32Array(n));
    if (this.m.length !== lengths.length || this.v.length !== lengths.length || lengths.some((n, i) => this.m[i].length !== n || this.v[i].length !== n)) {
      throw new RangeError('Adam moments do not match the parameter shapes');
    }
    if (!Number.isSafeInteger(step) || step < 0) throw new RangeError(`Adam step must be a non-negative integer, got ${step}`);
    this.step = step;
  }

  /** One step on every parameter array with its gradient. */
  update(params: Float32Array[], grads: Float32Array[], s: AdamSettings): void {
    if (params.length !== this.m.length || grads.length !== this.m.length) throw new RangeError('Adam: wrong number of arrays');
    this.step++;
    const stepSize = s.learningRate / (1 - Math.pow(s.beta1, this.step));
    const bc2Sqrt = Math.sqrt(1 - Math.pow(s.beta2, this.step));
    for (let a = 0; a < params.length; a++) {
      const w = params[a];
      const g = grads[a];
      if (w.length !== this.m[a].length || g.length !== w.length) throw new RangeError(`Adam: array ${a} has the wrong length`);
      adamArray(w, g, this.m[a], this.v[a], s.beta1, s.beta2, s.eps, stepSize, bc2Sqrt);
    }
  }
}

function adamArray(
  w: Float32Array,
  g: Float32Array,
  m: Float32Array,
  v: Float32Array,
  beta1: number,
  beta2: number,
  eps: number,
  stepSize: number,
  bc2Sqrt: number,
): void {
  const k1 = 1 - beta1;
  const k2 = 1 - beta2;
  for (let i = 0, n = w.length; i < n; i++) {
    const gi = g[i];
    const mi = beta1 * m[i] + k1 * gi;
    const vi = beta2 * v[i] + k2 * gi * gi;
    m[i] = mi;
    v[i] = vi;
    w[i] -= (stepSize * mi) / (Math.sqrt(vi) / bc2Sqrt + eps);
  }
}
