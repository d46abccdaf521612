/**
 * Activision's games of the benchmark: Beam Rider, Boxing, Chopper Command, Enduro, Fishing
 * Derby, Freeway, Frostbite, H.E.R.O., Ice Hockey, Kung-Fu Master, Pitfall!, Private Eye, River
 * Raid, Robot Tank, Seaquest, Skiing, Tennis.
 */
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
  modeSelect: { address: 0x80, holdFrames: 1 },
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

// Chopper Command: BCD score at $EC (high) and $EE (low) in hundreds; lives in $E4's low
// nibble. The game only counts as over once it has started: $C2 bit 0 (the chopper faces
// right) is set when play begins, and lives read 0 before that on the title screen.
const chopperLives = (ram: Uint8Array): number => peek(ram, 0xe4) & 15;

export const CHOPPER_COMMAND: GameInfo = game({
  name: 'chopper_command',
  minimalActions: ALL_ACTIONS,
  modes: [0, 2],
  modeSelect: { address: 0xe0, holdFrames: 2 },
  difficulties: [0, 1],
  rules: scoreRules({
    score: (ram) => decimalScore(ram, 0xee, 0xec) * 100,
    startedWhen: (ram) => (peek(ram, 0xc2) & 1) !== 0,
    terminal: (ram) => chopperLives(ram) === 0,
    lives: chopperLives,
  }),
});

// Fishing Derby: each side's catch in BCD ($BD the player, $BE the opponent); the reward
// is the change in their difference; the first to 99 ends it.
export const FISHING_DERBY: GameInfo = game({
  name: 'fishing_derby',
  minimalActions: ALL_ACTIONS,
  difficulties: [0, 1, 2, 3],
  rules: scoreRules({
    score: (ram) => decimalScore(ram, 0xbd) - decimalScore(ram, 0xbe),
    terminal: (ram) => peek(ram, 0xbd) === 0x99 || peek(ram, 0xbe) === 0x99,
  }),
});

// Frostbite: BCD score at $C8-$CA (high first); $CC's low nibble holds lives - 1; over with
// none left once $F1 bit 7 is set. $80 holds the mode.
export const FROSTBITE: GameInfo = game({
  name: 'frostbite',
  minimalActions: ALL_ACTIONS,
  modes: [0, 2],
  modeSelect: { address: 0x80, holdFrames: 1 },
  rules: scoreRules({
    score: (ram) => decimalScore(ram, 0xca, 0xc9, 0xc8),
    terminal: (ram) => (peek(ram, 0xcc) & 15) === 0 && (peek(ram, 0xf1) & 0x80) !== 0,
    lives: (ram) => (peek(ram, 0xcc) & 15) + 1,
  }),
});

// Ice Hockey: goals in BCD ($8A the player, $8B the opponent); at most +1 a frame; over when
// the clock ($87 minutes, $86 seconds) reaches 0:00.
export const ICE_HOCKEY: GameInfo = game({
  name: 'ice_hockey',
  minimalActions: ALL_ACTIONS,
  modes: [0, 2],
  modeSelect: { address: 0x80, holdFrames: 2 },
  difficulties: [0, 1, 2, 3],
  rules: scoreRules({
    score: (ram) => decimalScore(ram, 0x8a) - decimalScore(ram, 0x8b),
    maxReward: 1,
    terminal: (ram) => peek(ram, 0x87) === 0 && peek(ram, 0x86) === 0,
  }),
});

// Kung-Fu Master: BCD score at $98-$9A (high first); $9D holds lives - 1, $FF once over.
export const KUNG_FU_MASTER: GameInfo = game({
  name: 'kung_fu_master',
  minimalActions: actions('NOOP', 'UP', 'RIGHT', 'LEFT', 'DOWN', 'DOWNRIGHT', 'DOWNLEFT', 'RIGHTFIRE', 'LEFTFIRE', 'DOWNFIRE', 'UPRIGHTFIRE', 'UPLEFTFIRE', 'DOWNRIGHTFIRE', 'DOWNLEFTFIRE'),
  rules: scoreRules({
    score: (ram) => decimalScore(ram, 0x9a, 0x99, 0x98),
    terminal: (ram) => peek(ram, 0x9d) === 0xff,
    lives: (ram) => (peek(ram, 0x9d) & 7) + 1,
  }),
});

