import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { gunzipSync, createGunzip } from 'node:zlib';
import { join } from 'node:path';
import { AtariEnv, SCREEN_HEIGHT, SCREEN_WIDTH } from './env.js';

const SCREEN_BYTES = SCREEN_WIDTH * SCREEN_HEIGHT;
const RAM_BYTES = 128;

/** A trace folder that is missing pieces or does not hold together. */
export class TraceError extends Error {
  override name = 'TraceError';
}

/** One row of steps.tsv: an ALE action id, or 'reset' (row 0 is the first reset). */
export interface TraceStep {
  action: number | 'reset';
  reward: number;
  terminal: boolean;
}

export interface Trace {
  dir: string;
  steps: TraceStep[];
  /** rows x 128 bytes. */
  ram: Uint8Array;
  screensPath: string;
  /** The game mode and difficulty meta.json records (ALE's settings for the recording), if it does. */
  mode?: number;
  difficulty?: number;
}

/** meta.json's mode and difficulty, when the folder has one that names them. */
function recordedSettings(dir: string): { mode?: number; difficulty?: number } {
  let meta: unknown;
  try {
    meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8'));
  } catch {
    return {};
  }
  const m = (meta ?? {}) as { mode?: unknown; difficulty?: unknown };
  return {
    mode: Number.isInteger(m.mode) ? (m.mode as number) : undefined,
    difficulty: Number.isInteger(m.difficulty) ? (m.difficulty as number) : undefined,
  };
}

/** Reads a golden-format trace folder (steps.tsv, ram.bin.gz, screens.bin.gz); screens stay on disk. */
export function readTrace(dir: string): Trace {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new TraceError(`trace folder not found: ${dir} (it should hold steps.tsv, ram.bin.gz and screens.bin.gz)`);
  }
  for (const f of ['steps.tsv', 'ram.bin.gz', 'screens.bin.gz']) {
    if (!existsSync(join(dir, f))) throw new TraceError(`${join(dir, f)} is missing: a trace folder needs steps.tsv, ram.bin.gz and screens.bin.gz`);
  }
  const lines = readFileSync(join(dir, 'steps.tsv'), 'utf8').split('\n').filter((l) => l.trim() !== '');
  if (lines.length < 2 || !/^step\taction\treward\tterminal$/.test(lines[0].trim())) {
    throw new TraceError(`${join(dir, 'steps.tsv')}: expected the header "step action reward terminal" and at least one row`);
  }
  const steps: TraceStep[] = [];
  for (let i = 1; i < lines.length; i++) {
    const [step, action, reward, terminal] = lines[i].split('\t');
    const id = action === '-' || action === 'reset' ? 'reset' : Number(action);
    // The step column is not the row index: a reset row repeats the number of the row it follows.
    if (!Number.isInteger(Number(step)) || step === '' || (id !== 'reset' && !(Number.isInteger(id) && id >= 0 && id < 18)) || !Number.isFinite(Number(reward))) {
      throw new TraceError(`${join(dir, 'steps.tsv')} line ${i + 1} is malformed: ${JSON.stringify(lines[i])}`);
    }
    steps.push({ action: id, reward: Number(reward), terminal: terminal === '1' });
  }
  if (steps[0].action !== 'reset') throw new TraceError(`${join(dir, 'steps.tsv')}: row 0 must be the state after reset (action "-")`);
  let ram: Uint8Array;
  try {
    ram = new Uint8Array(gunzipSync(readFileSync(join(dir, 'ram.bin.gz'))));
  } catch {
    throw new TraceError(`${join(dir, 'ram.bin.gz')} is not a valid gzip file`);
  }
  if (ram.length !== steps.length * RAM_BYTES) {
    throw new TraceError(`${join(dir, 'ram.bin.gz')} holds ${ram.length} bytes; ${steps.length} rows need ${steps.length * RAM_BYTES}`);
  }
  return { dir, steps, ram, screensPath: join(dir, 'screens.bin.gz'), ...recordedSettings(dir) };
}

/** Yields the trace's screens one row at a time (the same buffer, refilled), without inflating the file in memory. */
export async function* traceScreens(trace: Trace): AsyncGenerator<Uint8Array> {
  const row = new Uint8Array(SCREEN_BYTES);
  let filled = 0;
  let rows = 0;
  const stream = createReadStream(trace.screensPath).pipe(createGunzip());
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let at = 0;
      while (at < chunk.length) {
        const n = Math.min(SCREEN_BYTES - filled, chunk.length - at);
        row.set(chunk.subarray(at, at + n), filled);
        filled += n;
        at += n;
        if (filled === SCREEN_BYTES) {
          rows++;
          yield row;
          filled = 0;
        }
      }
    }
  } catch (e) {
    throw new TraceError(`${trace.screensPath} could not be read as gzip: ${(e as Error).message}`);
  }
  if (filled !== 0 || rows !== trace.steps.length) {
    throw new TraceError(`${trace.screensPath} holds ${rows} whole screens (+${filled} bytes); steps.tsv has ${trace.steps.length} rows`);
  }
}

export interface RowMismatch {
  row: number;
  /** Pixels whose colour value differs. */
  pixels: number;
  /** First differing pixel, as [y, x], or null. */
  firstPixel: [number, number] | null;
  /** RAM offsets (0-127) that differ. */
  ramOffsets: number[];
  reward: { expected: number; actual: number } | null;
  terminal: { expected: boolean; actual: boolean } | null;
}

