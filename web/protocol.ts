// What the watch server (cli/watch.ts) and its page agree on, besides the files themselves:
//   GET /api/setup.json   WatchSetup
//   GET /api/rom.bin      the cartridge image
//   GET /api/weights.bin  the tensors setup.policy lists, little-endian float64 (404 without a policy)
import type { PolicyInfo } from './policies.js';

export interface WatchSetup {
  /** The game as the command line names it, e.g. "pong-train's built-in Pong". */
  game: string;
  /** null: no --checkpoint, so only a person plays. */
  policy: PolicyInfo | null;
}
