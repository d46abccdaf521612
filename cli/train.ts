import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { Learner, type LearnerSettings } from '../agent/learner.js';
import { readCheckpoint, saveCheckpoint } from '../agent/checkpoint.js';
import { gameForMd5, UNKNOWN_GAME } from '../emulator/games.js';
import { md5Hex } from '../emulator/rom-file.js';
import { UserError } from './errors.js';
import { writeFileAtomic } from './files.js';
import { RolloutPool, type EpisodeDone } from './pool.js';
import { PONG_V0, type EnvSettings } from './rollout.js';

export interface TrainOptions {
  rom: Uint8Array;
  episodes: number;
  /** Only the learner settings the user gave; the rest come from the preset or the checkpoint. */
  learner: Partial<LearnerSettings>;
  /** Fills in what `learner` leaves out, for a new run (a resumed run keeps its settings). */
  preset: PresetName;
  seed: number;
  /** The user named --seed (on resume it must then match the checkpoint's). */
  seedGiven: boolean;
  /** Only the environment settings the user gave; the rest: Pong-v0's, or the checkpoint's. */
  env: Partial<EnvSettings>;
  workers: number;
  checkpoint?: string;
  resume: boolean;
  /** Save every this many updates (and at the end). */
  saveEvery: number;
  log?: string;
  quiet: boolean;
  /** Told each finished episode's frame count (the bench counts throughput with it). */
  onEpisode?: (frames: number) => void;
}

/**
 * Named hyperparameter sets for a new run. 'karpathy' is pg-pong.py's; 'fast' (the default)
 * differs only in a 10x learning rate, which learns Pong-v0 far sooner (see BENCHMARKS.md).
 */
export const PRESETS = {
  fast: { learningRate: 1e-3 },
  karpathy: { learningRate: 1e-4 },
} as const satisfies Record<string, Partial<LearnerSettings>>;
export type PresetName = keyof typeof PRESETS;

export const LOG_HEADER = 'episode,player,computer,reward,running_mean,frames,fps,elapsed_s,eta_s';

