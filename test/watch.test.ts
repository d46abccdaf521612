import test from 'tape';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, relative } from 'node:path';
import { Learner } from '../agent/learner.js';
import { PpoLearner } from '../agent/ppo.js';
import { encodeCheckpoint } from '../cli/checkpoint-file.js';
import { Rng } from '../agent/rng.js';
import { makeActor } from '../cli/rollout.js';
import { builtinRom } from '../cli/rom.js';
import { policyPayload } from '../cli/watch-policy.js';
import { AgentPlayer } from '../web/agent-player.js';
import { BUILTIN_GAME_NUMBER, WatchGame } from '../web/game.js';
import { makePolicy } from '../web/policies.js';
import { projectRoot } from './paths.js';
import { makeLoudCheckpoint, startWatch } from './watch-helpers.js';

const cli = join(projectRoot, 'dist', 'cli', 'main.js');
const tmp = mkdtempSync(join(tmpdir(), 'pong-train-watch-'));
// RAM of the built-in game: the paddles' top rows.
const LEFT_Y = 0x06;
const RIGHT_Y = 0x07;

const ckpt = join(tmp, 'loud.ckpt');
makeLoudCheckpoint(ckpt);

test('watch page modules: everything page.js loads is ours, relative, and imports nothing from Node', (t) => {
  const dist = join(projectRoot, 'dist');
  const seen = new Set<string>();
  const bad: string[] = [];
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (!spec.startsWith('./') && !spec.startsWith('../')) {
        bad.push(`${relative(dist, file)} imports ${spec}`);
        continue;
      }
      const target = normalize(join(dirname(file), spec));
      const top = relative(dist, target).split(/[\\/]/)[0];
      if (!['web', 'emulator', 'agent'].includes(top)) bad.push(`${relative(dist, file)} reaches outside the served folders: ${spec}`);
      else visit(target);
    }
  };
  visit(join(dist, 'web', 'page.js'));
  t.deepEqual(bad, [], 'no Node or package imports');
  t.ok(seen.has(join(dist, 'emulator', 'env.js')) || seen.has(join(dist, 'emulator', 'atari2600.js')), 'the emulator is among them');
  t.ok(seen.has(join(dist, 'agent', 'policy.js')), 'the policy is among them');
  // Paths inside dist only: the checkout's own folder may hold these words (a worktree named wt-traces).
  t.notOk([...seen].some((f) => /checkpoint|trace|rom-file/.test(relative(dist, f))), 'not checkpoint.js, trace.js or rom-file.js');
  t.comment(`${seen.size} modules`);
  t.end();
});

test('watch page policy: the pg adapter gives the same p(up) as the training actor, from the weights the server sends', (t) => {
  const { info, weights } = policyPayload(ckpt);
  t.equal(info.kind, 'pg');
  t.deepEqual(info.tensors.map((x) => x.name), ['w1t', 'w2'], 'only the weights: no optimiser state');
  t.equal(weights.length, (6400 * 200 + 200) * 8, 'float64 each');
  const page = makePolicy(info, weights.slice().buffer);
  const learner = new Learner({ seed: 7 });
  for (let i = 0; i < learner.policy.w1t.length; i++) learner.policy.w1t[i] *= 40;
  const actor = makeActor(learner.policy);
  actor.beginEpisode();
  const game = new WatchGame(builtinRom());
  game.start(1);
  const rng = new Rng(1);
  let differ = 0;
  let sawView = 0;
  const ps = new Set<string>();
  for (let f = 0; f < 600; f++) {
    game.step(f % 50 < 25 ? -1 : 1, 0);
    if (f % 3 !== 0) continue;
    actor.act(game.screen, rng);
    const p = page.probabilityUp(game.screen);
    if (p !== actor.lastProbability) differ++;
    ps.add(p.toFixed(2));
    if (page.view.pixels.some((v) => v !== 0)) sawView++;
  }
  t.equal(differ, 0, 'identical p(up) on 200 frames');
  t.ok(ps.size > 5, `p(up) varies (${ps.size} values)`);
  t.ok(sawView > 50, `the view shows the input (non-empty at ${sawView} of 200 decisions)`);
  t.throws(() => makePolicy({ ...info, kind: 'dqn' }, weights.slice().buffer), /cannot run a 'dqn' policy \(it knows: pg, ppo\)/, 'an unknown kind says so');
  t.throws(() => makePolicy(info, new ArrayBuffer(16)), /the weights are 16 bytes/, 'short weights say so');
  t.end();
});

test('watch page policy: the ppo adapter gives the same p(up) as the training actor (75x80 input, first frame against a blank one)', (t) => {
  const learner = new PpoLearner({ seed: 3, hidden: 64 });
  const file = join(tmp, 'ppo.ckpt');
  writeFileSync(file, encodeCheckpoint(learner, { env: { frameSkip: [1, 1], sticky: 0, maxEpisodeFrames: 0 } }));
  const { info, weights } = policyPayload(file);
  t.equal(info.kind, 'ppo');
  t.deepEqual(info.tensors.map((x) => `${x.name} ${x.length}`), ['w1t 384000', 'b1 64', 'w2 128', 'b2 2'], 'the network\'s four arrays, nothing else');
  t.deepEqual([info.frameSkip, info.sticky], [[1, 1], 0], 'played as trained: every frame, no sticky actions');
  const page = makePolicy(info, weights.slice().buffer);
  t.deepEqual([page.view.width, page.view.height], [80, 75], 'a 75x80 view');
  const actor = makeActor(learner.policy);
  actor.beginEpisode();
  const game = new WatchGame(builtinRom());
  game.start(1);
  const rng = new Rng(1);
  let differ = 0;
  const ps = new Set<string>();
  for (let f = 0; f < 300; f++) {
    actor.act(game.screen, rng);
    const p = page.probabilityUp(game.screen);
    if (p !== actor.lastProbability) differ++;
    ps.add(p.toFixed(4));
    game.step(f % 50 < 25 ? -1 : 1, 0);
  }
  t.equal(differ, 0, 'identical p(up) on 300 frames, the first included');
  t.ok(ps.size > 5, `p(up) varies (${ps.size} values)`);
  t.end();
});