// Private Eye: BCD score at $C8-$CA (high first), starting at 1000; the game is over when
// the copyright timer $C2 runs (anything but 0 or 1). No lives.
export const PRIVATE_EYE: GameInfo = game({
  name: 'private_eye',
  minimalActions: ALL_ACTIONS,
  startingActions: actions('UP'),
  modes: [0, 1, 2, 3, 4],
  modeSelect: { address: 0x80, holdFrames: 2 },
  difficulties: [0, 1, 2, 3],
  rules: scoreRules({
    score: (ram) => decimalScore(ram, 0xca, 0xc9, 0xc8),
    startScore: 1000,
    terminal: (ram) => peek(ram, 0xc2) > 1,
  }),
});

// Robot Tank: the score is enemies destroyed, 12 a squadron ($B6 squadrons, $B5 tanks);
// $A8 holds reserve tanks; over with none left once $B4 reads $FF.
export const ROBOTANK: GameInfo = game({
  name: 'robotank',
  minimalActions: ALL_ACTIONS,
  rules: scoreRules({
    score: (ram) => peek(ram, 0xb6) * 12 + peek(ram, 0xb5),
    terminal: (ram) => peek(ram, 0xa8) === 0 && peek(ram, 0xb4) === 0xff,
    lives: (ram) => (peek(ram, 0xa8) & 15) + 1,
  }),
});

// Boxing: each boxer's points in BCD ($92 the player, $93 the opponent; $C0 is a knockout,
// 100). Over at a knockout or when the clock ($90 minutes in the high nibble, $91 BCD
// seconds) reaches 0:00. No lives.
function boxerPoints(ram: Uint8Array, address: number): number {
  return peek(ram, address) === 0xc0 ? 100 : decimalScore(ram, address);
}

export const BOXING: GameInfo = game({
  name: 'boxing',
  minimalActions: ALL_ACTIONS,
  difficulties: [0, 1, 2, 3],
  rules: scoreRules({
    score: (ram) => boxerPoints(ram, 0x92) - boxerPoints(ram, 0x93),
    terminal: (ram) =>
      boxerPoints(ram, 0x92) === 100 || boxerPoints(ram, 0x93) === 100 || (peek(ram, 0x90) >> 4 === 0 && decimalScore(ram, 0x91) === 0),
  }),
});

// Freeway: the chicken's crossings in BCD at offset 103 ($E7), at most +1 a frame, never
// negative; over when offset 22 ($96) reads 1 (the clock ran out). Modes 0-7 at $80.
export const FREEWAY: GameInfo = game({
  name: 'freeway',
  minimalActions: actions('NOOP', 'UP', 'DOWN'),
  modes: [0, 1, 2, 3, 4, 5, 6, 7],
  modeSelect: { address: 0x80, holdFrames: 1 },
  difficulties: [0, 1],
  rules: scoreRules({
    score: (ram) => decimalScore(ram, 0xe7),
    ignoreDrops: true,
    maxReward: 1,
    terminal: (ram) => ram[22] === 1,
  }),
});

// Seaquest: BCD score at $B8-$BA (high first); over when $A3 is not 0; $BB holds lives - 1.
export const SEAQUEST: GameInfo = game({
  name: 'seaquest',
  minimalActions: ALL_ACTIONS,
  difficulties: [0, 1],
  rules: scoreRules({
    score: (ram) => decimalScore(ram, 0xba, 0xb9, 0xb8),
    terminal: (ram) => peek(ram, 0xa3) !== 0,
    lives: (ram) => peek(ram, 0xbb) + 1,
  }),
});

// Tennis: games ($C5 the player, $C6 the opponent) and points in the set ($C7, $C8). The
// reward is the change in the points' difference, else in the games' difference. The set
// ends at 6 with a lead of 2, or at 7.
function tennisRules(): GameRules {
  let lastPoints = 0;
  let lastGames = 0;
  const rules = {
    reward: 0,
    terminal: false,
    lives: 0,
    reset(): void {
      lastPoints = 0;
      lastGames = 0;
      rules.reward = 0;
      rules.terminal = false;
    },
    step(ram: Uint8Array): void {
      const mine = peek(ram, 0xc7);
      const theirs = peek(ram, 0xc8);
      const points = mine - theirs;
      const games = peek(ram, 0xc5) - peek(ram, 0xc6);
      rules.reward = points !== lastPoints ? points - lastPoints : games !== lastGames ? games - lastGames : 0;
      lastPoints = points;
      lastGames = games;
      rules.terminal = (mine >= 6 && points >= 2) || (theirs >= 6 && -points >= 2) || mine === 7 || theirs === 7;
    },
  };
  return rules;
}

export const TENNIS: GameInfo = game({
  name: 'tennis',
  minimalActions: ALL_ACTIONS,
  modes: [0, 2],
  modeSelect: { address: 0x80, holdFrames: 2 },
  difficulties: [0, 1, 2, 3],
  rules: tennisRules,
});
