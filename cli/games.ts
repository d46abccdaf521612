import { ACTION_MEANINGS, knownGames } from '../emulator/games.js';

/** The game table as text: one line per game (name, md5, controller, actions), then its actions' names. */
export function gamesListing(): string {
  const lines: string[] = [];
  for (const { md5, game } of knownGames()) {
    const controller = game.controller === 'paddles' && game.swapPaddles ? 'paddles (swapped)' : game.controller;
    lines.push(`${game.name.padEnd(18)} ${md5}  ${controller.padEnd(17)} ${String(game.minimalActions.length).padStart(2)} actions`);
    lines.push(`  ${game.minimalActions.map((id) => ACTION_MEANINGS[id]).join(' ')}`);
  }
  return lines.join('\n') + '\n';
}
