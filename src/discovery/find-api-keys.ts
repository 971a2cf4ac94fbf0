/** A hosted API whose key can be found in the environment, and a model entry to suggest for it. */
export interface HostedApi {
  /** Environment variable holding the key. Only its NAME is ever used. */
  envVar: string;
  /** Human name of the service. */
  label: string;
  provider: 'openai' | 'anthropic';
  /** OpenAI-compatible endpoint root; omitted where the provider's default endpoint applies. */
  baseUrl?: string;
  /** A suggested model id: a placeholder the user is expected to check. */
  model: string;
  /** Suggested `name:` of the model entry. */
  name: string;
}

/**
 * Hosted APIs by the environment variable conventionally holding their key. Only services whose
 * OpenAI-compatible (or native, for Anthropic) endpoint is well established are listed.
 */
export const HOSTED_APIS: readonly HostedApi[] = [
  { envVar: 'OPENAI_API_KEY', label: 'OpenAI', provider: 'openai', model: 'gpt-4o-mini', name: 'gpt-4o-mini' },
  { envVar: 'ANTHROPIC_API_KEY', label: 'Anthropic', provider: 'anthropic', model: 'claude-haiku-4-5', name: 'claude-haiku-4-5' },
  { envVar: 'OPENROUTER_API_KEY', label: 'OpenRouter', provider: 'openai', baseUrl: 'https://openrouter.ai/api/v1', model: 'openai/gpt-4o-mini', name: 'openrouter-gpt-4o-mini' },
  { envVar: 'GROQ_API_KEY', label: 'Groq', provider: 'openai', baseUrl: 'https://api.groq.com/openai/v1', model: 'llama-3.1-8b-instant', name: 'groq-llama-3.1-8b-instant' },
  { envVar: 'TOGETHER_API_KEY', label: 'Together AI', provider: 'openai', baseUrl: 'https://api.together.xyz/v1', model: 'meta-llama/Llama-3.3-70B-Instruct-Turbo', name: 'together-llama-3.3-70b-instruct-turbo' },
  { envVar: 'MISTRAL_API_KEY', label: 'Mistral AI', provider: 'openai', baseUrl: 'https://api.mistral.ai/v1', model: 'mistral-small-latest', name: 'mistral-small-latest' },
  { envVar: 'DEEPSEEK_API_KEY', label: 'DeepSeek', provider: 'openai', baseUrl: 'https://api.deepseek.com/v1', model: 'deepseek-chat', name: 'deepseek-chat' },
];

/**
 * The hosted APIs whose key variable is set (and not blank) in `env`, in the order of HOSTED_APIS.
 * The returned entries carry variable names only: a key's value never leaves this function.
 */
export function findApiKeys(env: NodeJS.ProcessEnv): HostedApi[] {
  return HOSTED_APIS.filter((api) => (env[api.envVar] ?? '').trim() !== '');
}
