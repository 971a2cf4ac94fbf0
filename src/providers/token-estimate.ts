import type { Tiktoken } from 'js-tiktoken/lite';

let encoder: Promise<Tiktoken> | undefined;

/** Load the o200k_base tokenizer once, on first use (it is large and rarely needed). */
function loadEncoder(): Promise<Tiktoken> {
  encoder ??= Promise.all([import('js-tiktoken/lite'), import('js-tiktoken/ranks/o200k_base')]).then(
    ([lite, ranks]) => new lite.Tiktoken(ranks.default),
  );
  return encoder;
}

/** Token count of `text` with a GPT-family tokenizer: an estimate for upstreams that report no usage. */
export async function estimateTokens(text: string): Promise<number> {
  if (text === '') return 0;
  const enc = await loadEncoder();
  return enc.encode(text, [], []).length;
}
