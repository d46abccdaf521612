// A learner saved in one binary container, enough to resume training exactly. This module is
// the format only (no file system, no Node): cli/checkpoint-file.ts reads and writes files and
// supplies the SHA-256.
//
// Layout (all little-endian):
//   0   8 bytes  magic "PONGTRN1"
//   8   uint32   format version (1)
//   12  uint32   byte length L of the JSON header
//   16  L bytes  JSON header (UTF-8), then zero padding to a multiple of 8
//       arrays, in the order, lengths and types listed by header.arrays (float64 unless an
//       entry says "type": "float32")
//       32 bytes SHA-256 of every byte before it
// header.algorithm names the learner: 'pg' (policy gradient; files without it are 'pg') or
// 'ppo'. Each algorithm has its own header fields and arrays, listed below.
// PG: W1 is stored as `w1t` (inputs x hidden, row-major); the batch gradient only while a batch
// is in progress. PPO: weights, Adam's moments and step; always an iteration's start.
// A checkpoint holds the state between episodes: after a resume the next episode is number
// `episodes` (its randomness comes from the run's seed and that number).

import { Learner, type LearnerSettings, type LearnerState, resolveSettings, RMSPROP_EPSILON } from './learner.js';
import { PpoLearner, resolvePpoSettings, type PpoSettings, type PpoState } from './ppo.js';
import { PpoPolicy } from './ppo-policy.js';
import { PREPRO_SIZE } from './preprocess.js';

export const CHECKPOINT_MAGIC = 'PONGTRN1';
export const CHECKPOINT_VERSION = 1;
const PREFIX_BYTES = 16;
const HASH_BYTES = 32;
const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The learners a checkpoint can hold. */
export type Trainer = Learner | PpoLearner;
export type Algorithm = Trainer['algorithm'];
export const ALGORITHMS: readonly Algorithm[] = ['pg', 'ppo'];

/** SHA-256 of some bytes (32 bytes): supplied by the caller (Node's crypto, or Web Crypto). */
export type Sha256 = (bytes: Uint8Array) => Uint8Array;

/** Every reason a checkpoint cannot be read or written; the message is one line for the user. */
export class CheckpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointError';
  }
}

/** JSON-serialisable facts about a run that the agent itself does not use. */
export type RunInfo = Record<string, unknown>;

interface ArrayEntry {
  name: string;
  length: number;
  type?: 'float32';
}

type Floats = Float64Array | Float32Array;

function entryBytes(a: { length?: unknown; type?: unknown }): number {
  return (Number(a?.length) || 0) * (a?.type === 'float32' ? 4 : 8);
}

const W1_LAYOUT = 'w1t: inputs x hidden, row-major; w1t[i*hidden+j] = weight from input i to hidden unit j';
const PPO_LAYOUT = `${W1_LAYOUT}; w2: 2 x hidden, row-major (logit 0 = UP, 1 = DOWN)`;

/** Pong's two-logit layout keeps its old text, so that every checkpoint written before still reads. */
function ppoLayout(actions: number): string {
  return actions === 2 ? PPO_LAYOUT : `${W1_LAYOUT}; w2: ${actions} x hidden, row-major (logit k = action k of the game's minimal set)`;
}
const PPO_NAMES = ['w1t', 'b1', 'w2', 'b2'];

function pgArrays(hidden: number, withBatch: boolean): ArrayEntry[] {
  const big = hidden * PREPRO_SIZE;
  const list: ArrayEntry[] = [
    { name: 'w1t', length: big },
    { name: 'w2', length: hidden },
    { name: 'cacheW1t', length: big },
    { name: 'cacheW2', length: hidden },
  ];
  if (withBatch) list.push({ name: 'batchGradW1t', length: big }, { name: 'batchGradW2', length: hidden });
  return list;
}

function ppoArrays(s: PpoSettings): ArrayEntry[] {
  const shapes = PpoPolicy.shapes(s.hidden, s.inputs, s.actions);
  const list: ArrayEntry[] = [];
  for (const prefix of ['', 'adamM.', 'adamV.']) PPO_NAMES.forEach((n, i) => list.push({ name: prefix + n, length: shapes[i], type: 'float32' }));
  return list;
}

