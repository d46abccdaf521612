/**
 * Atari's own games of the benchmark: Asterix, Asteroids, Battlezone, Berzerk, Bowling, Breakout,
 * Centipede, Crazy Climber, Defender, Double Dunk, Gravitar, Kangaroo, Krull, Ms. Pac-Man,
 * Phoenix, Road Runner, Solaris, Space Invaders, Surround, Video Pinball, Yars' Revenge.
 */
import { ALL_ACTIONS, actions, decimalScore, game, nibbleDigits, peek, scoreRules, type GameInfo, type GameRules, type ModeMenu } from './types.js';

// Bowling: BCD score at $A1 (low) and $A6 (high); the game is over after frame 10, when
// the frame counter $A4 passes $10. $82 holds the game variation, stepped by SELECT.
export const BOWLING: GameInfo = game({
  name: 'bowling',
  minimalActions: actions('NOOP', 'FIRE', 'UP', 'DOWN', 'UPFIRE', 'DOWNFIRE'),
  modes: [0, 2, 4],
  modeSelect: { address: 0x82, holdFrames: 2 },
  difficulties: [0, 1],
  rules: scoreRules({ score: (ram) => decimalScore(ram, 0xa1, 0xa6), terminal: (ram) => peek(ram, 0xa4) > 0x10 }),
});

// Kangaroo: BCD score at $A7-$A8 in hundreds; $AD holds lives - 1 and $FF once the game is
// over; $BA's low 7 bits hold the mode (bit 7 flags the attract screen).
export const KANGAROO: GameInfo = game({
  name: 'kangaroo',
  minimalActions: ALL_ACTIONS,
  modes: [0, 1],
  modeSelect: { address: 0xba, holdFrames: 2, shows: (value, mode) => (value & 0x7f) === mode },
  rules: scoreRules({
    score: (ram) => decimalScore(ram, 0xa8, 0xa7) * 100,
    terminal: (ram) => peek(ram, 0xad) === 0xff,
    lives: (ram) => (peek(ram, 0xad) & 7) + 1,
  }),
});

