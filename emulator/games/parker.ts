/** Parker Brothers' games of the benchmark: Montezuma's Revenge, Q*bert. */
import { ALL_ACTIONS, actions, decimalScore, game, peek, scoreRules, type GameInfo, type GameRules } from './types.js';

// Montezuma's Revenge: BCD score at $93-$95 (high first); $BA holds lives - 1 (low 3 bits);
// the game is over with no life left once $FE reads $60.
export const MONTEZUMA_REVENGE: GameInfo = game({
  name: 'montezuma_revenge',
  minimalActions: ALL_ACTIONS,
  rules: scoreRules({
    score: (ram) => decimalScore(ram, 0x95, 0x94, 0x93),
    terminal: (ram) => peek(ram, 0xba) === 0 && peek(ram, 0xfe) === 0x60,
    lives: (ram) => (peek(ram, 0xba) & 7) + 1,
  }),
});

// Q*bert keeps lives - 2 at $88 as a signed byte: $FE (-2) once the game is over, and on the
// first frame of a new game a 2 following -1. Lives count down each time it drops by one.
// No reward is given on the game-over frame (the score display is cleared then).
function qbertRules(): GameRules {
  let last = 0;
  let lastLives = 2;
  const rules = {
    reward: 0,
    terminal: false,
    lives: 4,
    counted: 4,
    reset(): void {
      last = 0;
      lastLives = 2;
      rules.counted = 4;
      rules.reward = 0;
      rules.terminal = false;
    },
    step(ram: Uint8Array): void {
      const byte = peek(ram, 0x88);
      const signed = byte > 127 ? byte - 256 : byte;
      rules.terminal = byte === 0xfe || (byte === 0x02 && lastLives === -1);
      if (signed === lastLives - 1) rules.counted--;
      lastLives = signed;
      if (rules.terminal) rules.reward = 0;
      else {
        const score = decimalScore(ram, 0xdb, 0xda, 0xd9);
        rules.reward = score - last;
        last = score;
      }
      rules.lives = rules.terminal ? 0 : rules.counted;
    },
  };
  return rules;
}

export const QBERT: GameInfo = game({
  name: 'qbert',
  minimalActions: actions('NOOP', 'FIRE', 'UP', 'RIGHT', 'LEFT', 'DOWN'),
  difficulties: [0, 1],
  rules: qbertRules,
});