export interface ReplayResult {
  rows: number;
  matched: number;
  firstMismatch: RowMismatch | null;
  seconds: number;
  /** The game the table names for the ROM ('unknown' when it knows none). */
  game: string;
  /**
   * Rows whose RAM matches, as did the previous row's: there the game's rules (which read
   * RAM, and remember at most the frame before) see what ALE's saw.
   */
  ramMatched: number;
  /**
   * Such rows whose reward or game-over flag still differs: the game table's mistakes, not
   * the emulator's.
   */
  rulesMismatches: RowMismatch[];
  /** Rows with a reward or a game over in the trace, among those ramMatched counts. */
  eventsChecked: number;
}

function compareRow(row: number, env: AtariEnv, screen: Uint8Array, ram: Uint8Array, step: TraceStep, reward: number, terminal: boolean): RowMismatch | null {
  const actual = env.screen;
  let pixels = 0;
  let firstPixel: [number, number] | null = null;
  for (let i = 0; i < SCREEN_BYTES; i++) {
    if (actual[i] !== screen[i]) {
      if (pixels === 0) firstPixel = [Math.floor(i / SCREEN_WIDTH), i % SCREEN_WIDTH];
      pixels++;
    }
  }
  const ramOffsets: number[] = [];
  const actualRam = env.ram;
  const base = row * RAM_BYTES;
  for (let i = 0; i < RAM_BYTES; i++) if (actualRam[i] !== ram[base + i]) ramOffsets.push(i);
  const rewardBad = reward !== step.reward;
  const terminalBad = terminal !== step.terminal;
  if (pixels === 0 && ramOffsets.length === 0 && !rewardBad && !terminalBad) return null;
  return {
    row,
    pixels,
    firstPixel,
    ramOffsets,
    reward: rewardBad ? { expected: step.reward, actual: reward } : null,
    terminal: terminalBad ? { expected: step.terminal, actual: terminal } : null,
  };
}

export function describeMismatch(m: RowMismatch): string {
  const parts = [`row ${m.row}`];
  if (m.pixels > 0) parts.push(`${m.pixels} pixels differ (first at y=${m.firstPixel![0]}, x=${m.firstPixel![1]})`);
  if (m.ramOffsets.length > 0) parts.push(`RAM offsets ${m.ramOffsets.slice(0, 16).join(', ')}${m.ramOffsets.length > 16 ? ', ...' : ''} differ`);
  if (m.reward) parts.push(`reward ${m.reward.actual}, expected ${m.reward.expected}`);
  if (m.terminal) parts.push(`terminal ${m.terminal.actual}, expected ${m.terminal.expected}`);
  return parts.join('; ');
}

/** The environment a replay runs in: ALE's recording settings, the recorded mode and difficulty. */
function replayEnv(rom: Uint8Array, trace: Trace): AtariEnv {
  try {
    return new AtariEnv(rom, {
      frameSkip: 1,
      repeatActionProbability: 0,
      maxEpisodeFrames: 0,
      fullActionSpace: true,
      mode: trace.mode,
      difficulty: trace.difficulty,
      obsType: 'screen',
      reuseObservation: true,
    });
  } catch (e) {
    // A mode or difficulty the game does not have: the recording's meta.json and the ROM disagree.
    if (e instanceof RangeError) throw new TraceError(`${join(trace.dir, 'meta.json')}: ${e.message}`);
    throw e;
  }
}

/**
 * Replays a trace through an environment with frame skip 1 and no sticky actions, comparing
 * every row's screen, RAM, reward and terminal flag. Keeps going after a mismatch so the
 * count of matched rows is meaningful.
 */
export async function replayTrace(
  rom: Uint8Array,
  trace: Trace,
  options: { onProgress?: (row: number, rows: number, matched: number) => void; onMismatch?: (m: RowMismatch) => void } = {},
): Promise<ReplayResult> {
  const env = replayEnv(rom, trace);
  const start = process.hrtime.bigint();
  let row = 0;
  let matched = 0;
  let ramMatched = 0;
  let eventsChecked = 0;
  const rulesMismatches: RowMismatch[] = [];
  let previousRamOk = true;
  let firstMismatch: RowMismatch | null = null;
  for await (const screen of traceScreens(trace)) {
    const step = trace.steps[row];
    let reward = 0;
    let terminal = false;
    if (step.action === 'reset') {
      env.reset();
    } else {
      const r = env.step(step.action);
      reward = r.reward;
      terminal = r.terminated;
    }
    const m = compareRow(row, env, screen, trace.ram, step, reward, terminal);
    const ramOk = m === null || m.ramOffsets.length === 0;
    if (ramOk && (previousRamOk || step.action === 'reset')) {
      ramMatched++;
      if (step.reward !== 0 || step.terminal) eventsChecked++;
      if (m !== null && (m.reward !== null || m.terminal !== null)) rulesMismatches.push(m);
    }
    previousRamOk = ramOk;
    if (m === null) matched++;
    else {
      firstMismatch ??= m;
      options.onMismatch?.(m);
    }
    row++;
    if (options.onProgress && row % 500 === 0) options.onProgress(row, trace.steps.length, matched);
    // Our game ended where the trace's goes on: nothing further can be stepped, so the rest is unmatched.
    if (terminal && row < trace.steps.length && trace.steps[row].action !== 'reset') break;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { rows: trace.steps.length, matched, firstMismatch, seconds, game: env.game.name, ramMatched, rulesMismatches, eventsChecked };
}
