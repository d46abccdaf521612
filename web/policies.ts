// The trained policy as the watch page runs it: one small adapter per kind of checkpoint, each
// turning a screen (210x160 colour values) into p(up) and keeping what the network saw, for the
// page to draw. The server (cli/watch-policy.ts) sends a PolicyInfo as JSON and the tensors it
// lists, one after another, as little-endian float64. A new kind of checkpoint is one more
// entry in ADAPTERS here and one more case in cli/watch-policy.ts.
import { Policy } from '../agent/policy.js';
import { FrameDifference, PREPRO_SIDE } from '../agent/preprocess.js';
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
  /** Kind-specific sizes (e.g. pg: hidden, inputs). */
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

/**
 * Policy gradient ("Pong from Pixels"): the difference of two 80x80 binarised frames (rows
 * 35-194, every second pixel) into 200 ReLUs into one sigmoid, p(up). As cli/rollout.ts plays
 * it: FrameDifference over colour values, read through the palette's red column.
 */
const pg: Adapter = (info, tensors) => {
  const policy = new Policy(info.shape.hidden, info.shape.inputs, tensors.get('w1t'), tensors.get('w2'));
  const frames = new FrameDifference(NTSC_RED);
  const h = new Float64Array(policy.hidden);
  const view: AgentView = { width: PREPRO_SIDE, height: PREPRO_SIDE, pixels: new Float32Array(PREPRO_SIDE * PREPRO_SIDE) };
  return {
    kind: 'pg',
    view,
    reset: () => {
      frames.reset();
      view.pixels.fill(0);
    },
    probabilityUp: (screen) => {
      const n = frames.next(screen);
      view.pixels.fill(0);
      for (let k = 0; k < n; k++) view.pixels[frames.indices[k]] = frames.values[k];
      return policy.forwardSparse(frames.indices, frames.values, n, h);
    },
  };
};

const ADAPTERS: Readonly<Record<string, Adapter>> = { pg };

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
