/** A mistake by the user (bad flag, missing file): printed as one line, never as a stack trace. */
export class UserError extends Error {
  override name = 'UserError';
}

// Errors the library throws for bad input; the CLI shows their message alone.
const USER_ERROR_NAMES = new Set(['UserError', 'RomError', 'EnvError', 'TraceError', 'CheckpointError']);

export function isUserError(e: unknown): e is Error {
  return e instanceof Error && (USER_ERROR_NAMES.has(e.name) || USER_ERROR_NAMES.has(e.constructor.name));
}

/** Prints the one line and exits non-zero; anything else is a bug and keeps its stack. */
export function reportAndExit(e: unknown): never {
  if (isUserError(e)) {
    process.stderr.write(`pong-train: ${e.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`pong-train: internal error (please report): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(70);
}
