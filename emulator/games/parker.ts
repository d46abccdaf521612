/** Parker Brothers' games of the benchmark: Amidar, James Bond 007, Montezuma's Revenge, Q*bert, Tutankham. */
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
  // ALE's cartridge database starts Q*bert's screen at line 40, not 34.
  display: { yStart: 40 },
  rules: qbertRules,
});

// Amidar: BCD score at $D9-$DB (low first); lives in $D6's low nibble, $80 once over.
export const AMIDAR: GameInfo = game({
  name: 'amidar',
  minimalActions: actions('NOOP', 'FIRE', 'UP', 'RIGHT', 'LEFT', 'DOWN', 'UPFIRE', 'RIGHTFIRE', 'LEFTFIRE', 'DOWNFIRE'),
  difficulties: [0, 3],
  rules: scoreRules({
    score: (ram) => decimalScore(ram, 0xd9, 0xda, 0xdb),
    terminal: (ram) => peek(ram, 0xd6) === 0x80,
    lives: (ram) => peek(ram, 0xd6) & 15,
  }),
});

// James Bond 007: BCD score at $DC-$DE (low first); $86's low nibble holds lives - 1; over
// with none left when $8C reads $68. $8C shows the mode (or the mode + $48) after SELECT,
// held 20 frames a press.
export const JAMESBOND: GameInfo = game({
  name: 'jamesbond',
  minimalActions: ALL_ACTIONS,
  modes: [0, 1],
  modeSelect: { address: 0x8c, holdFrames: 20, shows: (value, mode) => value === mode || value === mode + 0x48 },
  rules: scoreRules({
    score: (ram) => decimalScore(ram, 0xdc, 0xdd, 0xde),
    terminal: (ram) => (peek(ram, 0x86) & 15) === 0 && peek(ram, 0x8c) === 0x68,
    lives: (ram) => (peek(ram, 0x86) & 15) + 1,
  }),
});

// Tutankham: BCD score at $9A (high) and $9C; lives in $9E's low 2 bits; over with none left
// unless $81 reads $84. Modes 0, 4, 8, 12 at $AB.
export const TUTANKHAM: GameInfo = game({
  name: 'tutankham',
  minimalActions: actions('NOOP', 'UP', 'RIGHT', 'LEFT', 'DOWN', 'UPFIRE', 'RIGHTFIRE', 'LEFTFIRE'),
  modes: [0, 4, 8, 12],
  modeSelect: { address: 0xab, holdFrames: 2 },
  rules: scoreRules({
    score: (ram) => decimalScore(ram, 0x9c, 0x9a),
    terminal: (ram) => peek(ram, 0x9e) === 0 && peek(ram, 0x81) !== 0x84,
    lives: (ram) => peek(ram, 0x9e) & 3,
  }),
});
