#!/usr/bin/env node
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { UserError, reportAndExit } from './errors.js';
import { checkOutputDir, checkOutputFile } from './paths.js';
import { BUILTIN_ROM, loadReferenceRom, loadRom, packageRoot, traceRom, type LoadedRom } from './rom.js';
import { md5Hex } from '../emulator/rom-file.js';


/** The command line as typed (yargs turns a number flag's 'abc' into NaN; errors echo the text). */
let typedArgs: string[] = [];

/** What the user typed for --name (the last occurrence), else the parsed value. */
function typed(name: string, v: unknown): string {
  let text: string | undefined;
  for (let i = 0; i < typedArgs.length; i++) {
    const arg = typedArgs[i];
    if (arg === `--${name}`) text = typedArgs[i + 1]?.startsWith('--') ? '' : (typedArgs[i + 1] ?? '');
    else if (arg.startsWith(`--${name}=`)) text = arg.slice(name.length + 3);
  }
  return text !== undefined && Number.isNaN(v) ? (text === '' ? 'nothing' : text) : String(v);
}

function positiveInt(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 1) throw new UserError(`--${name} must be a whole number >= 1 (got ${typed(name, v)})`);
  return v;
}

function number(name: string, v: number | undefined, ok: (x: number) => boolean, rule: string): number | undefined {
  if (v === undefined) return undefined;
  if (!ok(v)) throw new UserError(`--${name} must be ${rule} (got ${typed(name, v)})`);
  return v;
}

/** The command named on the line, for pointing at its own --help. */
function commandTyped(): string | undefined {
  const first = typedArgs.find((a) => !a.startsWith('-'));
  return first !== undefined && COMMANDS.includes(first) ? first : undefined;
}
const COMMANDS = ['train', 'play', 'verify', 'frames', 'bench', 'disasm', 'plot', 'games'];

/** "4" or "2-4" (inclusive). */
function parseFrameSkip(v: string): [number, number] {
  const m = /^(\d+)(?:-(\d+))?$/.exec(v.trim());
  const lo = m ? Number(m[1]) : NaN;
  const hi = m ? Number(m[2] ?? m[1]) : NaN;
  if (!m || lo < 1 || hi < lo) throw new UserError(`--frame-skip must be a number of frames like 4, or an inclusive range like 2-4 (got ${JSON.stringify(v)})`);
  return [lo, hi];
}

/** "1", "2,4-5": game numbers (from 1) and inclusive ranges. */
function parseGames(v: string): number[] {
  const games = new Set<number>();
  for (const part of v.split(',')) {
    const m = /^\s*(\d+)(?:-(\d+))?\s*$/.exec(part);
    const lo = m ? Number(m[1]) : NaN;
    const hi = m ? Number(m[2] ?? m[1]) : NaN;
    if (!m || lo < 1 || hi < lo || hi - lo > 100000) throw new UserError(`--games must list game numbers from 1 and ranges, like 1 or 2,4-5 (got ${JSON.stringify(v)})`);
    for (let g = lo; g <= hi; g++) games.add(g);
  }
  return [...games].sort((a, b) => a - b);
}

const ROM_FLAG = {
  type: 'string',
  describe: `ROM file, or ${BUILTIN_ROM} (default: $PONG_TRAIN_ROM, else the built-in game)`,
} as const;

/** Loads the game and says which it is: the header line of every command that plays one. */
function announce(rom: LoadedRom, quiet = false): LoadedRom {
  if (!quiet) process.stdout.write(`game: ${rom.label}\n`);
  return rom;
}

const envFlags = {
  'frame-skip': { type: 'string', describe: 'frames per action: N, or MIN-MAX drawn per step [Gym Pong-v0: 2-4]' },
  sticky: { type: 'number', describe: 'sticky-action probability per frame [Pong-v0: 0.25]' },
  'max-frames': { type: 'number', describe: 'cut an episode after this many frames; 0 = only the game ends it [0]' },
} as const;

