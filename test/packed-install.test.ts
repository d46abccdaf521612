import test from 'tape';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from './paths.js';

/*
 * The package as a user gets it: packed (`npm pack`), installed from the tarball into an
 * empty folder (its dependencies come from the npm registry), then run there through
 * `npx pong-train` and imported by a script. Nothing of the clone is visible from that
 * folder, so a file missing from package.json's "files" fails here.
 */

const tmp = mkdtempSync(join(tmpdir(), 'pong-train-packed-'));
const app = join(tmp, 'app');

function sh(cmd: string, args: string[], cwd: string, timeout = 300_000): SpawnSyncReturns<string> {
  // PONG_TRAIN_ROM cleared: the installed package must find its own built-in game.
  return spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout, env: { ...process.env, PONG_TRAIN_ROM: '' } });
}
const said = (r: SpawnSyncReturns<string>): string => `exit ${r.status}${r.error ? ` (${r.error.message})` : ''}\n${r.stdout}\n${r.stderr}`.trim();

test('packed install: npm pack, npm install of the tarball in an empty folder, npx pong-train and import', async (t) => {
  t.teardown(() => rmSync(tmp, { recursive: true, force: true }));
  // dist/ is already built (npm test compiles first); --ignore-scripts keeps `prepare` from rebuilding it under the other tests.
  const pack = sh('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], projectRoot);
  t.equal(pack.status, 0, `npm pack: ${pack.status === 0 ? 'ok' : said(pack)}`);
  const tarball = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
  if (!tarball) return t.end();
  const files: string[] = JSON.parse(pack.stdout)[0].files.map((f: { path: string }) => f.path);
  for (const f of ['dist/cli/main.js', 'dist/cli/worker.js', 'dist/index.js', 'dist/index.d.ts', 'roms/pong.asm', 'README.md']) {
    t.ok(files.includes(f), `the tarball holds ${f}`);
  }
  t.notOk(files.some((f) => f.startsWith('dist/test/') || f.endsWith('.bin') || f.startsWith('test/')), 'no tests and no ROM binary in it');

  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'pong-train-user', version: '1.0.0', private: true, type: 'module' }));
  const install = sh('npm', ['install', join(tmp, tarball), '--no-audit', '--no-fund', '--prefer-offline'], app);
  if (install.status !== 0 && /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|network/i.test(install.stderr)) {
    t.skip(`the npm registry is unreachable, so the tarball's dependencies cannot be installed: ${install.stderr.trim().split('\n')[0]}`);
    return t.end();
  }
  t.equal(install.status, 0, `npm install <tarball>: ${install.status === 0 ? 'ok' : said(install)}`);
  t.ok(existsSync(join(app, 'node_modules', 'pong-train', 'dist', 'cli', 'main.js')), 'installed');

  const help = sh('npx', ['pong-train', '--help'], app);
  t.equal(help.status, 0, said(help).slice(0, 300));
  t.match(help.stdout, /pong-train <command> \[options\]/);
  t.match(help.stdout, /pong-train train/);

  const trained = sh('npx', ['pong-train', 'train', '--episodes', '2', '--workers', '1', '--checkpoint', 'run.ckpt', '--log', 'run.csv'], app);
  t.equal(trained.status, 0, `npx pong-train train: ${trained.status === 0 ? 'ok' : said(trained)}`);
  t.match(trained.stdout, /^game: pong-train's built-in Pong$/m, 'the built-in game, assembled from the installed roms/pong.asm');
  t.match(trained.stdout, /^episode +2 +score +\d+ : \d+/m, 'two whole episodes');
  t.ok(existsSync(join(app, 'run.ckpt')) && existsSync(join(app, 'run.csv')), 'checkpoint and log written');

  writeFileSync(
    join(app, 'use.mjs'),
    `import { AtariEnv, builtinRom, train, SCREEN_WIDTH, SCREEN_HEIGHT } from 'pong-train';
const env = new AtariEnv(builtinRom(), { frameSkip: 4, seed: 1 });
const { observation } = env.reset();
let frames = 0;
for (let i = 0; i < 50; i++) frames = env.step(i % env.actionCount).info.episodeFrameNumber;
const { learner } = await train({ rom: builtinRom(), episodes: 1, learner: { hidden: 8 }, preset: 'fast', seed: 1, seedGiven: true,
  env: { maxEpisodeFrames: 300 }, workers: 1, resume: false, saveEvery: 1, quiet: true });
console.log(JSON.stringify({ pixels: observation.length, size: SCREEN_WIDTH * SCREEN_HEIGHT * 3, actions: env.actionMeanings, frames, trained: learner.episodes }));
`,
  );
  const used = sh(process.execPath, ['use.mjs'], app);
  t.equal(used.status, 0, `node use.mjs: ${used.status === 0 ? 'ok' : said(used)}`);
  const out = used.status === 0 ? JSON.parse(used.stdout.trim().split('\n').pop()!) : {};
  t.equal(out.pixels, out.size, 'an RGB observation of the whole screen');
  t.deepEqual(out.actions, ['NOOP', 'FIRE', 'RIGHT', 'LEFT', 'RIGHTFIRE', 'LEFTFIRE'], "the built-in game's actions");
  t.equal(out.frames, 200, '50 steps of 4 frames');
  t.equal(out.trained, 1, 'train() from the package ran an episode in a worker thread');

  // The types ship too: a strict TypeScript user compiles against dist/index.d.ts.
  writeFileSync(
    join(app, 'typed.ts'),
    `import { AtariEnv, builtinRom, type StepResult, type TrainOptions } from 'pong-train';
const env = new AtariEnv(builtinRom());
env.reset();
const r: StepResult = env.step(0);
const o: Partial<TrainOptions> = { episodes: 2 };
export const checked: [boolean, number | undefined] = [r.info.jammed, o.episodes];
`,
  );
  const tsc = join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  const typed = sh(process.execPath, [tsc, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', '--types', 'node', '--typeRoots', join(projectRoot, 'node_modules', '@types'), 'typed.ts'], app);
  t.equal(typed.status, 0, `tsc against the installed types: ${typed.status === 0 ? 'ok' : said(typed)}`);
  t.end();
});
