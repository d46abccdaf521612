import { Worker } from 'node:worker_threads';
import type { SampleSet } from '../agent/ppo-loss.js';
import type { SliceGradient } from '../agent/ppo.js';
import type { EpisodeDone, FromWorker, ToWorker, WorkerInit } from './worker.js';

export type { EpisodeDone } from './worker.js';

/**
 * Worker threads that play episodes. Episodes of one batch run in parallel with the same
 * weights; results are handed back strictly in episode order, so what the learner sums does
 * not depend on how many workers there are or which finished first.
 */
export class RolloutPool {
  private readonly workers: Worker[] = [];
  private failure: Error | null = null;

  constructor(size: number, init: WorkerInit) {
    for (let i = 0; i < size; i++) {
      const w = new Worker(new URL('./worker.js', import.meta.url), { workerData: init });
      w.on('error', (e) => (this.failure ??= e));
      this.workers.push(w);
    }
  }

  get size(): number {
    return this.workers.length;
  }

  /** The policy's arrays (Policy or PpoPolicy .arrays()), copied to every worker. */
  setWeights(arrays: (Float64Array | Float32Array)[]): void {
    const m: ToWorker = { type: 'weights', arrays };
    for (const w of this.workers) w.postMessage(m);
  }

  /**
   * Plays episodes [first, end); calls onResult in episode order as soon as each one and all
   * before it are done. `shouldStop` is checked before each episode is handed out: episodes
   * already playing still finish and are reported, so none is half-counted.
   */
  async run(first: number, end: number, onResult: (r: EpisodeDone) => void, shouldStop: () => boolean): Promise<void> {
    let next = first;
    let expected = first;
    const pending = new Map<number, EpisodeDone>();
    await new Promise<void>((resolve, reject) => {
      let busy = 0;
      const fail = (e: Error): void => {
        for (const w of this.workers) w.removeAllListeners('message');
        reject(e);
      };
      const feed = (w: Worker): void => {
        if (this.failure) return fail(this.failure);
        if (next < end && !shouldStop()) {
          busy++;
          w.postMessage({ type: 'episode', episode: next++ } satisfies ToWorker);
        } else if (busy === 0) {
          for (const x of this.workers) x.removeAllListeners('message');
          resolve();
        }
      };
      for (const w of this.workers) {
        w.on('message', (m: FromWorker) => {
          if (m.type === 'error') return fail(new Error(`rollout worker failed: ${m.message}`));
          if (m.type !== 'done') return fail(new Error(`rollout worker sent ${m.type} while playing`));
          busy--;
          pending.set(m.episode, m);
          while (pending.has(expected)) {
            const r = pending.get(expected)!;
            pending.delete(expected);
            expected++;
            try {
              onResult(r);
            } catch (e) {
              return fail(e as Error);
            }
          }
          feed(w);
        });
      }
      for (const w of this.workers) feed(w);
    });
  }

  /** PPO: hands every worker the iteration's samples (before its gradient jobs). */
  setSamples(samples: SampleSet): void {
    const m: ToWorker = { type: 'samples', samples };
    for (const w of this.workers) w.postMessage(m);
  }

  /**
   * PPO: the gradients of a minibatch's slices with these weights, slice k on worker k mod size;
   * resolved in slice order (the sum does not depend on which worker computed what).
   */
  async sliceGradients(weights: Float32Array[], slices: Int32Array[], batch: number, clip: number): Promise<SliceGradient[]> {
    const results: SliceGradient[] = new Array(slices.length);
    await new Promise<void>((resolve, reject) => {
      let left = slices.length;
      const done = (e?: Error): void => {
        for (const w of this.workers) w.removeAllListeners('message');
        if (e) reject(e);
        else resolve();
      };
      for (const w of this.workers) {
        w.on('message', (m: FromWorker) => {
          if (m.type === 'error') return done(new Error(`rollout worker failed: ${m.message}`));
          if (m.type !== 'gradient') return done(new Error(`rollout worker sent ${m.type} during an update`));
          results[m.id] = { grads: m.grads, loss: m.loss };
          if (--left === 0) done();
        });
      }
      if (this.failure) return done(this.failure);
      slices.forEach((slice, k) => {
        const m: ToWorker = { type: 'gradient', id: k, weights, slice, batch, clip };
        this.workers[k % this.workers.length].postMessage(m);
      });
    });
    return results;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