function envSettings(a: { 'frame-skip'?: string; sticky?: number; 'max-frames'?: number }) {
  return {
    frameSkip: a['frame-skip'] === undefined ? undefined : parseFrameSkip(a['frame-skip']),
    sticky: number('sticky', a.sticky, (x) => x >= 0 && x <= 1, 'between 0 and 1'),
    maxEpisodeFrames: number('max-frames', a['max-frames'], (x) => Number.isInteger(x) && x >= 0, 'a whole number >= 0'),
  };
}

/** Workers beyond the cores only take turns on them: allowed (results do not depend on it), but said once. */
function moreWorkersThanCores(workers: number): number {
  const cores = availableParallelism();
  if (workers > cores) process.stderr.write(`warning: --workers ${workers} is more than this machine's ${cores} core${cores > 1 ? 's' : ''}: the extra workers only take turns, training is no faster\n`);
  return workers;
}

function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

async function main(argv: string[]): Promise<void> {
  typedArgs = argv;
  await yargs(argv)
    .scriptName('pong-train')
    .usage('$0 <command> [options]\n\nAn Atari 2600 emulator and an agent that learns Pong from pixels.')
    .epilogue(`Without --rom, commands play pong-train's own Pong (${BUILTIN_ROM}); Atari's ROMs are not shipped: name one with --rom or PONG_TRAIN_ROM (see roms/README.md).\nEach command has its own --help, e.g. pong-train train --help.`)
    .command(
      'train',
      'Train the agent on Pong, or with PPO on any game the table knows (Ctrl-C saves and stops)',
      (y) =>
        y
          .option('rom', ROM_FLAG)
          .option('episodes', { type: 'number', default: 10000, describe: "the run's total episodes (with --resume: go on up to this many)" })
          .option('seed', { type: 'number', describe: 'fixes every random choice: weights, actions, sticky actions, frame skips, minibatches [0]' })
          .option('algo', { choices: ['pg', 'ppo'] as const, describe: "learning method of a new run: 'pg' (Karpathy's policy gradient, 6400-200-1, RMSProp) or 'ppo' (the PPO article's, 6000-512-2, clipped loss, Adam; on a game other than Pong: 8400 inputs, the whole screen in grey, and one output per action of its minimal set) [preset's, else pg on Pong, ppo on other games]" })
          .option('preset', {
            choices: ['fast', 'karpathy', 'article', 'ppo-fast'] as const,
            describe:
              "settings of a new run (algorithm, hyperparameters, environment): 'fast' (pg default: pg-pong.py with lr 1e-3, Pong-v0), 'karpathy' (pg-pong.py's lr 1e-4), " +
              "'article' (ppo default: the PPO article's, PongNoFrameskip-v4), 'ppo-fast' (the article's PPO tuned to beat the computer soonest: Pong-v5, 2 episodes per iteration, hidden 200; see BENCHMARKS.md; the default on other games, in their v5 setting)",
          })
          .option('env', { choices: ['pong-v0', 'pong-noframeskip-v4', 'pong-v5'] as const, describe: "named environment setting: Gym's Pong-v0 (skip 2-4, sticky 0.25), PongNoFrameskip-v4 (skip 1, no sticky), ALE/Pong-v5 (skip 4, sticky 0.25) [preset's]" })
          .option('batch', { type: 'number', describe: 'episodes per update: per RMSProp step (pg), per PPO iteration (ppo) [10]' })
          .option('lr', { type: 'number', describe: 'learning rate: RMSProp (pg) [fast 1e-3, karpathy 1e-4], Adam (ppo) [1e-3]' })
          .option('gamma', { type: 'number', describe: 'reward discount [0.99]' })
          .option('decay', { type: 'number', describe: 'RMSProp decay, pg only [0.99]' })
          .option('hidden', { type: 'number', describe: 'hidden units [pg 200, ppo 512]' })
          .option('clip', { type: 'number', describe: 'PPO clip range c: the ratio is clipped to [1-c, 1+c] [0.1]' })
          .option('epochs', { type: 'number', describe: 'PPO Adam steps per iteration [5]' })
          .option('minibatch', { type: 'number', describe: 'PPO samples per Adam step, drawn without replacement [24576]' })
          .options(envFlags)
          .option('workers', { type: 'number', default: availableParallelism(), describe: 'threads playing episodes; results do not depend on it' })
          .option('checkpoint', { type: 'string', describe: 'file holding the run (weights, optimiser, counters, random state)' })
          .option('resume', { type: 'boolean', default: false, describe: 'continue the run in --checkpoint' })
          .option('save-every', { type: 'number', default: 5, describe: 'save the checkpoint every this many updates (and at the end)' })
          .option('log', { type: 'string', describe: 'CSV file with one row per episode (pong-train plot draws it)' })
          .option('quiet', { type: 'boolean', default: false, describe: 'no per-episode lines' }),
      async (a) => {
        const { train, signalExitCode } = await import('./train.js');
        const rom = announce(loadRom(a.rom), a.quiet).bytes;
        const episodes = number('episodes', a.episodes, (x) => Number.isInteger(x) && x >= 1, 'a whole number >= 1')!;
        const learner = defined({
          batchSize: number('batch', a.batch, (x) => Number.isInteger(x) && x >= 1, 'a whole number >= 1'),
          learningRate: number('lr', a.lr, (x) => x > 0 && Number.isFinite(x), 'a positive number'),
          gamma: number('gamma', a.gamma, (x) => x >= 0 && x <= 1, 'between 0 and 1'),
          decay: number('decay', a.decay, (x) => x >= 0 && x < 1, 'at least 0 and below 1'),
          hidden: number('hidden', a.hidden, (x) => Number.isInteger(x) && x >= 1 && x <= 100000, 'a whole number from 1 to 100000'),
        });
        const ppo = defined({
          clip: number('clip', a.clip, (x) => x > 0 && x < 1, 'above 0 and below 1'),
          epochs: number('epochs', a.epochs, (x) => Number.isInteger(x) && x >= 1 && x <= 10000, 'a whole number from 1 to 10000'),
          minibatch: number('minibatch', a.minibatch, (x) => Number.isSafeInteger(x) && x >= 1, 'a whole number >= 1'),
        });
        const { stoppedBy } = await train({
          rom,
          episodes,
          algorithm: a.algo,
          learner,
          ppo,
          preset: a.preset,
          envName: a.env,
          seed: number('seed', a.seed, (x) => Number.isSafeInteger(x) && x >= 0, 'a whole number >= 0') ?? 0,
          seedGiven: a.seed !== undefined,
          env: defined(envSettings(a)),
          workers: moreWorkersThanCores(number('workers', a.workers, (x) => Number.isInteger(x) && x >= 1 && x <= 256, 'a whole number from 1 to 256')!),
          checkpoint: a.checkpoint,
          resume: a.resume,
          saveEvery: positiveInt('save-every', a['save-every']),
          log: a.log,
          quiet: a.quiet,
        });
        if (stoppedBy) process.exitCode = signalExitCode(stoppedBy);
      },
    )
    .command(
      'play',
      'Play games with a trained checkpoint',
      (y) =>
        y
          .option('rom', ROM_FLAG)
          .option('checkpoint', { type: 'string', demandOption: true, describe: 'a checkpoint written by train' })
          .option('episodes', { type: 'number', default: 1, describe: 'games to play' })
          .option('greedy', { type: 'boolean', default: false, describe: 'always take the likelier action instead of sampling' })
          .option('seed', { type: 'number', default: 0, describe: 'seed of the sampled actions and the environment' })
          .option('frames-out', { type: 'string', describe: 'write every emulated frame as PNG into this folder' })
          .option('gif', { type: 'string', describe: 'write an animated GIF of the games to this file (exact 2600 colours)' })
          .option('games', { type: 'string', describe: 'which games go into the GIF: numbers and ranges like 1 or 2,4-5 [all]' })
          .option('every', { type: 'number', default: 2, describe: 'GIF: keep every k-th frame; it plays at the console speed all the same (1 plays at 5/6 speed: GIF delays are whole 1/100 s, at least 2)' })
          .option('scale', { type: 'number', default: 1, describe: 'GIF: blow each pixel up to scale x scale' })
          .options(envFlags),
      async (a) => {
        const { play } = await import('./play.js');
        if (a['frames-out'] !== undefined) checkOutputDir(a['frames-out'], '--frames-out');
        play({
          rom: announce(loadRom(a.rom)).bytes,
          checkpoint: a.checkpoint,
          episodes: positiveInt('episodes', a.episodes),
          greedy: a.greedy,
          seed: number('seed', a.seed, (x) => Number.isSafeInteger(x) && x >= 0, 'a whole number >= 0')!,
          framesOut: a['frames-out'],
          gif: a.gif,
          gifGames: a.games === undefined ? undefined : parseGames(a.games),
          gifEvery: positiveInt('every', a.every),
          gifScale: number('scale', a.scale, (x) => Number.isInteger(x) && x >= 1 && x <= 8, 'a whole number from 1 to 8'),
          env: defined(envSettings(a)),
        });
      },
    )
    .command(
      'watch',
      'Watch the agent play, or play against it, in a browser page (a local web server)',
      (y) =>
        y
          .option('checkpoint', { type: 'string', describe: 'a checkpoint written by train: the agent the page runs (without it, only you play)' })
          .option('rom', ROM_FLAG)
          .option('port', { type: 'number', default: 8600, describe: 'TCP port of the page; 0 picks a free one' })
          .option('host', { type: 'string', default: '127.0.0.1', describe: 'address to listen on; the default lets only this machine in' }),
      async (a) => {
        const { watch } = await import('./watch.js');
        await watch({
          rom: announce(loadRom(a.rom)),
          checkpoint: a.checkpoint,
          port: number('port', a.port, (x) => Number.isInteger(x) && x >= 0 && x <= 65535, 'a whole number from 0 to 65535')!,
          host: a.host,
        });
      },
    )
    .command(
      'verify',
      'Check the emulator against an ALE trace',
      (y) =>
        y
          .option('rom', { type: 'string', describe: "the recorded game's ROM (default: the one the trace's meta.json names, else $PONG_TRAIN_ROM, else ../shared/roms/pong.bin)" })
          .option('trace', { type: 'string', demandOption: true, describe: 'trace folder with steps.tsv, ram.bin.gz, screens.bin.gz' }),
      async (a) => {
        const { verify } = await import('./verify.js');
        const rom = announce(loadReferenceRom(a.rom, a.trace));
        const recorded = traceRom(a.trace).md5;
        const md5 = md5Hex(rom.bytes);
        if (recorded !== undefined && recorded !== md5) process.stderr.write(`warning: the trace was recorded with a ROM of md5 ${recorded}; this one's is ${md5}\n`);
        const ok = await verify(rom.bytes, a.trace);
        if (!ok) process.exitCode = 1;
      },
    )
    .command(
      'frames',
      'Write PNG screenshots of a random run',
      (y) =>
        y
          .option('rom', ROM_FLAG)
          .option('frames', { type: 'number', demandOption: true, describe: 'frames to emulate' })
          .option('out', { type: 'string', demandOption: true, describe: 'folder for frame-NNNNNN.png' })
          .option('every', { type: 'number', default: 1, describe: 'write every k-th frame' })
          .option('seed', { type: 'number', default: 0, describe: 'seed of the random actions' })
          .option('scale', { type: 'number', default: 1, describe: 'blow each pixel up to scale x scale' })
          .option('max-frames', { type: 'number', describe: 'reset the game after this many frames; 0 = only the game ends it (a ROM pong-train does not know needs one) [0]' }),
      async (a) => {
        const { dumpFrames } = await import('./frames.js');
        checkOutputDir(a.out, '--out');
        const rom = announce(loadRom(a.rom)).bytes;
        const n = dumpFrames(rom, {
          frames: positiveInt('frames', a.frames),
          out: a.out,
          every: positiveInt('every', a.every),
          seed: number('seed', a.seed, (x) => Number.isInteger(x) && x >= 0 && x <= 0xffffffff, 'a whole number from 0 to 4294967295')!,
          scale: positiveInt('scale', a.scale),
          maxEpisodeFrames: number('max-frames', a['max-frames'], (x) => Number.isInteger(x) && x >= 0, 'a whole number >= 0') ?? 0,
        });
        process.stdout.write(`wrote ${n} PNG files to ${a.out}\n`);
      },
    )
    .command(
      'bench',
      'Measure emulator, agent and training speed',
      (y) =>
        y
          .option('rom', ROM_FLAG)
          .option('dormann', { type: 'string', describe: "Klaus Dormann's 6502 functional test image (default: ../shared/cpu/6502_functional_test.bin)" })
          .option('repeats', { type: 'number', default: 3, describe: 'runs per figure; the best is reported' })
          .option('frames', { type: 'number', default: 20000, describe: 'frames per emulator run' })
          .option('train-episodes', { type: 'number', default: 20, describe: 'episodes per training-throughput figure; 0 skips them' })
          .option('ppo-iterations', { type: 'number', default: 1, describe: "PPO iterations (10 episodes each, the article's settings) per PPO figure; 0 skips them" })
          .option('workers', { type: 'string', default: `1,${availableParallelism()}`, describe: 'worker counts for the training figures, comma-separated' })
          .option('games', { type: 'string', describe: "folder of ROMs: one emulator row per game the table knows (default: ../shared/roms; '' for none)" })
          .option('json', { type: 'boolean', default: false, describe: 'print the figures as JSON' }),
      async (a) => {
        const { runBench } = await import('./bench.js');
        const workers = a.workers.split(',').map((w) => positiveInt('workers', Number(w)));
        await runBench({
          rom: loadRom(a.rom),
          dormann: a.dormann ?? join(packageRoot, '..', 'shared', 'cpu', '6502_functional_test.bin'),
          repeats: positiveInt('repeats', a.repeats),
          frames: positiveInt('frames', a.frames),
          trainEpisodes: number('train-episodes', a['train-episodes'], (x) => Number.isInteger(x) && x >= 0, 'a whole number >= 0')!,
          ppoIterations: number('ppo-iterations', a['ppo-iterations'], (x) => Number.isInteger(x) && x >= 0, 'a whole number >= 0')!,
          workers: [...new Set(workers)],
          json: a.json,
          games: a.games === '' ? undefined : (a.games ?? join(packageRoot, '..', 'shared', 'roms')),
        });
      },
    )
    .command(
      'disasm [rom]',
      'Print a cartridge as 6502 assembly',
      (y) =>
        y
          .positional('rom', { type: 'string', describe: `ROM file, or ${BUILTIN_ROM} (default: $PONG_TRAIN_ROM, else the built-in game)` })
          .option('from', { type: 'string', describe: 'start address in each bank, hex: F900, 0xF900 or $F900 [its first byte]' })
          .option('count', { type: 'number', describe: 'lines per bank at the most [all]' }),
      async (a) => {
        const { printDisasm } = await import('./disasm.js');
        printDisasm(a.rom, { from: a.from, count: a.count === undefined ? undefined : positiveInt('count', a.count) });
      },
    )
    .command(
      'games',
      "List the games pong-train knows: name, ROM md5, controller, ALE's minimal action set",
      (y) => y,
      async () => {
        const { gamesListing } = await import('./games.js');
        process.stdout.write(gamesListing());
      },
    )
    .command(
      'plot <log>',
      'Draw a training log as a PNG curve',
      (y) =>
        y
          .positional('log', { type: 'string', demandOption: true, describe: 'the CSV written by train --log' })
          .option('out', { type: 'string', demandOption: true, describe: 'PNG file to write' })
          .option('title', { type: 'string', describe: 'title above the plot' }),
      async (a) => {
        const { plotLog } = await import('./plot.js');
        checkOutputFile(a.out, '--out');
        const n = plotLog(a.log!, a.out, a.title);
        process.stdout.write(`plotted ${n} episodes to ${a.out}\n`);
      },
    )
    .demandCommand(1, 'name a command: pong-train --help lists them')
    .strict()
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version()
    .wrap(null)
    .fail((msg, err) => {
      if (err) throw err;
      const command = commandTyped();
      throw new UserError(`${msg.replace(/:?\s*\n\s*/g, ': ')} (see pong-train ${command === undefined ? '' : command + ' '}--help)`);
    })
    .parseAsync();
}

main(hideBin(process.argv)).catch(reportAndExit);
