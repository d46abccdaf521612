/**
 * The game table: what ALE knows about each cartridge beyond the ROM itself (controllers,
 * the minimal action set, modes and difficulties, the reset's starting actions, how to read
 * reward, game over and lives), keyed by the ROM's md5. An unknown ROM still runs.
 * The entries live in emulator/games/, one module per publisher.
 */
import { BEAM_RIDER, ENDURO, HERO, PITFALL, RIVERRAID, SKIING } from './games/activision.js';
import { BOWLING, KANGAROO, ROAD_RUNNER, SOLARIS } from './games/atari.js';
import { MONTEZUMA_REVENGE, QBERT } from './games/parker.js';
import { BUILTIN_PONG, BUILTIN_PONG_MD5, PONG } from './games/pong.js';
import { ALL_ACTIONS, game, type GameInfo, type GameRules } from './games/types.js';

export { ACTION_MEANINGS, type Controller, type GameInfo, type GameRules, type ModeSelect } from './games/types.js';
export { BUILTIN_PONG_MD5 } from './games/pong.js';

/** md5 of the ROM ALE ships for each game (the images in ../shared/roms), then the entry. */
const GAMES: ReadonlyMap<string, GameInfo> = new Map([
  ['60e0ea3cbe0913d39803477945e9e5ec', PONG],
  [BUILTIN_PONG_MD5, BUILTIN_PONG],
  ['79ab4123a83dc11d468fb2108ea09e2e', BEAM_RIDER],
  ['c9b7afad3bfd922e006a6bfc1d4f3fe7', BOWLING],
  ['94b92a882f6dbaa6993a46e2dcc58402', ENDURO],
  ['fca4a5be1251927027f2c24774a02160', HERO],
  ['4326edb70ff20d0ee5ba58fa5cb09d60', KANGAROO],
  ['3347a6dd59049b15a38394aa2dafa585', MONTEZUMA_REVENGE],
  ['3e90cf23106f2e08b2781e41299de556', PITFALL],
  ['484b0076816a104875e00467d431c2d2', QBERT],
  ['393948436d1f4cc3192410bb918f9724', RIVERRAID],
  ['ce5cc62608be2cd3ed8abd844efb8919', ROAD_RUNNER],
  ['b76fbadc8ffb1f83e2ca08b6fb4d6c9f', SKIING],
  ['e72eb8d4410152bdcb69e7fba327b420', SOLARIS],
]);

/** The rules of a game nobody describes: no reward, never over, no lives. */
function noRules(): GameRules {
  return { reward: 0, terminal: false, lives: 0, reset() {}, step() {} };
}

/** A ROM ALE does not know: full action set, no reward, no game over, Pong's three soft resets. */
export const UNKNOWN_GAME: GameInfo = game({
  name: 'unknown',
  minimalActions: ALL_ACTIONS,
  modeSelect: {},
  rules: noRules,
  scores: () => ({ player: 0, opponent: 0 }),
  isGameOver: () => false,
});

export function gameForMd5(md5: string): GameInfo {
  return GAMES.get(md5) ?? UNKNOWN_GAME;
}

/** Every game the table knows, with its md5, in name order. */
export function knownGames(): { md5: string; game: GameInfo }[] {
  return [...GAMES].map(([md5, g]) => ({ md5, game: g })).sort((a, b) => a.game.name.localeCompare(b.game.name));
}