/** The checkpoint's bytes for this learner's current state (see the layout above). */
export function encodeCheckpoint(learner: Trainer, sha256: Sha256, run?: RunInfo): Uint8Array {
  let header: Record<string, unknown>;
  let arrays: { entry: ArrayEntry; data: Floats }[];
  if (learner.algorithm === 'pg') {
    const state = learner.exportState();
    const hidden = state.settings.hidden;
    const list = pgArrays(hidden, state.episodesInBatch > 0);
    header = {
      format: 'pong-train checkpoint',
      algorithm: 'pg',
      settings: state.settings,
      inputs: PREPRO_SIZE,
      hidden,
      w1Layout: W1_LAYOUT,
      rmspropEpsilon: RMSPROP_EPSILON,
      episodes: state.episodes,
      updates: state.updates,
      episodesInBatch: state.episodesInBatch,
      runningReward: state.runningReward,
      rngState: state.rngState,
    };
    arrays = list.map((entry) => ({ entry, data: state[entry.name as keyof LearnerState] as Float64Array }));
  } else {
    const state = learner.exportState();
    const list = ppoArrays(state.settings);
    header = {
      format: 'pong-train checkpoint',
      algorithm: 'ppo',
      settings: state.settings,
      inputs: state.settings.inputs,
      hidden: state.settings.hidden,
      layout: ppoLayout(state.settings.actions),
      adamStep: state.adamStep,
      episodes: state.episodes,
      updates: state.updates,
      runningReward: state.runningReward,
    };
    const data = [...state.weights, ...state.adamM, ...state.adamV];
    arrays = list.map((entry, i) => ({ entry, data: data[i] }));
  }
  header.arrays = arrays.map((a) => a.entry);
  header.run = run ?? null;
  const json = new TextEncoder().encode(JSON.stringify(header));
  const dataStart = align8(PREFIX_BYTES + json.length);
  let total = dataStart;
  for (const a of arrays) total += entryBytes(a.entry);
  const out = new Uint8Array(total + HASH_BYTES);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) out[i] = CHECKPOINT_MAGIC.charCodeAt(i);
  view.setUint32(8, CHECKPOINT_VERSION, true);
  view.setUint32(12, json.length, true);
  out.set(json, PREFIX_BYTES);
  let offset = dataStart;
  for (const a of arrays) {
    if (a.data.length !== a.entry.length) throw new RangeError(`array ${a.entry.name} has ${a.data.length} entries, expected ${a.entry.length}`);
    if ((a.entry.type === 'float32') !== a.data instanceof Float32Array) throw new TypeError(`array ${a.entry.name} has the wrong element type`);
    writeFloats(out, view, offset, a.data);
    offset += entryBytes(a.entry);
  }
  out.set(sha256(out.subarray(0, total)), total);
  return out;
}

/** What a checkpoint holds: the learner and the run information saved with it (null if none). */
export interface DecodedCheckpoint {
  learner: Trainer;
  run: RunInfo | null;
}

/**
 * Parses checkpoint bytes (`name` appears in error messages). `requested.hidden`: a different
 * network size is an error. Every other setting comes from the checkpoint.
 */
