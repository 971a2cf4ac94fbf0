import type { ModelSettings } from '../types.js';

/** Settings used when neither `defaults:` nor the model sets them. Documented in the README. */
export const DEFAULT_SETTINGS: ModelSettings = {
  concurrency: 8,
  timeoutMs: 120_000,
  retries: 5,
  backoffMs: 500,
  maxBackoffMs: 60_000,
  temperature: 0,
  maxTokens: 1024,
  stopAfterErrors: 10,
  stream: true,
};

export const DEFAULT_BASE_URL = { openai: 'https://api.openai.com/v1', anthropic: 'https://api.anthropic.com', llamacpp: '', replay: '' } as const;
/** The key variable a provider uses by default: always for Anthropic, for OpenAI only on its own endpoint. */
export const DEFAULT_API_KEY_ENV = { openai: 'OPENAI_API_KEY', anthropic: 'ANTHROPIC_API_KEY', llamacpp: undefined, replay: undefined } as const;

/** In-process models: 1 thread (on a small machine, 1 thread was 20–100× faster than 2), a 2,048-token context. */
export const DEFAULT_LOCAL = { threads: 1, contextSize: 2048 } as const;
