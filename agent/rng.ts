// Seeded pseudo-random numbers for the agent: xoshiro128** (Blackman & Vigna, 2018),
// seeded through splitmix32 so that nearby seeds give unrelated streams.
// Everything is 32-bit integer arithmetic (Math.imul, >>> 0), so a seed gives the same
// sequence on every platform; gaussian() uses Math.log/cos/sin, identical within one Node build.

/** The murmur3 32-bit finaliser: a bijection on uint32 with good avalanche. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const TWO_POW_32 = 4294967296;

function checkSeed(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer below 2^53, got ${value}`);
  }
}

export class Rng {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  // Box-Muller yields two normals per pair of uniforms; the second waits here.
  private hasSpare = false;
  private spare = 0;

  /** `seed`: a non-negative integer below 2^53 (both 32-bit halves are used). */
  constructor(seed: number) {
    checkSeed('seed', seed);
    // splitmix32: a Weyl sequence through fmix32; four consecutive outputs are never all zero,
    // which xoshiro requires (fmix32 maps only 0 to 0 and the Weyl steps are distinct).
    let weyl = (fmix32((seed >>> 0) ^ 0x6a09e667) ^ Math.floor(seed / TWO_POW_32)) >>> 0;
    weyl = (weyl + 0x9e3779b9) >>> 0;
    this.s0 = fmix32(weyl);
    weyl = (weyl + 0x9e3779b9) >>> 0;
    this.s1 = fmix32(weyl);
    weyl = (weyl + 0x9e3779b9) >>> 0;
    this.s2 = fmix32(weyl);
    weyl = (weyl + 0x9e3779b9) >>> 0;
    this.s3 = fmix32(weyl);
  }

  /** The next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    const s1 = this.s1;
    const x = Math.imul(s1, 5);
    const result = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 = s1 ^ this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }

  /** Uniform in [0, 1) with 53 random bits (two draws), so 1 - uniform() is never 0. */
  uniform(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Standard normal by the Box-Muller transform (pairs; the second value is cached). */
  gaussian(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    const u1 = 1 - this.uniform(); // (0, 1]: log stays finite
    const u2 = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u1));
    const theta = 2 * Math.PI * u2;
    this.spare = r * Math.sin(theta);
    this.hasSpare = true;
    return r * Math.cos(theta);
  }

  /** [s0, s1, s2, s3, hasSpare (0|1), spare]: plain numbers, exact through JSON. */
  getState(): number[] {
    return [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0, this.hasSpare ? 1 : 0, this.spare];
  }

  setState(s: readonly number[]): void {
    if (!Array.isArray(s) || s.length !== 6) throw new RangeError('Rng state must be an array of 6 numbers');
    for (let i = 0; i < 4; i++) {
      if (!Number.isInteger(s[i]) || s[i] < 0 || s[i] >= TWO_POW_32) {
        throw new RangeError(`Rng state word ${i} must be a uint32, got ${s[i]}`);
      }
    }
    if ((s[0] | s[1] | s[2] | s[3]) === 0) throw new RangeError('Rng state must not be all zero');
    if ((s[4] !== 0 && s[4] !== 1) || typeof s[5] !== 'number' || !Number.isFinite(s[5])) {
      throw new RangeError('Rng state has an invalid cached Gaussian');
    }
    this.s0 = s[0] | 0;
    this.s1 = s[1] | 0;
    this.s2 = s[2] | 0;
    this.s3 = s[3] | 0;
    this.hasSpare = s[4] === 1;
    this.spare = s[5];
  }
}

/**
 * The seed of episode `episode` of run `runSeed`: a hash of both, so episode k draws the same
 * numbers however episodes are spread over workers. Distinct episodes below 2^32 give distinct
 * seeds for a given run (each absorb step is a bijection of the running hash).
 */
export function deriveSeed(runSeed: number, episode: number): number {
  checkSeed('runSeed', runSeed);
  checkSeed('episode', episode);
  let h = fmix32((runSeed >>> 0) ^ 0x510e527f);
  h = fmix32((h + Math.floor(runSeed / TWO_POW_32) + 0x9e3779b9) >>> 0);
  h = fmix32((h ^ (episode >>> 0)) >>> 0);
  h = fmix32((h + Math.floor(episode / TWO_POW_32) + 0x7f4a7c15) >>> 0);
  return h;
}
