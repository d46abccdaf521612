// Shared by the watch tests: a checkpoint whose p(up) visibly moves, and the server.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeCheckpoint } from '../cli/checkpoint-file.js';
import { Learner } from '../agent/learner.js';
import { projectRoot } from './paths.js';

const cli = join(projectRoot, 'dist', 'cli', 'main.js');

/** A checkpoint with Karpathy's initial weights, made larger so that p(up) swings visibly. */
export function makeLoudCheckpoint(path: string): void {
  const learner = new Learner({ seed: 7 });
  for (let i = 0; i < learner.policy.w1t.length; i++) learner.policy.w1t[i] *= 40;
  writeFileSync(path, encodeCheckpoint(learner, { env: { frameSkip: [2, 4], sticky: 0.25, maxEpisodeFrames: 0 } }));
}

/** Starts `pong-train watch` on a free port; resolves with its URL. */
export function startWatch(args: string[]): Promise<{ url: string; stop: () => Promise<{ code: number | null; stdout: string }> }> {
  const child = spawn(process.execPath, [cli, 'watch', '--port', '0', ...args], { env: { ...process.env, PONG_TRAIN_ROM: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /open (http:\/\/\S+) in a browser/.exec(stdout);
      if (m) {
        resolve({
          url: m[1],
          stop: async () => {
            child.kill('SIGINT');
            const code = await exited;
            return { code, stdout };
          },
        });
      }
    });
    void exited.then((code) => reject(new Error(`watch exited (${code}) before listening: ${stderr.trim()}`)));
  });
}

