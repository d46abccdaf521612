import test from 'tape';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckpointError, decodeCheckpoint, encodeCheckpoint, loadCheckpoint, saveCheckpoint, sha256 } from '../cli/checkpoint-file.js';
import { PpoLearner } from '../agent/ppo.js';
import { Learner } from '../agent/learner.js';
import { FRAME_BYTES } from '../agent/preprocess.js';

/** Plays a short synthetic episode in-process (Pong-like frames drawn by hand) and ends it. */
function trainEpisode(l: Learner, episode: number): void {
  const rng = l.episodeRng();
  const rgb = new Uint8Array(FRAME_BYTES);
  l.beginEpisode();
  for (let t = 0; t < 24; t++) {
    for (let p = 0; p < 210 * 160; p++) rgb[p * 3] = 144;
    const row = 40 + ((t * 13 + episode * 29) % 140);
    const col = 10 + ((t * 9) % 140);
    for (let r = row; r < row + 4; r++) for (let c = col; c < col + 2; c++) rgb[(r * 160 + c) * 3] = 236;
    const a = l.act(rgb, rng);
    if (t % 6 === 5) l.reward(a === 'up' ? 1 : -1);
  }
  l.endEpisode();
}

function sameBits(a: Float64Array, b: Float64Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

const SETTINGS = { seed: 11, hidden: 4, batchSize: 3, learningRate: 1e-3 };

function freshDir(): string {
  return mkdtempSync(join(tmpdir(), 'pong-train-ckpt-'));
}

test('agent checkpoint: round trip mid-batch is bit-exact and resumes identically', (t) => {
  const dir = freshDir();
  try {
    const a = new Learner(SETTINGS);
    for (let e = 0; e < 4; e++) trainEpisode(a, e);
    t.equal(a.updates, 1);
    t.equal(a.episodesInBatch, 1, 'a batch is in progress');
    a.rng.gaussian(); // leave a cached Gaussian in the run's rng state
    const path = join(dir, 'run.ckpt');
    saveCheckpoint(path, a);
    t.deepEqual(readdirSync(dir), ['run.ckpt'], 'no temporary file left behind');
    const midBatchSize = readFileSync(path).length;
    const b = loadCheckpoint(path, { hidden: 4 }) as Learner;
    const sa = a.exportState();
    const sb = b.exportState();
    t.deepEqual(sb.settings, sa.settings, 'settings');
    t.deepEqual([sb.episodes, sb.updates, sb.episodesInBatch], [4, 1, 1], 'counters');
    t.equal(sb.runningReward, sa.runningReward, 'running reward');
    t.deepEqual(sb.rngState, sa.rngState, 'rng state');
    for (const k of ['w1t', 'w2', 'cacheW1t', 'cacheW2', 'batchGradW1t', 'batchGradW2'] as const) {
      t.ok(sameBits(sa[k], sb[k]), `${k} bit-exact`);
    }
    t.ok(sa.batchGradW1t.some((v) => v !== 0), 'the saved batch gradient is not empty');
    t.ok(Buffer.from(encodeCheckpoint(b)).equals(readFileSync(path)), 're-encoding gives the same bytes');
    for (let e = 4; e < 6; e++) {
      trainEpisode(a, e);
      trainEpisode(b, e);
    }
    t.equal(b.updates, 2, 'the resumed learner completed the batch');
    t.ok(sameBits(a.policy.w1t, b.policy.w1t) && sameBits(a.policy.w2, b.policy.w2), 'resumed training is bit-identical');
    t.equal(a.rng.gaussian(), b.rng.gaussian(), 'run rng continues identically');

    // At a batch boundary the batch gradient is omitted; the file is smaller and loads zeros.
    saveCheckpoint(path, a);
    const c = loadCheckpoint(path) as Learner;
    t.equal(c.episodesInBatch, 0);
    t.ok(c.batchGradW1t.every((v) => v === 0), 'empty batch gradient');
    t.ok(readFileSync(path).length < midBatchSize, 'overwritten in place with the smaller file');
    t.deepEqual(readdirSync(dir), ['run.ckpt'], 'still no temporary file');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  t.end();
});

test('agent checkpoint: bad files fail with one clear CheckpointError and stay intact', (t) => {
  const dir = freshDir();
  try {
    const l = new Learner(SETTINGS);
    trainEpisode(l, 0);
    const good = Buffer.from(encodeCheckpoint(l));
    const expectError = (name: string, bytes: Buffer | null, pattern: RegExp, requested?: { hidden: number }) => {
      const path = join(dir, name);
      if (bytes) writeFileSync(path, bytes);
      try {
        loadCheckpoint(path, requested);
        t.fail(`${name}: loaded without error`);
      } catch (err) {
        t.ok(err instanceof CheckpointError, `${name}: CheckpointError`);
        const msg = (err as Error).message;
        t.ok(pattern.test(msg) && !msg.includes('\n'), `${name}: "${msg}"`);
      }
      if (bytes) t.ok(readFileSync(path).equals(bytes), `${name}: file left as it was`);
    };
    expectError('missing.ckpt', null, /not found/);
    expectError('truncated.ckpt', good.subarray(0, good.length - 1000), /truncated/);
    expectError('truncated-header.ckpt', good.subarray(0, 40), /truncated/);
    expectError('empty.ckpt', Buffer.alloc(0), /truncated/);
    const flipped = Buffer.from(good);
    flipped[good.length - 5000] ^= 0x10;
    expectError('flipped.ckpt', flipped, /checksum/);
    const flippedHash = Buffer.from(good);
    flippedHash[good.length - 1] ^= 1;
    expectError('flipped-hash.ckpt', flippedHash, /checksum/);
    const magic = Buffer.from(good);
    magic.write('PNG\r\n\x1a\n\0', 0, 'latin1');
    expectError('magic.ckpt', magic, /bad magic/);
    const version = Buffer.from(good);
    version.writeUInt32LE(9, 8);
    expectError('version.ckpt', version, /version 9/);
    const trailing = Buffer.concat([good, Buffer.alloc(8)]);
    expectError('trailing.ckpt', trailing, /checksum/);
    writeFileSync(join(dir, 'good.ckpt'), good);
    expectError('good.ckpt', null, /8 were requested/, { hidden: 8 });
    t.ok(readFileSync(join(dir, 'good.ckpt')).equals(good), 'the good checkpoint is untouched');
    t.equal(loadCheckpoint(join(dir, 'good.ckpt')).episodes, 1, 'and still loads');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  t.end();
});

test('agent checkpoint: a failed save leaves the existing file and no temporary files', (t) => {
  const dir = freshDir();
  try {
    const l = new Learner(SETTINGS);
    const path = join(dir, 'run.ckpt');
    saveCheckpoint(path, l);
    const before = readFileSync(path);
    // The target is a non-empty directory: the rename fails after the temp file was written.
    const blocked = join(dir, 'blocked.ckpt');
    mkdirSync(blocked);
    writeFileSync(join(blocked, 'keep'), 'x');
    t.throws(() => saveCheckpoint(blocked, l), CheckpointError, 'save onto a directory fails');
    t.throws(() => saveCheckpoint(join(dir, 'no', 'such', 'dir.ckpt'), l), /cannot write checkpoint/, 'missing directory fails');
    t.deepEqual(readdirSync(dir).sort(), ['blocked.ckpt', 'run.ckpt'], 'no temporary files remain');
    t.ok(readFileSync(path).equals(before), 'existing checkpoint untouched');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  t.end();
});

test('agent checkpoint: weights that are not finite are refused at load, though the hash is valid', (t) => {
  const l = new Learner(SETTINGS);
  l.policy.w1t[17] = NaN;
  const bytes = encodeCheckpoint(l);
  t.throws(() => decodeCheckpoint(bytes, 'nan.ckpt'), /checkpoint nan\.ckpt has a non-finite value in w1t \(entry 17\): the run diverged/, 'NaN in w1t');
  l.policy.w1t[17] = 0;
  l.policy.w2[1] = Infinity;
  t.throws(() => decodeCheckpoint(encodeCheckpoint(l), 'inf.ckpt'), /non-finite value in w2 \(entry 1\)/, 'Infinity in w2');
  l.policy.w2[1] = 0;
  t.equal(decodeCheckpoint(encodeCheckpoint(l)).learner.episodes, 0, 'finite again: loads');
  t.end();
});

/** The bytes of a checkpoint whose JSON header is `edit`ed (the checksum recomputed, as a file written so would have). */
function withHeader(bytes: Uint8Array, edit: (h: Record<string, any>) => void): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.getUint32(12, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + length)));
  edit(header);
  const json = new TextEncoder().encode(JSON.stringify(header));
  const oldStart = (16 + length + 7) & ~7;
  const newStart = (16 + json.length + 7) & ~7;
  const data = bytes.subarray(oldStart, bytes.length - 32);
  const out = new Uint8Array(newStart + data.length + 32);
  out.set(bytes.subarray(0, 12));
  new DataView(out.buffer).setUint32(12, json.length, true);
  out.set(json, 16);
  out.set(data, newStart);
  out.set(sha256(out.subarray(0, newStart + data.length)), newStart + data.length);
  return out;
}

test('checkpoint: a PPO policy of a game\'s action set keeps its shape; one written before PPO had other games reads as Pong\'s', (t) => {
  const many = new PpoLearner({ hidden: 3, inputs: 8400, actions: 6, seed: 4 });
  const back = decodeCheckpoint(encodeCheckpoint(many), 'many.ckpt').learner as PpoLearner;
  t.equal(back.settings.actions, 6, 'six actions');
  t.equal(back.settings.inputs, 8400, '8,400 inputs');
  t.deepEqual(back.policy.w2, many.policy.w2, 'W2 (6 x hidden) back');
  const pong = new PpoLearner({ hidden: 3, seed: 4 });
  const old = withHeader(encodeCheckpoint(pong), (h) => {
    delete h.settings.inputs;
    delete h.settings.actions;
  });
  const read = decodeCheckpoint(old, 'old.ckpt').learner as PpoLearner;
  t.equal(read.settings.actions, 2, 'no actions field: two (UP, DOWN)');
  t.equal(read.settings.inputs, 6000, 'no inputs field: the article\'s 6,000');
  t.deepEqual(read.policy.w1t, pong.policy.w1t, 'weights read');
  const bad = withHeader(encodeCheckpoint(many), (h) => {
    h.settings.actions = 5;
  });
  t.throws(() => decodeCheckpoint(bad, 'bad.ckpt'), /checkpoint bad\.ckpt (has an unexpected network shape|has an unexpected list of arrays)/, 'a header whose actions disagree with its arrays is refused');
  t.end();
});