function clock(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--:--';
  const s = Math.round(seconds);
  return `${Math.floor(s / 3600)}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** Keeps the log in step with the checkpoint: rows past its episode count were never saved. */
function prepareLog(path: string, episodes: number, resume: boolean): void {
  if (!resume || !existsSync(path)) {
    writeFileAtomic(path, LOG_HEADER + '\n');
    return;
  }
  const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l !== '');
  if (lines[0] !== LOG_HEADER) throw new UserError(`${path} is not a pong-train log (unexpected header); choose another --log`);
  const kept = lines.filter((l, i) => i === 0 || Number(l.split(',')[0]) <= episodes);
  if (kept.length !== lines.length) writeFileAtomic(path, kept.join('\n') + '\n');
}

/** Runs (or resumes) a training run; resolves when it ends or is interrupted. */
export async function train(o: TrainOptions): Promise<Learner> {
  const game = gameForMd5(md5Hex(o.rom));
  let learner: Learner;
  let env: EnvSettings = { ...PONG_V0, ...o.env };
  if (o.resume) {
    if (!o.checkpoint) throw new UserError('--resume needs --checkpoint FILE');
    if (!existsSync(o.checkpoint)) throw new UserError(`--resume: checkpoint ${o.checkpoint} does not exist (drop --resume to start a new run)`);
    const loaded = readCheckpoint(o.checkpoint, o.learner);
    learner = loaded.learner;
    const saved = loaded.run?.env as EnvSettings | undefined;
    if (saved) env = saved;
    // A resumed run keeps its settings, so that it stays the run it was.
    const clash = (name: string, given: unknown, kept: unknown): void => {
      if (given !== undefined && JSON.stringify(given) !== JSON.stringify(kept)) {
        throw new UserError(`--${name} ${JSON.stringify(given)} differs from the checkpoint's ${JSON.stringify(kept)}: a resumed run keeps its settings (drop the flag or start a new run)`);
      }
    };
    const k = learner.settings;
    clash('seed', o.seedGiven ? o.seed : undefined, k.seed);
    clash('batch', o.learner.batchSize, k.batchSize);
    clash('lr', o.learner.learningRate, k.learningRate);
    clash('gamma', o.learner.gamma, k.gamma);
    clash('decay', o.learner.decay, k.decay);
    clash('frame-skip', o.env.frameSkip, env.frameSkip);
    clash('sticky', o.env.sticky, env.sticky);
    clash('max-frames', o.env.maxEpisodeFrames, env.maxEpisodeFrames);
  } else {
    if (o.checkpoint && existsSync(o.checkpoint)) {
      throw new UserError(`checkpoint ${o.checkpoint} already exists: pass --resume to continue it, or name another --checkpoint`);
    }
    learner = new Learner({ ...PRESETS[o.preset], ...o.learner, seed: o.seed });
  }
  if (game === UNKNOWN_GAME && env.maxEpisodeFrames === 0) {
    throw new UserError('this ROM is not a Pong pong-train knows, so its episodes never end by themselves: pass --max-frames N');
  }
  const s = learner.settings;
  if (learner.episodes >= o.episodes) {
    if (!o.quiet) process.stdout.write(`nothing to do: the run already has ${learner.episodes} of ${o.episodes} episodes (raise --episodes to go on)\n`);
    return learner;
  }
  if (o.log) prepareLog(o.log, learner.episodes, o.resume);
  if (game === UNKNOWN_GAME && !o.quiet) {
    process.stderr.write('warning: this ROM is not a Pong ROM pong-train knows (see roms/README.md): rewards are 0 and episodes end only at --max-frames\n');
  }

  const runInfo = { env, rom: md5Hex(o.rom) };
  const save = (): void => {
    if (o.checkpoint) saveCheckpoint(o.checkpoint, learner, runInfo);
  };

  if (!o.quiet) {
    process.stdout.write(
      `training ${learner.episodes > 0 ? `from episode ${learner.episodes} ` : ''}to ${o.episodes} episodes: seed ${s.seed}, hidden ${s.hidden}, batch ${s.batchSize}, ` +
        `lr ${s.learningRate}, gamma ${s.gamma}, frame skip ${env.frameSkip[0]}-${env.frameSkip[1]}, sticky ${env.sticky}, ${o.workers} worker${o.workers > 1 ? 's' : ''}\n`,
    );
  }

  const pool = new RolloutPool(o.workers, { rom: o.rom, env, hidden: s.hidden, gamma: s.gamma, runSeed: s.seed });
  let interrupts = 0;
  const onSignal = (): void => {
    interrupts++;
    if (interrupts === 1) process.stderr.write('\nstopping: finishing the episodes in play, then saving (Ctrl-C again to stop at once)\n');
    else {
      process.stderr.write('\nstopping now: saving what is complete\n');
      save();
      process.exit(130);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const started = performance.now();
  const firstEpisode = learner.episodes;
  let framesDone = 0;
  try {
    while (learner.episodes < o.episodes && interrupts === 0) {
      pool.setWeights(learner.policy.w1t, learner.policy.w2);
      const end = Math.min(o.episodes, learner.episodes + (s.batchSize - learner.episodesInBatch));
      await pool.run(
        learner.episodes,
        end,
        (r: EpisodeDone) => {
          learner.addGradient(r.gradW1t, r.gradW2, r.reward);
          framesDone += r.frames;
          o.onEpisode?.(r.frames);
          const elapsed = (performance.now() - started) / 1000;
          const done = learner.episodes - firstEpisode;
          const eta = (elapsed / done) * (o.episodes - learner.episodes);
          const fps = framesDone / elapsed;
          const mean = learner.runningReward ?? r.reward;
          if (o.log) {
            appendFileSync(o.log, `${learner.episodes},${r.player},${r.computer},${r.reward},${mean.toFixed(6)},${r.frames},${fps.toFixed(0)},${elapsed.toFixed(1)},${eta.toFixed(0)}\n`);
          }
          if (!o.quiet) {
            process.stdout.write(
              `episode ${String(learner.episodes).padStart(6)}  score ${String(r.player).padStart(2)} : ${String(r.computer).padEnd(2)}  reward ${String(r.reward).padStart(3)}  ` +
                `mean ${mean.toFixed(2).padStart(6)}  frames ${String(r.frames).padStart(6)}  ${fps.toFixed(0).padStart(5)} frames/s  ` +
                `elapsed ${clock(elapsed)}  eta ${clock(eta)}\n`,
            );
          }
        },
        () => interrupts > 0,
      );
      if (learner.batchReady) {
        learner.applyBatch();
        if (learner.updates % o.saveEvery === 0) save();
      }
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await pool.close();
  }
  save();
  if (!o.quiet) {
    const where = o.checkpoint ? `; checkpoint ${o.checkpoint}` : ' (no --checkpoint: nothing saved)';
    process.stdout.write(`${interrupts > 0 ? 'stopped' : 'done'} at episode ${learner.episodes}, ${learner.updates} updates, running mean ${(learner.runningReward ?? 0).toFixed(2)}${where}\n`);
  }
  return learner;
}
