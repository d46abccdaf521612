/**
 * The game table: what ALE knows about each cartridge beyond the ROM itself (controllers,
 * the minimal action set, modes and difficulties, the reset's starting actions, how to read
 * reward, game over and lives), keyed by the ROM's md5. An unknown ROM still runs.
 * The entries live in emulator/games/, one module per publisher; md5s are those of the ROMs
 * ALE ships (the images in ../shared/roms; for Asteroids, Boxing, Breakout, Freeway, Ms.
 * Pac-Man, Seaquest, Space Invaders and Tennis, which ../shared lacks, ALE's own md5).
 */
import * as activision from './games/activision.js';
import * as atari from './games/atari.js';
import * as others from './games/others.js';
import * as parker from './games/parker.js';
import { BUILTIN_PONG, BUILTIN_PONG_MD5, PONG } from './games/pong.js';
import { ALL_ACTIONS, game, type GameInfo, type GameRules } from './games/types.js';

export { ACTION_MEANINGS, type Controller, type GameInfo, type GameRules, type ModeMenu, type ModeSelect } from './games/types.js';
export { BUILTIN_PONG_MD5 } from './games/pong.js';

/** md5 of the ROM ALE ships for each game, then the entry. */
const GAMES: ReadonlyMap<string, GameInfo> = new Map([
  ['60e0ea3cbe0913d39803477945e9e5ec', PONG],
  [BUILTIN_PONG_MD5, BUILTIN_PONG],
  ['f1a0a23e6464d954e3a9579c4ccd01c8', others.ALIEN],
  ['acb7750b4d0c4bd34969802a7deb2990', parker.AMIDAR],
  ['de78b3a064d374390ac0710f95edde92', others.ASSAULT],
  ['89a68746eff7f266bbf08de2483abe55', atari.ASTERIX],
  ['ccbd36746ed4525821a8083b0d6d2c2c', atari.ASTEROIDS],
  ['9ad36e699ef6f45d9eb6c4cf90475c9f', others.ATLANTIS],
  ['00ce0bdd43aed84a983bef38fe7f5ee3', others.BANK_HEIST],
  ['41f252a66c6301f1e8ab3612c19bc5d4', atari.BATTLE_ZONE],
  ['79ab4123a83dc11d468fb2108ea09e2e', activision.BEAM_RIDER],
  ['136f75c4dd02c29283752b7e5799f978', atari.BERZERK],
  ['c9b7afad3bfd922e006a6bfc1d4f3fe7', atari.BOWLING],
  ['c3ef5c4653212088eda54dc91d787870', activision.BOXING],
  ['f34f08e5eb96e500e851a80be3277a56', atari.BREAKOUT],
  ['91c2098e88a6b13f977af8c003e0bca5', atari.CENTIPEDE],
  ['c1cb228470a87beb5f36e90ac745da26', activision.CHOPPER_COMMAND],
  ['55ef7b65066428367844342ed59f956c', atari.CRAZY_CLIMBER],
  ['0f643c34e40e3f1daafd9c524d3ffe64', atari.DEFENDER],
  ['f0e0addc07971561ab80d9abe1b8d333', others.DEMON_ATTACK],
  ['368d88a6c071caba60b4f778615aae94', atari.DOUBLE_DUNK],
  ['94b92a882f6dbaa6993a46e2dcc58402', activision.ENDURO],
  ['b8865f05676e64f3bec72b9defdacfa7', activision.FISHING_DERBY],
  ['8e0ab801b1705a740b476b7f588c6d16', activision.FREEWAY],
  ['4ca73eb959299471788f0b685c3ba0b5', activision.FROSTBITE],
  ['c16c79aad6272baffb8aae9a7fff0864', others.GOPHER],
  ['8ac18076d01a6b63acf6e2cab4968940', atari.GRAVITAR],
  ['fca4a5be1251927027f2c24774a02160', activision.HERO],
  ['a4c08c4994eb9d24fb78be1793e82e26', activision.ICE_HOCKEY],
  ['e51030251e440cffaab1ac63438b44ae', parker.JAMESBOND],
  ['4326edb70ff20d0ee5ba58fa5cb09d60', atari.KANGAROO],
  ['4baada22435320d185c95b7dd2bcdb24', atari.KRULL],
  ['5b92a93b23523ff16e2789b820e2a4c5', activision.KUNG_FU_MASTER],
  ['3347a6dd59049b15a38394aa2dafa585', parker.MONTEZUMA_REVENGE],
  ['87e79cd41ce136fd4f72cc6e2c161bee', atari.MS_PACMAN],
  ['36306070f0c90a72461551a7a4f3a209', others.NAME_THIS_GAME],
  ['7e52a95074a66640fcfde124fffd491a', atari.PHOENIX],
  ['3e90cf23106f2e08b2781e41299de556', activision.PITFALL],
  ['ef3a4f64b6494ba770862768caf04b86', activision.PRIVATE_EYE],
  ['484b0076816a104875e00467d431c2d2', parker.QBERT],
  ['393948436d1f4cc3192410bb918f9724', activision.RIVERRAID],
  ['ce5cc62608be2cd3ed8abd844efb8919', atari.ROAD_RUNNER],
  ['4f618c2429138e0280969193ed6c107e', activision.ROBOTANK],
  ['240bfbac5163af4df5ae713985386f92', activision.SEAQUEST],
  ['b76fbadc8ffb1f83e2ca08b6fb4d6c9f', activision.SKIING],
  ['e72eb8d4410152bdcb69e7fba327b420', atari.SOLARIS],
  ['72ffbef6504b75e69ee1045af9075f66', atari.SPACE_INVADERS],
  ['a3c1c70024d7aabb41381adbfb6d3b25', others.STAR_GUNNER],
  ['4d7517ae69f95cfbc053be01312b7dba', atari.SURROUND],
  ['42cdd6a9e42a3639e190722b8ea3fc51', activision.TENNIS],
  ['fc2104dd2dadf9a6176c1c1c8f87ced9', others.TIME_PILOT],
  ['085322bae40d904f53bdcc56df0593fc', parker.TUTANKHAM],
  ['a499d720e7ee35c62424de882a3351b6', others.UP_N_DOWN],
  ['3e899eba0ca8cd2972da1ae5479b4f0d', others.VENTURE],
  ['107cc025334211e6d29da0b6be46aec7', atari.VIDEO_PINBALL],
  ['7e8aa18bc9502eb57daaf5e7c1e94da7', others.WIZARD_OF_WOR],
  ['c5930d0e8cdae3e037349bfa08e871be', atari.YARS_REVENGE],
  ['eea0da9b987d661264cce69a7c13c3bd', others.ZAXXON],
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
