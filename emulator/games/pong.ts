import { actions, game, scoreRules, type GameInfo } from './types.js';

// Pong keeps the computer's score at RAM offset 13 ($8D) and the player's at 14 ($8E);
// a game ends when either reaches 21. The reward is the change in their difference.
const COMPUTER = 13;
const PLAYER = 14;

const scores = (ram: Uint8Array): { player: number; opponent: number } => ({ player: ram[PLAYER], opponent: ram[COMPUTER] });
const isGameOver = (ram: Uint8Array): boolean => ram[COMPUTER] === 21 || ram[PLAYER] === 21;

/** Atari's Video Olympics, ALE's Pong. Mode 1 is the second of its paddle games; $96 holds the mode. */
export const PONG: GameInfo = game({
  name: 'pong',
  controller: 'paddles',
  swapPaddles: true,
  minimalActions: actions('NOOP', 'FIRE', 'RIGHT', 'LEFT', 'RIGHTFIRE', 'LEFTFIRE'),
  modes: [0, 1],
  modeSelect: { address: 0x96, holdFrames: 2 },
  // The left switch sets the computer's bat width, the right one the player's.
  difficulties: [0, 1, 2, 3],
  rules: scoreRules({ score: (ram) => ram[PLAYER] - ram[COMPUTER], terminal: isGameOver }),
  scores,
  isGameOver,
});

/**
 * pong-train's own Pong (roms/pong.asm): the same RAM offsets for the scores, the same
 * actions and paddles, but wired straight (the player's paddle on port 0). It has one
 * ALE-style mode; the reset keeps Pong's three soft resets so both games start alike.
 */
export const BUILTIN_PONG: GameInfo = {
  ...PONG,
  name: 'pong-train',
  swapPaddles: false,
  modes: [0],
  defaultMode: 0,
  difficulties: [0],
  modeSelect: {},
};

/** The md5 of the assembled roms/pong.asm; test/builtin-game.test.ts holds the two together. */
export const BUILTIN_PONG_MD5 = '36bc0b3d71c1ce29d77cc57034df3d64';
