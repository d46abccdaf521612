// The console as the watch page drives it: one frame at a time, two paddles, each moved by the
// agent, a person or nobody (the cartridge's computer plays the left paddle in game 1). No DOM
// here, so Node tests can drive it too. Imports only browser-safe emulator modules.
import { Atari2600 } from '../emulator/atari2600.js';
import { gameForMd5, type GameInfo } from '../emulator/games.js';
import { md5 } from '../emulator/md5.js';

// ALE's paddle model (emulator/env.ts): a resistance range and a step per frame. Lower
// resistance charges the pot sooner, so the paddle goes UP: ALE's action RIGHT.
export const PADDLE_MIN = 27450;
export const PADDLE_MAX = 790196;
export const PADDLE_CENTRE = 408823;
export const PADDLE_STEP = 23000;
// ALE's reset: idle frames after power-on, frames a console switch is held.
const POWER_ON_FRAMES = 60;
const SWITCH_FRAMES = 4;
// Where the built-in game (and Atari's Pong) keep their scores: RAM $8D left, $8E right.
const LEFT_SCORE = 0x0d;
const RIGHT_SCORE = 0x0e;
/** RAM $8C of the built-in game: 0 one player, 1 two players. */
export const BUILTIN_GAME_NUMBER = 0x0c;

/** -1 up, 0 still, +1 down. */
export type Move = -1 | 0 | 1;

/** Which cartridge game is played: 1 against the computer, 2 two players (built-in game only). */
export type GameNumber = 1 | 2;

export class WatchGame {
  readonly console: Atari2600;
  readonly info: GameInfo;
  /** The cartridge is pong-train's own Pong, which has the two-player game. */
  readonly builtin: boolean;
  /** Frames since the game started (after the reset protocol). */
  frames = 0;
  game: GameNumber = 1;
  // Resistances of the player's (right) and the second player's (left) paddles.
  private right = PADDLE_CENTRE;
  private left = PADDLE_CENTRE;
  private readonly rightPort: 0 | 1;
  private readonly leftPort: 0 | 1;

  constructor(rom: Uint8Array) {
    this.console = new Atari2600(rom);
    this.info = gameForMd5(md5(rom));
    this.builtin = this.info.name === 'pong-train';
    // Atari's Pong reads the player's paddle on the second port; the built-in game on the first.
    this.rightPort = this.info.swapPaddles ? 1 : 0;
    this.leftPort = this.info.swapPaddles ? 0 : 1;
  }

  /** Powers on and starts `game` as ALE would: idle frames, SELECT for game 2, then RESET. */
  start(game: GameNumber): void {
    if (game === 2 && !this.builtin) throw new Error('the two-player game needs the built-in game');
    const c = this.console;
    this.game = game;
    this.right = this.left = PADDLE_CENTRE;
    c.powerOn();
    c.drawing = true;
    this.applyPaddles();
    for (let i = 0; i < POWER_ON_FRAMES; i++) c.frame();
    if (game === 2) this.pulse((on) => c.setSelectSwitch(on));
    this.pulse((on) => c.setResetSwitch(on));
    this.frames = 0;
  }

  /** One frame with the paddles moved as given (right: the player's, left: the second player's). */
  step(right: Move, left: Move): void {
    this.right = clamp(this.right + right * PADDLE_STEP);
    this.left = clamp(this.left + left * PADDLE_STEP);
    this.applyPaddles();
    this.console.frame();
    this.frames++;
  }

  /** The last frame's 210x160 colour values. */
  get screen(): Uint8Array {
    return this.console.screen;
  }

  get score(): { left: number; right: number } {
    const ram = this.console.ram;
    return { left: ram[LEFT_SCORE], right: ram[RIGHT_SCORE] };
  }

  get over(): boolean {
    return this.info.isGameOver?.(this.console.ram) ?? false;
  }

  private applyPaddles(): void {
    const c = this.console;
    c.setPaddle(this.rightPort, this.right);
    c.setPaddle(this.leftPort, this.left);
    c.setPaddleButton(this.rightPort, false);
    c.setPaddleButton(this.leftPort, false);
  }

  /** Holds a console switch for a few frames, then releases it for as many. */
  private pulse(set: (on: boolean) => void): void {
    set(true);
    for (let i = 0; i < SWITCH_FRAMES; i++) this.console.frame();
    set(false);
    for (let i = 0; i < SWITCH_FRAMES; i++) this.console.frame();
  }
}

function clamp(r: number): number {
  return Math.min(PADDLE_MAX, Math.max(PADDLE_MIN, r));
}
