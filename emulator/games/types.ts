/**
 * The shape of a game table entry: what ALE knows about a cartridge beyond its bytes.
 * The facts come from ALE's per-game settings and docs; the code here is our own.
 */
export type Controller = 'paddles' | 'joystick';

/** ALE's 18 action ids, by index. */
export const ACTION_MEANINGS = [
  'NOOP', 'FIRE', 'UP', 'RIGHT', 'LEFT', 'DOWN', 'UPRIGHT', 'UPLEFT', 'DOWNRIGHT', 'DOWNLEFT',
  'UPFIRE', 'RIGHTFIRE', 'LEFTFIRE', 'DOWNFIRE', 'UPRIGHTFIRE', 'UPLEFTFIRE', 'DOWNRIGHTFIRE', 'DOWNLEFTFIRE',
] as const;

export type ActionName = (typeof ACTION_MEANINGS)[number];

/** ALE action ids of the named actions, in id order (ALE lists a minimal set by id), so that entries read as names. */
export function actions(...names: ActionName[]): number[] {
  return names.map((n) => ACTION_MEANINGS.indexOf(n)).sort((a, b) => a - b);
}

/** All 18 ids: the minimal set of games that need every joystick direction with and without FIRE. */
export const ALL_ACTIONS: readonly number[] = ACTION_MEANINGS.map((_, i) => i);

/**
 * What a game says about one frame, read from RAM after the frame. One instance per
 * environment: some games need the previous frame's values (Q*bert's lives, River Raid's
 * fuel byte), so the rules keep state. step() runs every frame, the reset protocol's too,
 * as ALE's does, and must not allocate (it is on the per-frame path).
 */
export interface GameRules {
  /** Forgets what earlier frames said (ALE calls it once per reset, after the first soft reset). */
  reset(): void;
  /** Reads the frame that just ended. */
  step(ram: Uint8Array): void;
  /** Reward of that frame (usually the score's change). */
  readonly reward: number;
  /** The game is over. */
  readonly terminal: boolean;
  /** Lives left as ALE reports them (0 for games without lives, and once the game is over). */
  readonly lives: number;
}

/**
 * How ALE reaches a game mode: press SELECT (held `holdFrames` frames, then one idle frame)
 * until the RAM byte at `address` shows the mode; then a soft reset. Without an address
 * nothing is pressed, only the soft reset is kept (the built-in game's one mode).
 */
export interface ModeSelect {
  address?: number;
  holdFrames?: number;
  /** Whether the byte shows `mode`; default: it equals it. */
  shows?: (value: number, mode: number) => boolean;
  /** Idle frames first, for games that only take SELECT once their title runs (Berzerk). */
  idleFramesFirst?: number;
  /** A soft reset first (Gopher). */
  softResetFirst?: boolean;
  /** One press of this many frames before the RAM is read at all (Yars' Revenge). */
  firstPressFrames?: number;
  /**
   * A game whose mode is picked some other way (Double Dunk's option menu) does it all here,
   * its closing soft reset included; the fields above are then unused.
   */
  custom?: (mode: number, menu: ModeMenu) => void;
}

/** What a custom mode selection may do, as ALE's per-game code does it. */
export interface ModeMenu {
  readonly ram: Uint8Array;
  /** SELECT held `frames` frames, then one idle frame. */
  pressSelect(frames: number): void;
  /** One frame with ALE action `id` held. */
  act(id: number): void;
  softReset(): void;
}

/** Screen settings ALE's cartridge database gives a game (only where they differ from Pong's). */
export interface DisplaySettings {
  /** First scanline of the 210 observed (default 34). */
  yStart?: number;
  /** HMOVE's 8 black pixels (default on). */
  hmoveBlanks?: boolean;
}

export interface GameInfo {
  /** ALE's name (the ROM file's name in ALE). */
  readonly name: string;
  readonly controller: Controller;
  /** The cartridge reads player A's paddle on the second port (Pong's wiring). */
  readonly swapPaddles: boolean;
  /** ALE action ids of the game's minimal action set, in ALE's order. */
  readonly minimalActions: readonly number[];
  /** Ids the game accepts; any other id is played as NOOP (Skiing refuses FIRE). */
  readonly legalActions: readonly number[];
  /** Actions ALE plays, one frame each, at the end of every reset (Enduro's FIRE starts the race). */
  readonly startingActions: readonly number[];
  readonly modes: readonly number[];
  readonly defaultMode: number;
  /** Difficulty d sets the left (player 0) switch to A when bit 0 is set, the right when bit 1 is. */
  readonly difficulties: readonly number[];
  /** null: the game has one mode and ALE neither selects it nor soft-resets for it. */
  readonly modeSelect: ModeSelect | null;
  /** The cartridge reads player A's joystick on the second port (ALE's SwapPorts). */
  readonly swapJoysticks: boolean;
  /** ALE's per-game screen settings, which the environment gives the console. */
  readonly display?: DisplaySettings;
  /** The game's reward, game over and lives, fresh for each environment. */
  rules(): GameRules;
  /** Player and opponent scores, for games (Pong) whose result is a two-sided score. */
  scores?(ram: Uint8Array): { player: number; opponent: number };
  isGameOver?(ram: Uint8Array): boolean;
}

