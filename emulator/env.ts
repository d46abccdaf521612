import { Atari2600 } from './atari2600.js';
// md5.ts, not rom-file.ts (node:fs): the environment also runs in the watch page.
import { md5 } from './md5.js';
import { ACTION_MEANINGS, gameForMd5, type Controller, type GameInfo, type GameRules, type ModeMenu, type ModeSelect } from './games.js';
import { EnvRandom } from './random.js';
import { screenToRgb } from './palette.js';

export const SCREEN_WIDTH = 160;
export const SCREEN_HEIGHT = 210;

// ALE's paddle model: a resistance range, a per-frame step, both paddles centred at reset.
const PADDLE_MIN = 27450;
const PADDLE_MAX = 790196;
const PADDLE_CENTRE = 408823;
const PADDLE_DELTA = 23000;
// ALE's reset protocol: frames of no input after power-on, frames the RESET switch is held.
const RESET_NOOP_FRAMES = 60;
const RESET_HOLD_FRAMES = 4;
// A mode a game's RAM never shows would keep SELECT pressed for ever: give up after this many presses.
const MAX_SELECT_PRESSES = 256;
// Likewise for a game's own mode menu (Double Dunk's): frames it may take at the most.
const MAX_MENU_FRAMES = 10_000;

const UP = 1, DOWN = 2, LEFT = 4, RIGHT = 8, FIRE = 16;
/** Each ALE action id as controller bits, read once from its name. */
const ACTION_BITS = Uint8Array.from(ACTION_MEANINGS, (m) =>
  (m.includes('UP') ? UP : 0) | (m.includes('DOWN') ? DOWN : 0) | (m.includes('LEFT') ? LEFT : 0) | (m.includes('RIGHT') ? RIGHT : 0) | (m.includes('FIRE') ? FIRE : 0),
);

export type ObservationType = 'rgb' | 'screen' | 'ram';

export interface AtariEnvOptions {
  /** Frames an action is applied for: a number, or an inclusive [min, max] drawn per step. Default 4 (ALE v5). */
  frameSkip?: number | readonly [number, number];
  /** Sticky actions: each frame the previous action is kept with this probability. Default 0.25 (ALE v5). */
  repeatActionProbability?: number;
  /** Episode frames after which a step reports `truncated`. Default 108,000 (ALE v5); 0 for none. */
  maxEpisodeFrames?: number;
  /** Seeds sticky actions and random frame skips. Default 0. */
  seed?: number;
  /** Action i is ALE's action id i (0-17) instead of the game's minimal set. */
  fullActionSpace?: boolean;
  /** Overrides the controller the game table names. */
  controller?: Controller;
  /** Game mode (ALE v5's `mode`); one the game table lists for this game. Default: the game's default mode. */
  mode?: number;
  /** Difficulty switches (ALE v5's `difficulty`): bit 0 sets the left switch to A, bit 1 the right. Default 0. */
  difficulty?: number;
  /** 'rgb' (210x160x3, default), 'screen' (210x160 colour values) or 'ram' (128 bytes). */
  obsType?: ObservationType;
  /**
   * Return the same observation buffer on every call instead of a fresh copy. Faster, but
   * each call overwrites the previous observation.
   */
  reuseObservation?: boolean;
  /**
   * Do not draw the frames nobody observes: those inside a frame skip before the last, and the
   * reset protocol's. Collisions and everything else stay exact. One caveat: a game that ends
   * inside a skip is observed at its last drawn frame. Default false.
   */
  skipDrawing?: boolean;
  /** Called after every emulated frame of a step (inside frame skips too) with the 210x160 colour values. */
  onFrame?: (screen: Uint8Array) => void;
}

export interface StepInfo {
  /** Frames emulated since the last reset. */
  episodeFrameNumber: number;
  /** Frames emulated since this environment was made. */
  frameNumber: number;
  /** Frames this step emulated (the frame skip drawn). */
  frames: number;
  /**
   * The CPU executed a JAM (KIL) opcode and has stopped: the screen stays frozen and nothing
   * changes until reset(). A real console needs a power cycle; the episode still ends only
   * by the game or the frame limit.
   */
  jammed: boolean;
  /** Lives left as ALE counts them for this game (0 for games without lives and once the game is over). */
  lives: number;
}

