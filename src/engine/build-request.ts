import type { SuiteSpec } from '../config/load.js';
import type { ChatMessage, CompletionRequest, Item, ModelSpec } from '../types.js';

/**
 * The messages sent for an item. A string input becomes one user message (through the suite's
 * `template`, if any); chat messages are sent as written. A suite `system` prompt is prepended
 * unless the item brings its own.
 */
export function buildMessages(item: Item, suite: Pick<SuiteSpec, 'system' | 'template'>): ChatMessage[] {
  const input = typeof item.input === 'string' && item.choices ? `${item.input}\n\n${lettered(item.choices)}` : item.input;
  const messages: ChatMessage[] =
    typeof input === 'string' ? [{ role: 'user', content: suite.template ? suite.template.split('{input}').join(input) : input }] : input;
  if (suite.system && !messages.some((m) => m.role === 'system')) return [{ role: 'system', content: suite.system }, ...messages];
  return messages;
}

export function buildRequest(item: Item, suite: Pick<SuiteSpec, 'system' | 'template'>, model: ModelSpec): CompletionRequest {
  return {
    itemId: item.id,
    messages: buildMessages(item, suite),
    temperature: model.settings.temperature,
    maxTokens: model.settings.maxTokens,
    params: model.params,
  };
}

/** Multiple-choice options as the model sees them: "A. …" lines. */
export function lettered(choices: readonly string[]): string {
  return choices.map((c, i) => `${String.fromCharCode(65 + i)}. ${c}`).join('\n');
}
