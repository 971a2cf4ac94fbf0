import { RicegradeError } from '../errors.js';

/** Print `error: <message>` (a stack only with --debug) and return the exit code: 2 bad input, 1 failure. */
export function handleFailure(err: unknown, debug: boolean): number {
  if (RicegradeError.isInstance(err)) {
    process.stderr.write(`error: ${err.message}\n`);
    if (debug && err.stack) process.stderr.write(`${err.stack}\n`);
    return err.exitCode;
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`error: ${message}${debug ? '' : ' (run with --debug for details)'}\n`);
  if (debug && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  return 1;
}