export interface ResetResult {
  observation: Uint8Array;
  info: StepInfo;
}

export interface StepResult {
  observation: Uint8Array;
  reward: number;
  terminated: boolean;
  truncated: boolean;
  info: StepInfo;
}

/** A call out of order (step before reset, after the end) or an action out of range; bad options are TypeError or RangeError. */
export class EnvError extends Error {
  override name = 'EnvError';
}

/** A value as the user wrote it, for error messages: strings quoted, arrays and objects as JSON. */
function shown(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'object' && v !== null && !ArrayBuffer.isView(v)) {
    try {
      return JSON.stringify(v);
    } catch {
      return String(v);
    }
  }
  return ArrayBuffer.isView(v) ? v.constructor.name : String(v);
}

/** A number, else a TypeError naming the option (strings such as '4' are refused, not coerced). */
function numeric(name: string, v: unknown, rule: string): number {
  if (typeof v !== 'number') throw new TypeError(`${name} must be ${rule} (got ${typeof v === 'string' ? 'the string ' : ''}${shown(v)})`);
  return v;
}

/** The environment's seed: an integer in 0..2^32-1 (its generator's state). NaN or 2^53 would silently act as 0. */
function checkSeed(seed: unknown): number {
  const rule = 'an integer from 0 to 4294967295';
  const s = numeric('seed', seed, rule);
  if (!Number.isInteger(s) || s < 0 || s > 0xffffffff) throw new RangeError(`seed must be ${rule} (got ${shown(seed)})`);
  return s;
}

/** A mode or difficulty the game allows, else a RangeError naming the ones it does. */
function checkChoice(name: string, v: unknown, allowed: readonly number[], game: string): number {
  const list = allowed.join(', ');
  const n = numeric(name, v, `one of the ${name === 'mode' ? 'modes' : 'difficulties'} of ${game} (${list})`);
  if (!allowed.includes(n)) {
    throw new RangeError(`${name} ${shown(v)} is not available for ${game}: its ${name === 'mode' ? 'modes are' : 'difficulties are'} ${list}`);
  }
  return n;
}

function checkFrameSkip(skip: unknown): [number, number] {
  const rule = 'a whole number >= 1 or an inclusive range [min, max] with 1 <= min <= max';
  if (typeof skip !== 'number' && !(Array.isArray(skip) && skip.length === 2)) {
    const msg = `frameSkip must be ${rule} (got ${shown(skip)})`;
    throw Array.isArray(skip) ? new RangeError(msg) : new TypeError(msg);
  }
  const [min, max] = typeof skip === 'number' ? [skip, skip] : (skip as unknown[]);
  if (typeof min !== 'number' || typeof max !== 'number') throw new TypeError(`frameSkip must be ${rule} (got ${shown(skip)})`);
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 1 || max < min) {
    throw new RangeError(`frameSkip must be ${rule} (got ${shown(skip)})`);
  }
  return [min, max];
}

/**
 * An Atari 2600 game as a reinforcement-learning environment with Gymnasium's conventions
 * and ALE's semantics (reset protocol, paddles, sticky actions, frame skip, reward).
 */
export class AtariEnv {
  readonly console: Atari2600;
  readonly game: GameInfo;
  readonly controller: Controller;
  /** ALE action ids, indexed by this environment's action numbers. */
  readonly actionSet: readonly number[];
  readonly actionMeanings: readonly string[];
  readonly obsType: ObservationType;
  readonly mode: number;
  readonly difficulty: number;

  private rules: GameRules;
  /** Each ALE id as the game plays it: an id the game does not accept becomes NOOP, as in ALE. */
  private readonly playable: Uint8Array;
  private readonly skipMin: number;
  private readonly skipMax: number;
  private readonly stickiness: number;
  private readonly maxEpisodeFrames: number;
  private readonly reuse: boolean;
  private readonly onFrame: ((screen: Uint8Array) => void) | undefined;
  private readonly skipDrawing: boolean;
  private random: EnvRandom;

  private paddleA = PADDLE_CENTRE;
  private paddleB = PADDLE_CENTRE;
  private lastAction = 0;
  private episodeFrames = 0;
  private totalFrames = 0;
  private gameOver = false;
  private needsReset = true;
  private readonly rgb = new Uint8Array(SCREEN_WIDTH * SCREEN_HEIGHT * 3);

