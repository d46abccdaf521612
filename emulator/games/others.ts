/**
 * The benchmark's games from other publishers: 20th Century Fox (Alien, Bank Heist), Bomb
 * (Assault), Imagic (Atlantis, Demon Attack), US Games (Gopher), Carrere Video (Name This
 * Game), Telesys (Star Gunner), Coleco (Time Pilot, Venture), Sega (Up'n Down) and CBS
 * Electronics (Wizard of Wor, Zaxxon).
 */
import { ALL_ACTIONS, actions, decimalScore, game, nibbleDigits, peek, scoreRules, type GameInfo, type GameRules } from './types.js';

// Alien: five score digits at $83-$8B (odd addresses, ones at $8B), each byte 8 x the digit
// ($80 a blank 0), in tens; lives in $C0's low nibble, over at 0. ALE reports the lives read
// even once the game is over. Modes 0-3 at $81.
function alienDigit(byte: number): number {
  return byte === 0x80 ? 0 : byte >> 3;
}

export const ALIEN: GameInfo = game({
  name: 'alien',
  minimalActions: ALL_ACTIONS,
  modes: [0, 1, 2, 3],
  modeSelect: { address: 0x81, holdFrames: 1 },
  difficulties: [0, 1, 2, 3],
  rules: scoreRules({
    score: (ram) => {
      let score = 0;
      for (let address = 0x83; address <= 0x8b; address += 2) score = score * 10 + alienDigit(peek(ram, address));
      return score * 10;
    },
    terminal: (ram) => (peek(ram, 0xc0) & 15) === 0,
    lives: (ram) => peek(ram, 0xc0) & 15,
    keepLivesAtEnd: true,
  }),
});

// Assault: BCD score at $80-$82 (high first); lives at $E5, over at 0.
export const ASSAULT: GameInfo = game({
  name: 'assault',
  minimalActions: actions('NOOP', 'FIRE', 'UP', 'RIGHT', 'LEFT', 'RIGHTFIRE', 'LEFTFIRE'),
  rules: scoreRules({
    score: (ram) => decimalScore(ram, 0x82, 0x81, 0x80),
    terminal: (ram) => peek(ram, 0xe5) === 0,
    lives: (ram) => peek(ram, 0xe5),
  }),
});

// Atlantis: BCD score at $A2, $A3, $A1 (low to high), in hundreds; $F1 holds the lives, $FF
// once over, when the score display is cleared: that frame gives no reward. Modes 0-3 at $8D.
export const ATLANTIS: GameInfo = game({
  name: 'atlantis',
  minimalActions: actions('NOOP', 'FIRE', 'RIGHTFIRE', 'LEFTFIRE'),
  modes: [0, 1, 2, 3],
  modeSelect: { address: 0x8d, holdFrames: 2 },
  rules: scoreRules({
    score: (ram) => decimalScore(ram, 0xa2, 0xa3, 0xa1) * 100,
    noRewardAtEnd: true,
    terminal: (ram) => peek(ram, 0xf1) === 0xff,
    lives: (ram) => peek(ram, 0xf1),
  }),
});

// Bank Heist: BCD score at $D8-$DA (high first); lives at $D5; over with none left when the
// death timer $CE reaches 1. Modes 0, 4, ... 28 at $80.
export const BANK_HEIST: GameInfo = game({
  name: 'bank_heist',
  minimalActions: ALL_ACTIONS,
  modes: [0, 4, 8, 12, 16, 20, 24, 28],
  modeSelect: { address: 0x80, holdFrames: 1 },
  difficulties: [0, 1, 2, 3],
  rules: scoreRules({
    score: (ram) => decimalScore(ram, 0xda, 0xd9, 0xd8),
    terminal: (ram) => peek(ram, 0xce) === 1 && peek(ram, 0xd5) === 0,
    lives: (ram) => peek(ram, 0xd5),
  }),
});

