/**
 * Standalone fake upstream LLM server (no request recording).
 *
 *   node --import tsx test/helpers/fake-llm-server-main.ts [--port N] [--latency-ms N]
 *
 * Prints `listening <port>` on stdout once ready; exits cleanly on SIGTERM/SIGINT.
 */
import { startFakeServer } from './fake-llm-server.js';

function parseArgs(argv: string[]): { port: number; latencyMs: number } {
  const out = { port: 0, latencyMs: 0 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
    const n = Number(value);
    if ((name !== '--port' && name !== '--latency-ms') || value === undefined || !Number.isInteger(n) || n < 0) {
      process.stderr.write(`usage: fake-llm-server-main [--port N] [--latency-ms N] (bad argument: ${arg})\n`);
      process.exit(2);
    }
    if (name === '--port') out.port = n;
    else out.latencyMs = n;
  }
  return out;
}

const { port, latencyMs } = parseArgs(process.argv.slice(2));
const server = await startFakeServer({ port, latencyMs, record: false });
process.stdout.write(`listening ${server.port}\n`);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