  constructor(rom: Uint8Array, options: AtariEnvOptions = {}) {
    // A string or a Float64Array would otherwise run as a (nonsense) cartridge.
    if (!(rom instanceof Uint8Array)) {
      throw new TypeError(`the ROM must be a Uint8Array of the cartridge's bytes (got ${rom === null || typeof rom !== 'object' ? typeof rom : ((rom as object).constructor?.name ?? 'an object')})`);
    }
    [this.skipMin, this.skipMax] = checkFrameSkip(options.frameSkip ?? 4);
    const p = numeric('repeatActionProbability', options.repeatActionProbability ?? 0.25, 'a number between 0 and 1');
    if (!(p >= 0 && p <= 1)) throw new RangeError(`repeatActionProbability must be between 0 and 1 (got ${p})`);
    this.stickiness = p;
    const maxFrames = numeric('maxEpisodeFrames', options.maxEpisodeFrames ?? 108_000, 'a whole number >= 0, 0 meaning no limit');
    if (!(Number.isInteger(maxFrames) && maxFrames >= 0)) throw new RangeError(`maxEpisodeFrames must be a whole number >= 0, 0 meaning no limit (got ${maxFrames})`);
    this.maxEpisodeFrames = maxFrames === 0 ? Infinity : maxFrames;
    this.random = new EnvRandom(checkSeed(options.seed ?? 0));
    this.obsType = options.obsType ?? 'rgb';
    if (!['rgb', 'screen', 'ram'].includes(this.obsType)) {
      throw new RangeError(`obsType must be 'rgb', 'screen' or 'ram' (got ${shown(options.obsType)})`);
    }
    this.reuse = options.reuseObservation ?? false;
    this.onFrame = options.onFrame;
    this.skipDrawing = (options.skipDrawing ?? false) && options.onFrame === undefined;

    this.console = new Atari2600(rom, { tvFormatProbe: true });
    this.game = gameForMd5(md5(rom));
    // ALE's per-game display properties (Q*bert's screen starts lower, Battlezone has no HMOVE bars).
    const display = this.game.display;
    if (display?.yStart !== undefined) this.console.setScreenStart(display.yStart);
    if (display?.hmoveBlanks !== undefined) this.console.setHmoveBlanks(display.hmoveBlanks);
    this.controller = options.controller ?? this.game.controller;
    if (this.controller !== 'paddles' && this.controller !== 'joystick') {
      throw new RangeError(`controller must be 'paddles' or 'joystick' (got ${shown(options.controller)})`);
    }
    this.actionSet = options.fullActionSpace ? ACTION_MEANINGS.map((_, i) => i) : this.game.minimalActions;
    this.actionMeanings = this.actionSet.map((id) => ACTION_MEANINGS[id]);
    this.playable = Uint8Array.from(ACTION_MEANINGS, (_, id) => (this.game.legalActions.includes(id) ? id : 0));
    const label = this.game.name === 'unknown' ? 'a ROM the game table does not know' : this.game.name;
    this.mode = checkChoice('mode', options.mode ?? this.game.defaultMode, this.game.modes, label);
    this.difficulty = checkChoice('difficulty', options.difficulty ?? 0, this.game.difficulties, label);
    this.rules = this.game.rules();
    this.loadReset();
  }

  get actionCount(): number {
    return this.actionSet.length;
  }

  /** The last frame's 210x160 TIA colour values. */
  get screen(): Uint8Array {
    return this.console.screen;
  }

  /** The console's 128 RAM bytes ($80-$FF). */
  get ram(): Uint8Array {
    return this.console.ram;
  }

  /**
   * ALE's reset: power on with the difficulty switches set, 60 idle frames, a soft reset
   * (RESET held 4 frames), the mode selected (SELECT pressed until the game's RAM shows it,
   * then a soft reset; games with one mode skip this), a soft reset, then the game's
   * starting actions. The game's rules read every one of these frames, as ALE's do.
   */
  reset(options: { seed?: number } = {}): ResetResult {
    if (options.seed !== undefined) {
      const seed = checkSeed(options.seed);
      this.random = new EnvRandom(seed);
      // As Gymnasium's seeded reset reloads the ROM: the console's power-on randomness (RAM,
      // timer) restarts from the seed, so an episode does not depend on the ones before it.
      this.console.load(seed);
      this.rules = this.game.rules();
      this.loadReset();
    }
    this.resetProtocol(this.mode, this.difficulty);
    this.gameOver = false;
    this.needsReset = false;
    this.episodeFrames = 0;
    return { observation: this.observe(), info: this.info(0) };
  }