// Demon Attack: BCD score at $81 (high), $83, $85; the bytes $AB $CD $EA are the title
// screen, score 0. $F2 holds lives - 1; over with none left when $F1 reads $BD. Modes 1, 3,
// 5, 7 at $EA.
export const DEMON_ATTACK: GameInfo = game({
  name: 'demon_attack',
  minimalActions: actions('NOOP', 'FIRE', 'RIGHT', 'LEFT', 'RIGHTFIRE', 'LEFTFIRE'),
  modes: [1, 3, 5, 7],
  modeSelect: { address: 0xea, holdFrames: 1 },
  difficulties: [0, 1],
  rules: scoreRules({
    score: (ram) =>
      peek(ram, 0x81) === 0xab && peek(ram, 0x83) === 0xcd && peek(ram, 0x85) === 0xea ? 0 : decimalScore(ram, 0x85, 0x83, 0x81),
    terminal: (ram) => peek(ram, 0xf2) === 0 && peek(ram, 0xf1) === 0xbd,
    lives: (ram) => peek(ram, 0xf2) + 1,
  }),
});

// Gopher: BCD score at $B0-$B2 (high first); the carrots left are bits 0-2 of $B4, the lives
// ALE counts (0 carrots: over). FIRE starts the game. Modes 0 and 2 at $D3: ALE soft-resets
// first and holds SELECT 5 frames a press.
const CARROT_LIVES = [0, 1, 1, 2, 1, 2, 2, 3];

export const GOPHER: GameInfo = game({
  name: 'gopher',
  minimalActions: actions('NOOP', 'FIRE', 'UP', 'RIGHT', 'LEFT', 'UPFIRE', 'RIGHTFIRE', 'LEFTFIRE'),
  startingActions: actions('FIRE'),
  modes: [0, 2],
  modeSelect: { address: 0xd3, holdFrames: 5, softResetFirst: true },
  difficulties: [0, 1],
  rules: scoreRules({
    score: (ram) => decimalScore(ram, 0xb2, 0xb1, 0xb0),
    terminal: (ram) => (peek(ram, 0xb4) & 7) === 0,
    lives: (ram) => CARROT_LIVES[peek(ram, 0xb4) & 7],
  }),
});

// Name This Game: BCD score at $C4-$C6 (high first); lives in $C7's low 3 bits, over at 0.
// Modes $08, $18, $28 at $DE.
export const NAME_THIS_GAME: GameInfo = game({
  name: 'name_this_game',
  minimalActions: actions('NOOP', 'FIRE', 'RIGHT', 'LEFT', 'RIGHTFIRE', 'LEFTFIRE'),
  modes: [0x08, 0x18, 0x28],
  modeSelect: { address: 0xde, holdFrames: 2 },
  difficulties: [0, 1],
  rules: scoreRules({
    score: (ram) => decimalScore(ram, 0xc6, 0xc5, 0xc4),
    terminal: (ram) => (peek(ram, 0xc7) & 7) === 0,
    lives: (ram) => peek(ram, 0xc7) & 7,
  }),
});

// Star Gunner: four score digits at $83-$86 (low nibbles, ones first), in hundreds; $87
// holds the lives, 0 once over. Until it first reads 5 (play has begun) ALE reports 5 lives.
function starGunnerRules(): GameRules {
  let last = 0;
  let started = false;
  const rules = {
    reward: 0,
    terminal: false,
    lives: 5,
    reset(): void {
      last = 0;
      started = false;
      rules.reward = 0;
      rules.terminal = false;
    },
    step(ram: Uint8Array): void {
      const score = nibbleDigits(ram, 0x83, 4) * 100;
      rules.reward = score - last;
      last = score;
      const byte = peek(ram, 0x87);
      rules.terminal = byte === 0;
      if (byte === 5) started = true;
      rules.lives = rules.terminal ? 0 : started ? byte & 15 : 5;
    },
  };
  return rules;
}

export const STAR_GUNNER: GameInfo = game({
  name: 'star_gunner',
  minimalActions: ALL_ACTIONS,
  modes: [0, 1, 2, 3],
  modeSelect: { address: 0xf4, holdFrames: 15 },
  rules: starGunnerRules,
});

