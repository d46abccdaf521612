// `pong-train watch`: a local web server for a page where the emulator and the policy run in
// the browser. It serves the page, the compiled ES modules as they are (dist/web, dist/emulator,
// dist/agent: the same files Node runs; no bundler, nothing from elsewhere), the ROM and the
// policy's weights. Everything comes from local files; nothing is sent anywhere.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, sep } from 'node:path';
import { UserError } from './errors.js';
import { packageRoot, type LoadedRom } from './rom.js';
import type { WatchSetup } from '../web/protocol.js';
import { policyPayload } from './watch-policy.js';
import { playedAsPong } from './rollout.js';
import { gameForMd5 } from '../emulator/games.js';
import { md5Hex } from '../emulator/rom-file.js';

export interface WatchOptions {
  rom: LoadedRom;
  checkpoint?: string;
  port: number;
  host: string;
  /** Called with the page's address once the server listens. */
  onListening?: (url: string) => void;
}


const DIST = join(packageRoot, 'dist');
// The page's own files (not compiled) sit in web/ beside the sources.
const PAGE_FILES: Record<string, { file: string; type: string }> = {
  '/': { file: join(packageRoot, 'web', 'index.html'), type: 'text/html; charset=utf-8' },
  '/watch.css': { file: join(packageRoot, 'web', 'watch.css'), type: 'text/css; charset=utf-8' },
};
// Compiled module folders the page may load, and only their .js files.
const MODULE_DIRS = ['web', 'emulator', 'agent'];

/** Starts the server; resolves when it has stopped (Ctrl-C or SIGTERM). */
export async function watch(o: WatchOptions): Promise<void> {
  for (const [, { file }] of Object.entries(PAGE_FILES)) {
    if (!existsSync(file)) throw new UserError(`the watch page's ${file} is missing: reinstall pong-train`);
  }
  if (!existsSync(join(DIST, 'web', 'page.js'))) throw new UserError(`${join(DIST, 'web', 'page.js')} is missing: build pong-train first (npm run build)`);
  // The page's keys move Pong's paddle and its agents see Pong's playfield.
  const game = gameForMd5(md5Hex(o.rom.bytes));
  if (!playedAsPong(game)) throw new UserError(`the watch page plays Pong; ${game.name} is not: watch a trained agent play it with play --gif FILE`);
  // Read the checkpoint before listening, so a bad one is one line and no server.
  const payload = o.checkpoint === undefined ? null : policyPayload(o.checkpoint);
  const setup: WatchSetup = { game: o.rom.label, policy: payload?.info ?? null };
  const setupJson = JSON.stringify(setup);

  const server = createServer((req, res) => {
    try {
      route(req, res);
    } catch (e) {
      send(res, 500, 'text/plain; charset=utf-8', `internal error: ${(e as Error).message}\n`);
    }
  });

  const route = (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'only GET\n');
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/api/setup.json') return send(res, 200, 'application/json', setupJson);
    if (path === '/api/rom.bin') return send(res, 200, 'application/octet-stream', o.rom.bytes);
    if (path === '/api/weights.bin') {
      if (!payload) return send(res, 404, 'text/plain; charset=utf-8', 'no checkpoint: start watch with --checkpoint FILE\n');
      return send(res, 200, 'application/octet-stream', payload.weights);
    }
    const page = PAGE_FILES[path];
    if (page) return sendFile(res, page.file, page.type);
    const file = moduleFile(path);
    if (file) return sendFile(res, file, 'text/javascript; charset=utf-8');
    send(res, 404, 'text/plain; charset=utf-8', `not found: ${path}\n`);
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => reject(listenError(e, o.host, o.port)));
    server.listen(o.port, o.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${o.host.includes(':') ? `[${o.host}]` : o.host}:${port}/`;
  process.stdout.write(`watch: open ${url} in a browser (Ctrl-C stops the server)\n`);
  o.onListening?.(url);

  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      // Open keep-alive connections would hold close() up; the page needs nothing more.
      server.closeAllConnections();
      server.close(() => resolve());
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  process.stdout.write('watch: server stopped\n');
}

/**
 * /web/x.js, /emulator/x.js, /agent/x.js (or one folder down: the game table's
 * /emulator/games/x.js) → the compiled file, if it is one of those.
 */
function moduleFile(path: string): string | undefined {
  const m = /^\/([a-z]+)\/((?:[a-z]+\/)?[A-Za-z0-9_-][A-Za-z0-9._-]*\.js)$/.exec(path);
  if (!m || !MODULE_DIRS.includes(m[1])) return undefined;
  const file = normalize(join(DIST, m[1], m[2]));
  if (!file.startsWith(join(DIST, m[1]) + sep)) return undefined;
  try {
    return statSync(file).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}

function send(res: ServerResponse, status: number, type: string, body: string | Uint8Array): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

function sendFile(res: ServerResponse, file: string, type: string): void {
  res.writeHead(200, { 'Content-Type': type, 'Content-Length': statSync(file).size, 'Cache-Control': 'no-store' });
  if (res.req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
}

function listenError(e: NodeJS.ErrnoException, host: string, port: number): Error {
  if (e.code === 'EADDRINUSE') return new UserError(`port ${port} on ${host} is already in use: stop what uses it, or pick another with --port`);
  if (e.code === 'EACCES') return new UserError(`not allowed to listen on port ${port}: pick one above 1023 with --port`);
  if (e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND') return new UserError(`--host ${host} is not an address of this machine (127.0.0.1 is the default)`);
  return new UserError(`cannot listen on ${host}:${port} (${e.code ?? e.message})`);
}
