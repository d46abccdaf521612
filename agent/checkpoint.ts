// A learner saved in one binary file, enough to resume training exactly.
//
// Layout (all little-endian):
//   0   8 bytes  magic "PONGTRN1"
//   8   uint32   format version (1)
//   12  uint32   byte length L of the JSON header
//   16  L bytes  JSON header (UTF-8), then zero padding to a multiple of 8
//       float64 arrays, in the order and lengths listed by header.arrays
//       32 bytes SHA-256 of every byte before it
// W1 is stored as `w1t`, the policy's layout: inputs x hidden, row-major.
// The batch gradient is stored only while a batch is in progress (episodesInBatch > 0).
// A checkpoint holds the state between episodes: an episode being played is not saved, and
// after a resume the next episode is number `episodes` (its rng comes from episodeRng()).

import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { Learner, type LearnerSettings, type LearnerState, resolveSettings, RMSPROP_EPSILON } from './learner.js';
import { PREPRO_SIZE } from './preprocess.js';

export const CHECKPOINT_MAGIC = 'PONGTRN1';
export const CHECKPOINT_VERSION = 1;
const PREFIX_BYTES = 16;
const HASH_BYTES = 32;
const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Every reason a checkpoint cannot be read or written; the message is one line for the user. */
export class CheckpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointError';
  }
}

interface ArrayEntry {
  name: keyof LearnerState & ('w1t' | 'w2' | 'cacheW1t' | 'cacheW2' | 'batchGradW1t' | 'batchGradW2');
  length: number;
}

interface Header {
  format: string;
  settings: LearnerSettings;
  inputs: number;
  hidden: number;
  w1Layout: string;
  rmspropEpsilon: number;
  episodes: number;
  updates: number;
  episodesInBatch: number;
  runningReward: number | null;
  rngState: number[];
  arrays: ArrayEntry[];
  /** What the caller wants kept with the run (the CLI: environment settings); opaque here. */
  run?: RunInfo | null;
}

/** JSON-serialisable facts about a run that the agent itself does not use. */
export type RunInfo = Record<string, unknown>;

const W1_LAYOUT = 'w1t: inputs x hidden, row-major; w1t[i*hidden+j] = weight from input i to hidden unit j';

