import { z } from 'zod';

/** Providers this build can talk to. Grows as providers land (anthropic, llamacpp, replay). */
export const PROVIDERS = ['openai', 'anthropic', 'llamacpp', 'replay'] as const;

/** Formats a `provider: replay` model can read its recorded outputs from (see `ricegrade import`). */
export const REPLAY_FORMATS = ['jsonl', 'mmlu-pro', 'alpaca-eval', 'lm-eval-samples'] as const;

const positiveInt = z.number().int().positive();
const nonNegativeInt = z.number().int().nonnegative();

/** Transport and sampling settings; every one can be set in `defaults:` and overridden per model. */
const settingsShape = {
  concurrency: positiveInt.optional(),
  timeout_ms: positiveInt.optional(),
  retries: nonNegativeInt.optional(),
  backoff_ms: nonNegativeInt.optional(),
  max_backoff_ms: nonNegativeInt.optional(),
  temperature: z.number().min(0).max(2).optional(),
  max_tokens: positiveInt.optional(),
  rpm: positiveInt.optional(),
  tpm: positiveInt.optional(),
  stop_after_errors: nonNegativeInt.optional(),
  stream: z.boolean().optional(),
};

export const priceSchema = z.strictObject({
  input: z.number().nonnegative(),
  output: z.number().nonnegative(),
});

export const modelSchema = z.strictObject({
  name: z.string().min(1).regex(/^[^\s]+$/, 'must not contain spaces'),
  provider: z.enum(PROVIDERS),
  model: z.string().min(1).optional(),
  path: z.string().min(1).optional(),
  format: z.enum(REPLAY_FORMATS).optional(),
  /** llamacpp: CPU threads (default 1: on small machines 1 thread was 20–100× faster than 2). */
  threads: positiveInt.optional(),
  /** llamacpp: context window in tokens (default 2048). */
  context_size: positiveInt.optional(),
  base_url: z.url({ protocol: /^https?$/ }).optional(),
  api_key_env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name').optional(),
  /** USD per 1M tokens, or `catalog`: looked up in the price catalog (`prices:` or `ricegrade prices import`). */
  price: z.union([priceSchema, z.strictObject({ per_hour: z.number().nonnegative() }), z.literal('catalog')]).optional(),
  /** The catalog entry to use when it is not the model id (e.g. `anthropic/claude-3-5-haiku`). */
  catalog_key: z.string().min(1).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  params: z.record(z.string(), z.unknown()).optional(),
  /** `judge`: only grades answers (a suite's `scorer: { name: judge, judge_model: NAME }`); never evaluated itself. */
  role: z.enum(['candidate', 'judge']).optional(),
  ...settingsShape,
});

/** A scorer by name (`exact`) or with options (`{ name: numeric, tolerance: 0.01 }`). */
export const scorerSpecSchema = z.union([
  z.string().min(1),
  z.looseObject({ name: z.string().min(1) }),
]);

/** Dataset formats: ricegrade's own (JSONL, CSV) and public benchmark files read as they are published. */
export const DATASET_FORMATS = ['jsonl', 'csv', 'gsm8k', 'truthfulqa', 'truthfulqa-mc1', 'bbq', 'mmlu-pro', 'lm-eval-samples'] as const;

export const suiteSchema = z.strictObject({
  name: z.string().min(1).regex(/^[^\s]+$/, 'must not contain spaces'),
  /** A dataset file… */
  path: z.string().min(1).optional(),
  format: z.enum(DATASET_FORMATS).optional(),
  /** …or a built-in generator (`ricegrade suites`), seeded: the same seed gives the same items. */
  generator: z.string().min(1).optional(),
  seed: z.number().int().nonnegative().optional(),
  n: positiveInt.optional(),
  difficulty: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
  /** Optional for generated suites: each generator has a fitting scorer. */
  scorer: scorerSpecSchema.optional(),
  system: z.string().optional(),
  template: z.string().includes('{input}', { message: 'must contain the placeholder {input}' }).optional(),
});

export const configSchema = z.strictObject({
  models: z.array(modelSchema).min(1, 'at least one model is required'),
  suites: z.array(suiteSchema).min(1, 'at least one suite is required'),
  defaults: z.strictObject(settingsShape).optional(),
  epochs: positiveInt.optional(),
  store: z.strictObject({ path: z.string().min(1) }).optional(),
  /** A price catalog file (the LiteLLM JSON format), for models with `price: catalog`. */
  prices: z.string().min(1).optional(),
});

export type RawConfig = z.infer<typeof configSchema>;
export type RawModel = z.infer<typeof modelSchema>;
export type RawSuite = z.infer<typeof suiteSchema>;
