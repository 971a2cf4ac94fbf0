import type { CompletionRequest, ModelSpec } from '../types.js';
import { canonicalJson } from '../util/canonical-json.js';
import { sha256 } from '../util/hash.js';

/**
 * The cache key of a response: a hash of everything sent upstream — provider, endpoint, model id,
 * non-secret headers, messages, sampling parameters — and the epoch. Never the API key.
 */
export function cacheKey(model: ModelSpec, request: CompletionRequest, epoch: number, task?: unknown): string {
  return sha256(
    canonicalJson({
      provider: model.provider,
      base_url: model.baseUrl,
      model: model.model,
      headers: model.headers,
      replay: model.replay ? { sha256: model.replay.sha256, item: request.itemId } : undefined,
      messages: request.messages,
      temperature: request.temperature,
      max_tokens: request.maxTokens,
      params: request.params,
      epoch,
      task,
    }),
  );
}