/** A BCD byte (two decimal digits, as the 6502's decimal mode keeps them) as a number. */
export function bcd(byte: number): number {
  return (byte >> 4) * 10 + (byte & 15);
}

/** The RAM byte at a $80-$FF address, the way ALE's settings name them. */
export function peek(ram: Uint8Array, address: number): number {
  return ram[address & 0x7f];
}

/** A score kept as BCD bytes, lowest two digits first, each byte two more digits. */
export function decimalScore(ram: Uint8Array, ...addressesLowFirst: number[]): number {
  let score = 0;
  let scale = 1;
  for (const a of addressesLowFirst) {
    score += bcd(peek(ram, a)) * scale;
    scale *= 100;
  }
  return score;
}

/** Decimal digits kept one per byte in the low nibble, ones first, $A drawn as a blank 0. */
export function nibbleDigits(ram: Uint8Array, first: number, count: number): number {
  let score = 0;
  for (let address = first + count - 1; address >= first; address--) {
    const digit = peek(ram, address) & 15;
    score = score * 10 + (digit === 10 ? 0 : digit);
  }
  return score;
}

export interface ScoreRulesSpec {
  /** The running score; the reward is its change from frame to frame. */
  score(ram: Uint8Array): number;
  terminal(ram: Uint8Array): boolean;
  /**
   * Lives as the game shows them; omitted for games without lives (reported as 0). Some
   * games show them only on some screens, so the previous count is passed in.
   */
  lives?(ram: Uint8Array, previous: number): number;
  /** The lives ALE assumes before the first frame it reads. */
  startLives?: number;
  /** The score ALE assumes before the first frame it reads (Pitfall starts at 2000 points). */
  startScore?: number;
  /** Lives are reported as read even once the game is over (ALE's Alien, Chopper Command). */
  keepLivesAtEnd?: boolean;
  /** A score that drops (a display reset) gives no negative reward. */
  ignoreDrops?: boolean;
  /** Rewards above this are cut to it (Ice Hockey: at most 1 a frame). */
  maxReward?: number;
  /** The game-over frame gives no reward and the score is not updated (Atlantis). */
  noRewardAtEnd?: boolean;
  /** The score counter rolls over at this value: a drop is a rise past it (Asteroids, Space Invaders). */
  wrapsAt?: number;
  /**
   * The game counts as over only once this has held on some frame since the reset (play
   * began): title screens often read as game over (Breakout, Chopper Command).
   */
  startedWhen?(ram: Uint8Array): boolean;
}

/** Rules for the common case: the reward is the score's change, game over and lives read off RAM. */
export function scoreRules(spec: ScoreRulesSpec): () => GameRules {
  return () => {
    let last = spec.startScore ?? 0;
    let held = spec.startLives ?? 0;
    let started = spec.startedWhen === undefined;
    const rules = {
      reward: 0,
      terminal: false,
      lives: 0,
      reset(): void {
        last = spec.startScore ?? 0;
        held = spec.startLives ?? 0;
        started = spec.startedWhen === undefined;
        rules.reward = 0;
        rules.terminal = false;
      },
      step(ram: Uint8Array): void {
        const score = spec.score(ram);
        if (!started) started = spec.startedWhen!(ram);
        rules.terminal = started && spec.terminal(ram);
        if (rules.terminal && spec.noRewardAtEnd) rules.reward = 0;
        else {
          let reward = score - last;
          if (spec.wrapsAt !== undefined && reward < 0) reward += spec.wrapsAt;
          if (spec.ignoreDrops && reward < 0) reward = 0;
          if (spec.maxReward !== undefined && reward > spec.maxReward) reward = spec.maxReward;
          rules.reward = reward;
          last = score;
        }
        if (spec.lives) held = spec.lives(ram, held);
        rules.lives = !spec.lives || (rules.terminal && !spec.keepLivesAtEnd) ? 0 : held;
      },
    };
    return rules;
  };
}

/** Defaults for an entry: one mode (0), one difficulty (0), every action legal, no starting actions. */
export function game(entry: Pick<GameInfo, 'name' | 'minimalActions' | 'rules'> & Partial<GameInfo>): GameInfo {
  const modes = entry.modes ?? [0];
  return {
    controller: 'joystick',
    swapPaddles: false,
    legalActions: ALL_ACTIONS,
    startingActions: [],
    modes,
    defaultMode: modes[0],
    difficulties: [0],
    modeSelect: null,
    swapJoysticks: false,
    ...entry,
  };
}
