import { RicegradeError } from '../errors.js';
import type { CompletionRequest, CompletionResult, ModelSpec } from '../types.js';
import type { LlamaCppModel } from './llamacpp.js';
import type { LoglikelihoodResult, Provider } from './provider.js';

/**
 * `provider: llamacpp`: a GGUF model run in-process. The model is loaded once, before the run (`prepare`);
 * generation and log-likelihood scoring go through one context, one request at a time.
 */
export function createLlamaCppProvider(spec: ModelSpec): Provider {
  const local = spec.local;
  if (!local) throw new RicegradeError('CONFIG_INVALID', `model "${spec.name}": provider llamacpp needs path:`);
  let loading: Promise<LlamaCppModel> | undefined;
  const model = () => {
    loading ??= import('./llamacpp.js').then((m) =>
      m.loadLlamaCppModel(spec.name, {
        path: local.path,
        threads: local.threads,
        contextSize: local.contextSize,
        maxTokens: spec.settings.maxTokens,
        temperature: spec.settings.temperature,
      }),
    );
    return loading;
  };
  return {
    prepare: async () => {
      await model();
    },
    async complete(request: CompletionRequest): Promise<CompletionResult> {
      return (await model()).complete(request);
    },
    async loglikelihood(context: string, continuations: string[]): Promise<LoglikelihoodResult> {
      const started = performance.now();
      try {
        const results = await (await model()).loglikelihood(context, continuations);
        const tokens = results.reduce((sum, r) => sum + r.tokens, 0);
        return {
          text: '',
          latencyMs: performance.now() - started,
          attempts: 1,
          logLikelihoods: results.map((r) => r.logLikelihood),
          usage: { inputTokens: tokens, outputTokens: 0, estimated: false },
        };
      } catch (err) {
        return { text: '', latencyMs: performance.now() - started, attempts: 1, error: { code: 'PROVIDER_LOCAL', message: (err as Error).message } };
      }
    },
  };
}
