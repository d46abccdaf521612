/** Activision's games of the benchmark: Beam Rider, Enduro, H.E.R.O., Pitfall!, River Raid, Skiing. */
import { actions, ALL_ACTIONS, decimalScore, game, peek, scoreRules, type GameInfo, type GameRules } from './types.js';

// Beam Rider's score is BCD at offsets 9-11; $85 holds lives - 1. A lost life only counts
// once $8C reads 1 (the explosion is over); the game is over when offset 5 reads $FF.
function beamRiderRules(): GameRules {
  let last = 0;
  const rules = {
    reward: 0,
    terminal: false,
    lives: 3,
    heldLives: 3,
    reset(): void {
      last = 0;
      rules.reward = 0;
      rules.terminal = false;
      rules.heldLives = 3;
    },
    step(ram: Uint8Array): void {
      const score = decimalScore(ram, 0x89, 0x8a, 0x8b);
      rules.reward = score - last;
      last = score;
      const shown = peek(ram, 0x85) + 1;
      if (shown !== rules.heldLives - 1 || peek(ram, 0x8c) === 1) rules.heldLives = shown;
      rules.terminal = ram[5] === 0xff;
      rules.lives = rules.terminal ? 0 : rules.heldLives;
    },
  };
  return rules;
}

export const BEAM_RIDER: GameInfo = game({
  name: 'beam_rider',
  minimalActions: actions('NOOP', 'FIRE', 'UP', 'RIGHT', 'LEFT', 'UPRIGHT', 'UPLEFT', 'RIGHTFIRE', 'LEFTFIRE'),
  startingActions: actions('RIGHT'),
  difficulties: [0, 1],
  rules: beamRiderRules,
});

// Enduro counts the cars still to pass today ($AB-$AC, BCD: 200 on day 1, 300 after);
// $AD is the day (0 before the race starts). ALE's score is cars passed over all days.
function enduroScore(ram: Uint8Array): number {
  const day = peek(ram, 0xad);
  if (day === 0) return 0;
  const toPass = decimalScore(ram, 0xab, 0xac);
  if (day === 1) return 200 - toPass;
  return 200 + (day - 2) * 300 + (300 - toPass);
}

export const ENDURO: GameInfo = game({
  name: 'enduro',
  minimalActions: actions('NOOP', 'FIRE', 'RIGHT', 'LEFT', 'DOWN', 'DOWNRIGHT', 'DOWNLEFT', 'RIGHTFIRE', 'LEFTFIRE'),
  // FIRE accelerates: without it the race never starts.
  startingActions: actions('FIRE'),
  rules: scoreRules({ score: enduroScore, terminal: (ram) => peek(ram, 0xaf) === 0xff }),
});

// H.E.R.O.: six-digit BCD score at $B7-$B9 (high first), lives at $B3; $80 holds the level
// the game starts on (modes 0-4), stepped by SELECT.
export const HERO: GameInfo = game({
  name: 'hero',
  minimalActions: ALL_ACTIONS,
  modes: [0, 1, 2, 3, 4],
  modeSelect: { address: 0x80, mask: 0xff, holdFrames: 1 },
  rules: scoreRules({
    score: (ram) => decimalScore(ram, 0xb9, 0xb8, 0xb7),
    terminal: (ram) => peek(ram, 0xb3) === 0,
    lives: (ram) => peek(ram, 0xb3),
  }),
});

// Pitfall!: score BCD at $D5-$D7 (starts at 2000), lives in the high nibble of $80 as a
// bar pattern ($A: 3, $8: 2); over when no life is left and the end timer $9E runs.
export const PITFALL: GameInfo = game({
  name: 'pitfall',
  minimalActions: ALL_ACTIONS,
  startingActions: actions('UP'),
  rules: scoreRules({
    score: (ram) => decimalScore(ram, 0xd7, 0xd6, 0xd5),
    startScore: 2000,
    terminal: (ram) => peek(ram, 0x80) >> 4 === 0 && peek(ram, 0x9e) !== 0,
    lives: (ram) => {
      const bars = peek(ram, 0x80) >> 4;
      return bars === 0xa ? 3 : bars === 0x8 ? 2 : 1;
    },
  }),
});

// River Raid draws its score from digit graphics pointers: each of offsets 77-87 (odd)
// holds 8 x the digit. $C0 holds the lives as 8 x (lives - 1), with $58 before the first
// flight and $59 on the last life; the game ends on the step from $59 to $58.
function riverRaidDigit(pointer: number): number {
  return pointer % 8 === 0 && pointer <= 72 ? pointer / 8 : 0;
}

function riverRaidRules(): GameRules {
  let last = 0;
  let livesByte = 0x58;
  const rules = {
    reward: 0,
    terminal: false,
    lives: 0,
    reset(): void {
      last = 0;
      livesByte = 0x58;
      rules.reward = 0;
      rules.terminal = false;
    },
    step(ram: Uint8Array): void {
      let score = 0;
      for (let offset = 77; offset <= 87; offset += 2) score = score * 10 + riverRaidDigit(ram[offset]);
      rules.reward = score - last;
      last = score;
      const byte = peek(ram, 0xc0);
      rules.terminal = byte === 0x58 && livesByte === 0x59;
      livesByte = byte;
      rules.lives = rules.terminal ? 0 : byte === 0x58 ? 4 : byte === 0x59 ? 1 : (byte >> 3) + 1;
    },
  };
  return rules;
}

export const RIVERRAID: GameInfo = game({
  name: 'riverraid',
  minimalActions: ALL_ACTIONS,
  difficulties: [0, 1],
  rules: riverRaidRules,
});

// Skiing's reward is the clock, negated: minutes at $E8, centiseconds BCD at $E9-$EA;
// $91 reads $FF once the run is over. The skier has no use for FIRE, which ALE refuses.
export const SKIING: GameInfo = game({
  name: 'skiing',
  minimalActions: actions('NOOP', 'RIGHT', 'LEFT'),
  legalActions: actions('NOOP', 'UP', 'RIGHT', 'LEFT', 'DOWN', 'UPRIGHT', 'UPLEFT', 'DOWNRIGHT', 'DOWNLEFT'),
  // ALE pushes DOWN for 16 frames so the skier is moving when the episode starts.
  startingActions: Array<number>(16).fill(actions('DOWN')[0]),
  rules: scoreRules({
    score: (ram) => -(peek(ram, 0xe8) * 6000 + decimalScore(ram, 0xea, 0xe9)),
    terminal: (ram) => peek(ram, 0x91) === 0xff,
  }),
});