// Time Pilot: BCD score at $8D (low) and $8F, in hundreds; over when $A0 is not 0. Lives
// ($8B's low 3 bits + 1) are only valid while $80's low nibble reads 2 (in play).
export const TIME_PILOT: GameInfo = game({
  name: 'time_pilot',
  minimalActions: actions('NOOP', 'FIRE', 'UP', 'RIGHT', 'LEFT', 'DOWN', 'UPFIRE', 'RIGHTFIRE', 'LEFTFIRE', 'DOWNFIRE'),
  difficulties: [0, 1, 2],
  rules: scoreRules({
    score: (ram) => decimalScore(ram, 0x8d, 0x8f) * 100,
    terminal: (ram) => peek(ram, 0xa0) !== 0,
    lives: (ram, previous) => ((peek(ram, 0x80) & 15) === 2 ? (peek(ram, 0x8b) & 7) + 1 : previous),
    startLives: 5,
  }),
});

// Up'n Down: BCD score at $80-$82 (high first); $86's low nibble holds lives - 1; over with
// none left once the death timer $94 passes $40. FIRE starts the game; ALE's screen starts
// at line 30.
export const UP_N_DOWN: GameInfo = game({
  name: 'up_n_down',
  minimalActions: actions('NOOP', 'FIRE', 'UP', 'DOWN', 'UPFIRE', 'DOWNFIRE'),
  startingActions: actions('FIRE'),
  difficulties: [0, 1, 2, 3],
  display: { yStart: 30 },
  rules: scoreRules({
    score: (ram) => decimalScore(ram, 0x82, 0x81, 0x80),
    terminal: (ram) => peek(ram, 0x94) > 0x40 && (peek(ram, 0x86) & 15) === 0,
    lives: (ram) => (peek(ram, 0x86) & 15) + 1,
  }),
});

// Venture: BCD score at $C7 (high) and $C8, in hundreds; $C6 holds lives - 1; over with none
// left when $CD reads $FF and $BF bit 7 is set.
export const VENTURE: GameInfo = game({
  name: 'venture',
  minimalActions: ALL_ACTIONS,
  difficulties: [0, 1, 2, 3],
  rules: scoreRules({
    score: (ram) => decimalScore(ram, 0xc8, 0xc7) * 100,
    terminal: (ram) => peek(ram, 0xc6) === 0 && peek(ram, 0xcd) === 0xff && (peek(ram, 0xbf) & 0x80) !== 0,
    lives: (ram) => (peek(ram, 0xc6) & 7) + 1,
  }),
});

// Wizard of Wor: BCD score at $86 (low) and $88, in hundreds, with 8000 (a flag) removed;
// lives in $8D's low nibble, counted only while $D7 bit 0 is clear (between rounds); over
// with none left when $F4 reads $F8. The cartridge reads the agent's joystick on the
// second port.
export const WIZARD_OF_WOR: GameInfo = game({
  name: 'wizard_of_wor',
  minimalActions: actions('NOOP', 'FIRE', 'UP', 'RIGHT', 'LEFT', 'DOWN', 'UPFIRE', 'RIGHTFIRE', 'LEFTFIRE', 'DOWNFIRE'),
  swapJoysticks: true,
  difficulties: [0, 1],
  rules: scoreRules({
    score: (ram) => {
      const score = decimalScore(ram, 0x86, 0x88);
      return (score >= 8000 ? score - 8000 : score) * 100;
    },
    terminal: (ram) => (peek(ram, 0x8d) & 15) === 0 && peek(ram, 0xf4) === 0xf8,
    lives: (ram, previous) => ((peek(ram, 0xd7) & 1) === 0 ? peek(ram, 0x8d) & 15 : previous),
    startLives: 3,
  }),
});

// Zaxxon: BCD score at $E8 (high) and $E9, in hundreds; lives in $EA's low 3 bits, over at
// 0. Modes 0, 8, 16, 24 at $82, SELECT held 10 frames a press.
export const ZAXXON: GameInfo = game({
  name: 'zaxxon',
  minimalActions: ALL_ACTIONS,
  modes: [0, 8, 16, 24],
  modeSelect: { address: 0x82, holdFrames: 10 },
  rules: scoreRules({
    score: (ram) => decimalScore(ram, 0xe9, 0xe8) * 100,
    terminal: (ram) => (peek(ram, 0xea) & 7) === 0,
    lives: (ram) => peek(ram, 0xea) & 7,
  }),
});
