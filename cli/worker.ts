// A rollout worker: its own emulator and actor; plays the episodes it is sent with the
// weights it was last sent, and returns what its algorithm learns from: the policy gradient
// (pg) or the episode's record of steps (ppo), transferred, not copied.
import { parentPort, workerData } from 'node:worker_threads';
import type { Algorithm } from '../agent/checkpoint.js';
import type { EpisodeRecord } from '../agent/episode.js';
import type { Actor } from '../agent/learner.js';
import { Policy } from '../agent/policy.js';
import { PpoPolicy } from '../agent/ppo-policy.js';
import { PpoGradient, type SampleSet } from '../agent/ppo-loss.js';
import { deriveSeed, Rng } from '../agent/rng.js';
import { envSeed, makeActor, makeEnv, playEpisode, policyShape, type EnvSettings, type EpisodeResult } from './rollout.js';

export interface WorkerInit {
  rom: Uint8Array;
  env: EnvSettings;
  algorithm: Algorithm;
  hidden: number;
  /** The policy gradient's discount (unused by PPO, which discounts on the main thread). */
  gamma: number;
  runSeed: number;
}

export type ToWorker =
  | { type: 'weights'; arrays: (Float64Array | Float32Array)[] }
  | { type: 'episode'; episode: number }
  // PPO's update, spread over the workers: the iteration's samples, then slices of minibatches.
  | { type: 'samples'; samples: SampleSet }
  | { type: 'gradient'; id: number; weights: Float32Array[]; slice: Int32Array; batch: number; clip: number };

export type EpisodeDone = EpisodeResult & {
  type: 'done';
  episode: number;
  seconds: number;
} & ({ algorithm: 'pg'; gradW1t: Float64Array; gradW2: Float64Array } | { algorithm: 'ppo'; record: EpisodeRecord });

export type GradientDone = { type: 'gradient'; id: number; grads: Float32Array[]; loss: number };

export type FromWorker = EpisodeDone | GradientDone | { type: 'error'; message: string };

function recordBuffers(r: EpisodeRecord): ArrayBuffer[] {
  return [r.starts, r.indices, r.values, r.labels, r.probs, r.rewards].map((a) => a.buffer as ArrayBuffer);
}

if (parentPort) {
  const port = parentPort;
  const init = workerData as WorkerInit;
  const env = makeEnv(init.rom, init.env);
  // The network's shape follows from the game, as train made it (policyShape).
  const shape = policyShape(env.game, init.algorithm);
  const policy = init.algorithm === 'ppo' ? new PpoPolicy(init.hidden, shape.inputs, shape.actions) : new Policy(init.hidden, shape.inputs);
  const actor = makeActor(policy, env.game);
  let samples: SampleSet | null = null;
  let gradient: PpoGradient | null = null;
  port.on('message', (m: ToWorker) => {
    try {
      if (m.type === 'weights') {
        policy.arrays().forEach((a, i) => a.set(m.arrays[i]));
        return;
      }
      if (m.type === 'samples') {
        samples = m.samples;
        return;
      }
      if (m.type === 'gradient') {
        if (!(policy instanceof PpoPolicy) || !samples) throw new Error('a gradient job reached a worker without PPO samples');
        policy.arrays().forEach((a, i) => a.set(m.weights[i]));
        gradient ??= new PpoGradient(policy.hidden, policy.inputs, policy.actions);
        const loss = gradient.compute(policy, samples, m.slice, m.slice.length, m.clip, m.batch);
        const grads = gradient.arrays.map((a) => a.slice());
        port.postMessage({ type: 'gradient', id: m.id, grads, loss } satisfies FromWorker, grads.map((g) => g.buffer as ArrayBuffer));
        return;
      }
      const start = performance.now();
      const rng = new Rng(deriveSeed(init.runSeed, m.episode));
      const result = playEpisode(env, actor, rng, envSeed(init.runSeed, m.episode));
      const seconds = (performance.now() - start) / 1000;
      if (policy instanceof PpoPolicy) {
        const record = actor.episode.record();
        actor.beginEpisode();
        const msg: FromWorker = { type: 'done', algorithm: 'ppo', episode: m.episode, record, ...result, seconds };
        port.postMessage(msg, recordBuffers(record));
      } else {
        const gradW1t = new Float64Array(policy.w1t.length);
        const gradW2 = new Float64Array(policy.w2.length);
        (actor as Actor<Policy>).computeGradient(init.gamma, gradW1t, gradW2);
        actor.beginEpisode(); // drop the recording now rather than hold it until the next episode
        const msg: FromWorker = { type: 'done', algorithm: 'pg', episode: m.episode, gradW1t, gradW2, ...result, seconds };
        port.postMessage(msg, [gradW1t.buffer, gradW2.buffer]);
      }
    } catch (e) {
      port.postMessage({ type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies FromWorker);
    }
  });
}
