// What the watch page needs of a checkpoint: the policy's weights and how it was trained to
// play, nothing else (no optimiser state, no random state). One case per kind of checkpoint;
// the page's web/policies.ts has the matching adapter.
import { basename } from 'node:path';
import { readCheckpoint } from './checkpoint-file.js';
import { UserError } from './errors.js';
import type { PolicyInfo } from '../web/policies.js';
import { PONG_V0, type EnvSettings } from './rollout.js';

export interface PolicyPayload {
  info: PolicyInfo;
  /** The tensors info lists, one after another, as little-endian float64. */
  weights: Uint8Array;
}

/** Reads the checkpoint (CheckpointError, a one-line user error, when it does not load). */
export function policyPayload(path: string): PolicyPayload {
  const { learner, run } = readCheckpoint(path);
  const env: EnvSettings = { ...PONG_V0, ...((run?.env as Partial<EnvSettings> | undefined) ?? {}) };
  const { policy } = learner;
  if (learner.algorithm === 'ppo' && learner.settings.actions !== 2) {
    throw new UserError(`checkpoint ${path} plays a game of ${learner.settings.actions} actions; the watch page plays Pong (watch it with play --gif FILE)`);
  }
  // Only what the network needs, in the order the page's adapter reads it.
  const tensors: { name: string; data: Float64Array | Float32Array }[] =
    learner.algorithm === 'pg'
      ? [
          { name: 'w1t', data: learner.policy.w1t },
          { name: 'w2', data: learner.policy.w2 },
        ]
      : [
          { name: 'w1t', data: learner.policy.w1t },
          { name: 'b1', data: learner.policy.b1 },
          { name: 'w2', data: learner.policy.w2 },
          { name: 'b2', data: learner.policy.b2 },
        ];
  return {
    info: {
      kind: learner.algorithm,
      source: basename(path),
      episodes: learner.episodes,
      tensors: tensors.map((t) => ({ name: t.name, length: t.data.length })),
      frameSkip: env.frameSkip,
      sticky: env.sticky,
      shape: { hidden: policy.hidden, inputs: policy.inputs },
    },
    weights: littleEndian(tensors.map((t) => t.data)),
  };
}

/** Float64 (float32 values widen exactly), little-endian whatever this machine's byte order. */
function littleEndian(arrays: (Float64Array | Float32Array)[]): Uint8Array {
  const total = arrays.reduce((a, x) => a + x.length, 0);
  const out = new Uint8Array(total * 8);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const a of arrays) for (let i = 0; i < a.length; i++, at += 8) view.setFloat64(at, a[i], true);
  return out;
}