export function decodeCheckpoint(bytes: Uint8Array, sha256: Sha256, name = 'checkpoint', requested?: { hidden?: number }): DecodedCheckpoint {
  const fail = (what: string): never => {
    throw new CheckpointError(`checkpoint ${name} ${what}`);
  };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const latin1 = (from: number, to: number): string => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 8 && latin1(0, 8) !== CHECKPOINT_MAGIC) fail('is not a pong-train checkpoint (bad magic bytes)');
  if (bytes.length < PREFIX_BYTES + HASH_BYTES) fail(`is truncated (${bytes.length} bytes)`);
  const version = view.getUint32(8, true);
  if (version !== CHECKPOINT_VERSION) fail(`has format version ${version}, but this pong-train reads only version ${CHECKPOINT_VERSION}`);
  const headerLength = view.getUint32(12, true);
  const body = bytes.length - HASH_BYTES;
  // Parse the header before the checksum only to tell truncation apart from corruption.
  let h: Record<string, any> | null = null;
  if (PREFIX_BYTES + headerLength <= body) {
    try {
      h = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(PREFIX_BYTES, PREFIX_BYTES + headerLength)));
    } catch {
      h = null;
    }
  } else if (headerLength < 1 << 24) {
    fail(`is truncated (${bytes.length} bytes, header alone needs ${PREFIX_BYTES + headerLength})`);
  }
  let expectedTotal = -1;
  if (h && Array.isArray(h.arrays)) {
    let t = align8(PREFIX_BYTES + headerLength);
    for (const a of h.arrays) t += entryBytes(a);
    expectedTotal = t + HASH_BYTES;
    if (bytes.length < expectedTotal) fail(`is truncated (${bytes.length} of ${expectedTotal} bytes)`);
  }
  const digest = sha256(bytes.subarray(0, body));
  if (!digest.every((b, i) => b === bytes[body + i])) fail('is corrupted (SHA-256 checksum mismatch)');
  if (!h || typeof h !== 'object') return fail('has an unreadable header');
  if (!Array.isArray(h.arrays)) fail('has no list of arrays');
  if (expectedTotal !== bytes.length) fail(`has ${bytes.length - expectedTotal} unexpected trailing bytes`);
  const algorithm = h.algorithm ?? 'pg';
  if (!ALGORITHMS.includes(algorithm)) fail(`was written by an unknown algorithm ${JSON.stringify(algorithm)}`);
  const run = h.run === undefined || h.run === null ? null : h.run;
  if (run !== null && (typeof run !== 'object' || Array.isArray(run))) fail('has invalid run information');

  const readArrays = <T extends Floats>(want: ArrayEntry[]): Map<string, T> => {
    if (
      h!.arrays.length !== want.length ||
      want.some((w, i) => h!.arrays[i]?.name !== w.name || h!.arrays[i]?.length !== w.length || h!.arrays[i]?.type !== w.type)
    ) {
      fail('has an unexpected list of arrays');
    }
    const out = new Map<string, T>();
    let offset = align8(PREFIX_BYTES + headerLength);
    for (const a of want) {
      const data = readFloats(bytes, view, offset, a) as T;
      // A valid hash over non-finite weights is a broken run, not a file error: refuse it too.
      for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i])) fail(`has a non-finite value in ${a.name} (entry ${i}): the run diverged; resume from an earlier checkpoint`);
      out.set(a.name, data);
      offset += entryBytes(a);
    }
    return out;
  };
  const counters = (list: unknown[]): void => {
    if (!list.every((c) => Number.isSafeInteger(c) && (c as number) >= 0)) fail('has invalid counters');
  };
  if (h.runningReward !== null && !(typeof h.runningReward === 'number' && Number.isFinite(h.runningReward))) fail('has an invalid running reward');
  const checkHidden = (hidden: number): void => {
    if (requested?.hidden !== undefined && requested.hidden !== hidden) {
      fail(`has ${hidden} hidden units but ${requested.hidden} were requested; use the same hidden size or start a new run`);
    }
  };

  if (algorithm === 'pg') {
    let settings: LearnerSettings;
    try {
      settings = resolveSettings(h.settings);
    } catch (err) {
      return fail(`has invalid settings: ${(err as Error).message}`);
    }
    if (h.inputs !== PREPRO_SIZE || h.hidden !== settings.hidden || h.w1Layout !== W1_LAYOUT) {
      fail(`has an unexpected network shape (inputs ${h.inputs}, hidden ${h.hidden})`);
    }
    checkHidden(settings.hidden);
    counters([h.episodes, h.updates, h.episodesInBatch]);
    if (h.episodesInBatch > h.episodes) fail('has invalid counters');
    const arrays = readArrays<Float64Array>(pgArrays(settings.hidden, h.episodesInBatch > 0));
    const state: LearnerState = {
      settings,
      w1t: arrays.get('w1t')!,
      w2: arrays.get('w2')!,
      cacheW1t: arrays.get('cacheW1t')!,
      cacheW2: arrays.get('cacheW2')!,
      batchGradW1t: arrays.get('batchGradW1t') ?? new Float64Array(settings.hidden * PREPRO_SIZE),
      batchGradW2: arrays.get('batchGradW2') ?? new Float64Array(settings.hidden),
      episodes: h.episodes,
      updates: h.updates,
      episodesInBatch: h.episodesInBatch,
      runningReward: h.runningReward,
      rngState: h.rngState,
    };
    try {
      return { learner: Learner.restore(state), run };
    } catch (err) {
      return fail(`cannot be restored: ${(err as Error).message}`);
    }
  }
  let settings: PpoSettings;
  try {
    settings = resolvePpoSettings(h.settings);
  } catch (err) {
    return fail(`has invalid settings: ${(err as Error).message}`);
  }
  if (h.inputs !== settings.inputs || h.hidden !== settings.hidden || h.layout !== ppoLayout(settings.actions)) {
    fail(`has an unexpected network shape (inputs ${h.inputs}, hidden ${h.hidden})`);
  }
  checkHidden(settings.hidden);
  counters([h.episodes, h.updates, h.adamStep]);
  const arrays = readArrays<Float32Array>(ppoArrays(settings));
  const get = (prefix: string): Float32Array[] => PPO_NAMES.map((n) => arrays.get(prefix + n)!);
  const state: PpoState = {
    settings,
    weights: get(''),
    adamM: get('adamM.'),
    adamV: get('adamV.'),
    adamStep: h.adamStep,
    episodes: h.episodes,
    updates: h.updates,
    runningReward: h.runningReward,
  };
  try {
    return { learner: PpoLearner.restore(state), run };
  } catch (err) {
    return fail(`cannot be restored: ${(err as Error).message}`);
  }
}

function align8(n: number): number {
  return (n + 7) & ~7;
}

function writeFloats(out: Uint8Array, view: DataView, offset: number, a: Floats): void {
  if (LITTLE_ENDIAN_HOST) out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), offset);
  else if (a instanceof Float32Array) for (let i = 0; i < a.length; i++) view.setFloat32(offset + i * 4, a[i], true);
  else for (let i = 0; i < a.length; i++) view.setFloat64(offset + i * 8, a[i], true);
}

function readFloats(bytes: Uint8Array, view: DataView, offset: number, e: ArrayEntry): Floats {
  const f32 = e.type === 'float32';
  const a = f32 ? new Float32Array(e.length) : new Float64Array(e.length);
  if (LITTLE_ENDIAN_HOST) new Uint8Array(a.buffer).set(bytes.subarray(offset, offset + entryBytes(e)));
  else for (let i = 0; i < e.length; i++) a[i] = f32 ? view.getFloat32(offset + i * 4, true) : view.getFloat64(offset + i * 8, true);
  return a;
}
