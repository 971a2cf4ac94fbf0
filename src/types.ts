/** Domain types shared across ricegrade. See docs/architecture.md for the data flow. */

export type ChatRole = 'system' | 'user' | 'assistant';

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

/** What an item expects: one answer, any of several answers, or a number. */
export type Expected = string | string[] | number;

/** One input of a suite, with its expected answer and category. */
export interface Item {
  id: string;
  input: string | ChatMessage[];
  expected?: Expected;
  category?: string;
  /** Options of a multiple-choice item, in order (A, B, C, …). */
  choices?: string[];
  /** BBQ-style bias items: the "unknown" option, the biased option (null when it cannot be told) and the context kind. */
  bias?: { unknown: number; biased: number | null; context: 'ambig' | 'disambig' };
  /** Verifiable instructions (IFEval style) the answer must follow, checked by the `ifeval` scorer. */
  constraints?: Constraint[];
  /** A JSON Schema this item's answer must match (the `json` scorer), in place of the suite's. */
  schema?: Record<string, unknown>;
  /**
   * A human's verdict on the answer, to measure a judge against (`scorer: judge`): a rating 1–10, `pass` / `fail`,
   * or `win` / `tie` / `loss` against the baseline; one for any model, or one per model name.
   */
  human?: HumanLabel | Record<string, HumanLabel>;
}

export type HumanLabel = number | 'pass' | 'fail' | 'win' | 'tie' | 'loss';

/** One verifiable instruction: its kind (e.g. `word_count`) and that kind's parameters. */
export interface Constraint {
  kind: string;
  [parameter: string]: unknown;
}

/** A score in [0, 1] with a short human-readable explanation. */
export interface Score {
  value: number;
  detail: string;
  /**
   * The answer the model gave, in comparable form (e.g. "b", "1234"), so that two models can be
   * checked for giving the same answer. Absent when no answer could be read.
   */
  answer?: string;
  /** For log-likelihood multiple choice: the length-normalised result (acc_norm). */
  valueNorm?: number;
}

/** A scorer is a pure function of the item and the model's answer text. */
export type ScoreFn = (item: Item, output: string) => Score;

/** Token usage of one response; `estimated` when the upstream did not report it. */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  estimated: boolean;
}

/** USD per 1M tokens. */
export interface Price {
  input: number;
  output: number;
}

/** Sampling and transport settings of one model, after defaults are applied. */
export interface ModelSettings {
  concurrency: number;
  timeoutMs: number;
  retries: number;
  backoffMs: number;
  maxBackoffMs: number;
  temperature: number;
  maxTokens: number;
  /** Stream answers (Server-Sent Events) to measure time to first token, where the provider supports it. */
  stream: boolean;
  /** Stop sending to a model after this many consecutive failed responses (0 = never). */
  stopAfterErrors: number;
  rpm?: number;
  tpm?: number;
}

/** A model as resolved from the config: everything needed to call it, except the secret itself. */
export interface ModelSpec {
  name: string;
  provider: string;
  model: string;
  baseUrl: string;
  apiKeyEnv?: string;
  price?: Price;
  /** `price: { per_hour }`: USD per hour of measured wall time (local models), instead of per-token prices. */
  pricePerHour?: number;
  /** `price: catalog` not yet resolved: the catalog key to look up in the store's imported catalog. */
  catalogKey?: string;
  settings: ModelSettings;
  /** Extra, non-secret body parameters sent upstream verbatim (e.g. top_p, seed). */
  params: Record<string, unknown>;
  /** Extra, non-secret HTTP headers. */
  headers: Record<string, string>;
  /** For `provider: llamacpp`: the GGUF file and how to run it. */
  local?: { path: string; threads: number; contextSize: number };
  /** For `provider: replay`: the file of recorded outputs and its format. */
  replay?: { path: string; format: string; sha256: string };
  /** `judge`: the model only grades other models' answers (LLM-as-judge) and is not evaluated. */
  role?: 'judge';
}

/** A request to a provider: the messages plus the sampling parameters that define the cache key. */
export interface CompletionRequest {
  /** The item asked about; only providers that answer by item (replay) read it. */
  itemId?: string;
  messages: ChatMessage[];
  temperature: number;
  maxTokens: number;
  params: Record<string, unknown>;
}

/** An upstream failure that survived retries, recorded on the response. */
export interface ResponseError {
  code: string;
  message: string;
  status?: number;
}

/** What a provider returns for one request. Providers never throw for upstream errors. */
export interface CompletionResult {
  text: string;
  finishReason?: string;
  usage?: Usage;
  latencyMs: number;
  /** Time to the first token of the answer, when it was streamed. */
  ttftMs?: number;
  attempts: number;
  error?: ResponseError;
  /** Probability of each choice of a multiple-choice item, when the provider can tell. */
  probs?: number[];
}
