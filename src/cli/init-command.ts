import { runInit } from '../discovery/init.js';
import { DEFAULT_PROBE_TARGETS, type ProbeTarget } from '../discovery/probe-servers.js';

/**
 * `ricegrade init`: write a starter ricegrade.yaml (and starter.jsonl) from the local model servers, API key
 * variables and GGUF files this machine has, then print what was found and the next command.
 * `env`, `targets` and `out` are injectable for tests.
 */
export async function initCommand(
  opts: { config: string; modelsDir: string; force?: boolean },
  env: NodeJS.ProcessEnv = process.env,
  targets: readonly ProbeTarget[] = DEFAULT_PROBE_TARGETS,
  out: { write(text: string): unknown } = process.stdout,
): Promise<void> {
  const result = await runInit(opts, { env, targets });
  out.write(result.summary);
}