// Road Runner: four score digits in the low nibbles of $C9-$CC (ones first), in hundreds.
// $C4's low 3 bits hold lives - 1; with none left, the game is over once the bird moves
// ($B9, $BD), i.e. after the last death animation.
export const ROAD_RUNNER: GameInfo = game({
  name: 'road_runner',
  minimalActions: ALL_ACTIONS,
  rules: scoreRules({
    score: (ram) => nibbleDigits(ram, 0xc9, 4) * 100,
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

// Asterix: BCD score at $DE-$E0 (high first); lives in $D3's low nibble; over when the
// last life's death counter $C7 reaches 1. FIRE starts the game.
export const ASTERIX: GameInfo = game({
  name: 'asterix',
  minimalActions: actions('NOOP', 'UP', 'RIGHT', 'LEFT', 'DOWN', 'UPRIGHT', 'UPLEFT', 'DOWNRIGHT', 'DOWNLEFT'),
  startingActions: actions('FIRE'),
  rules: scoreRules({
    score: (ram) => decimalScore(ram, 0xe0, 0xdf, 0xde),
    terminal: (ram) => peek(ram, 0xc7) === 1 && (peek(ram, 0xd3) & 15) === 1,
    lives: (ram) => peek(ram, 0xd3) & 15,
  }),
});

// Battlezone: three score digits in thousands: the high nibble of $9D, both nibbles of $9E
// ($A draws a blank 0); lives in $BA's low nibble. Modes 1-3 at $A1. ALE turns its HMOVE
// blanking off.
function battleZoneDigit(nibble: number): number {
  return nibble === 10 ? 0 : nibble;
}

export const BATTLE_ZONE: GameInfo = game({
  name: 'battle_zone',
  minimalActions: ALL_ACTIONS,
  modes: [1, 2, 3],
  modeSelect: { address: 0xa1, holdFrames: 2 },
  display: { hmoveBlanks: false },
  rules: scoreRules({
    score: (ram) =>
      (battleZoneDigit(peek(ram, 0x9d) >> 4) + 10 * battleZoneDigit(peek(ram, 0x9e) & 15) + 100 * battleZoneDigit(peek(ram, 0x9e) >> 4)) * 1000,
    terminal: (ram) => (peek(ram, 0xba) & 15) === 0,
    lives: (ram) => peek(ram, 0xba) & 15,
  }),
});

// Berzerk: BCD score at $DD-$DF (high first); $DA holds lives - 1, $FF once over. Its modes
// (1-9, $10-$12, at $80) only take SELECT after 20 idle frames.
export const BERZERK: GameInfo = game({
  name: 'berzerk',
  minimalActions: ALL_ACTIONS,
  modes: [1, 2, 3, 4, 5, 6, 7, 8, 9, 0x10, 0x11, 0x12],
  modeSelect: { address: 0x80, holdFrames: 2, idleFramesFirst: 20 },
  rules: scoreRules({
    score: (ram) => decimalScore(ram, 0xdf, 0xde, 0xdd),
    terminal: (ram) => peek(ram, 0xda) === 0xff,
    lives: (ram) => peek(ram, 0xda) + 1,
  }),
});

// Centipede: BCD score at $F4-$F6 (high first), never a negative reward (the score display
// resets); lives - 1 in bits 4-6 of $ED; over when $A6 bit 6 is set. Modes $16 and $56 at $A7.
export const CENTIPEDE: GameInfo = game({
  name: 'centipede',
  minimalActions: ALL_ACTIONS,
  modes: [0x16, 0x56],
  modeSelect: { address: 0xa7, holdFrames: 2 },
  rules: scoreRules({
    score: (ram) => decimalScore(ram, 0xf6, 0xf5, 0xf4),
    ignoreDrops: true,
    terminal: (ram) => (peek(ram, 0xa6) & 0x40) !== 0,
    lives: (ram) => ((peek(ram, 0xed) >> 4) & 7) + 1,
  }),
});

// Crazy Climber: one decimal digit a byte at $82-$85 (ones first), in hundreds, never a
// negative reward; lives at $AA. Modes 0-3 at $80.
export const CRAZY_CLIMBER: GameInfo = game({
  name: 'crazy_climber',
  minimalActions: actions('NOOP', 'UP', 'RIGHT', 'LEFT', 'DOWN', 'UPRIGHT', 'UPLEFT', 'DOWNRIGHT', 'DOWNLEFT'),
  modes: [0, 1, 2, 3],
  modeSelect: { address: 0x80, holdFrames: 2 },
  difficulties: [0, 1],
  rules: scoreRules({
    score: (ram) => (peek(ram, 0x82) + 10 * peek(ram, 0x83) + 100 * peek(ram, 0x84) + 1000 * peek(ram, 0x85)) * 100,
    ignoreDrops: true,
    terminal: (ram) => peek(ram, 0xaa) === 0,
    lives: (ram) => peek(ram, 0xaa),
  }),
});

// Defender: six score digits at $9C-$A1 (low nibbles, ones first); lives at $C2. Modes 1-9
// and 16 (easy) at $9B.
export const DEFENDER: GameInfo = game({
  name: 'defender',
  minimalActions: ALL_ACTIONS,
  modes: [1, 2, 3, 4, 5, 6, 7, 8, 9, 16],
  modeSelect: { address: 0x9b, holdFrames: 2 },
  difficulties: [0, 1],
  rules: scoreRules({
    score: (ram) => nibbleDigits(ram, 0x9c, 6),
    terminal: (ram) => peek(ram, 0xc2) === 0,
    lives: (ram) => peek(ram, 0xc2),
  }),
});

// Gravitar: BCD score at offsets 7-9 (high first); $81 reads 1 once the game is over and 0
// before play (6 lives then); otherwise $84 holds lives - 1. Sixteen FIREs start the game;
// modes 0-4 at $80, each SELECT held 10 frames.
export const GRAVITAR: GameInfo = game({
  name: 'gravitar',
  minimalActions: ALL_ACTIONS,
  startingActions: Array<number>(16).fill(actions('FIRE')[0]),
  modes: [0, 1, 2, 3, 4],
  modeSelect: { address: 0x80, holdFrames: 10 },
  rules: scoreRules({
    score: (ram) => decimalScore(ram, 9, 8, 7),
    terminal: (ram) => peek(ram, 0x81) === 1,
    lives: (ram) => (peek(ram, 0x81) === 0 ? 6 : peek(ram, 0x84) + 1),
  }),
});

// Krull: BCD score at $9C-$9E (high first); $9F holds lives - 1; over with none left when
// $A2 reads 3 and $80 reads $80.
export const KRULL: GameInfo = game({
  name: 'krull',
  minimalActions: ALL_ACTIONS,
  rules: scoreRules({
    score: (ram) => decimalScore(ram, 0x9e, 0x9d, 0x9c),
    terminal: (ram) => peek(ram, 0x9f) === 0 && peek(ram, 0xa2) === 3 && peek(ram, 0x80) === 0x80,
    lives: (ram) => (peek(ram, 0x9f) & 7) + 1,
  }),
});

// Phoenix: BCD at $C8 (high) and $C9, then a digit in $C7's high nibble, then a fixed 0;
// over when $CC reads $80; lives in $CB's low 3 bits.
export const PHOENIX: GameInfo = game({
  name: 'phoenix',
  minimalActions: actions('NOOP', 'FIRE', 'RIGHT', 'LEFT', 'DOWN', 'RIGHTFIRE', 'LEFTFIRE', 'DOWNFIRE'),
  rules: scoreRules({
    score: (ram) => (decimalScore(ram, 0xc8, 0xc9) * 10 + (peek(ram, 0xc7) >> 4)) * 10,
    terminal: (ram) => peek(ram, 0xcc) === 0x80,
    lives: (ram) => peek(ram, 0xcb) & 7,
  }),
});

// Surround: each side's score in BCD ($F7 the player, $F6 the computer); the first to 10
// wins. $F9 holds the mode plus one. The cartridge reads the agent's joystick on the
// second port.
export const SURROUND: GameInfo = game({
  name: 'surround',
  minimalActions: actions('NOOP', 'UP', 'RIGHT', 'LEFT', 'DOWN'),
  swapJoysticks: true,
  modes: [0, 2],
  modeSelect: { address: 0xf9, holdFrames: 2, shows: (value, mode) => value === mode + 1 },
  difficulties: [0, 1, 2, 3],
  rules: scoreRules({
    score: (ram) => decimalScore(ram, 0xf7) - decimalScore(ram, 0xf6),
    terminal: (ram) => decimalScore(ram, 0xf6) === 10 || decimalScore(ram, 0xf7) === 10,
  }),
});

// Video Pinball: BCD score at $B4 (high), $B2, $B0; over when $AF bit 0 is set; balls left
// are 4 + the extra ball ($A8 bit 0) - balls played ($99's low 3 bits). Modes 0 and 2 at $C1.
export const VIDEO_PINBALL: GameInfo = game({
  name: 'video_pinball',
  minimalActions: actions('NOOP', 'FIRE', 'UP', 'RIGHT', 'LEFT', 'DOWN', 'UPFIRE', 'RIGHTFIRE', 'LEFTFIRE'),
  modes: [0, 2],
  modeSelect: { address: 0xc1, holdFrames: 2 },
  difficulties: [0, 1],
  rules: scoreRules({
    score: (ram) => decimalScore(ram, 0xb0, 0xb2, 0xb4),
    terminal: (ram) => (peek(ram, 0xaf) & 1) !== 0,
    lives: (ram) => 4 + (peek(ram, 0xa8) & 1) - (peek(ram, 0x99) & 7),
  }),
});

// Yars' Revenge: BCD score at $E0-$E2 (high first); lives in $9E's high nibble. FIRE starts
// the game. Modes 0, $20, $40, $60 at $E3: ALE presses SELECT once for 2 frames, then as
// often as needed for 1.
export const YARS_REVENGE: GameInfo = game({
  name: 'yars_revenge',
  minimalActions: ALL_ACTIONS,
  startingActions: actions('FIRE'),
  modes: [0, 0x20, 0x40, 0x60],
  modeSelect: { address: 0xe3, holdFrames: 1, firstPressFrames: 2 },
  difficulties: [0, 1],
  rules: scoreRules({
    score: (ram) => decimalScore(ram, 0xe2, 0xe1, 0xe0),
    terminal: (ram) => peek(ram, 0x9e) >> 4 === 0,
    lives: (ram) => peek(ram, 0x9e) >> 4,
  }),
});

// Double Dunk: each side's points in BCD ($F6 the player, $F7 the opponent); over when one
// reaches 24 and $FE reads $E7. Its 16 modes are four yes/no options (bits 0-3 of the mode:
// 3-pointers, 10-second rule, 3-second rule, fouls) on a menu: SELECT opens it, DOWN steps
// to the next line ($B0 changes), RIGHT and LEFT set the line's bit in $80. After the menu a
// soft reset and UPFIRE (then NOOP) start the game; UPFIRE is its starting action as well.
const DOUBLE_DUNK_OPTION_BITS = [0x08, 0x10, 0x04, 0x20];

function doubleDunkMenu(mode: number, menu: ModeMenu): void {
  const [NOOP, UPFIRE, RIGHT, LEFT, DOWN] = [0, 10, 3, 4, 5];
  const nextLine = (): void => {
    const line = menu.ram[0xb0 & 0x7f];
    while (menu.ram[0xb0 & 0x7f] === line) {
      menu.act(DOWN);
      menu.act(NOOP);
    }
  };
  const setBit = (bit: number, on: boolean): void => {
    while (((menu.ram[0x80 & 0x7f] & bit) !== 0) !== on) {
      menu.act(on ? RIGHT : LEFT);
      menu.act(NOOP);
    }
  };
  menu.pressSelect(1);
  nextLine();
  DOUBLE_DUNK_OPTION_BITS.forEach((bit, i) => {
    nextLine();
    setBit(bit, (mode & (1 << i)) !== 0);
  });
  menu.softReset();
  menu.act(UPFIRE);
  menu.act(NOOP);
}

export const DOUBLE_DUNK: GameInfo = game({
  name: 'double_dunk',
  minimalActions: ALL_ACTIONS,
  startingActions: actions('UPFIRE'),
  modes: Array.from({ length: 16 }, (_, m) => m),
  modeSelect: { custom: doubleDunkMenu },
  rules: scoreRules({
    score: (ram) => decimalScore(ram, 0xf6) - decimalScore(ram, 0xf7),
    terminal: (ram) => (decimalScore(ram, 0xf6) >= 24 || decimalScore(ram, 0xf7) >= 24) && peek(ram, 0xfe) === 0xe7,
  }),
});

// Asteroids: BCD score at $BD (high) and $BE, in tens, rolling over at 100,000; lives in
// $BC's high nibble, over at 0. Modes 0-31 and $80 (kids) at $80. ALE turns its HMOVE
// blanking off.
export const ASTEROIDS: GameInfo = game({
  name: 'asteroids',
  minimalActions: actions('NOOP', 'FIRE', 'UP', 'RIGHT', 'LEFT', 'DOWN', 'UPRIGHT', 'UPLEFT', 'UPFIRE', 'RIGHTFIRE', 'LEFTFIRE', 'DOWNFIRE', 'UPRIGHTFIRE', 'UPLEFTFIRE'),
  modes: [...Array.from({ length: 32 }, (_, m) => m), 0x80],
  modeSelect: { address: 0x80, holdFrames: 2 },
  difficulties: [0, 3],
  display: { hmoveBlanks: false },
  rules: scoreRules({
    score: (ram) => decimalScore(ram, 0xbe, 0xbd) * 10,
    wrapsAt: 100_000,
    terminal: (ram) => peek(ram, 0xbc) >> 4 === 0,
    lives: (ram) => peek(ram, 0xbc) >> 4,
  }),
});

// Breakout: a paddle game (not swapped). Score digits: offset 77's two nibbles, then offset
// 76's low nibble for the hundreds; offset 57 holds the balls left. The game counts as over
// only once that byte has read 5 (play began) and then reads 0. Modes 0, 4, ... 44 at $B2.
export const BREAKOUT: GameInfo = game({
  name: 'breakout',
  controller: 'paddles',
  minimalActions: actions('NOOP', 'FIRE', 'RIGHT', 'LEFT'),
  modes: Array.from({ length: 12 }, (_, i) => i * 4),
  modeSelect: { address: 0xb2, holdFrames: 1 },
  difficulties: [0, 1],
  rules: scoreRules({
    score: (ram) => (ram[77] & 15) + 10 * (ram[77] >> 4) + 100 * (ram[76] & 15),
    startedWhen: (ram) => ram[57] === 5,
    terminal: (ram) => ram[57] === 0,
    lives: (ram) => ram[57],
    startLives: 5,
  }),
});

// Ms. Pac-Man: BCD score at $F8-$FA (low first); $FB's low nibble holds lives - 1; over with
// none left when the death timer $A7 reads $53. Mode m is $99 = m with $A1 = 0, except mode
// 0, the standard game, which is $99 = 1 with $A1 = 1; SELECT is held 10 frames a press.
// ALE turns its HMOVE blanking off.
function msPacmanMenu(mode: number, menu: ModeMenu): void {
  const [wantMode, wantVariant] = mode === 0 ? [1, 1] : [mode, 0];
  while (menu.ram[0x99 & 0x7f] !== wantMode || menu.ram[0xa1 & 0x7f] !== wantVariant) menu.pressSelect(10);
  menu.softReset();
}

export const MS_PACMAN: GameInfo = game({
  name: 'ms_pacman',
  minimalActions: actions('NOOP', 'UP', 'RIGHT', 'LEFT', 'DOWN', 'UPRIGHT', 'UPLEFT', 'DOWNRIGHT', 'DOWNLEFT'),
  modes: [0, 1, 2, 3],
  modeSelect: { custom: msPacmanMenu },
  display: { hmoveBlanks: false },
  rules: scoreRules({
    score: (ram) => decimalScore(ram, 0xf8, 0xf9, 0xfa),
    terminal: (ram) => (peek(ram, 0xfb) & 15) === 0 && peek(ram, 0xa7) === 0x53,
    lives: (ram) => (peek(ram, 0xfb) & 7) + 1,
  }),
});

// Space Invaders: BCD score at $E6 (high) and $E8, rolling over at 10,000; lives at $C9;
// over with none left or once $98 bit 7 is set. Modes 0-15 at $DC.
export const SPACE_INVADERS: GameInfo = game({
  name: 'space_invaders',
  minimalActions: actions('NOOP', 'FIRE', 'RIGHT', 'LEFT', 'RIGHTFIRE', 'LEFTFIRE'),
  modes: Array.from({ length: 16 }, (_, m) => m),
  modeSelect: { address: 0xdc, holdFrames: 2 },
  difficulties: [0, 1],
  rules: scoreRules({
    score: (ram) => decimalScore(ram, 0xe8, 0xe6),
    wrapsAt: 10_000,
    terminal: (ram) => (peek(ram, 0x98) & 0x80) !== 0 || peek(ram, 0xc9) === 0,
    lives: (ram) => peek(ram, 0xc9),
  }),
});
