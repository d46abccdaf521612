/** Atari's own games of the benchmark: Bowling, Kangaroo, Road Runner, Solaris. */
import { ALL_ACTIONS, actions, decimalScore, game, peek, scoreRules, type GameInfo } from './types.js';

// Bowling: BCD score at $A1 (low) and $A6 (high); the game is over after frame 10, when
// the frame counter $A4 passes $10. $82 holds the game variation, stepped by SELECT.
export const BOWLING: GameInfo = game({
  name: 'bowling',
  minimalActions: actions('NOOP', 'FIRE', 'UP', 'DOWN', 'UPFIRE', 'DOWNFIRE'),
  modes: [0, 2, 4],
  modeSelect: { address: 0x82, mask: 0xff, holdFrames: 2 },
  difficulties: [0, 1],
  rules: scoreRules({ score: (ram) => decimalScore(ram, 0xa1, 0xa6), terminal: (ram) => peek(ram, 0xa4) > 0x10 }),
});

// Kangaroo: BCD score at $A7-$A8 in hundreds; $AD holds lives - 1 and $FF once the game is
// over; $BA's low 7 bits hold the mode (bit 7 flags the attract screen).
export const KANGAROO: GameInfo = game({
  name: 'kangaroo',
  minimalActions: ALL_ACTIONS,
  modes: [0, 1],
  modeSelect: { address: 0xba, mask: 0x7f, holdFrames: 2 },
  rules: scoreRules({
    score: (ram) => decimalScore(ram, 0xa8, 0xa7) * 100,
    terminal: (ram) => peek(ram, 0xad) === 0xff,
    lives: (ram) => (peek(ram, 0xad) & 7) + 1,
  }),
});

// Road Runner: four score digits in the low nibbles of $C9-$CC (ones first, $A drawn as a
// blank 0), in hundreds. $C4's low 3 bits hold lives - 1; with none left, the game is over
// once the bird moves ($B9, $BD), i.e. after the last death animation.
function roadRunnerScore(ram: Uint8Array): number {
  let score = 0;
  for (let address = 0xcc; address >= 0xc9; address--) {
    const digit = peek(ram, address) & 15;
    score = score * 10 + (digit === 10 ? 0 : digit);
  }
  return score * 100;
}

export const ROAD_RUNNER: GameInfo = game({
  name: 'road_runner',
  minimalActions: ALL_ACTIONS,
  rules: scoreRules({
    score: roadRunnerScore,
    terminal: (ram) => (peek(ram, 0xc4) & 7) === 0 && (peek(ram, 0xb9) !== 0 || peek(ram, 0xbd) !== 0),
    lives: (ram) => (peek(ram, 0xc4) & 7) + 1,
  }),
});

// Solaris: BCD score at $DC-$DE (low first) in tens; lives in the low nibble of $D9, over at 0.
export const SOLARIS: GameInfo = game({
  name: 'solaris',
  minimalActions: ALL_ACTIONS,
  rules: scoreRules({
    score: (ram) => decimalScore(ram, 0xdc, 0xdd, 0xde) * 10,
    terminal: (ram) => peek(ram, 0xd9) === 0,
    lives: (ram) => peek(ram, 0xd9) & 15,
  }),
});
