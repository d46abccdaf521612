/**
 * What ALE knows about a game beyond the ROM itself: controllers, the minimal action
 * set and how to read the score. Keyed by the ROM's md5; an unknown ROM still runs.
 */
export type Controller = 'paddles' | 'joystick';

export interface GameInfo {
  readonly name: string;
  readonly controller: Controller;
  /** The cartridge reads player A's paddle on the second port (Pong's wiring). */
  readonly swapPaddles: boolean;
  /** ALE action ids of the game's minimal action set, in ALE's order. */
  readonly minimalActions: readonly number[];
  /** The scores as the game keeps them in RAM ($80-based offsets). */
  scores(ram: Uint8Array): { player: number; opponent: number };
  isGameOver(ram: Uint8Array): boolean;
}

/** ALE's 18 action ids, by index. */
export const ACTION_MEANINGS = [
  'NOOP', 'FIRE', 'UP', 'RIGHT', 'LEFT', 'DOWN', 'UPRIGHT', 'UPLEFT', 'DOWNRIGHT', 'DOWNLEFT',
  'UPFIRE', 'RIGHTFIRE', 'LEFTFIRE', 'DOWNFIRE', 'UPRIGHTFIRE', 'UPLEFTFIRE', 'DOWNRIGHTFIRE', 'DOWNLEFTFIRE',
] as const;

// Pong's scores live at RAM offsets 13 (computer) and 14 (player); the game ends at 21.
const PONG: GameInfo = {
  name: 'pong',
  controller: 'paddles',
  swapPaddles: true,
  minimalActions: [0, 1, 3, 4, 11, 12],
  scores: (ram) => ({ player: ram[14], opponent: ram[13] }),
  isGameOver: (ram) => ram[13] === 21 || ram[14] === 21,
};

/**
 * pong-train's own Pong (roms/pong.asm): the same RAM offsets for the scores, the same
 * actions and paddles, but wired straight (the player's paddle on port 0).
 */
const BUILTIN_PONG: GameInfo = { ...PONG, name: 'pong-train', swapPaddles: false };

/** The md5 of the assembled roms/pong.asm; test/builtin-game.test.ts holds the two together. */
export const BUILTIN_PONG_MD5 = '36bc0b3d71c1ce29d77cc57034df3d64';

const GAMES: ReadonlyMap<string, GameInfo> = new Map([
  ['60e0ea3cbe0913d39803477945e9e5ec', PONG],
  [BUILTIN_PONG_MD5, BUILTIN_PONG],
]);

/** A ROM ALE does not know: full action set, no reward, no game over. */
export const UNKNOWN_GAME: GameInfo = {
  name: 'unknown',
  controller: 'joystick',
  swapPaddles: false,
  minimalActions: ACTION_MEANINGS.map((_, i) => i),
  scores: () => ({ player: 0, opponent: 0 }),
  isGameOver: () => false,
};

export function gameForMd5(md5: string): GameInfo {
  return GAMES.get(md5) ?? UNKNOWN_GAME;
}
