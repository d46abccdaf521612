import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type { Algorithm, Trainer } from '../agent/checkpoint.js';
import { Learner, type LearnerSettings } from '../agent/learner.js';
import { PpoLearner, type PpoSettings } from '../agent/ppo.js';
import { lockCheckpoint, readCheckpoint, removeStaleTemps, saveCheckpoint } from './checkpoint-file.js';
import { gameForMd5, UNKNOWN_GAME, type GameInfo } from '../emulator/games.js';
import { md5Hex } from '../emulator/rom-file.js';
import { UserError } from './errors.js';
import { checkOutputFile } from './paths.js';
import { writeFileAtomic } from './files.js';
import { RolloutPool, type EpisodeDone } from './pool.js';
import { ENV_SETTINGS, envName, playedAsPong, policyShape, PONG_V0, requireFittingPolicy, type EnvName, type EnvSettings } from './rollout.js';

export interface TrainOptions {
  rom: Uint8Array;
  episodes: number;
  /** The learning method of a new run (default: the preset's, else 'pg'); a resumed run keeps its own. */
  algorithm?: Algorithm;
  /** Only the policy-gradient settings the user gave; the rest come from the preset or the checkpoint. */
  learner: Partial<LearnerSettings>;
  /** Only the PPO settings the user gave (seed aside). */
  ppo?: Partial<Omit<PpoSettings, 'seed'>>;
  /** Fills in what the settings leave out, for a new run (default: 'fast' for pg, 'article' for ppo). */
  preset?: PresetName;
  seed: number;
  /** The user named --seed (on resume it must then match the checkpoint's). */
  seedGiven: boolean;
  /** A named environment setting (default: the preset's); `env` overrides its fields. */
  envName?: EnvName;
  /** Only the environment settings the user gave; the rest: the named setting's, or the checkpoint's. */
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
  /** Told each update's duration (the bench times PPO's steps with it). */
  onUpdate?: (u: { seconds: number; steps: number; samplesPerStep: number }) => void;
}

/**
 * Named settings for a new run: an algorithm, its hyperparameters and an environment.
 * - fast (pg's default): pg-pong.py with a 10x learning rate, which learns Pong-v0 far sooner.
 * - karpathy: pg-pong.py's own (lr 1e-4).
 * - article (ppo's default): "Learning to play Pong using PPO in PyTorch", on PongNoFrameskip-v4.
 * - ppo-fast: the article's PPO tuned for wall-clock (BENCHMARKS.md): ALE v5's Pong (a policy step
 *   every 4 frames), 2 episodes per iteration (one per core: 5x the updates per frame) and
 *   hidden 200 (an update costs 2.5x less).
 */
export const PRESETS = {
  fast: { algorithm: 'pg', env: 'pong-v0', pg: { learningRate: 1e-3 } },
  karpathy: { algorithm: 'pg', env: 'pong-v0', pg: { learningRate: 1e-4 } },
  article: { algorithm: 'ppo', env: 'pong-noframeskip-v4', ppo: {} },
  'ppo-fast': { algorithm: 'ppo', env: 'pong-v5', ppo: { hidden: 200, batchSize: 2 } },
} as const satisfies Record<string, { algorithm: Algorithm; env: EnvName; pg?: Partial<LearnerSettings>; ppo?: Partial<PpoSettings> }>;
export type PresetName = keyof typeof PRESETS;
const DEFAULT_PRESET: Record<Algorithm, PresetName> = { pg: 'fast', ppo: 'article' };
/**
 * A game other than Pong is PPO's (the policy gradient plays Pong only), by default in ALE v5's
 * setting, which Gymnasium uses for every game.
 */
const OTHER_GAMES_PRESET: PresetName = 'ppo-fast';

export const LOG_HEADER = 'episode,player,computer,reward,running_mean,frames,fps,elapsed_s,eta_s';