  /**
   * The reset ALE's loadROM makes, with the game's default mode and difficulty 0 (Gymnasium
   * sets the mode only after loading): RAM keeps what its frames leave, which games that do
   * not clear all of RAM (Surround, Time Pilot) start their first episode from.
   */
  private loadReset(): void {
    this.resetProtocol(this.game.defaultMode, 0);
  }

  private resetProtocol(mode: number, difficulty: number): void {
    const c = this.console;
    const starting = this.game.startingActions;
    this.paddleA = this.paddleB = PADDLE_CENTRE;
    this.lastAction = 0;
    c.setDifficulty(0, (difficulty & 1) !== 0);
    c.setDifficulty(1, (difficulty & 2) !== 0);
    c.powerOn();
    this.applyInputs(0);
    c.drawing = !this.skipDrawing;
    for (let i = 0; i < RESET_NOOP_FRAMES; i++) this.protocolFrame();
    this.softReset();
    this.rules.reset();
    if (this.game.modeSelect !== null) this.selectMode(mode);
    // Only the protocol's last frame is observed (drawn when skipDrawing is on).
    this.softReset(starting.length === 0);
    for (let i = 0; i < starting.length; i++) {
      if (i === starting.length - 1) c.drawing = true;
      this.applyInputs(starting[i]);
      this.protocolFrame();
    }
    this.applyInputs(0);
  }

  /** Applies `action` (an index into actionSet) for one frame-skip's worth of frames. */
  step(action: number): StepResult {
    if (this.needsReset) {
      throw new EnvError(
        this.gameOver || this.episodeFrames > 0
          ? 'step() called after the episode ended; call reset() first'
          : 'step() called before reset(); call reset() first',
      );
    }
    if (!Number.isInteger(action) || action < 0 || action >= this.actionSet.length) {
      throw new EnvError(`action must be an integer in [0, ${this.actionSet.length - 1}] (got ${action})`);
    }
    const wanted = this.actionSet[action];
    const frames = this.skipMin === this.skipMax ? this.skipMin : this.random.int(this.skipMin, this.skipMax);
    const c = this.console;
    let reward = 0;
    // ALE emulates nothing once the rules say the game is over, even if the reset ended so.
    if (this.rules.terminal) this.gameOver = true;
    for (let f = 0; f < frames && !this.gameOver; f++) {
      // Sticky actions: ALE keeps the previous frame's action with probability p, per frame.
      if (this.stickiness === 0 || this.random.uniform() >= this.stickiness) this.lastAction = wanted;
      this.applyInputs(this.playable[this.lastAction]);
      // Only the frame a step returns (the last of the skip, or the episode's last) is drawn.
      if (this.skipDrawing) c.drawing = f === frames - 1 || this.episodeFrames + 1 >= this.maxEpisodeFrames;
      c.frame();
      this.rules.step(c.ram);
      this.onFrame?.(c.screen);
      this.episodeFrames++;
      this.totalFrames++;
      reward += this.rules.reward;
      if (this.rules.terminal) {
        this.gameOver = true;
        break;
      }
      if (this.episodeFrames >= this.maxEpisodeFrames) break;
    }
    const terminated = this.gameOver;
    const truncated = !terminated && this.episodeFrames >= this.maxEpisodeFrames;
    if (terminated || truncated) this.needsReset = true;
    return { observation: this.observe(), reward, terminated, truncated, info: this.info(frames) };
  }

  /** One frame of the reset protocol, read by the game's rules. */
  private protocolFrame(): void {
    this.console.frame();
    this.rules.step(this.console.ram);
  }

  private softReset(observed = false): void {
    const c = this.console;
    this.applyInputs(0);
    c.setResetSwitch(true);
    for (let i = 0; i < RESET_HOLD_FRAMES; i++) {
      if (observed && i === RESET_HOLD_FRAMES - 1) c.drawing = true;
      this.protocolFrame();
    }
    c.setResetSwitch(false);
  }

