// A rollout worker: its own emulator and actor; plays the episodes it is sent with the
// weights it was last sent, and returns each episode's gradient (transferred, not copied).
import { parentPort, workerData } from 'node:worker_threads';
import { Policy } from '../agent/policy.js';
import { PREPRO_SIZE } from '../agent/preprocess.js';
import { deriveSeed, Rng } from '../agent/rng.js';
import { envSeed, makeActor, makeEnv, playEpisode, type EnvSettings } from './rollout.js';

export interface WorkerInit {
  rom: Uint8Array;
  env: EnvSettings;
  hidden: number;
  gamma: number;
  runSeed: number;
}

export type ToWorker = { type: 'weights'; w1t: Float64Array; w2: Float64Array } | { type: 'episode'; episode: number };

export type FromWorker =
  | {
      type: 'done';
      episode: number;
      gradW1t: Float64Array;
      gradW2: Float64Array;
      reward: number;
      player: number;
      computer: number;
      frames: number;
      steps: number;
      seconds: number;
    }
  | { type: 'error'; message: string };

if (parentPort) {
  const port = parentPort;
  const init = workerData as WorkerInit;
  const env = makeEnv(init.rom, init.env);
  const policy = new Policy(init.hidden, PREPRO_SIZE);
  const actor = makeActor(policy);
  port.on('message', (m: ToWorker) => {
    try {
      if (m.type === 'weights') {
        policy.w1t.set(m.w1t);
        policy.w2.set(m.w2);
        return;
      }
      const start = performance.now();
      const rng = new Rng(deriveSeed(init.runSeed, m.episode));
      const result = playEpisode(env, actor, rng, envSeed(init.runSeed, m.episode));
      const gradW1t = new Float64Array(policy.w1t.length);
      const gradW2 = new Float64Array(policy.w2.length);
      actor.computeGradient(init.gamma, gradW1t, gradW2);
      actor.beginEpisode(); // drop the recording now rather than hold it until the next episode
      const msg: FromWorker = { type: 'done', episode: m.episode, gradW1t, gradW2, ...result, seconds: (performance.now() - start) / 1000 };
      port.postMessage(msg, [gradW1t.buffer, gradW2.buffer]);
    } catch (e) {
      port.postMessage({ type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies FromWorker);
    }
  });
}
