import { createAnthropicProvider } from './anthropic.js';
import { createLlamaCppProvider } from './llamacpp-provider.js';
import { createOpenAIProvider } from './openai.js';
import type { ProviderFactory } from './provider.js';
import { createReplayProvider } from './replay.js';

/** Providers by the name used in `provider:` of ricegrade.yaml. */
export const PROVIDER_FACTORIES: Record<string, ProviderFactory> = {
  openai: createOpenAIProvider,
  anthropic: createAnthropicProvider,
  llamacpp: createLlamaCppProvider,
  replay: createReplayProvider,
};
