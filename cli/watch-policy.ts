// What the watch page needs of a checkpoint: the policy's weights and how it was trained to
// play, nothing else (no optimiser state, no random state). One case per kind of checkpoint;
// the page's web/policies.ts has the matching adapter.
import { basename } from 'node:path';
import { CheckpointError, readCheckpoint } from './checkpoint-file.js';
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
  if (learner.algorithm !== 'pg') throw new CheckpointError(`checkpoint ${path} holds a ${learner.algorithm} policy; the watch page runs only pg policies so far`);
  const { policy } = learner;
  const tensors = [
    { name: 'w1t', data: policy.w1t },
    { name: 'w2', data: policy.w2 },
  ];
  return {
    info: {
      kind: 'pg',
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

function littleEndian(arrays: Float64Array[]): Uint8Array {
  const total = arrays.reduce((a, x) => a + x.length, 0);
  const out = new Uint8Array(total * 8);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const a of arrays) for (let i = 0; i < a.length; i++, at += 8) view.setFloat64(at, a[i], true);
  return out;
}