  /**
   * Presses SELECT until the game's RAM shows the wanted mode (each press holds it for the
   * game's number of frames, which its rules do not read, then one idle frame they do), then
   * soft-resets; or runs the game's own selection.
   */
  private selectMode(mode: number): void {
    const select = this.game.modeSelect!;
    if (select.custom) {
      select.custom(mode, this.modeMenu(mode));
      return;
    }
    if (select.address !== undefined) this.pressSelectUntilShown(select, mode);
    this.softReset();
  }

  /** The moves a custom mode selection may make; a menu that never settles is cut after MAX_MENU_FRAMES. */
  private modeMenu(mode: number): ModeMenu {
    let frames = 0;
    const count = (): void => {
      if (++frames > MAX_MENU_FRAMES) throw new Error(`${this.game.name}: mode ${mode} was not reached in ${MAX_MENU_FRAMES} frames`);
    };
    return {
      ram: this.console.ram,
      pressSelect: (n) => {
        count();
        this.pressSelect(n);
      },
      act: (id) => {
        count();
        this.act(id);
      },
      softReset: () => this.softReset(),
    };
  }

  private pressSelectUntilShown(select: ModeSelect, mode: number): void {
    const address = select.address! & 0x7f;
    const c = this.console;
    const shows = select.shows ?? ((value: number, mode: number) => value === mode);
    this.applyInputs(0);
    for (let i = 0; i < (select.idleFramesFirst ?? 0); i++) this.act(0);
    if (select.softResetFirst) this.softReset();
    if (select.firstPressFrames !== undefined) this.pressSelect(select.firstPressFrames);
    for (let presses = 0; !shows(c.ram[address], mode); presses++) {
      if (presses === MAX_SELECT_PRESSES) {
        throw new Error(`${this.game.name}: mode ${mode} did not show in RAM after ${presses} presses of SELECT`);
      }
      this.pressSelect(select.holdFrames ?? 1);
    }
  }

  /**
   * One frame of an action inside the reset protocol, as ALE's act() plays it there: not at
   * all once the game's rules say it is over.
   */
  private act(id: number): void {
    if (this.rules.terminal) return;
    this.applyInputs(id);
    this.protocolFrame();
    this.applyInputs(0);
  }

  /** SELECT held for `frames` frames the rules do not read, then released for one they do (ALE's pressSelect). */
  private pressSelect(frames: number): void {
    const c = this.console;
    c.setSelectSwitch(true);
    for (let i = 0; i < frames; i++) c.frame();
    c.setSelectSwitch(false);
    this.protocolFrame();
  }

  /** Sets the controllers for one frame of ALE action `id` (player B idles). */
  private applyInputs(id: number): void {
    const bits = ACTION_BITS[id];
    const fire = (bits & FIRE) !== 0;
    const c = this.console;
    if (this.controller === 'paddles') {
      // ALE's paddle: RIGHT lowers the resistance, LEFT raises it, every frame, clamped.
      if (bits & RIGHT) this.paddleA = Math.max(PADDLE_MIN, this.paddleA - PADDLE_DELTA);
      if (bits & LEFT) this.paddleA = Math.min(PADDLE_MAX, this.paddleA + PADDLE_DELTA);
      const a = this.game.swapPaddles ? 1 : 0;
      const b = this.game.swapPaddles ? 0 : 1;
      c.setPaddle(a, this.paddleA);
      c.setPaddle(b, this.paddleB);
      c.setPaddleButton(a, fire);
      c.setPaddleButton(b, false);
    } else {
      const port = this.game.swapJoysticks ? 1 : 0;
      c.setJoystick(port, (bits & UP) !== 0, (bits & DOWN) !== 0, (bits & LEFT) !== 0, (bits & RIGHT) !== 0);
      c.setJoystickFire(port, fire);
    }
  }

  private observe(): Uint8Array {
    const c = this.console;
    if (this.obsType === 'ram') return this.reuse ? c.ram : c.ram.slice();
    if (this.obsType === 'screen') return this.reuse ? c.screen : c.screen.slice();
    return this.reuse ? screenToRgb(c.screen, this.rgb) : screenToRgb(c.screen);
  }

  private info(frames: number): StepInfo {
    return { episodeFrameNumber: this.episodeFrames, frameNumber: this.totalFrames, frames, jammed: this.console.jammed, lives: this.rules.lives };
  }
}
