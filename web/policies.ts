// The trained policy as the watch page runs it: one small adapter per kind of checkpoint, each
// turning a screen (210x160 colour values) into p(up) and keeping what the network saw, for the
// page to draw. The server (cli/watch-policy.ts) sends a PolicyInfo as JSON and the tensors it
// lists, one after another, as little-endian float64. Each kind of checkpoint is one entry in
// ADAPTERS here and one case in cli/watch-policy.ts.
import { Policy } from '../agent/policy.js';
import { PPO_ACTIONS, PpoPolicy } from '../agent/ppo-policy.js';
import { FrameDifference, PPO_ROWS, PREPRO_SIDE } from '../agent/preprocess.js';
import { NTSC_RED } from '../emulator/palette.js';

/** What the server says about the policy; `tensors` are in the order their bytes come. */
export interface PolicyInfo {
  kind: string;
  /** The checkpoint's file name and how much it was trained, for the page to show. */
  source: string;
  episodes: number;
  tensors: { name: string; length: number }[];
  /** The environment it was trained in: the page plays it the same way. */
  frameSkip: [number, number];
  sticky: number;
  /** Kind-specific sizes (pg, ppo: hidden, inputs). */
  shape: Record<string, number>;
}

/** The network's input as an image: values in [-1, 1], row-major. */
export interface AgentView {
  width: number;
  height: number;
  pixels: Float32Array;
}

export interface PagePolicy {
  readonly kind: string;
  readonly view: AgentView;
  /** A new game, or the agent takes the paddle back: forget the previous frame. */
  reset(): void;
  /** p(up) for this screen; updates `view`. */
  probabilityUp(screen: Uint8Array): number;
}

type Adapter = (info: PolicyInfo, tensors: ReadonlyMap<string, Float64Array>) => PagePolicy;

/** A network's p(up) over a FrameDifference's sparse output, with the view the page draws. */
function adapter(kind: string, frames: FrameDifference, probabilityUp: (idx: Int32Array, val: Float64Array, n: number) => number): PagePolicy {
  const view: AgentView = { width: PREPRO_SIDE, height: frames.rows, pixels: new Float32Array(frames.size) };
  return {
    kind,
    view,
    reset: () => {
      frames.reset();
      view.pixels.fill(0);
    },
    probabilityUp: (screen) => {
      const n = frames.next(screen);
      view.pixels.fill(0);
      for (let k = 0; k < n; k++) view.pixels[frames.indices[k]] = frames.values[k];
      return probabilityUp(frames.indices, frames.values, n);
    },
  };
}

/**
 * Policy gradient ("Pong from Pixels"): the difference of two 80x80 binarised frames (rows
 * 35-194, every second pixel; nothing on an episode's first frame) into 200 ReLUs into one
 * sigmoid, p(up). As cli/rollout.ts plays it: over colour values, through the palette's red.
 */
const pg: Adapter = (info, tensors) => {
  const policy = new Policy(info.shape.hidden, info.shape.inputs, tensors.get('w1t'), tensors.get('w2'));
  const h = new Float64Array(policy.hidden);
  return adapter('pg', new FrameDifference(NTSC_RED), (idx, val, n) => policy.forwardSparse(idx, val, n, h));
};

/**
 * PPO (the PyTorch article's): the difference of two 75x80 frames (rows 35-184; the first
 * frame against a blank one) into 512 ReLUs with biases into two logits, softmax; p(up) is
 * the first. Its weights are float32, as trained; the float64 sent holds them exactly.
 */
const ppo: Adapter = (info, tensors) => {
  const f32 = (name: string): Float32Array => Float32Array.from(tensors.get(name) ?? []);
  const policy = new PpoPolicy(info.shape.hidden, info.shape.inputs, PPO_ACTIONS, [f32('w1t'), f32('b1'), f32('w2'), f32('b2')]);
  const h = new Float64Array(policy.hidden);
  const frames = new FrameDifference(NTSC_RED, { rows: PPO_ROWS, firstAgainstZero: true });
  return adapter('ppo', frames, (idx, val, n) => policy.forwardSparse(idx, val, n, h));
};

const ADAPTERS: Readonly<Record<string, Adapter>> = { pg, ppo };

/** The kinds of policy the page can run. */
export const POLICY_KINDS: readonly string[] = Object.keys(ADAPTERS);

/** A tensor list's bytes as float64 arrays, read little-endian whatever this machine's order. */
export function splitTensors(info: PolicyInfo, bytes: ArrayBuffer): Map<string, Float64Array> {
  const total = info.tensors.reduce((a, t) => a + t.length, 0);
  if (bytes.byteLength !== total * 8) {
    throw new Error(`the weights are ${bytes.byteLength} bytes, but the policy's tensors need ${total * 8}`);
  }
  const littleEndian = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;
  const all = littleEndian ? new Float64Array(bytes) : Float64Array.from({ length: total }, (_, i) => new DataView(bytes).getFloat64(8 * i, true));
  const out = new Map<string, Float64Array>();
  let at = 0;
  for (const t of info.tensors) {
    out.set(t.name, all.subarray(at, at + t.length));
    at += t.length;
  }
  return out;
}

/** The adapter for `info.kind` over these weights; throws naming the kinds it knows. */
export function makePolicy(info: PolicyInfo, bytes: ArrayBuffer): PagePolicy {
  const adapter = Object.hasOwn(ADAPTERS, info.kind) ? ADAPTERS[info.kind] : undefined;
  if (!adapter) throw new Error(`this page cannot run a '${info.kind}' policy (it knows: ${POLICY_KINDS.join(', ')})`);
  return adapter(info, splitTensors(info, bytes));
}