test('watch game: the keys\' moves drive the right paddle in game 1 and the left paddle in game 2', (t) => {
  const game = new WatchGame(builtinRom());
  game.start(1);
  const ram = game.console.ram;
  t.equal(ram[BUILTIN_GAME_NUMBER], 0, 'game 1: one player');
  const start = ram[RIGHT_Y];
  for (let i = 0; i < 40; i++) game.step(-1, 0);
  const up = ram[RIGHT_Y];
  for (let i = 0; i < 40; i++) game.step(1, 0);
  const down = ram[RIGHT_Y];
  t.ok(up < start && down > up, `right paddle: ${start} -> up ${up} -> down ${down}`);
  game.start(2);
  t.equal(ram[BUILTIN_GAME_NUMBER], 1, 'game 2: two players (SELECT pressed)');
  const left0 = ram[LEFT_Y];
  for (let i = 0; i < 40; i++) game.step(0, 1);
  const leftDown = ram[LEFT_Y];
  for (let i = 0; i < 40; i++) game.step(0, -1);
  t.ok(leftDown > left0 && ram[LEFT_Y] < leftDown, `left paddle: ${left0} -> down ${leftDown} -> up ${ram[LEFT_Y]}`);
  t.equal(game.frames, 80, 'frames count from the start of the game');
  t.end();
});

test('watch agent: it decides once per frame skip and plays the paddle', (t) => {
  let calls = 0;
  const view = { width: 1, height: 1, pixels: new Float32Array(1) };
  const alwaysUp = { kind: 'test', view, reset: () => undefined, probabilityUp: () => (calls++, 0.9) };
  const agent = new AgentPlayer(alwaysUp, [4, 4], 0);
  const moves = Array.from({ length: 40 }, () => agent.move(new Uint8Array(0)));
  t.equal(calls, 10, '40 frames at frame skip 4: 10 decisions');
  t.ok(moves.every((m) => m === -1), 'greedy with p(up) 0.9: always up');
  t.end();
});

function run(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, PONG_TRAIN_ROM: '' }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('watch server: serves the page, its modules, the ROM and only the weights; nothing outside; Ctrl-C stops it', async (t) => {
  const server = await startWatch(['--checkpoint', ckpt]);
  const get = async (path: string): Promise<Response> => fetch(new URL(path, server.url));
  const page = await get('/');
  t.equal(page.status, 200, 'the page');
  t.ok(/<script type="module" src="\/web\/page.js">/.test(await page.text()), 'it loads page.js as a module');
  const setup = (await (await get('/api/setup.json')).json()) as { game: string; policy: { kind: string } };
  t.equal(setup.game, "pong-train's built-in Pong");
  t.equal(setup.policy.kind, 'pg');
  t.deepEqual(new Uint8Array(await (await get('/api/rom.bin')).arrayBuffer()), builtinRom(), 'the ROM');
  t.equal((await (await get('/api/weights.bin')).arrayBuffer()).byteLength, (6400 * 200 + 200) * 8, 'the weights');
  const mod = await get('/emulator/atari2600.js');
  t.equal(mod.status, 200);
  t.match(mod.headers.get('content-type') ?? '', /^text\/javascript/, 'modules as JavaScript (browsers require it)');
  t.equal((await get('/emulator/games/pong.js')).status, 200, "the game table's modules, one folder down");
  for (const path of ['/cli/main.js', '/emulator/../cli/main.js', '/emulator/games/../../cli/main.js', '/emulator/a/b/c.js', '/emulator/%2e%2e%2fcli%2fmain.js', '/agent/checkpoint.ts', '/package.json', '/test/watch.test.js']) {
    t.equal((await get(path)).status, 404, `not served: ${path}`);
  }
  const stopped = await server.stop();
  t.equal(stopped.code, 0, 'Ctrl-C: exit 0');
  t.match(stopped.stdout, /server stopped/);
  t.end();
});

test('watch server: without a checkpoint there are no weights; bad input is one line and a non-zero exit', async (t) => {
  const server = await startWatch([]);
  const setup = (await (await fetch(new URL('/api/setup.json', server.url))).json()) as { policy: unknown };
  t.equal(setup.policy, null, 'no policy');
  t.equal((await fetch(new URL('/api/weights.bin', server.url))).status, 404, 'no weights');
  const port = new URL(server.url).port;
  const one = (r: { code: number | null; stderr: string }, pattern: RegExp): void => {
    t.notEqual(r.code, 0, 'non-zero exit');
    t.equal(r.stderr.trim().split('\n').length, 1, `one line: ${r.stderr.trim()}`);
    t.match(r.stderr, pattern);
  };
  one(run(['watch', '--port', port]), /port \d+ on 127\.0\.0\.1 is already in use/);
  await server.stop();
  const junk = join(tmp, 'junk.ckpt');
  writeFileSync(junk, 'not a checkpoint');
  one(run(['watch', '--port', '0', '--checkpoint', junk]), /not a pong-train checkpoint/);
  one(run(['watch', '--port', '0', '--checkpoint', join(tmp, 'none.ckpt')]), /not found/);
  one(run(['watch', '--port', '0', '--rom', join(tmp, 'none.bin')]), /ROM file not found/);
  one(run(['watch', '--port', '70000']), /--port must be a whole number from 0 to 65535/);
  t.end();
});

