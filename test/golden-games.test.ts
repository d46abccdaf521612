import test from 'tape';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedFile, sharedPath } from './paths.js';
import { readTrace, replayTrace, describeMismatch } from '../emulator/trace.js';
import { gameForMd5 } from '../emulator/games.js';
import { md5 } from '../emulator/md5.js';

/**
 * The twelve ALE recordings of games other than Pong (../shared/golden/NAME), each pinned to
 * its row count and the rows where ALE reported a reward or game over (a recording that has
 * other counts is a broken fixture, and fails). Two checks each:
 *
 * 1. The game table alone, against ALE's own RAM: feeding each recorded RAM row to the
 *    game's rules must give the recorded reward and game-over flag on every row. This
 *    needs no emulation, so a wrong rule is told apart from a wrong emulator.
 * 2. The whole replay through verify's machinery: every row's screen, RAM, reward and game
 *    over are ALE's.
 *
 * Any other recording of a game the table knows found there (a folder with a meta.json naming
 * its ROM) is replayed too, and must match on every row.
 */
interface Pinned {
  rows: number;
  /** Rows where ALE reported a reward or a game over. */
  events: number;
}

const PINNED: Record<string, Pinned> = {
  bowling: { rows: 4001, events: 3 },
  skiing: { rows: 4001, events: 4000 },
  enduro: { rows: 4001, events: 0 },
  qbert: { rows: 4003, events: 18 },
  riverraid: { rows: 4002, events: 32 },
  pitfall: { rows: 4001, events: 465 },
  beam_rider: { rows: 4001, events: 8 },
  montezuma_revenge: { rows: 4003, events: 2 },
  kangaroo: { rows: 4003, events: 3 },
  hero: { rows: 4003, events: 3 },
  road_runner: { rows: 4007, events: 6 },
  solaris: { rows: 4001, events: 0 },
};

for (const [name, pinned] of Object.entries(PINNED)) {
  const rom = sharedFile(`roms/${name}.bin`);
  const dir = sharedPath(`golden/${name}`);
  const missing = !rom ? `../shared/roms/${name}.bin` : !dir ? `../shared/golden/${name}` : null;
  if (missing) console.log(`# skipping golden trace ${name}: ${missing} not found`);

  test(`golden ${name}: the game table's reward and game over agree with ALE on ALE's own RAM`, { skip: missing !== null }, (t) => {
    const game = gameForMd5(md5(rom!));
    t.equal(game.name, name, 'the table knows the ROM by its md5');
    const trace = readTrace(dir!);
    const rules = game.rules();
    let wrong = 0;
    let first = '';
    let events = 0;
    trace.steps.forEach((step, row) => {
      const ram = trace.ram.subarray(row * 128, row * 128 + 128);
      // After a reset the rules have read the protocol's frames, the last of which is this row.
      if (step.action === 'reset') rules.reset();
      rules.step(ram);
      if (step.action === 'reset') return;
      if (step.reward !== 0 || step.terminal) events++;
      if (rules.reward !== step.reward || rules.terminal !== step.terminal) {
        if (wrong++ === 0) first = `row ${row}: reward ${rules.reward} (ALE ${step.reward}), game over ${rules.terminal} (ALE ${step.terminal})`;
      }
    });
    t.equal(wrong, 0, `every row's reward and game over (${events} rows with one)${first ? `; first wrong: ${first}` : ''}`);
    t.end();
  });

  test(`golden ${name}: every row of the replay is ALE's`, { skip: missing !== null }, async (t) => {
    const result = await replayTrace(rom!, readTrace(dir!));
    t.equal(result.rows, pinned.rows, `the recording has ${pinned.rows} rows`);
    t.equal(result.eventsChecked, pinned.events, `${pinned.events} rows with a reward or game over`);
    t.equal(
      result.rulesMismatches.length,
      0,
      `reward and game over are ALE's wherever RAM matches${result.rulesMismatches.length ? `; first: ${describeMismatch(result.rulesMismatches[0])}` : ''}`,
    );
    const first = result.firstMismatch;
    t.equal(result.matched, result.rows, `every row matches ALE (${result.matched}/${result.rows}; first mismatch: ${first ? describeMismatch(first) : 'none'})`);
    t.end();
  });
}

/** Folders of ../shared/golden beyond Pong's and the pinned ones: other recordings of known games. */
function otherRecordings(): { name: string; dir: string; rom: Uint8Array | null }[] {
  const golden = sharedPath('golden');
  if (!golden) return [];
  return readdirSync(golden, { withFileTypes: true })
    .filter((e) => !e.name.startsWith('pong') && !(e.name in PINNED) && existsSync(join(golden, e.name, 'meta.json')))
    .map((e) => {
      const meta = JSON.parse(readFileSync(join(golden, e.name, 'meta.json'), 'utf8')) as { rom?: string };
      return { name: e.name, dir: join(golden, e.name), rom: sharedFile(meta.rom ?? `roms/${e.name}.bin`) };
    });
}

for (const { name, dir, rom } of otherRecordings()) {
  if (!rom) console.log(`# skipping golden trace ${name}: its ROM is not in ../shared`);
  test(`golden ${name} (found in ../shared/golden): every row of the replay is ALE's`, { skip: rom === null }, async (t) => {
    t.notEqual(gameForMd5(md5(rom!)).name, 'unknown', 'the table knows the ROM by its md5');
    const result = await replayTrace(rom!, readTrace(dir));
    const first = result.firstMismatch;
    t.equal(result.matched, result.rows, `every row matches ALE (${result.matched}/${result.rows}; first mismatch: ${first ? describeMismatch(first) : 'none'})`);
    t.end();
  });
}