function expectedArrays(hidden: number, withBatch: boolean): ArrayEntry[] {
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

/** The checkpoint file's bytes for this learner's current state. */
export function encodeCheckpoint(learner: Learner, run?: RunInfo): Uint8Array {
  const state = learner.exportState();
  const hidden = state.settings.hidden;
  const arrays = expectedArrays(hidden, state.episodesInBatch > 0);
  const header: Header = {
    format: 'pong-train checkpoint',
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
    arrays,
    run: run ?? null,
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const dataStart = align8(PREFIX_BYTES + json.length);
  let total = dataStart;
  for (const a of arrays) total += a.length * 8;
  const out = Buffer.alloc(total + HASH_BYTES);
  out.write(CHECKPOINT_MAGIC, 0, 'latin1');
  out.writeUInt32LE(CHECKPOINT_VERSION, 8);
  out.writeUInt32LE(json.length, 12);
  json.copy(out, PREFIX_BYTES);
  let offset = dataStart;
  for (const a of arrays) {
    writeF64(out, offset, state[a.name]);
    offset += a.length * 8;
  }
  createHash('sha256').update(out.subarray(0, total)).digest().copy(out, total);
  return out;
}

/**
 * Writes the checkpoint atomically: a temporary file in the same directory, fsync, rename.
 * On failure the temporary file is removed and any existing checkpoint is left untouched.
 */
export function saveCheckpoint(path: string, learner: Learner, run?: RunInfo): void {
  const bytes = encodeCheckpoint(learner, run);
  const full = resolve(path);
  const dir = dirname(full);
  const tmp = join(dir, `.${basename(full)}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  let created = false;
  try {
    const fd = openSync(tmp, 'wx', 0o644);
    created = true;
    try {
      let done = 0;
      while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, full);
    created = false;
  } catch (err) {
    if (created) {
      try {
        unlinkSync(tmp);
      } catch {
        // Already gone: nothing left to clean.
      }
    }
    throw new CheckpointError(`cannot write checkpoint ${path}: ${(err as Error).message}`);
  }
  // Make the rename itself durable; some platforms cannot open directories, which is harmless.
  try {
    const dfd = openSync(dir, 'r');
    try {
      fsyncSync(dfd);
    } finally {
      closeSync(dfd);
    }
  } catch {
    // Best effort only.
  }
}

/**
 * Reads a checkpoint into a new Learner. `requested`: settings the caller expects; a different
 * network shape (hidden) is an error. Other settings come from the checkpoint (to change them,
 * Learner.restore({ ...learner.exportState(), settings: {...} })).
 */
export function loadCheckpoint(path: string, requested?: Partial<LearnerSettings>): Learner {
  return readCheckpoint(path, requested).learner;
}

/** As loadCheckpoint, also returning the run information saved with it (null if none). */
export function readCheckpoint(path: string, requested?: Partial<LearnerSettings>): { learner: Learner; run: RunInfo | null } {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CheckpointError(`checkpoint ${path} not found`);
    throw new CheckpointError(`cannot read checkpoint ${path}: ${(err as Error).message}`);
  }
  return decodeCheckpointWithRun(bytes, path, requested);
}

/** Parses checkpoint bytes (as loadCheckpoint; `name` appears in error messages). */
export function decodeCheckpoint(bytes: Uint8Array, name = 'checkpoint', requested?: Partial<LearnerSettings>): Learner {
  return decodeCheckpointWithRun(bytes, name, requested).learner;
}

function decodeCheckpointWithRun(
  bytes: Uint8Array,
  name: string,
  requested?: Partial<LearnerSettings>,
): { learner: Learner; run: RunInfo | null } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (what: string): never => {
    throw new CheckpointError(`checkpoint ${name} ${what}`);
  };
  if (buf.length >= 8 && buf.toString('latin1', 0, 8) !== CHECKPOINT_MAGIC) {
    fail('is not a pong-train checkpoint (bad magic bytes)');
  }
  if (buf.length < PREFIX_BYTES + HASH_BYTES) fail(`is truncated (${buf.length} bytes)`);
  const version = buf.readUInt32LE(8);
  if (version !== CHECKPOINT_VERSION) {
    fail(`has format version ${version}, but this pong-train reads only version ${CHECKPOINT_VERSION}`);
  }
  const headerLength = buf.readUInt32LE(12);
  const body = buf.length - HASH_BYTES;
  // Parse the header before the checksum only to tell truncation apart from corruption.
  let header: Header | null = null;
  if (PREFIX_BYTES + headerLength <= body) {
    try {
      header = JSON.parse(buf.toString('utf8', PREFIX_BYTES, PREFIX_BYTES + headerLength)) as Header;
    } catch {
      header = null;
    }
  } else if (headerLength < 1 << 24) {
    fail(`is truncated (${buf.length} bytes, header alone needs ${PREFIX_BYTES + headerLength})`);
  }
  let expectedTotal = -1;
  if (header && Array.isArray(header.arrays)) {
    let t = align8(PREFIX_BYTES + headerLength);
    for (const a of header.arrays) t += (Number(a?.length) || 0) * 8;
    expectedTotal = t + HASH_BYTES;
    if (buf.length < expectedTotal) fail(`is truncated (${buf.length} of ${expectedTotal} bytes)`);
  }
  const digest = createHash('sha256').update(buf.subarray(0, body)).digest();
  if (!digest.equals(buf.subarray(body))) fail('is corrupted (SHA-256 checksum mismatch)');
  if (!header) fail('has an unreadable header');
  const h = header as Header;
  if (!Array.isArray(h.arrays)) fail('has no list of arrays');
  if (expectedTotal !== buf.length) fail(`has ${buf.length - expectedTotal} unexpected trailing bytes`);

  let settings: LearnerSettings;
  try {
    settings = resolveSettings(h.settings);
  } catch (err) {
    return fail(`has invalid settings: ${(err as Error).message}`);
  }
  if (h.inputs !== PREPRO_SIZE || h.hidden !== settings.hidden || h.w1Layout !== W1_LAYOUT) {
    fail(`has an unexpected network shape (inputs ${h.inputs}, hidden ${h.hidden})`);
  }
  if (requested?.hidden !== undefined && requested.hidden !== settings.hidden) {
    fail(`has ${settings.hidden} hidden units but ${requested.hidden} were requested; use the same hidden size or start a new run`);
  }
  const counters = [h.episodes, h.updates, h.episodesInBatch];
  if (!counters.every((c) => Number.isSafeInteger(c) && c >= 0) || h.episodesInBatch > h.episodes) {
    fail('has invalid episode counters');
  }
  if (h.runningReward !== null && typeof h.runningReward !== 'number') fail('has an invalid running reward');
  const withBatch = h.episodesInBatch > 0;
  const want = expectedArrays(settings.hidden, withBatch);
  if (h.arrays.length !== want.length || want.some((w, i) => h.arrays[i]?.name !== w.name || h.arrays[i]?.length !== w.length)) {
    fail('has an unexpected list of arrays');
  }
  const arrays = new Map<string, Float64Array>();
  let offset = align8(PREFIX_BYTES + headerLength);
  for (const a of want) {
    arrays.set(a.name, readF64(buf, offset, a.length));
    offset += a.length * 8;
  }
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
  const run = h.run === undefined || h.run === null ? null : h.run;
  if (run !== null && (typeof run !== 'object' || Array.isArray(run))) fail('has invalid run information');
  try {
    return { learner: Learner.restore(state), run };
  } catch (err) {
    return fail(`cannot be restored: ${(err as Error).message}`);
  }
}

function align8(n: number): number {
  return (n + 7) & ~7;
}

function writeF64(out: Buffer, offset: number, a: Float64Array): void {
  if (LITTLE_ENDIAN_HOST) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), offset);
  } else {
    for (let i = 0; i < a.length; i++) out.writeDoubleLE(a[i], offset + i * 8);
  }
}

function readF64(buf: Buffer, offset: number, length: number): Float64Array {
  const a = new Float64Array(length);
  if (LITTLE_ENDIAN_HOST) {
    new Uint8Array(a.buffer).set(buf.subarray(offset, offset + length * 8));
  } else {
    for (let i = 0; i < length; i++) a[i] = buf.readDoubleLE(offset + i * 8);
  }
  return a;
}
