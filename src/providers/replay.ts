import { basename } from 'node:path';
import { RicegradeError } from '../errors.js';
import { readImport } from '../importers/read-import.js';
import { isSkipped, type ImportFormat } from '../importers/types.js';
import type { CompletionRequest, CompletionResult, ModelSpec } from '../types.js';
import type { Provider } from './provider.js';

/**
 * `provider: replay`: answers each item with a recorded output (any `ricegrade import` format), so a
 * config can mix live and recorded models. Recorded outputs carry no token usage: their cost is unknown.
 */
export function createReplayProvider(spec: ModelSpec): Provider {
  const replay = spec.replay;
  if (!replay) throw new RicegradeError('CONFIG_INVALID', `model "${spec.name}": provider replay needs path:`);
  let outputs: Promise<Map<string, string>> | undefined;

  async function load(): Promise<Map<string, string>> {
    const byModel = new Map<string, Map<string, string>>();
    for await (const entry of readImport(replay!.format as ImportFormat, replay!.path, { unscored: true })) {
      if (isSkipped(entry)) continue;
      let map = byModel.get(entry.model);
      if (!map) byModel.set(entry.model, (map = new Map()));
      if (!map.has(entry.itemId)) map.set(entry.itemId, entry.output);
    }
    // The recording of this model: by name, or the only one in the file.
    const chosen = byModel.get(spec.model) ?? (byModel.size === 1 ? [...byModel.values()][0] : undefined);
    if (!chosen) {
      const names = [...byModel.keys()].join(', ') || 'none';
      throw new RicegradeError('DATASET_PARSE', `${basename(replay!.path)}: no recorded outputs of model "${spec.model}" (models in the file: ${names}); set model: to one of them`);
    }
    return chosen;
  }

  return {
    prepare: async () => {
      outputs ??= load();
      await outputs;
    },
    async complete(request: CompletionRequest): Promise<CompletionResult> {
      outputs ??= load();
      const text = request.itemId === undefined ? undefined : (await outputs).get(request.itemId);
      if (text === undefined) {
        return { text: '', latencyMs: 0, attempts: 1, error: { code: 'REPLAY_MISSING', message: `no recorded output for item ${request.itemId} in ${basename(replay.path)}` } };
      }
      return { text, latencyMs: 0, attempts: 1 };
    },
  };
}
