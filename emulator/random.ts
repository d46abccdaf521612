/**
 * The environment's own seeded generator (sticky actions, random frame skips).
 * Mulberry32: tiny, fast, and good enough for coin flips; the emulator keeps its own so
 * it never depends on the agent's code.
 */
export class EnvRandom {
  private s: number;

  constructor(seed: number) {
    this.s = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.uniform() * (max - min + 1));
  }

  get state(): number {
    return this.s >>> 0;
  }
}
