import test from 'tape';
import { sharedFile, sharedPath } from './paths.js';
import { readTrace, replayTrace, describeMismatch } from '../emulator/trace.js';
import { gameForMd5 } from '../emulator/games.js';
import { md5 } from '../emulator/md5.js';

/**
 * The twelve ALE recordings of games other than Pong (../shared/golden/NAME). Two checks:
 *
 * 1. The game table alone, against ALE's own RAM: feeding each recorded RAM row to the
 *    game's rules must give the recorded reward and game-over flag on every row. This
 *    needs no emulation, so it holds whatever the emulator's state.
 * 2. The whole replay through verify's machinery. Where the emulator is not yet exact (the
 *    hardware part of issue 13), what is asserted is what matches today, so a regression
 *    fails: the rows before the first known mismatch match exactly, at least as many rows
 *    have ALE's RAM, and on every such row reward and game over are ALE's. "Every row
 *    matches" is a TODO assertion naming the known cause, reported but not failing.
 */
interface Known {
  /** Rows 0..prefix-1 match ALE exactly (screen, RAM, reward, game over). */
  prefix: number;
  /** Rows that match ALE exactly, anywhere in the trace. */
  matched: number;
  /** Rows whose RAM (and the previous row's) matches ALE's. */
  ramMatched: number;
  /** Of those, rows where ALE reported a reward or a game over. */
  events: number;
  /** Why not every row matches yet; absent when all do. */
  cause?: string;
}

const all = (rows: number, events: number): Known => ({ prefix: rows, matched: rows, ramMatched: rows, events });

const KNOWN: Record<string, Known> = {
  bowling: all(4001, 3),
  skiing: all(4001, 4000),
  enduro: all(4001, 0),
  qbert: {
    prefix: 0, matched: 4000, ramMatched: 4003, events: 18,
    cause: 'TIA: the 3 rows right after reset_game (rows 0, 1826, 3045) are black where ALE still shows the pyramid; RAM matches',
  },
  riverraid: all(4002, 32),
  pitfall: all(4001, 465),
  beam_rider: all(4001, 8),
  montezuma_revenge: all(4003, 2),
  kangaroo: all(4003, 3),
  hero: all(4003, 3),
  road_runner: all(4007, 6),
  solaris: all(4001, 0),
};

for (const [name, known] of Object.entries(KNOWN)) {
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

  test(`golden ${name}: the replay matches ALE as far as the emulator does today`, { skip: missing !== null }, async (t) => {
    const result = await replayTrace(rom!, readTrace(dir!));
    const first = result.firstMismatch;
    const prefix = first?.row ?? result.rows;
    if (known.prefix > 0) {
      t.ok(prefix >= known.prefix, `rows 0-${known.prefix - 1} match ALE exactly (first mismatch: ${first ? describeMismatch(first) : 'none'})`);
    }
    t.ok(result.matched >= known.matched, `at least ${known.matched} rows match ALE exactly (${result.matched})`);
    t.ok(result.ramMatched >= known.ramMatched, `at least ${known.ramMatched} rows have ALE's RAM (${result.ramMatched})`);
    t.ok(result.eventsChecked >= known.events, `at least ${known.events} rewards or game overs fall on those rows (${result.eventsChecked})`);
    t.equal(
      result.rulesMismatches.length,
      0,
      `reward and game over are ALE's wherever RAM matches${result.rulesMismatches.length ? `; first: ${describeMismatch(result.rulesMismatches[0])}` : ''}`,
    );
    t.equal(result.matched, result.rows, `every row matches ALE (${result.matched}/${result.rows})${known.cause ? `: not yet, ${known.cause}` : ''}`, { todo: known.cause !== undefined });
    t.end();
  });
}