function clock(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--:--';
  const s = Math.round(seconds);
  return `${Math.floor(s / 3600)}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** Keeps the log in step with the checkpoint: rows past its episode count were never saved. */
function prepareLog(path: string, episodes: number, resume: boolean): void {
  if (!resume) {
    writeFileAtomic(path, LOG_HEADER + '\n');
    return;
  }
  if (!existsSync(path)) {
    writeFileAtomic(path, LOG_HEADER + '\n');
    return;
  }
  const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l !== '');
  if (lines[0] !== LOG_HEADER) throw new UserError(`${path} is not a pong-train log (unexpected header); choose another --log`);
  const kept = lines.filter((l, i) => i === 0 || Number(l.split(',')[0]) <= episodes);
  if (kept.length !== lines.length) writeFileAtomic(path, kept.join('\n') + '\n');
}

/** Why a run stopped early: the signal that stopped it (its exit code is 128 + its number). */
export type StopSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';

/** What a training run ended with. */
export interface TrainResult {
  learner: Trainer;
  /** The signal that interrupted the run, or null when it reached its episodes. */
  stoppedBy: StopSignal | null;
}

/** Starts a new learner for `game` from the preset and the user's flags. */
function newLearner(o: TrainOptions, presetName: PresetName, game: GameInfo): Trainer {
  const preset = PRESETS[presetName];
  const shape = policyShape(game, preset.algorithm);
  if (preset.algorithm === 'pg') {
    if (o.ppo && Object.keys(o.ppo).length > 0) throw new UserError(`--${Object.keys(o.ppo)[0]} is a PPO setting: add --algo ppo`);
    return new Learner({ ...preset.pg, ...o.learner, seed: o.seed });
  }
  const pgOnly = Object.keys(o.learner).filter((k) => !['batchSize', 'learningRate', 'gamma', 'hidden'].includes(k));
  if (pgOnly.length > 0) throw new UserError(`--${pgOnly[0]} is a policy-gradient setting; PPO does not use it`);
  try {
    // Only the flags given override the preset (an undefined would erase its value).
    const shared = Object.entries({ batchSize: o.learner.batchSize, learningRate: o.learner.learningRate, gamma: o.learner.gamma, hidden: o.learner.hidden });
    return new PpoLearner({
      ...preset.ppo,
      ...Object.fromEntries(shared.filter(([, v]) => v !== undefined)),
      ...Object.fromEntries(Object.entries(o.ppo ?? {}).filter(([, v]) => v !== undefined)),
      ...shape,
      seed: o.seed,
    });
  } catch (e) {
    throw new UserError((e as Error).message);
  }
}

/** Runs (or resumes) a training run; resolves when it ends or is interrupted. */
export async function train(o: TrainOptions): Promise<TrainResult> {
  const game = gameForMd5(md5Hex(o.rom));
  if (o.checkpoint !== undefined) checkOutputFile(o.checkpoint, '--checkpoint');
  if (o.log !== undefined) checkOutputFile(o.log, '--log');
  if (o.log && !o.resume && existsSync(o.log)) {
    throw new UserError(`log ${o.log} already exists: a new run does not overwrite it; pass --resume to continue its run, or name another --log`);
  }
  // Held until the run ends: a second run on the same checkpoint is refused.
  const unlock = o.checkpoint ? lockCheckpoint(o.checkpoint) : () => {};
  try {
    return await trainLocked(o, game, unlock);
  } finally {
    unlock();
  }
}

async function trainLocked(o: TrainOptions, game: GameInfo, unlock: () => void): Promise<TrainResult> {
  let learner: Trainer;
  let env: EnvSettings;
  if (o.checkpoint) {
    const stale = removeStaleTemps(o.checkpoint);
    if (stale.length > 0 && !o.quiet) process.stderr.write(`removed ${stale.length} temporary file${stale.length > 1 ? 's' : ''} an interrupted save of ${o.checkpoint} left behind\n`);
  }
  if (o.preset && o.algorithm && PRESETS[o.preset].algorithm !== o.algorithm) {
    throw new UserError(`--preset ${o.preset} is for --algo ${PRESETS[o.preset].algorithm}, not ${o.algorithm}`);
  }
  if (o.resume) {
    if (!o.checkpoint) throw new UserError('--resume needs --checkpoint FILE');
    if (!existsSync(o.checkpoint)) throw new UserError(`--resume: checkpoint ${o.checkpoint} does not exist (drop --resume to start a new run)`);
    const loaded = readCheckpoint(o.checkpoint, o.learner);
    learner = loaded.learner;
    requireFittingPolicy(learner.policy, learner.algorithm, game, `checkpoint ${o.checkpoint}`);
    if (o.algorithm && o.algorithm !== learner.algorithm) {
      throw new UserError(`checkpoint ${o.checkpoint} holds a ${learner.algorithm} run, but --algo ${o.algorithm} was given: drop --algo to resume it, or start a new run`);
    }
    env = (loaded.run?.env as EnvSettings | undefined) ?? { ...PONG_V0 };
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
    if (learner.algorithm === 'pg') {
      clash('decay', o.learner.decay, learner.settings.decay);
      if (o.ppo && Object.keys(o.ppo).length > 0) throw new UserError(`--${Object.keys(o.ppo)[0]} is a PPO setting, but ${o.checkpoint} holds a policy-gradient run`);
    } else {
      const p = learner.settings;
      if (o.learner.decay !== undefined) throw new UserError(`--decay is a policy-gradient setting, but ${o.checkpoint} holds a PPO run`);
      clash('clip', o.ppo?.clip, p.clip);
      clash('epochs', o.ppo?.epochs, p.epochs);
      clash('minibatch', o.ppo?.minibatch, p.minibatch);
    }
    if (o.preset !== undefined) throw new UserError('--preset sets up a new run; a resumed run keeps its settings (drop --preset)');
    if (o.envName !== undefined && JSON.stringify(ENV_SETTINGS[o.envName]) !== JSON.stringify(env)) {
      throw new UserError(`--env ${o.envName} differs from the checkpoint's environment: a resumed run keeps its settings (drop the flag or start a new run)`);
    }
    clash('frame-skip', o.env.frameSkip, env.frameSkip);
    clash('sticky', o.env.sticky, env.sticky);
    clash('max-frames', o.env.maxEpisodeFrames, env.maxEpisodeFrames);
  } else {
    if (o.checkpoint && existsSync(o.checkpoint)) {
      throw new UserError(`checkpoint ${o.checkpoint} already exists: pass --resume to continue it, or name another --checkpoint`);
    }
    const presetName = o.preset ?? (o.algorithm === undefined && !playedAsPong(game) ? OTHER_GAMES_PRESET : DEFAULT_PRESET[o.algorithm ?? 'pg']);
    learner = newLearner(o, presetName, game);
    env = { ...ENV_SETTINGS[o.envName ?? PRESETS[presetName].env], ...o.env };
  }
  if (game === UNKNOWN_GAME && env.maxEpisodeFrames === 0) {
    throw new UserError('this ROM is not a Pong pong-train knows, so its episodes never end by themselves: pass --max-frames N');
  }
  const s = learner.settings;
  if (learner.episodes >= o.episodes) {
    if (!o.quiet) process.stdout.write(`nothing to do: the run already has ${learner.episodes} of ${o.episodes} episodes (raise --episodes to go on)\n`);
    return { learner, stoppedBy: null };
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
    // Gym names the same settings after each game (ALE/Breakout-v5 as ALE/Pong-v5).
    const named = envName(env)?.replace(/^pong/, playedAsPong(game) ? 'pong' : game.name);
    const envText = `${named ? `${named}: ` : ''}frame skip ${env.frameSkip[0]}-${env.frameSkip[1]}, sticky ${env.sticky}${env.maxEpisodeFrames ? `, cut at ${env.maxEpisodeFrames} frames` : ''}`;
    const algoText =
      learner.algorithm === 'pg'
        ? `policy gradient, hidden ${s.hidden}, batch ${s.batchSize}, lr ${s.learningRate}, gamma ${s.gamma}`
        : `PPO, hidden ${s.hidden}, ${s.batchSize} episodes per iteration, ${learner.settings.epochs} Adam steps of ${learner.settings.minibatch} samples, clip ${learner.settings.clip}, lr ${s.learningRate}, gamma ${s.gamma}`;
    process.stdout.write(
      `training ${learner.episodes > 0 ? `from episode ${learner.episodes} ` : ''}to ${o.episodes} episodes: seed ${s.seed}, ${algoText}; ${envText}; ${o.workers} worker${o.workers > 1 ? 's' : ''}\n`,
    );
    if (!o.checkpoint) process.stderr.write('warning: no --checkpoint: this run will not be saved\n');
  }

  const pool = new RolloutPool(o.workers, { rom: o.rom, env, algorithm: learner.algorithm, hidden: s.hidden, gamma: s.gamma, runSeed: s.seed });
  let stoppedBy: StopSignal | null = null;
  const onSignal = (signal: StopSignal): void => {
    if (stoppedBy === null) {
      stoppedBy = signal;
      process.stderr.write(`\nstopping (${signal}): finishing the episodes in play, then saving (Ctrl-C again to stop at once)\n`);
    } else {
      process.stderr.write('\nstopping now: saving what is complete\n');
      save();
      unlock();
      process.exit(signalExitCode(stoppedBy));
    }
  };
  const signals: StopSignal[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const sig of signals) process.on(sig, onSignal);

  // Pong's score is two-sided (player : computer); other games report their reward alone.
  const twoSided = game.scores !== undefined;
  let logError: Error | null = null;
  let loggedEpisodes = learner.episodes;
  const started = performance.now();
  const firstEpisode = learner.episodes;
  let framesDone = 0;
  const trainer: Trainer = learner;
  try {
    while (learner.episodes < o.episodes && stoppedBy === null && logError === null) {
      pool.setWeights(learner.policy.arrays());
      const end = Math.min(o.episodes, learner.episodes + (s.batchSize - learner.episodesInBatch));
      await pool.run(
        learner.episodes,
        end,
        (r: EpisodeDone) => {
          if (r.algorithm === 'pg' && trainer.algorithm === 'pg') trainer.addGradient(r.gradW1t, r.gradW2, r.reward);
          else if (r.algorithm === 'ppo' && trainer.algorithm === 'ppo') trainer.addEpisode(r.record, r.reward);
          else wrongKind();
          framesDone += r.frames;
          o.onEpisode?.(r.frames);
          const elapsed = (performance.now() - started) / 1000;
          const done = learner.episodes - firstEpisode;
          const eta = (elapsed / done) * (o.episodes - learner.episodes);
          const fps = framesDone / elapsed;
          const mean = learner.runningReward ?? r.reward;
          if (o.log && logError === null) {
            try {
              appendFileSync(o.log, `${learner.episodes},${r.player},${r.computer},${r.reward},${mean.toFixed(6)},${r.frames},${fps.toFixed(0)},${elapsed.toFixed(1)},${eta.toFixed(0)}\n`);
              loggedEpisodes = learner.episodes;
            } catch (e) {
              logError = e as Error; // stop handing out episodes, save, then say so
            }
          }
          if (!o.quiet) {
            process.stdout.write(
              `episode ${String(learner.episodes).padStart(6)}  ${twoSided ? `score ${String(r.player).padStart(2)} : ${String(r.computer).padEnd(2)}  ` : ''}reward ${String(r.reward).padStart(3)}  ` +
                `mean ${mean.toFixed(2).padStart(6)}  frames ${String(r.frames).padStart(6)}  ${fps.toFixed(0).padStart(5)} frames/s  ` +
                `elapsed ${clock(elapsed)}  eta ${clock(eta)}\n`,
            );
          }
        },
        () => stoppedBy !== null || logError !== null,
      );
      if (logError) break;
      if (learner.batchReady) {
        const t0 = performance.now();
        const samples = learner.algorithm === 'ppo' ? learner.samples.count : 0;
        if (trainer.algorithm === 'ppo') {
          let sent = false;
          await trainer.applyBatchWith((slices, batch) => {
            if (!sent) pool.setSamples(trainer.samples.copy()); // advantages are normalised by now
            sent = true;
            return pool.sliceGradients(trainer.policy.arrays(), slices, batch, trainer.settings.clip);
          });
        } else {
          trainer.applyBatch();
        }
        const used = learner.algorithm === 'ppo' ? Math.min(samples, learner.settings.minibatch) : 0;
        o.onUpdate?.({ seconds: (performance.now() - t0) / 1000, steps: learner.algorithm === 'ppo' ? learner.settings.epochs : 1, samplesPerStep: used });
        if (learner.algorithm === 'ppo' && !o.quiet) {
          process.stdout.write(
            `update ${learner.updates}: ${learner.settings.epochs} Adam steps on ${used} of ${samples} samples, loss ${learner.lastLosses.map((x) => x.toFixed(4)).join(' ')}, ${((performance.now() - t0) / 1000).toFixed(2)} s\n`,
          );
        }
        if (learner.updates % o.saveEvery === 0) save();
      }
    }
  } finally {
    for (const sig of signals) process.off(sig, onSignal);
    await pool.close();
  }
  save();
  if (logError) {
    const saved = learner.algorithm === 'ppo' ? learner.savedEpisodes : learner.episodes;
    throw new UserError(
      `cannot write log ${o.log} (${(logError as Error).message}): stopped; ${o.checkpoint ? `checkpoint ${o.checkpoint} holds episode ${saved}` : 'no --checkpoint, nothing saved'}, the log's rows end at episode ${loggedEpisodes}; free the disk and go on with --resume`,
    );
  }
  if (!o.quiet) {
    const saved = learner.algorithm === 'ppo' ? learner.savedEpisodes : learner.episodes;
    const where = o.checkpoint ? `; checkpoint ${o.checkpoint}` : ' (no --checkpoint: nothing saved)';
    const unsaved =
      o.checkpoint && saved < learner.episodes
        ? ` (it holds episode ${saved}: a PPO iteration is ${s.batchSize} episodes, and those of an unfinished one are played again on resume)`
        : '';
    process.stdout.write(
      `${stoppedBy ? 'stopped' : 'done'} at episode ${learner.episodes}, ${learner.updates} updates, running mean ${(learner.runningReward ?? 0).toFixed(2)}${where}${unsaved}\n`,
    );
  }
  return { learner, stoppedBy };
}

/** The exit status of a run stopped by `signal`: 128 + its number, as shells report it. */
export function signalExitCode(signal: StopSignal): number {
  return signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 129;
}

function wrongKind(): never {
  throw new Error('a rollout worker returned the other algorithm\'s result');
}
