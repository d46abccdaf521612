import { readTrace, replayTrace, describeMismatch } from '../emulator/trace.js';
import { Progress } from './progress.js';

/** Replays a golden-format trace; prints `matched frames: M/N`; true when all match. */
export async function verify(rom: Uint8Array, traceDir: string, maxReported = 5): Promise<boolean> {
  const trace = readTrace(traceDir);
  const progress = new Progress(`verifying ${traceDir}`);
  let reported = 0;
  const result = await replayTrace(rom, trace, {
    onProgress: (row, rows, matched) => progress.update(row, rows, `${matched} matched`),
    onMismatch: (m) => {
      if (reported++ < maxReported) {
        progress.done();
        process.stdout.write(`mismatch: ${describeMismatch(m)}\n`);
      }
    },
  });
  progress.done();
  if (reported > maxReported) process.stdout.write(`(${reported - maxReported} more mismatching rows not listed)\n`);
  // The game's rules read RAM only: where RAM matches, a wrong reward or game over is the table's fault.
  const rules = result.rulesMismatches;
  process.stdout.write(
    result.game === 'unknown'
      ? 'rules: the game table does not know this ROM, so every reward is 0 and the game never ends\n'
      : `rules (${result.game}): reward and game over checked on ${result.ramMatched} rows whose RAM matches (${result.eventsChecked} with a reward or a game over); ` +
          (rules.length === 0 ? 'all agree\n' : `${rules.length} differ, first: ${describeMismatch(rules[0])}\n`),
  );
  process.stdout.write(`matched frames: ${result.matched}/${result.rows} (${(result.rows / result.seconds).toFixed(0)} rows/s)\n`);
  return result.matched === result.rows;
}
